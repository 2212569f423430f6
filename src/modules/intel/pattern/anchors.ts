// Index keys for a comparison expression: values that any matching object must show at some path, so
// that the matcher only evaluates indicators whose keys an event hits. An expression without such keys
// (NOT, !=, ordering, MATCHES, EXISTS, LIKE without a literal end) is "unanchored" and scanned by type.
import type { ComparisonExpression, PathStep, PropertyComparison } from './types.js';
import { likeAffixes } from './regex.js';
import { ipv4Network, parseIpBlock } from './values.js';

/** Shorter literal ends would select too many values to be worth indexing. */
const MIN_AFFIX = 3;

export type AnchorKey =
  | { readonly kind: 'equal'; readonly value: string | number | boolean }
  | { readonly kind: 'prefix'; readonly text: string }
  | { readonly kind: 'suffix'; readonly text: string }
  | { readonly kind: 'cidr4'; readonly prefix: number; readonly network: number };

export interface Anchor {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  readonly key: AnchorKey;
}

export interface AnchorSet {
  readonly anchors: readonly Anchor[];
  /** A hit on any anchor proves the expression true for that object (no evaluation needed). */
  readonly exact: boolean;
}

function lastPropertyName(steps: readonly PathStep[]): string | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as PathStep;
    if (s.kind === 'property') return s.name;
  }
  return undefined;
}

function comparisonAnchors(e: PropertyComparison): AnchorSet | undefined {
  if (e.negated) return undefined;
  const { objectType, steps } = e.path;
  // Byte-valued properties compare decoded, which the raw JSON value in an index cannot show.
  const last = lastPropertyName(steps);
  if (last !== undefined && (last.endsWith('_hex') || last.endsWith('_bin'))) return undefined;
  const anchor = (key: AnchorKey): Anchor => ({ objectType, steps, key });
  const v = e.value;
  if (e.operator === 'IN' && v.type === 'set') {
    const anchors: Anchor[] = [];
    for (const c of v.values) {
      if (c.type === 'binary' || c.type === 'timestamp') return undefined;
      anchors.push(anchor({ kind: 'equal', value: c.value }));
    }
    return { anchors, exact: true };
  }
  if (v.type === 'set') return undefined;
  if (e.operator === '=') {
    if (v.type === 'binary' || v.type === 'timestamp') return undefined;
    return { anchors: [anchor({ kind: 'equal', value: v.value })], exact: true };
  }
  if (e.operator === 'LIKE' && v.type === 'string') {
    const { prefix, suffix, wildcards } = likeAffixes(v.value);
    if (!wildcards) return { anchors: [anchor({ kind: 'equal', value: v.value })], exact: true };
    if (prefix.length >= MIN_AFFIX && prefix.length >= suffix.length) return { anchors: [anchor({ kind: 'prefix', text: prefix })], exact: false };
    if (suffix.length >= MIN_AFFIX) return { anchors: [anchor({ kind: 'suffix', text: suffix })], exact: false };
    return undefined;
  }
  if (e.operator === 'ISSUBSET' && v.type === 'string') {
    const block = parseIpBlock(v.value);
    if (block === undefined || block.v6) return undefined;
    return { anchors: [anchor({ kind: 'cidr4', prefix: block.prefix, network: ipv4Network(Number(block.address), block.prefix) })], exact: true };
  }
  return undefined;
}

/** Keys for an expression, or undefined when it has none (it must then be scanned). */
export function anchorsOf(e: ComparisonExpression): AnchorSet | undefined {
  switch (e.type) {
    case 'comparison':
      return comparisonAnchors(e);
    case 'exists':
      return undefined;
    case 'comparison-or': {
      const anchors: Anchor[] = [];
      let exact = true;
      for (const o of e.operands) {
        const a = anchorsOf(o);
        if (a === undefined) return undefined;
        anchors.push(...a.anchors);
        exact &&= a.exact;
      }
      return { anchors, exact };
    }
    case 'comparison-and': {
      // One operand's keys suffice (the same object must pass them all); take the narrowest.
      let best: AnchorSet | undefined;
      for (const o of e.operands) {
        const a = anchorsOf(o);
        if (a === undefined) continue;
        const equalOnly = a.anchors.every((x) => x.key.kind === 'equal');
        const bestEqualOnly = best?.anchors.every((x) => x.key.kind === 'equal') ?? false;
        if (best === undefined || (equalOnly && !bestEqualOnly) || (equalOnly === bestEqualOnly && a.anchors.length < best.anchors.length)) best = a;
      }
      if (best === undefined) return undefined;
      return { anchors: best.anchors, exact: e.operands.length === 1 && best.exact };
    }
  }
}
