// Collects a document's problems with the file, path and position each belongs to.
import type { SigmaProblem, SourcePos } from './types.js';
import type { YMap, YNode } from './yaml-tree.js';

export class ProblemSink {
  readonly problems: SigmaProblem[] = [];
  constructor(private readonly file: string | undefined) {}

  error(path: string, pos: SourcePos, message: string): void {
    this.add(path, pos, message, 'error');
  }

  warning(path: string, pos: SourcePos, message: string): void {
    this.add(path, pos, message, 'warning');
  }

  get errors(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  private add(path: string, pos: SourcePos, message: string, severity: 'error' | 'warning'): void {
    this.problems.push({ ...(this.file !== undefined ? { file: this.file } : {}), path, line: pos.line, column: pos.column, message, severity });
  }
}

/** A string field of a map; a problem when present but not a string (or absent and required). */
export function stringField(map: YMap, key: string, sink: ProblemSink, prefix: string, required = false): string | undefined {
  const e = map.entries.find((x) => x.key === key);
  const path = prefix ? `${prefix}.${key}` : key;
  if (e === undefined) {
    if (required) sink.error(path, map.pos, `\`${key}\` is required`);
    return undefined;
  }
  if (e.value.kind !== 'scalar' || e.value.value === null) {
    sink.error(path, e.value.pos, `\`${key}\` must be text`);
    return undefined;
  }
  return String(e.value.value);
}

/** A list of strings (a single string counts as a list of one). */
export function stringList(node: YNode | undefined, sink: ProblemSink, path: string): string[] {
  if (node === undefined) return [];
  if (node.kind === 'scalar') return node.value === null ? [] : [String(node.value)];
  if (node.kind === 'map') {
    sink.error(path, node.pos, `\`${path}\` must be a list`);
    return [];
  }
  const out: string[] = [];
  for (const item of node.items) {
    if (item.kind !== 'scalar' || item.value === null) sink.error(path, item.pos, `items of \`${path}\` must be text`);
    else out.push(String(item.value));
  }
  return out;
}
