// Many indicators against a stream of events. Equality (=, IN), LIKE with a literal start or end, and
// IPv4 ISSUBSET are looked up by (object type, path, value) in hash maps and tries, so the work per
// event depends on the event and its hits, not on the number of indicators. Indicators without such
// keys are kept per object type and evaluated only for events that carry that type.
//
// Patterns that one event can satisfy are answered per event, without state. Patterns that need several
// observations (AND or FOLLOWEDBY between observation expressions, REPEATS above 1) take the windowed
// path: each keeps the recent events relevant to it and is evaluated in full when one arrives.
import { anchorsOf, type Anchor, type AnchorSet } from './anchors.js';
import { compileComparison, rootTypes, type Resolver } from './compile.js';
import { evaluatePattern } from './evaluate.js';
import { isSingleObservation, observationLeaves } from './inspect.js';
import { isSco } from './observations.js';
import { parsePattern } from './parser.js';
import { PathIndex } from './path-index.js';
import type { BulwarkEvent, ObservationExpression, PathStep, PatternAst, PatternSyntaxError, Sco } from './types.js';
import { timeToEpochMs } from './values.js';

export interface IndicatorInput {
  readonly id: string;
  readonly pattern: string;
}

/** indexed: found through hash keys; scan: evaluated for every event with the right object types;
 * windowed: needs several events, kept in a per-indicator window. */
export type IndicatorMode = 'indexed' | 'scan' | 'windowed';

export type AddIndicatorResult = { readonly success: true; readonly mode: IndicatorMode } | { readonly success: false; readonly error: PatternSyntaxError };

export interface MatcherOptions {
  /** Most events a windowed indicator keeps (default 1,000). */
  readonly windowEvents?: number;
  /** How far back a windowed indicator looks when its pattern has no outer WITHIN (default 3,600 s). */
  readonly windowSeconds?: number;
}

export interface MatcherStats {
  readonly indicators: number;
  readonly indexed: number;
  readonly scan: number;
  readonly windowed: number;
  /** Distinct keys in the index (values, affixes, subnets). */
  readonly keys: number;
}

export interface PatternMatcher {
  /** Adds or replaces an indicator; an unparsable pattern is refused with its syntax error. */
  add(indicator: IndicatorInput): AddIndicatorResult;
  remove(id: string): boolean;
  /** Identifiers of the indicators the event matches (or completes, for windowed ones). Events should
   * arrive in time order; an event without a usable time matches nothing, as in evaluatePattern. */
  match(event: BulwarkEvent): string[];
  mode(id: string): IndicatorMode | undefined;
  stats(): MatcherStats;
  /** Indicators given to createMatcher whose patterns did not parse. */
  readonly rejected: readonly { readonly id: string; readonly error: PatternSyntaxError }[];
}

interface EventView {
  readonly roots: readonly Sco[];
  readonly resolve: Resolver;
  readonly time: number;
}

interface WindowState {
  readonly ast: PatternAst;
  readonly horizonMs: number;
  events: { readonly event: BulwarkEvent; readonly time: number }[];
}

/** Kept small on purpose (100,000 of them): the syntax tree is parsed again when first needed. */
interface Entry {
  readonly id: string;
  readonly pattern: string;
  readonly mode: IndicatorMode;
  /** An index hit alone proves the match. */
  readonly exact: boolean;
  stamp: number;
  test: ((view: EventView) => boolean) | undefined;
  readonly window: WindowState | undefined;
}

/** The per-event test of a pattern that one observation can satisfy. */
function statelessTest(e: ObservationExpression): (view: EventView) => boolean {
  const ranges = e.qualifiers.flatMap((q) => (q.type === 'start-stop' ? [[q.start.epochMs, q.stop.epochMs] as const] : []));
  let inner: (view: EventView) => boolean;
  if (e.type === 'observation') {
    const test = compileComparison(e.comparison);
    inner = (view) => {
      for (const root of view.roots) if (test(root, view.resolve)) return true;
      return false;
    };
  } else {
    const operands = e.operands.map(statelessTest);
    inner = (view) => operands.some((t) => t(view));
  }
  if (ranges.length === 0) return inner;
  return (view) => ranges.every(([start, stop]) => view.time < stop && view.time >= start) && inner(view);
}

/** How an indicator is found: its anchors (for all leaves), or the object types to scan. */
interface Placement {
  readonly mode: IndicatorMode;
  readonly anchors: AnchorSet | undefined;
  readonly scanTypes: ReadonlySet<string>;
}

function placement(e: ObservationExpression): Placement {
  const single = isSingleObservation(e);
  const anchors: Anchor[] = [];
  let exact = single;
  let anchored = true;
  const scanTypes = new Set<string>();
  for (const leaf of observationLeaves(e)) {
    const a = anchorsOf(leaf.comparison);
    for (const t of rootTypes(leaf.comparison)) scanTypes.add(t);
    if (a === undefined) anchored = false;
    else anchors.push(...a.anchors);
    exact &&= a !== undefined && a.exact && leaf.qualifiers.length === 0;
  }
  // Qualifiers on a group (START/STOP) need the evaluation too.
  const groupQualified = (x: ObservationExpression): boolean => x.type !== 'observation' && (x.qualifiers.length > 0 || x.operands.some(groupQualified));
  const mode: IndicatorMode = !single ? 'windowed' : anchored ? 'indexed' : 'scan';
  return { mode, anchors: anchored ? { anchors, exact: exact && !groupQualified(e) } : undefined, scanTypes };
}

function stepsKey(steps: readonly PathStep[]): string {
  return steps.map((s) => (s.kind === 'property' ? `.${s.name}` : s.kind === 'index' ? `[${s.index}]` : '[*]')).join('\u0000');
}

export function createMatcher(indicators: readonly IndicatorInput[] = [], options: MatcherOptions = {}): PatternMatcher {
  const windowEvents = options.windowEvents ?? 1000;
  const windowMs = (options.windowSeconds ?? 3600) * 1000;
  const entries = new Map<string, Entry>();
  const byType = new Map<string, { readonly byKey: Map<string, PathIndex<Entry>>; list: PathIndex<Entry>[] }>();
  const scanByType = new Map<string, Set<Entry>>();
  let epoch = 0;

  function pathIndex(objectType: string, steps: readonly PathStep[], create: boolean): PathIndex<Entry> | undefined {
    let paths = byType.get(objectType);
    if (paths === undefined) {
      if (!create) return undefined;
      byType.set(objectType, (paths = { byKey: new Map(), list: [] }));
    }
    const key = stepsKey(steps);
    let index = paths.byKey.get(key);
    if (index === undefined && create) {
      paths.byKey.set(key, (index = new PathIndex<Entry>(steps)));
      paths.list = [...paths.byKey.values()];
    }
    return index;
  }

  function dropPathIndex(objectType: string, steps: readonly PathStep[]): void {
    const paths = byType.get(objectType);
    if (paths === undefined) return;
    paths.byKey.delete(stepsKey(steps));
    paths.list = [...paths.byKey.values()];
    if (paths.byKey.size === 0) byType.delete(objectType);
  }

  /** Registers (or, with `undo`, unregisters) an entry under its placement. */
  function place(entry: Entry, where: Placement, undo: boolean): void {
    if (where.anchors === undefined) {
      for (const t of where.scanTypes) {
        let set = scanByType.get(t);
        if (set === undefined) {
          if (undo) continue;
          scanByType.set(t, (set = new Set()));
        }
        if (undo) {
          set.delete(entry);
          if (set.size === 0) scanByType.delete(t);
        } else set.add(entry);
      }
      return;
    }
    for (const a of where.anchors.anchors) {
      const index = pathIndex(a.objectType, a.steps, !undo);
      if (index === undefined) continue;
      if (!undo) {
        index.add(a.key, entry);
        continue;
      }
      index.remove(a.key, entry);
      if (index.size === 0) dropPathIndex(a.objectType, a.steps);
    }
  }

  function parsed(entry: Entry): PatternAst {
    if (entry.window !== undefined) return entry.window.ast;
    const r = parsePattern(entry.pattern);
    // It parsed when it was added; the same text parses the same way.
    if (!r.success) throw new Error(`indicator ${entry.id}: pattern no longer parses`);
    return r.pattern;
  }

  function remove(id: string): boolean {
    const entry = entries.get(id);
    if (entry === undefined) return false;
    // Placement is recomputed from the pattern rather than stored, to keep entries small.
    place(entry, placement(parsed(entry).expression), true);
    entries.delete(id);
    return true;
  }

  function add(indicator: IndicatorInput): AddIndicatorResult {
    const r = parsePattern(indicator.pattern);
    if (!r.success) return { success: false, error: r.error };
    remove(indicator.id);
    const ast = r.pattern;
    const where = placement(ast.expression);
    // A WITHIN bounds the whole pattern unless a REPEATS is applied after it.
    let horizonMs = windowMs;
    for (const q of [...ast.expression.qualifiers].reverse()) {
      if (q.type === 'repeats') break;
      if (q.type === 'within') horizonMs = Math.min(horizonMs, q.seconds * 1000);
    }
    const entry: Entry = {
      id: indicator.id,
      pattern: indicator.pattern,
      mode: where.mode,
      exact: where.anchors?.exact ?? false,
      stamp: -1,
      test: undefined,
      window: where.mode === 'windowed' ? { ast, horizonMs, events: [] } : undefined,
    };
    place(entry, where, false);
    entries.set(indicator.id, entry);
    return { success: true, mode: where.mode };
  }

  function testOf(entry: Entry): (view: EventView) => boolean {
    if (entry.test !== undefined) return entry.test;
    const expression = parsed(entry).expression;
    if (entry.window === undefined) return (entry.test = statelessTest(expression));
    // The windowed path first asks whether the event is relevant: does it satisfy any leaf?
    const leafTests = observationLeaves(expression).map((l) => compileComparison(l.comparison));
    return (entry.test = (view) => view.roots.some((root) => leafTests.some((t) => t(root, view.resolve))));
  }

  function windowed(entry: Entry, window: WindowState, event: BulwarkEvent, time: number, out: string[]): void {
    const events = window.events;
    events.push({ event, time });
    // Events older than the horizon can no longer take part in a match; keep the window bounded too.
    let drop = 0;
    while (drop < events.length && (events[drop] as { time: number }).time < time - window.horizonMs) drop++;
    if (events.length - drop > windowEvents) drop = events.length - windowEvents;
    if (drop > 0) events.splice(0, drop);
    const result = evaluatePattern(
      window.ast,
      events.map((w) => w.event),
      { maxBindings: 1, maxSteps: 100_000 },
    );
    if (result.matched) {
      out.push(entry.id);
      // Start afresh, so that one completed sequence is reported once.
      window.events = [];
    }
  }

  // Per-event state lives here rather than in closures made for each event: match() runs often and
  // is not re-entered (the windowed evaluation does not call it).
  let current: Readonly<Record<string, unknown>> = {};
  let currentEvent: BulwarkEvent | undefined;
  let currentOut: string[] = [];
  const roots: Sco[] = [];
  const resolve: Resolver = (ref) => {
    if (!Object.hasOwn(current, ref)) return undefined;
    const target = current[ref];
    return isSco(target) ? target : undefined;
  };
  const view = { roots, resolve, time: 0 };

  const consider = (entry: Entry): void => {
    if (entry.stamp === epoch) return;
    entry.stamp = epoch;
    if (entry.window !== undefined) {
      if (testOf(entry)(view)) windowed(entry, entry.window, currentEvent as BulwarkEvent, view.time, currentOut);
    } else if (entry.exact || testOf(entry)(view)) {
      currentOut.push(entry.id);
    }
  };

  function match(event: BulwarkEvent): string[] {
    const out: string[] = [];
    const time = typeof event?.time === 'number' ? event.time : timeToEpochMs(event?.time);
    if (time === undefined || !Number.isFinite(time) || typeof event.objects !== 'object' || event.objects === null) return out;
    const objects = event.objects;
    roots.length = 0;
    for (const key in objects) {
      if (!Object.hasOwn(objects, key)) continue;
      const o = objects[key];
      if (isSco(o)) roots.push(o);
    }
    current = objects;
    currentEvent = event;
    currentOut = out;
    view.time = time;
    epoch++;
    for (let i = 0; i < roots.length; i++) {
      const root = roots[i] as Sco;
      const indexes = byType.get(root.type)?.list;
      if (indexes !== undefined) for (let j = 0; j < indexes.length; j++) (indexes[j] as PathIndex<Entry>).lookup(root, resolve, consider);
      if (scanByType.size === 0) continue;
      const scan = scanByType.get(root.type);
      // Scan each type once per event, at its first root.
      if (scan !== undefined && !roots.slice(0, i).some((r) => r.type === root.type)) for (const entry of scan) consider(entry);
    }
    currentEvent = undefined;
    current = {};
    return out;
  }

  function stats(): MatcherStats {
    const counts = { indexed: 0, scan: 0, windowed: 0 };
    for (const e of entries.values()) counts[e.mode]++;
    let keys = 0;
    for (const paths of byType.values()) for (const index of paths.list) keys += index.keys;
    return { indicators: entries.size, ...counts, keys };
  }

  const rejected: { id: string; error: PatternSyntaxError }[] = [];
  for (const indicator of indicators) {
    const r = add(indicator);
    if (!r.success) rejected.push({ id: indicator.id, error: r.error });
  }

  return { add, remove, match, mode: (id) => entries.get(id)?.mode, stats, rejected };
}
