// One baseline's content in memory: the items by kind and key, the children of each key (to say what
// was expected), and the per-batch aggregate the learner writes in one upsert.
import type { ItemKind } from './types.js';

export interface ItemStats {
  count: number;
  first: number;
  last: number;
  lo: number | null;
  hi: number | null;
  ivN: number;
  ivSum: number;
  ivSumsq: number;
  ivMin: number | null;
  ivMax: number | null;
}

export interface ItemRecord extends ItemStats {
  readonly kind: ItemKind;
  readonly key: string;
}

/** The key one level up: `a>b|modbus|read` → `a>b|modbus`; a pair's parent is its source. */
export function parentKey(kind: ItemKind, key: string): string {
  if (kind === 'pair') return key.split('>')[0] ?? '';
  if (kind === 'hostmac') return key.split('|')[0] ?? '';
  const cut = key.lastIndexOf('|');
  return cut < 0 ? '' : key.slice(0, cut);
}

export const childName = (kind: ItemKind, key: string): string => (kind === 'pair' ? (key.split('>')[1] ?? key) : kind === 'hostmac' ? (key.split('|')[1] ?? key) : key.slice(key.lastIndexOf('|') + 1));

export interface BaselineModel {
  has(kind: ItemKind, key: string): boolean;
  get(kind: ItemKind, key: string): ItemStats | undefined;
  /** Names of the known children of a parent key (e.g. the functions of `a>b|modbus`), sorted. */
  children(kind: ItemKind, parent: string): readonly string[];
  size(kind: ItemKind): number;
}

export function buildModel(items: readonly ItemRecord[]): BaselineModel {
  const byKind = new Map<ItemKind, Map<string, ItemStats>>();
  const kids = new Map<string, string[]>();
  for (const it of items) {
    let m = byKind.get(it.kind);
    if (m === undefined) byKind.set(it.kind, (m = new Map()));
    m.set(it.key, it);
    const p = `${it.kind}\u0000${parentKey(it.kind, it.key)}`;
    const list = kids.get(p);
    if (list === undefined) kids.set(p, [childName(it.kind, it.key)]);
    else list.push(childName(it.kind, it.key));
  }
  for (const list of kids.values()) list.sort();
  return {
    has: (kind, key) => byKind.get(kind)?.has(key) ?? false,
    get: (kind, key) => byKind.get(kind)?.get(key),
    children: (kind, parent) => kids.get(`${kind}\u0000${parent}`) ?? [],
    size: (kind) => byKind.get(kind)?.size ?? 0,
  };
}

/** Mean and standard deviation of a polling item's intervals. */
export function intervalOf(s: Pick<ItemStats, 'ivN' | 'ivSum' | 'ivSumsq'>): { mean: number; std: number } {
  if (s.ivN <= 0) return { mean: 0, std: 0 };
  const mean = s.ivSum / s.ivN;
  return { mean, std: Math.sqrt(Math.max(0, s.ivSumsq / s.ivN - mean * mean)) };
}

/** Learnt items of one batch, keyed by baseline, kind and key; merged into the stored ones by one upsert. */
export class ItemAggregate {
  readonly entries = new Map<string, ItemRecord & { readonly baselineId: string }>();

  add(baselineId: string, kind: ItemKind, key: string, t0: number, t1: number, n: number): ItemStats {
    const k = `${baselineId}\u0000${kind}\u0000${key}`;
    let e = this.entries.get(k);
    if (e === undefined) {
      e = { baselineId, kind, key, count: 0, first: t0, last: t1, lo: null, hi: null, ivN: 0, ivSum: 0, ivSumsq: 0, ivMin: null, ivMax: null };
      this.entries.set(k, e);
    }
    e.count += n;
    e.first = Math.min(e.first, t0);
    e.last = Math.max(e.last, t1);
    return e;
  }

  /** Drops what was written. */
  clear(): void {
    this.entries.clear();
  }
}

export function widen(s: ItemStats, lo: number, hi: number): void {
  s.lo = s.lo === null ? lo : Math.min(s.lo, lo);
  s.hi = s.hi === null ? hi : Math.max(s.hi, hi);
}

export function addInterval(s: ItemStats, value: number, weight: number): void {
  s.ivN += weight;
  s.ivSum += value * weight;
  s.ivSumsq += value * value * weight;
  s.ivMin = s.ivMin === null ? value : Math.min(s.ivMin, value);
  s.ivMax = s.ivMax === null ? value : Math.max(s.ivMax, value);
}
