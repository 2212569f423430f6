// The `detection` section (also a filter's `filter` section): search identifiers as maps, lists of
// maps or keyword lists, modifier chains checked against their values, and the condition.
import { parseCondition } from './condition.js';
import { checkModifiers, isModifier } from './modifiers.js';
import type { ProblemSink } from './problems.js';
import type { ConditionNode, DetectionItem, Selection, SigmaModifier, SigmaScalar, SourcePos } from './types.js';
import type { YMap, YNode, YScalar } from './yaml-tree.js';

export interface DetectionParse {
  readonly selections: Selection[];
  readonly condition?: ConditionNode;
  readonly conditionText: string[];
}

const identifier = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** `reserved` keys of the section that are not search identifiers (`condition`, a filter's `rules`). */
export function parseDetection(map: YMap, sink: ProblemSink, prefix: string, reserved: readonly string[]): DetectionParse {
  const selections: Selection[] = [];
  for (const e of map.entries) {
    if (reserved.includes(e.key)) continue;
    const path = `${prefix}.${e.key}`;
    if (e.key === 'timeframe') {
      sink.error(path, e.keyPos, '`timeframe` is Sigma 1 aggregation; use a correlation rule with `timespan`');
      continue;
    }
    if (!identifier.test(e.key)) {
      sink.error(path, e.keyPos, `\`${e.key}\` is not a usable search identifier (letters, digits, _ . -)`);
      continue;
    }
    const selection = parseSelection(e.key, e.value, e.keyPos, sink, path);
    if (selection) selections.push(selection);
  }
  const names = selections.map((s) => s.name);
  const conditionEntry = map.entries.find((e) => e.key === 'condition');
  if (conditionEntry === undefined) {
    sink.error(`${prefix}.condition`, map.pos, '`condition` is required');
    return { selections, conditionText: [] };
  }
  if (selections.length === 0) sink.error(prefix, map.pos, 'no search identifier (selection) is defined');
  const texts: { scalar: YScalar; text: string }[] = [];
  const value = conditionEntry.value;
  const scalars = value.kind === 'seq' ? value.items : [value];
  for (const item of scalars) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') sink.error(`${prefix}.condition`, item.pos, 'a condition is text (or a list of texts, joined by or)');
    else texts.push({ scalar: item, text: item.value });
  }
  const nodes: ConditionNode[] = [];
  for (const { scalar, text } of texts) {
    const parsed = parseCondition(text, names);
    if (parsed.node) nodes.push(parsed.node);
    for (const error of parsed.errors) sink.error(`${prefix}.condition`, offsetPos(scalar, text, error.offset), error.message);
  }
  if (nodes.length !== texts.length || nodes.length === 0) return { selections, conditionText: texts.map((t) => t.text) };
  const condition: ConditionNode = nodes.length === 1 ? (nodes[0] as ConditionNode) : { op: 'or', args: nodes };
  return { selections, condition, conditionText: texts.map((t) => t.text) };
}

/** The position of a character inside a scalar (its own line and column when the text is one plain line). */
function offsetPos(scalar: YScalar, text: string, offset: number): SourcePos {
  if (!scalar.exact) return scalar.pos;
  const before = text.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  return newlines === 0 ? { line: scalar.pos.line, column: scalar.pos.column + offset } : scalar.pos;
}

function parseSelection(name: string, node: YNode, pos: SourcePos, sink: ProblemSink, path: string): Selection | undefined {
  const before = sink.errors;
  const alternatives: DetectionItem[][] = [];
  if (node.kind === 'map') alternatives.push(parseMap(node, sink, path));
  else if (node.kind === 'scalar') {
    if (node.value === null) sink.error(path, node.pos, 'a selection cannot be empty');
    else alternatives.push([{ field: null, modifiers: [], values: [node.value], pos: node.pos }]);
  } else {
    const maps = node.items.filter((i) => i.kind === 'map');
    const plain = node.items.filter((i) => i.kind === 'scalar');
    if (node.items.length === 0) sink.error(path, node.pos, 'a selection cannot be an empty list');
    if (node.items.some((i) => i.kind === 'seq')) sink.error(path, node.pos, 'a selection list holds maps or keywords, not lists');
    if (maps.length > 0 && plain.length > 0) sink.error(path, node.pos, 'a selection list mixes maps and keywords; split it into two selections');
    for (const m of maps) alternatives.push(parseMap(m as YMap, sink, path));
    if (plain.length > 0 && maps.length === 0) {
      const values = plain.map((p) => (p as YScalar).value);
      if (values.includes(null)) sink.error(path, node.pos, 'null is not a keyword');
      alternatives.push([{ field: null, modifiers: [], values, pos: node.pos }]);
    }
  }
  if (sink.errors > before) return undefined;
  return { name, alternatives, pos };
}

function parseMap(map: YMap, sink: ProblemSink, path: string): DetectionItem[] {
  const items: DetectionItem[] = [];
  if (map.entries.length === 0) sink.error(path, map.pos, 'a selection map cannot be empty');
  for (const e of map.entries) {
    const [field = '', ...modNames] = e.key.split('|');
    const itemPath = `${path}.${e.key}`;
    const modifiers: SigmaModifier[] = [];
    let offset = field.length + 1;
    let ok = true;
    for (const m of modNames) {
      if (!isModifier(m)) {
        sink.error(itemPath, { line: e.keyPos.line, column: e.keyPos.column + offset }, `unknown modifier \`${m}\``);
        ok = false;
      } else modifiers.push(m);
      offset += m.length + 1;
    }
    const values = itemValues(e.value, sink, itemPath);
    if (values === undefined || !ok) continue;
    const keyword = field === '';
    for (const problem of checkModifiers(modifiers, values, keyword)) {
      const column = problem.index === -1 ? e.value.pos.column : e.keyPos.column + modifierOffset(field, modifiers, problem.index);
      const line = problem.index === -1 ? e.value.pos.line : e.keyPos.line;
      sink.error(itemPath, { line, column }, problem.message);
    }
    items.push({ field: keyword ? null : field, modifiers, values, pos: e.keyPos });
  }
  return items;
}

function modifierOffset(field: string, modifiers: readonly SigmaModifier[], index: number): number {
  let offset = field.length + 1;
  for (let i = 0; i < index; i++) offset += (modifiers[i] as string).length + 1;
  return offset;
}

function itemValues(node: YNode, sink: ProblemSink, path: string): SigmaScalar[] | undefined {
  if (node.kind === 'scalar') return [node.value];
  if (node.kind === 'map') {
    sink.error(path, node.pos, 'a field takes a value or a list of values, not a map');
    return undefined;
  }
  if (node.items.length === 0) {
    sink.error(path, node.pos, 'an empty list of values matches nothing');
    return undefined;
  }
  const values: SigmaScalar[] = [];
  for (const item of node.items) {
    if (item.kind !== 'scalar') {
      sink.error(path, item.pos, 'values of a field are plain values (text, numbers, true/false, null)');
      return undefined;
    }
    values.push(item.value);
  }
  return values;
}
