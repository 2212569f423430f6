// Observation-level semantics: find bindings of observations to the observation expressions of a
// pattern. AND, FOLLOWEDBY and REPEATS need distinct observations (an observed-data with
// number_observed n can be used n times); FOLLOWEDBY needs each earlier part's first_observed to be
// no later than each later part's last_observed; WITHIN needs a window of that length touching every
// observation's interval; START/STOP needs each interval to meet [start, stop).
//
// The search is depth-first with continuations, so a match stops it early and timing constraints prune
// candidates as they are picked instead of filtering complete bindings afterwards.
import { compileComparison } from './compile.js';
import { normalizeObservation, type NormalizedObservation } from './observations.js';
import type { EvaluateOptions, MatchResult, Observation, ObservationExpression, ObservationLeaf, PatternAst } from './types.js';

const DEFAULT_MAX_BINDINGS = 100;
const DEFAULT_MAX_STEPS = 1_000_000;

interface Candidate {
  readonly obs: NormalizedObservation;
  /** Position in the time order (first_observed, then input order). */
  readonly rank: number;
}

interface Context {
  /** Every pick must have last_observed at or after this (set by FOLLOWEDBY). */
  readonly notBefore: number;
  /** START/STOP intervals, [start, stop). */
  readonly ranges: readonly (readonly [number, number])[];
  /** WITHIN windows over the picks made from position `from` on. */
  readonly windows: readonly { readonly ms: number; readonly from: number }[];
  /** REPEATS: the first pick at `pos` must not rank before `minRank`, so each set is found in one order only. */
  readonly orders: readonly { readonly pos: number; readonly minRank: number }[];
}

type Continuation = () => boolean;

class Search {
  readonly picks: Candidate[] = [];
  private readonly used: Int32Array;
  private readonly candidates = new Map<ObservationLeaf, Candidate[]>();
  private steps = 0;
  aborted = false;

  constructor(
    private readonly ordered: readonly Candidate[],
    private readonly maxSteps: number,
  ) {
    this.used = new Int32Array(ordered.length);
  }

  solve(node: ObservationExpression, ctx: Context, cont: Continuation): boolean {
    return this.qualified(node, node.qualifiers.length, ctx, cont);
  }

  /** Qualifiers apply innermost first, so the last one wraps the others. */
  private qualified(node: ObservationExpression, k: number, ctx: Context, cont: Continuation): boolean {
    if (k === 0) return this.bare(node, ctx, cont);
    const q = node.qualifiers[k - 1];
    if (q === undefined) return this.bare(node, ctx, cont);
    if (q.type === 'within') {
      return this.qualified(node, k - 1, { ...ctx, windows: [...ctx.windows, { ms: q.seconds * 1000, from: this.picks.length }] }, cont);
    }
    if (q.type === 'start-stop') {
      return this.qualified(node, k - 1, { ...ctx, ranges: [...ctx.ranges, [q.start.epochMs, q.stop.epochMs]] }, cont);
    }
    const repeat = (i: number, minRank: number): boolean => {
      if (i === q.times) return cont();
      const pos = this.picks.length;
      const inner = i === 0 ? ctx : { ...ctx, orders: [...ctx.orders, { pos, minRank }] };
      return this.qualified(node, k - 1, inner, () => repeat(i + 1, (this.picks[pos] as Candidate).rank));
    };
    return repeat(0, -1);
  }

  private bare(node: ObservationExpression, ctx: Context, cont: Continuation): boolean {
    switch (node.type) {
      case 'observation':
        return this.leaf(node, ctx, cont);
      case 'observation-or':
        for (const operand of node.operands) if (this.solve(operand, ctx, cont)) return true;
        return false;
      case 'observation-and': {
        const all = (i: number): boolean => (i === node.operands.length ? cont() : this.solve(node.operands[i] as ObservationExpression, ctx, () => all(i + 1)));
        return all(0);
      }
      case 'followed-by': {
        const next = (i: number, notBefore: number): boolean => {
          if (i === node.operands.length) return cont();
          const from = this.picks.length;
          const inner = notBefore > ctx.notBefore ? { ...ctx, notBefore } : ctx;
          return this.solve(node.operands[i] as ObservationExpression, inner, () => {
            let latestFirst = notBefore;
            for (let j = from; j < this.picks.length; j++) latestFirst = Math.max(latestFirst, (this.picks[j] as Candidate).obs.first);
            return next(i + 1, latestFirst);
          });
        };
        return next(0, Number.NEGATIVE_INFINITY);
      }
    }
  }

  private leafCandidates(leaf: ObservationLeaf): Candidate[] {
    let list = this.candidates.get(leaf);
    if (list === undefined) {
      const test = compileComparison(leaf.comparison);
      list = this.ordered.filter((c) => c.obs.roots.some((root) => test(root, c.obs.resolve)));
      this.candidates.set(leaf, list);
    }
    return list;
  }

  private leaf(leaf: ObservationLeaf, ctx: Context, cont: Continuation): boolean {
    const list = this.leafCandidates(leaf);
    const picks = this.picks;
    let minRank = -1;
    for (const o of ctx.orders) if (o.pos === picks.length && o.minRank > minRank) minRank = o.minRank;
    let i = minRank < 0 ? 0 : lowerBound(list, minRank);
    for (; i < list.length; i++) {
      if (++this.steps > this.maxSteps) {
        this.aborted = true;
        return true;
      }
      const c = list[i] as Candidate;
      const { first, last, count } = c.obs;
      if ((this.used[c.rank] as number) >= count || last < ctx.notBefore) continue;
      if (!ctx.ranges.every(([start, stop]) => first < stop && last >= start)) continue;
      let fits = true;
      let beyond = false;
      for (const w of ctx.windows) {
        let latestFirst = first;
        let earliestLast = last;
        let earliestLastBefore = Number.POSITIVE_INFINITY;
        for (let j = w.from; j < picks.length; j++) {
          const o = (picks[j] as Candidate).obs;
          if (o.first > latestFirst) latestFirst = o.first;
          if (o.last < earliestLastBefore) earliestLastBefore = o.last;
        }
        if (earliestLastBefore < earliestLast) earliestLast = earliestLastBefore;
        if (latestFirst - earliestLast > w.ms) {
          fits = false;
          // Candidates come in first_observed order: once this one starts too late, so do the rest.
          if (first - earliestLastBefore > w.ms) beyond = true;
        }
      }
      if (beyond) break;
      if (!fits) continue;
      picks.push(c);
      this.used[c.rank] = (this.used[c.rank] as number) + 1;
      const stop = cont();
      picks.pop();
      this.used[c.rank] = (this.used[c.rank] as number) - 1;
      if (stop) return true;
    }
    return false;
  }
}

function lowerBound(list: readonly Candidate[], rank: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Candidate).rank < rank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The fewest observations any binding of the expression uses. */
function minimumPicks(node: ObservationExpression): number {
  let n: number;
  if (node.type === 'observation') n = 1;
  else if (node.type === 'observation-or') n = node.operands.reduce((least, o) => Math.min(least, minimumPicks(o)), Number.POSITIVE_INFINITY);
  else n = node.operands.reduce((sum, o) => sum + minimumPicks(o), 0);
  for (const q of node.qualifiers) if (q.type === 'repeats') n *= q.times;
  return n;
}

/**
 * Evaluates a parsed pattern over observed-data objects and/or Bulwark events. Malformed observations
 * are skipped and listed; the search is bounded (see EvaluateOptions) and says when it was cut short.
 */
export function evaluatePattern(ast: PatternAst, observations: readonly Observation[], options: EvaluateOptions = {}): MatchResult {
  const skipped: { index: number; reason: string }[] = [];
  const normalized: NormalizedObservation[] = [];
  observations.forEach((o, index) => {
    const r = normalizeObservation(o, index);
    if (r.ok) normalized.push(r.observation);
    else skipped.push({ index, reason: r.reason });
  });
  normalized.sort((a, b) => a.first - b.first || a.index - b.index);
  const ordered = normalized.map((obs, rank) => ({ obs, rank }));
  const available = normalized.reduce((sum, o) => sum + o.count, 0);

  const maxBindings = options.maxBindings ?? DEFAULT_MAX_BINDINGS;
  const found = new Map<string, number[]>();
  let truncated = false;
  if (minimumPicks(ast.expression) <= available && maxBindings > 0) {
    const search = new Search(ordered, options.maxSteps ?? DEFAULT_MAX_STEPS);
    const root: Context = { notBefore: Number.NEGATIVE_INFINITY, ranges: [], windows: [], orders: [] };
    try {
      search.solve(ast.expression, root, () => {
        const binding = search.picks.map((c) => c.obs.index).sort((a, b) => a - b);
        found.set(binding.join(','), binding);
        return found.size >= maxBindings;
      });
    } catch (error) {
      // Very large REPEATS counts recurse once per pick; running out of stack means "not decided".
      if (!(error instanceof RangeError)) throw error;
      truncated = true;
    }
    truncated ||= search.aborted;
  }
  const bindings = [...found.values()];
  const observationsUsed = [...new Set(bindings.flat())].sort((a, b) => a - b);
  return { matched: bindings.length > 0, bindings, observations: observationsUsed, truncated, skipped };
}
