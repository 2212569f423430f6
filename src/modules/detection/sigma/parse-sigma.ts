// parseSigma: a YAML text (one or many documents) into rules, correlation rules and filters, with every
// problem at its line and column. Rule collections: `action: global` documents are merged into the
// documents that follow until `action: reset`; `action: repeat` repeats the previous document with changes.
import { parseCorrelation } from './correlation-parse.js';
import { parseDetection } from './detection-parse.js';
import { ProblemSink, stringField, stringList } from './problems.js';
import {
  sigmaLevels, sigmaStatuses,
  type CorrelationRule, type SigmaFilter, type SigmaLevel, type SigmaLogsource, type SigmaParseResult, type SigmaProblem, type SigmaRule, type SigmaStatus, type SourcePos,
} from './types.js';
import { entry, readYaml, type YEntry, type YMap, type YNode } from './yaml-tree.js';

export interface ParseOptions {
  readonly file?: string;
}

export function parseSigma(text: string, options: ParseOptions = {}): SigmaParseResult {
  const { file } = options;
  const read = readYaml(text, file);
  const problems: SigmaProblem[] = [...read.problems];
  const rules: SigmaRule[] = [];
  const correlations: CorrelationRule[] = [];
  const filters: SigmaFilter[] = [];
  let invalid = read.problems.length > 0 ? 1 : 0;
  let global: YMap | undefined;
  let previous: YMap | undefined;
  for (const doc of read.documents) {
    const sink = new ProblemSink(file);
    const root = doc.root;
    if (root === null) continue;
    if (root.kind !== 'map') {
      sink.error('', doc.pos, 'a Sigma document is a map (title, logsource, detection ...)');
      problems.push(...sink.problems);
      invalid++;
      continue;
    }
    const action = entry(root, 'action');
    const actionName = action?.value.kind === 'scalar' ? String(action.value.value) : undefined;
    if (actionName === 'global') {
      global = global ? merge(global, without(root, 'action')) : without(root, 'action');
      continue;
    }
    if (actionName === 'reset') {
      global = undefined;
      continue;
    }
    let body: YMap;
    if (actionName === 'repeat') {
      if (previous === undefined) {
        sink.error('action', action?.keyPos ?? doc.pos, '`action: repeat` needs a previous document to repeat');
        problems.push(...sink.problems);
        invalid++;
        continue;
      }
      body = merge(previous, without(root, 'action'));
    } else if (action !== undefined) {
      sink.error('action', action.keyPos, `unknown action \`${String(actionName)}\` (global, reset, repeat)`);
      problems.push(...sink.problems);
      invalid++;
      continue;
    } else body = global ? merge(global, root) : root;
    previous = body;
    const parsed = parseDocument(body, sink, file);
    problems.push(...sink.problems);
    if (sink.errors > 0 || parsed === undefined) invalid++;
    else if (parsed.kind === 'rule') rules.push(parsed);
    else if (parsed.kind === 'correlation') correlations.push(parsed);
    else filters.push(parsed);
  }
  return { rules, correlations, filters, problems, invalid };
}

function without(map: YMap, key: string): YMap {
  return { ...map, entries: map.entries.filter((e) => e.key !== key) };
}

/** `over` on top of `base`: maps merge key by key, anything else is replaced. */
function merge(base: YMap, over: YMap): YMap {
  const entries: YEntry[] = base.entries.map((e) => {
    const o = over.entries.find((x) => x.key === e.key);
    if (o === undefined) return e;
    return e.value.kind === 'map' && o.value.kind === 'map' ? { ...o, value: merge(e.value, o.value) } : o;
  });
  for (const o of over.entries) if (!base.entries.some((e) => e.key === o.key)) entries.push(o);
  return { kind: 'map', entries, pos: over.pos };
}

function parseDocument(map: YMap, sink: ProblemSink, file: string | undefined): SigmaRule | CorrelationRule | SigmaFilter | undefined {
  const pos = map.entries[0]?.keyPos ?? map.pos;
  const hasCorrelation = entry(map, 'correlation') !== undefined;
  const hasFilter = entry(map, 'filter') !== undefined && entry(map, 'detection') === undefined;
  const meta = parseMeta(map, sink);
  if (hasCorrelation) return parseCorrelation(map, meta, sink, file, pos);
  if (hasFilter) return parseFilter(map, meta, sink, file, pos);
  return parseRule(map, meta, sink, file, pos);
}

export interface Meta {
  readonly id?: string;
  readonly name?: string;
  readonly title: string;
  readonly description?: string;
  readonly status?: SigmaStatus;
  readonly level?: SigmaLevel;
  readonly tags: readonly string[];
  readonly techniques: readonly string[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tagSyntax = /^[a-z0-9_-]+(\.[a-z0-9_.-]+)+$/;
const techniqueTag = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;
const dateSyntax = /^\d{4}-\d{2}-\d{2}$/;

function parseMeta(map: YMap, sink: ProblemSink): Meta {
  const title = stringField(map, 'title', sink, '', true) ?? '';
  if (title.length > 256) sink.error('title', entry(map, 'title')?.value.pos ?? map.pos, 'a title has at most 256 characters');
  const id = stringField(map, 'id', sink, '');
  if (id !== undefined && !uuid.test(id)) sink.warning('id', entry(map, 'id')?.value.pos ?? map.pos, 'an id should be a UUID');
  const name = stringField(map, 'name', sink, '');
  const description = stringField(map, 'description', sink, '');
  const status = enumField(map, 'status', sigmaStatuses, sink);
  const level = enumField(map, 'level', sigmaLevels, sink);
  const tagEntry = entry(map, 'tags');
  const tags = stringList(tagEntry?.value, sink, 'tags');
  const techniques: string[] = [];
  tags.forEach((tag, index) => {
    const node = tagEntry?.value.kind === 'seq' ? tagEntry.value.items[index] : tagEntry?.value;
    if (!tagSyntax.test(tag)) sink.warning('tags', node?.pos ?? map.pos, `tag \`${tag}\` should be lower-case, namespaced with dots (attack.t0843)`);
    const technique = techniqueTag.exec(tag);
    if (technique) techniques.push((technique[1] as string).toUpperCase());
  });
  for (const key of ['date', 'modified']) {
    const e = entry(map, key);
    if (e && !(e.value.kind === 'scalar' && dateSyntax.test(String(e.value.value)))) sink.warning(key, e.value.pos, `\`${key}\` should be a date YYYY-MM-DD`);
  }
  const related = entry(map, 'related');
  if (related) checkRelated(related.value, sink);
  return {
    title,
    tags,
    techniques,
    ...(id !== undefined ? { id } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(level !== undefined ? { level } : {}),
  };
}

function checkRelated(node: YNode, sink: ProblemSink): void {
  const types = ['derived', 'obsolete', 'merged', 'renamed', 'similar'];
  if (node.kind !== 'seq') {
    sink.error('related', node.pos, '`related` is a list of {id, type}');
    return;
  }
  for (const item of node.items) {
    if (item.kind !== 'map') {
      sink.error('related', item.pos, '`related` is a list of {id, type}');
      continue;
    }
    stringField(item, 'id', sink, 'related', true);
    const type = stringField(item, 'type', sink, 'related', true);
    if (type !== undefined && !types.includes(type)) sink.error('related.type', entry(item, 'type')?.value.pos ?? item.pos, `related type is one of ${types.join(', ')}`);
  }
}

function enumField<T extends string>(map: YMap, key: string, allowed: readonly T[], sink: ProblemSink): T | undefined {
  const value = stringField(map, key, sink, '');
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    sink.error(key, entry(map, key)?.value.pos ?? map.pos, `\`${key}\` is one of ${allowed.join(', ')}`);
    return undefined;
  }
  return value as T;
}

export function parseLogsource(map: YMap, sink: ProblemSink, pos: SourcePos): SigmaLogsource | undefined {
  const e = entry(map, 'logsource');
  if (e === undefined) {
    sink.error('logsource', pos, '`logsource` is required (category, product and/or service)');
    return undefined;
  }
  if (e.value.kind !== 'map') {
    sink.error('logsource', e.value.pos, '`logsource` is a map (category, product, service)');
    return undefined;
  }
  const out: { -readonly [K in keyof SigmaLogsource]: string } = {};
  for (const key of ['category', 'product', 'service', 'definition'] as const) {
    const value = stringField(e.value, key, sink, 'logsource');
    if (value === undefined) continue;
    if (key !== 'definition' && value !== value.toLowerCase()) sink.warning(`logsource.${key}`, entry(e.value, key)?.value.pos ?? e.value.pos, 'logsource values are lower case');
    out[key] = key === 'definition' ? value : value.toLowerCase();
  }
  if (out.category === undefined && out.product === undefined && out.service === undefined) {
    sink.error('logsource', e.value.pos, '`logsource` needs at least one of category, product, service');
  }
  return out;
}

function parseRule(map: YMap, meta: Meta, sink: ProblemSink, file: string | undefined, pos: SourcePos): SigmaRule | undefined {
  const logsource = parseLogsource(map, sink, pos);
  const detection = entry(map, 'detection');
  if (detection === undefined) {
    sink.error('detection', pos, '`detection` is required');
    return undefined;
  }
  if (detection.value.kind !== 'map') {
    sink.error('detection', detection.value.pos, '`detection` is a map of search identifiers and a condition');
    return undefined;
  }
  const parsed = parseDetection(detection.value, sink, 'detection', ['condition']);
  const falsepositives = stringList(entry(map, 'falsepositives')?.value, sink, 'falsepositives');
  if (logsource === undefined || parsed.condition === undefined) return undefined;
  return {
    kind: 'rule',
    ...meta,
    ...(file !== undefined ? { file } : {}),
    pos,
    falsepositives,
    logsource,
    selections: parsed.selections,
    condition: parsed.condition,
    conditionText: parsed.conditionText,
  };
}

function parseFilter(map: YMap, meta: Meta, sink: ProblemSink, file: string | undefined, pos: SourcePos): SigmaFilter | undefined {
  const logsource = parseLogsource(map, sink, pos);
  const filter = entry(map, 'filter');
  if (filter === undefined || filter.value.kind !== 'map') {
    sink.error('filter', filter?.value.pos ?? pos, '`filter` is a map with rules, selections and a condition');
    return undefined;
  }
  const rulesEntry = entry(filter.value, 'rules');
  let rules: readonly string[] | 'any' = [];
  if (rulesEntry === undefined) sink.error('filter.rules', filter.value.pos, '`rules` is required: the ids or names of the rules to filter (or `any`)');
  else if (rulesEntry.value.kind === 'scalar' && String(rulesEntry.value.value).toLowerCase() === 'any') rules = 'any';
  else {
    rules = stringList(rulesEntry.value, sink, 'filter.rules');
    if (rules.length === 0) sink.error('filter.rules', rulesEntry.value.pos, '`rules` cannot be empty');
  }
  const parsed = parseDetection(filter.value, sink, 'filter', ['rules', 'condition']);
  if (logsource === undefined || parsed.condition === undefined) return undefined;
  return {
    kind: 'filter',
    ...(meta.id !== undefined ? { id: meta.id } : {}),
    ...(meta.name !== undefined ? { name: meta.name } : {}),
    title: meta.title,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    ...(file !== undefined ? { file } : {}),
    pos,
    logsource,
    rules,
    selections: parsed.selections,
    condition: parsed.condition,
  };
}
