// YAML documents as a small located tree: every map key, sequence item and scalar keeps its line and
// column, so the Sigma validator can point at the exact place (the `yaml` package gives offsets).
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node, type Scalar } from 'yaml';
import type { SigmaProblem, SourcePos } from './types.js';

export type YNode = YMap | YSeq | YScalar;

export interface YEntry {
  readonly key: string;
  readonly keyPos: SourcePos;
  readonly value: YNode;
}

export interface YMap {
  readonly kind: 'map';
  readonly entries: readonly YEntry[];
  readonly pos: SourcePos;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly items: readonly YNode[];
  readonly pos: SourcePos;
}

export interface YScalar {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  /** Where the scalar's text begins (after an opening quote), for columns inside it. */
  readonly pos: SourcePos;
  /** Whether `pos` can be offset by character index (plain or single-line quoted text). */
  readonly exact: boolean;
}

export interface YDocument {
  readonly root: YNode | null;
  readonly pos: SourcePos;
}

export interface YamlRead {
  readonly documents: readonly YDocument[];
  readonly problems: readonly SigmaProblem[];
}

/** All documents of a multi-document YAML text; documents with syntax errors are reported and left out. */
export function readYaml(text: string, file?: string): YamlRead {
  const lines = new LineCounter();
  const problems: SigmaProblem[] = [];
  const documents: YDocument[] = [];
  const at = (offset: number): SourcePos => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  for (const doc of parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const pos = at(error.pos[0]);
        problems.push({ ...(file !== undefined ? { file } : {}), path: '', ...pos, message: `YAML: ${error.message.split('\n')[0] ?? error.code}`, severity: 'error' });
      }
      continue;
    }
    const contents = doc.contents as Node | null;
    const start = contents?.range?.[0] ?? doc.range[0];
    documents.push({ root: contents ? toTree(contents, at, text) : null, pos: at(start) });
  }
  return { documents, problems };
}

function toTree(node: Node, at: (offset: number) => SourcePos, text: string): YNode {
  const start = node.range?.[0] ?? 0;
  if (isMap(node)) {
    const entries: YEntry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value ?? '') : '';
      const keyPos = at(keyNode?.range?.[0] ?? start);
      const valueNode = pair.value as Node | null;
      const value: YNode = valueNode ? toTree(valueNode, at, text) : { kind: 'scalar', value: null, pos: keyPos, exact: false };
      entries.push({ key, keyPos, value });
    }
    return { kind: 'map', entries, pos: at(start) };
  }
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => toTree(item as Node, at, text)), pos: at(start) };
  const scalar = node as Scalar;
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  const block = scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED';
  return { kind: 'scalar', value: scalarValue(scalar, text), pos: at(start + (quoted ? 1 : 0)), exact: !block && !(scalar.type === 'QUOTE_DOUBLE' && source(scalar, text).includes('\\')) };
}

function source(scalar: Scalar, text: string): string {
  return scalar.range ? text.slice(scalar.range[0], scalar.range[1]) : '';
}

/**
 * Plain numbers keep their number only when the text is the number's own spelling: `0x17`, `007` and
 * `1e3` stay the strings the author wrote (Sigma compares values as text).
 */
function scalarValue(scalar: Scalar, text: string): string | number | boolean | null {
  const value = scalar.value;
  if (typeof value === 'number') {
    const written = scalar.range ? source(scalar, text).trim() : String(value);
    return String(value) === written ? value : written;
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  return String(value);
}

export function entry(map: YMap, key: string): YEntry | undefined {
  return map.entries.find((e) => e.key === key);
}
