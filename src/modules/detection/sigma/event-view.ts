// One event as the compiled rules see it: every field a rule names has a slot, read at most once per
// event, with its text and lower-case forms computed on first use and reused by every rule.
import type { SensedEvent } from '../../sensing/index.js';
import { keywordTexts, type FieldAccessor } from './field-access.js';
import { eventLogsource } from './logsource-map.js';

export type Leaf = string | number | boolean;

/** Slot 0 holds every text of the event (keyword search). */
export const KEYWORDS = 0;

const none: readonly never[] = [];

function leavesOf(value: unknown): readonly Leaf[] {
  if (value === undefined || value === null) return none;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [value];
  if (Array.isArray(value)) return value.filter((v): v is Leaf => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
  return none;
}

/** The slot's one-element array, refilled: valid until the view moves to the next event. */
function single<T>(store: T[][], slot: number, value: T): readonly T[] {
  const arr = store[slot];
  if (arr === undefined) return (store[slot] = [value]);
  arr[0] = value;
  return arr;
}

export class EventView {
  event!: SensedEvent;
  private epoch = 0;
  private readonly rawStamp: Uint32Array;
  private readonly raws: unknown[];
  private readonly leafStamp: Uint32Array;
  private readonly leafCache: (readonly Leaf[])[];
  private readonly textStamp: Uint32Array;
  private readonly textCache: (readonly string[])[];
  private readonly lowerStamp: Uint32Array;
  private readonly lowerCache: (readonly string[])[];
  private logsourceKeys: readonly string[] | undefined;
  private readonly leafOne: Leaf[][] = [];
  private readonly textOne: string[][] = [];
  private readonly lowerOne: string[][] = [];

  constructor(private readonly accessors: readonly FieldAccessor[]) {
    const n = accessors.length;
    this.rawStamp = new Uint32Array(n);
    this.leafStamp = new Uint32Array(n);
    this.textStamp = new Uint32Array(n);
    this.lowerStamp = new Uint32Array(n);
    this.raws = new Array<unknown>(n);
    this.leafCache = new Array<readonly Leaf[]>(n);
    this.textCache = new Array<readonly string[]>(n);
    this.lowerCache = new Array<readonly string[]>(n);
  }

  /** Start on a new event; cached values of the previous one are invalid from here. */
  reset(event: SensedEvent): void {
    this.event = event;
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      // Wrapped around: clear the stamps so none equals the new epoch by accident.
      this.rawStamp.fill(0);
      this.leafStamp.fill(0);
      this.textStamp.fill(0);
      this.lowerStamp.fill(0);
      this.epoch = 1;
    }
    this.logsourceKeys = undefined;
  }

  get stamp(): number {
    return this.epoch;
  }

  logsource(): readonly string[] {
    return (this.logsourceKeys ??= eventLogsource(this.event));
  }

  raw(slot: number): unknown {
    if (this.rawStamp[slot] !== this.epoch) {
      this.raws[slot] = slot === KEYWORDS ? keywordTexts(this.event) : (this.accessors[slot] as FieldAccessor)(this.event);
      this.rawStamp[slot] = this.epoch;
    }
    return this.raws[slot];
  }

  // A field holding one value (the usual case) reuses one small array per slot instead of a new one per event.
  leaves(slot: number): readonly Leaf[] {
    if (this.leafStamp[slot] !== this.epoch) {
      const raw = this.raw(slot);
      this.leafCache[slot] = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? single(this.leafOne, slot, raw) : leavesOf(raw);
      this.leafStamp[slot] = this.epoch;
    }
    return this.leafCache[slot] as readonly Leaf[];
  }

  texts(slot: number): readonly string[] {
    if (this.textStamp[slot] !== this.epoch) {
      const leaves = this.leaves(slot);
      this.textCache[slot] =
        leaves.length === 1 ? (typeof leaves[0] === 'string' ? (leaves as readonly string[]) : single(this.textOne, slot, String(leaves[0]))) : leaves.map(String);
      this.textStamp[slot] = this.epoch;
    }
    return this.textCache[slot] as readonly string[];
  }

  lowers(slot: number): readonly string[] {
    if (this.lowerStamp[slot] !== this.epoch) {
      const texts = this.texts(slot);
      this.lowerCache[slot] = texts.length === 1 ? single(this.lowerOne, slot, (texts[0] as string).toLowerCase()) : texts.map((t) => t.toLowerCase());
      this.lowerStamp[slot] = this.epoch;
    }
    return this.lowerCache[slot] as readonly string[];
  }
}
