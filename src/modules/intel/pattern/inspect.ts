// Read-only walks over a parsed pattern, for validators and the matcher.
import type { ComparisonExpression, ObjectPath, ObservationExpression, ObservationLeaf, PatternAst } from './types.js';

export function observationLeaves(e: ObservationExpression, out: ObservationLeaf[] = []): ObservationLeaf[] {
  if (e.type === 'observation') out.push(e);
  else for (const o of e.operands) observationLeaves(o, out);
  return out;
}

function comparisonPaths(e: ComparisonExpression, out: ObjectPath[]): void {
  if (e.type === 'comparison' || e.type === 'exists') out.push(e.path);
  else for (const o of e.operands) comparisonPaths(o, out);
}

/** Every object path in the pattern, in reading order (a validator checks them against the SCO types). */
export function collectObjectPaths(ast: PatternAst): ObjectPath[] {
  const out: ObjectPath[] = [];
  for (const leaf of observationLeaves(ast.expression)) comparisonPaths(leaf.comparison, out);
  return out;
}

/**
 * Whether one observation can satisfy the pattern: only OR between observation expressions, and no
 * REPEATS above 1 (WITHIN is then always met, START/STOP is a check on the observation's time).
 */
export function isSingleObservation(e: ObservationExpression): boolean {
  if (e.qualifiers.some((q) => q.type === 'repeats' && q.times > 1)) return false;
  if (e.type === 'observation') return true;
  if (e.type === 'observation-or') return e.operands.every(isSingleObservation);
  return false;
}
