// The `correlation` section of a correlation rule: type, referenced rules, group-by, timespan,
// condition (gt, gte, lt, lte, eq, neq; value_count's field), aliases and generate.
import type { Meta } from './parse-sigma.js';
import { stringField, stringList, type ProblemSink } from './problems.js';
import {
  correlationOperators, correlationTypes,
  type CorrelationCondition, type CorrelationOperator, type CorrelationRule, type CorrelationType, type SourcePos,
} from './types.js';
import { entry, type YMap } from './yaml-tree.js';

const units: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseTimespan(text: string): number | undefined {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * (units[m[2] as string] as number);
  return ms > 0 ? ms : undefined;
}

export function parseCorrelation(map: YMap, meta: Meta, sink: ProblemSink, file: string | undefined, pos: SourcePos): CorrelationRule | undefined {
  if (entry(map, 'detection') !== undefined) sink.error('detection', entry(map, 'detection')?.keyPos ?? pos, 'a correlation rule has no `detection`; put the detection in a rule it references');
  const section = entry(map, 'correlation');
  if (section === undefined || section.value.kind !== 'map') {
    sink.error('correlation', section?.value.pos ?? pos, '`correlation` is a map (type, rules, group-by, timespan, condition)');
    return undefined;
  }
  const c = section.value;
  const typeText = stringField(c, 'type', sink, 'correlation', true);
  let type: CorrelationType | undefined;
  if (typeText !== undefined) {
    if ((correlationTypes as readonly string[]).includes(typeText)) type = typeText as CorrelationType;
    else sink.error('correlation.type', entry(c, 'type')?.value.pos ?? c.pos, `\`type\` is one of ${correlationTypes.join(', ')}`);
  }
  const rulesEntry = entry(c, 'rules');
  const rules = stringList(rulesEntry?.value, sink, 'correlation.rules');
  if (rules.length === 0) sink.error('correlation.rules', rulesEntry?.value.pos ?? c.pos, '`rules` lists the ids or names of the rules to correlate');
  if ((type === 'temporal' || type === 'temporal_ordered') && rules.length < 2 && rules.length > 0) {
    sink.error('correlation.rules', rulesEntry?.value.pos ?? c.pos, `\`${type}\` correlates two or more rules`);
  }
  const groupBy = stringList(entry(c, 'group-by')?.value, sink, 'correlation.group-by');
  const timespanText = stringField(c, 'timespan', sink, 'correlation', true);
  const timespanMs = timespanText !== undefined ? parseTimespan(timespanText) : undefined;
  if (timespanText !== undefined && timespanMs === undefined) {
    sink.error('correlation.timespan', entry(c, 'timespan')?.value.pos ?? c.pos, '`timespan` is a positive number and a unit: s, m, h or d (e.g. 90m)');
  }
  const condition = parseCountCondition(c, type, sink);
  const aliases = parseAliases(c, groupBy, sink);
  const generateEntry = entry(c, 'generate') ?? entry(map, 'generate');
  let generate = false;
  if (generateEntry) {
    if (generateEntry.value.kind === 'scalar' && typeof generateEntry.value.value === 'boolean') generate = generateEntry.value.value;
    else sink.error('generate', generateEntry.value.pos, '`generate` is true or false');
  }
  if (type === undefined || timespanMs === undefined || rules.length === 0) return undefined;
  if ((type === 'event_count' || type === 'value_count') && condition === undefined) return undefined;
  return {
    kind: 'correlation',
    ...meta,
    ...(file !== undefined ? { file } : {}),
    pos,
    type,
    rules,
    groupBy,
    timespanMs,
    ...(condition !== undefined ? { condition } : {}),
    aliases,
    generate,
  };
}

function parseCountCondition(c: YMap, type: CorrelationType | undefined, sink: ProblemSink): CorrelationCondition | undefined {
  const e = entry(c, 'condition');
  if (e === undefined) {
    if (type === 'event_count' || type === 'value_count') sink.error('correlation.condition', c.pos, `\`${type}\` needs a \`condition\` (e.g. gte: 10)`);
    return undefined;
  }
  if (e.value.kind !== 'map') {
    sink.error('correlation.condition', e.value.pos, '`condition` is a map such as {gte: 10} (value_count adds `field`)');
    return undefined;
  }
  const bounds: { op: CorrelationOperator; value: number }[] = [];
  let field: string | undefined;
  for (const x of e.value.entries) {
    const path = `correlation.condition.${x.key}`;
    if (x.key === 'field') {
      if (x.value.kind === 'scalar' && typeof x.value.value === 'string' && x.value.value !== '') field = x.value.value;
      else sink.error(path, x.value.pos, '`field` names the field whose distinct values are counted');
      continue;
    }
    if (!(correlationOperators as readonly string[]).includes(x.key)) {
      sink.error(path, x.keyPos, `unknown condition \`${x.key}\` (${correlationOperators.join(', ')})`);
      continue;
    }
    if (x.value.kind !== 'scalar' || typeof x.value.value !== 'number' || !Number.isInteger(x.value.value) || x.value.value < 0) {
      sink.error(path, x.value.pos, `\`${x.key}\` takes a whole number`);
      continue;
    }
    bounds.push({ op: x.key as CorrelationOperator, value: x.value.value });
  }
  if (bounds.length === 0) sink.error('correlation.condition', e.value.pos, 'the condition needs a comparison (gt, gte, lt, lte, eq, neq)');
  if (type === 'value_count' && field === undefined) sink.error('correlation.condition', e.value.pos, '`value_count` needs `field` in its condition');
  if (type !== 'value_count' && field !== undefined) sink.error('correlation.condition.field', e.value.pos, '`field` only applies to value_count');
  return { bounds, ...(field !== undefined ? { field } : {}) };
}

function parseAliases(c: YMap, groupBy: readonly string[], sink: ProblemSink): Record<string, Record<string, string>> {
  const e = entry(c, 'aliases');
  const out: Record<string, Record<string, string>> = {};
  if (e === undefined) return out;
  if (e.value.kind !== 'map') {
    sink.error('correlation.aliases', e.value.pos, '`aliases` maps an alias to {rule name: field}');
    return out;
  }
  for (const alias of e.value.entries) {
    const path = `correlation.aliases.${alias.key}`;
    if (alias.value.kind !== 'map') {
      sink.error(path, alias.value.pos, 'an alias maps rule names to field names');
      continue;
    }
    const fields: Record<string, string> = {};
    for (const x of alias.value.entries) {
      if (x.value.kind === 'scalar' && typeof x.value.value === 'string') fields[x.key] = x.value.value;
      else sink.error(`${path}.${x.key}`, x.value.pos, 'the field of an alias is text');
    }
    if (!groupBy.includes(alias.key)) sink.warning(path, alias.keyPos, `alias \`${alias.key}\` is not used in group-by`);
    out[alias.key] = fields;
  }
  return out;
}
