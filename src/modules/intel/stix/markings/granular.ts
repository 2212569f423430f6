// Markings of one object, and redaction of the granularly marked content a receiver may not see.
import { typeSpec } from '../validation/validate-object.js';
import { parseSelector, type SelectorStep } from './granular-selectors.js';

export interface GranularMarkingEntry {
  readonly markingRef?: string;
  readonly lang?: string;
  readonly selectors: readonly string[];
}

export interface ObjectMarkings {
  /** From `object_marking_refs`: they apply to the whole object. */
  readonly objectMarkingRefs: readonly string[];
  readonly granular: readonly GranularMarkingEntry[];
  /** Every marking-definition id the object refers to, object and granular, without repeats. */
  readonly markingIds: readonly string[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function markingsOf(object: unknown): ObjectMarkings {
  const o = isRecord(object) ? object : {};
  const objectMarkingRefs = Array.isArray(o.object_marking_refs) ? o.object_marking_refs.filter((r): r is string => typeof r === 'string') : [];
  const granular: GranularMarkingEntry[] = [];
  if (Array.isArray(o.granular_markings)) {
    for (const g of o.granular_markings) {
      if (!isRecord(g)) continue;
      const selectors = Array.isArray(g.selectors) ? g.selectors.filter((s): s is string => typeof s === 'string') : [];
      granular.push({
        ...(typeof g.marking_ref === 'string' ? { markingRef: g.marking_ref } : {}),
        ...(typeof g.lang === 'string' ? { lang: g.lang } : {}),
        selectors,
      });
    }
  }
  const markingIds = [...new Set([...objectMarkingRefs, ...granular.flatMap((g) => (g.markingRef === undefined ? [] : [g.markingRef]))])];
  return { objectMarkingRefs, granular, markingIds };
}

export interface Redaction<T> {
  readonly object: T;
  /** Selectors whose content was removed. */
  readonly removed: readonly string[];
  /**
   * False when a required property had to go: the object is no longer valid STIX and must not be
   * shared with this receiver at all.
   */
  readonly complete: boolean;
}

const pathKey = (steps: readonly SelectorStep[]) => JSON.stringify(steps);

function parentOf(root: unknown, steps: readonly SelectorStep[]): unknown {
  let node = root;
  for (const step of steps) {
    if (typeof step === 'number') node = Array.isArray(node) ? node[step] : undefined;
    else node = isRecord(node) ? node[step] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** The selector in the redacted object, or null when its content was removed. */
function remap(steps: readonly SelectorStep[], removedPaths: ReadonlySet<string>, removedIndexes: ReadonlyMap<string, number[]>): SelectorStep[] | null {
  const out: SelectorStep[] = [];
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k] as SelectorStep;
    if (removedPaths.has(pathKey(steps.slice(0, k + 1)))) return null;
    if (typeof step === 'number') {
      const gone = removedIndexes.get(pathKey(steps.slice(0, k))) ?? [];
      out.push(step - gone.filter((g) => g < step).length);
    } else out.push(step);
  }
  return out;
}

function format(steps: readonly SelectorStep[]): string {
  return steps.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.');
}

/**
 * Removes the content selected by granular markings whose marking the receiver may not see, keeps
 * the other granular markings (with list indexes adjusted) and drops lists left empty.
 */
export function redactGranularDetailed<T>(object: T, allowed: (markingId: string) => boolean): Redaction<T> {
  if (!isRecord(object) || !Array.isArray(object.granular_markings)) return { object, removed: [], complete: true };
  const targets = new Map<string, SelectorStep[]>();
  const removed: string[] = [];
  for (const g of object.granular_markings) {
    if (!isRecord(g) || typeof g.marking_ref !== 'string' || allowed(g.marking_ref) || !Array.isArray(g.selectors)) continue;
    for (const s of g.selectors) {
      const steps = typeof s === 'string' ? parseSelector(s) : null;
      if (steps === null || parentOf(object, steps) === undefined) continue;
      targets.set(pathKey(steps), steps);
      removed.push(s as string);
    }
  }
  const withheld = object.granular_markings.filter((g) => isRecord(g) && typeof g.marking_ref === 'string' && !allowed(g.marking_ref)).length;
  if (targets.size === 0 && withheld === 0) return { object, removed: [], complete: true };

  const copy = structuredClone(object) as Json;
  // A target inside another target goes with it.
  const all = [...targets.values()].filter((t) => ![...targets.values()].some((o) => o.length < t.length && pathKey(t.slice(0, o.length)) === pathKey(o)));
  const required = new Set(['type', 'id', ...(typeSpec(String(object.type))?.required ?? [])]);
  let complete = !all.some((t) => t.length === 1 && required.has(String(t[0])));
  const removedPaths = new Set<string>();
  const removedIndexes = new Map<string, number[]>();
  // Properties first (no index shifts), then list items: deepest lists first, highest index first.
  const ordered = [...all].sort((a, b) => {
    const la = typeof a[a.length - 1] === 'number' ? 1 : 0;
    const lb = typeof b[b.length - 1] === 'number' ? 1 : 0;
    if (la !== lb) return la - lb;
    if (a.length !== b.length) return b.length - a.length;
    return (b[b.length - 1] as number) - (a[a.length - 1] as number);
  });
  const touched: SelectorStep[][] = [];
  for (const steps of ordered) {
    const last = steps[steps.length - 1] as SelectorStep;
    const parentSteps = steps.slice(0, -1);
    const parent = parentOf(copy, parentSteps);
    if (typeof last === 'number' && Array.isArray(parent)) {
      parent.splice(last, 1);
      const key = pathKey(parentSteps);
      removedIndexes.set(key, [...(removedIndexes.get(key) ?? []), last]);
    } else if (typeof last === 'string' && isRecord(parent)) {
      if (last === 'type' || last === 'id') continue;
      delete parent[last];
    }
    removedPaths.add(pathKey(steps));
    touched.push(parentSteps);
  }
  // Containers emptied by the removal go too: STIX has no empty lists or dictionaries.
  for (const steps of touched.sort((a, b) => b.length - a.length)) {
    // Paths are kept in original coordinates; find where the container sits now.
    const current = steps.length === 0 ? null : remap(steps, removedPaths, removedIndexes);
    if (current === null) continue;
    const node = parentOf(copy, current);
    const empty = Array.isArray(node) ? node.length === 0 : isRecord(node) && Object.keys(node).length === 0;
    if (!empty) continue;
    const holder = parentOf(copy, current.slice(0, -1));
    const last = current[current.length - 1] as SelectorStep;
    if (Array.isArray(holder) && typeof last === 'number') {
      holder.splice(last, 1);
      const key = pathKey(steps.slice(0, -1));
      removedIndexes.set(key, [...(removedIndexes.get(key) ?? []), steps[steps.length - 1] as number]);
    } else if (isRecord(holder) && typeof last === 'string') delete holder[last];
    removedPaths.add(pathKey(steps));
    if (steps.length === 1 && required.has(String(last))) complete = false;
  }
  const kept: Json[] = [];
  for (const g of object.granular_markings) {
    if (!isRecord(g) || (typeof g.marking_ref === 'string' && !allowed(g.marking_ref))) continue;
    const selectors = (Array.isArray(g.selectors) ? g.selectors : []).flatMap((s) => {
      const steps = typeof s === 'string' ? parseSelector(s) : null;
      const mapped = steps === null ? null : remap(steps, removedPaths, removedIndexes);
      return mapped === null ? [] : [format(mapped)];
    });
    if (selectors.length > 0) kept.push({ ...g, selectors });
  }
  if (kept.length > 0) copy.granular_markings = kept;
  else delete copy.granular_markings;
  return { object: copy as T, removed, complete };
}

/** The object without the granularly marked content the receiver may not see (see redactGranularDetailed). */
export function redactGranular<T>(object: T, allowed: (markingId: string) => boolean): T {
  return redactGranularDetailed(object, allowed).object;
}
