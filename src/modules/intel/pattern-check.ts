// Checks a STIX pattern for the API and the CLI: parse, normalize, and optionally evaluate it against
// observed-data objects (with their SCOs), answering with positions for errors and object indices for matches.
import { collectObjectPaths, evaluatePattern, formatObjectPath, formatPattern, observationsFromBundle, parsePattern } from './pattern/index.js';

export interface PatternCheck {
  readonly valid: boolean;
  readonly normalized: string | null;
  readonly error: { message: string; offset: number; line: number; column: number; expected: string[] } | null;
  readonly objectPaths: string[];
  /** Indices refer to the given objects (the observed-data ones). */
  readonly match: {
    matched: boolean;
    bindings: number[][];
    observations: number[];
    truncated: boolean;
    skipped: { index: number; reason: string }[];
  } | null;
}

export function checkPattern(text: string, objects?: readonly unknown[]): PatternCheck {
  const parsed = parsePattern(text);
  if (!parsed.success) {
    const e = parsed.error;
    return { valid: false, normalized: null, error: { message: e.message, offset: e.offset, line: e.line, column: e.column, expected: [...e.expected] }, objectPaths: [], match: null };
  }
  const objectPaths = [...new Set(collectObjectPaths(parsed.pattern).map(formatObjectPath))];
  let match: PatternCheck['match'] = null;
  if (objects !== undefined) {
    // Observations come back indexed among observed-data objects; map them to positions in `objects`.
    const positions = objects.flatMap((o, i) => ((o as { type?: unknown } | null)?.type === 'observed-data' ? [i] : []));
    const at = (i: number) => positions[i] ?? i;
    const r = evaluatePattern(parsed.pattern, observationsFromBundle(objects));
    match = {
      matched: r.matched,
      bindings: r.bindings.map((b) => b.map(at)),
      observations: r.observations.map(at),
      truncated: r.truncated,
      skipped: r.skipped.map((s) => ({ index: at(s.index), reason: s.reason })),
    };
  }
  return { valid: true, normalized: formatPattern(parsed.pattern), error: null, objectPaths, match };
}
