// Observed-data objects and Bulwark events brought to one shape: a time interval, how many observations
// it stands for, the SCOs to match (roots) and how references between them resolve.
import type { Resolver } from './compile.js';
import type { BulwarkEvent, Observation, ObservedData, ObservedDataObservation, Sco } from './types.js';
import { timeToEpochMs } from './values.js';

export interface NormalizedObservation {
  /** Position in the caller's list. */
  readonly index: number;
  readonly first: number;
  readonly last: number;
  readonly count: number;
  readonly roots: readonly Sco[];
  readonly resolve: Resolver;
}

export type NormalizeResult = { readonly ok: true; readonly observation: NormalizedObservation } | { readonly ok: false; readonly reason: string };

export function isSco(value: unknown): value is Sco {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function localObjects(objects: unknown): { roots: Sco[]; resolve: Resolver } {
  if (!isRecord(objects)) return { roots: [], resolve: () => undefined };
  const roots = Object.values(objects).filter(isSco);
  const resolve: Resolver = (ref) => {
    if (!Object.hasOwn(objects, ref)) return undefined;
    const target = objects[ref];
    return isSco(target) ? target : undefined;
  };
  return { roots, resolve };
}

function fromEvent(event: BulwarkEvent, index: number): NormalizeResult {
  const time = timeToEpochMs(event.time);
  if (time === undefined) return { ok: false, reason: 'event time is not a timestamp' };
  const { roots, resolve } = localObjects(event.objects);
  return { ok: true, observation: { index, first: time, last: time, count: 1, roots, resolve } };
}

function observedInterval(od: ObservedData): { first: number; last: number; count: number } | string {
  const first = timeToEpochMs(od.first_observed);
  const last = timeToEpochMs(od.last_observed);
  if (first === undefined) return 'first_observed is not a timestamp';
  if (last === undefined) return 'last_observed is not a timestamp';
  if (last < first) return 'last_observed is earlier than first_observed';
  const count = od.number_observed;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return 'number_observed is not a positive integer';
  return { first, last, count };
}

function fromObservedData(od: ObservedData, scos: ReadonlyMap<string, Sco> | undefined, index: number): NormalizeResult {
  const interval = observedInterval(od);
  if (typeof interval === 'string') return { ok: false, reason: interval };
  const legacy = localObjects(od.objects);
  const roots = [...legacy.roots];
  for (const ref of Array.isArray(od.object_refs) ? od.object_refs : []) {
    const sco = typeof ref === 'string' ? scos?.get(ref) : undefined;
    if (sco !== undefined) roots.push(sco);
  }
  const resolve: Resolver = scos === undefined ? legacy.resolve : (ref) => scos.get(ref) ?? legacy.resolve(ref);
  return { ok: true, observation: { index, ...interval, roots, resolve } };
}

export function normalizeObservation(o: Observation, index: number): NormalizeResult {
  if (!isRecord(o)) return { ok: false, reason: 'not an object' };
  if ('observedData' in o) {
    const wrapped = o as ObservedDataObservation;
    if (!isRecord(wrapped.observedData)) return { ok: false, reason: 'observedData is not an object' };
    return fromObservedData(wrapped.observedData, wrapped.scos instanceof Map ? wrapped.scos : undefined, index);
  }
  if ((o as { type?: unknown }).type === 'observed-data') return fromObservedData(o as ObservedData, undefined, index);
  if ('time' in o) return fromEvent(o as BulwarkEvent, index);
  return { ok: false, reason: 'neither an observed-data object nor an event with a time' };
}

/**
 * Observations from a list of STIX objects (a bundle's `objects`): each observed-data with every object
 * that has an identifier available to resolve its `object_refs` and the references inside them.
 */
export function observationsFromBundle(objects: readonly unknown[]): ObservedDataObservation[] {
  const scos = new Map<string, Sco>();
  for (const o of objects) {
    if (isSco(o) && typeof o['id'] === 'string' && o.type !== 'observed-data') scos.set(o['id'], o);
  }
  const out: ObservedDataObservation[] = [];
  for (const o of objects) {
    if (isSco(o) && o.type === 'observed-data') out.push({ observedData: o as unknown as ObservedData, scos });
  }
  return out;
}
