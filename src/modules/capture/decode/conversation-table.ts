// Conversations keyed by their endpoints (5-tuple, or MAC pair and Ethernet type), stored under a
// canonical orientation so both directions find the same entry with one lookup. Entries sit on a
// least-recently-active list: idle ones and the oldest beyond the size bound are evicted.
import type { Conversation } from '../types.js';
import type { DissectorSlot } from './dissector-registry.js';
import type { IsoState } from './iso-transport.js';
import type { TcpHalf } from './tcp-stream.js';

export const KIND_TCP4 = 0;
export const KIND_TCP6 = 1;
export const KIND_UDP4 = 2;
export const KIND_UDP6 = 3;
export const KIND_ETHERNET = 4;

/** Dispatch status of a conversation. */
export const UNDECIDED = 0;
export const CLAIMED = 1;
export const UNCLAIMED = 2;

/**
 * The current packet's key, filled in by the decoder: addresses as 32-bit words (IPv4 in s0/d0,
 * IPv6 in s0..s3, a MAC as s0 = first two bytes, s1 = last four), ports (or Ethernet type twice).
 */
export class PacketKey {
  kind = 0;
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  d0 = 0;
  d1 = 0;
  d2 = 0;
  d3 = 0;
  sp = 0;
  dp = 0;
  /** Set by ConversationTable.find(): the source is the entry's endpoint A. */
  srcIsA = false;
}

export class ConvEntry {
  chain: ConvEntry | null = null;
  older: ConvEntry | null = null;
  newer: ConvEntry | null = null;
  lastSeen = 0;
  status = UNDECIDED;
  /** Dissectors registered on the conversation's ports, waiting for the first payload to choose. */
  candidates: readonly DissectorSlot[] | null = null;
  slot: DissectorSlot | null = null;
  state: unknown = undefined;
  iso: IsoState | null = null;
  c2s: TcpHalf | null = null;
  s2c: TcpHalf | null = null;
  /** FIN or RST seen: a new SYN on the same endpoints starts a new conversation. */
  closed = false;

  constructor(
    readonly kind: number,
    readonly a0: number,
    readonly a1: number,
    readonly a2: number,
    readonly a3: number,
    readonly b0: number,
    readonly b1: number,
    readonly b2: number,
    readonly b3: number,
    readonly pa: number,
    readonly pb: number,
    readonly hash: number,
    /** Endpoint A is the client. */
    readonly aIsClient: boolean,
    readonly conv: Conversation,
  ) {}
}

export class ConversationTable {
  size = 0;
  evictions = 0;
  private readonly buckets = new Map<number, ConvEntry>();
  private oldest: ConvEntry | null = null;
  private newest: ConvEntry | null = null;

  constructor(
    private readonly maxSize: number,
    private readonly idleUs: number,
    /** Called before an entry leaves the table (to release its buffers). */
    private readonly onEvict: (entry: ConvEntry) => void,
  ) {}

  /** The entry for the key's endpoints, or null; sets key.srcIsA either way. */
  find(k: PacketKey): ConvEntry | null {
    const srcIsA = lessOrEqual(k);
    k.srcIsA = srcIsA;
    const newest = this.newest;
    // Consecutive packets usually belong to the same conversation.
    if (newest !== null && matches(newest, k, srcIsA)) return newest;
    let e = this.buckets.get(hashKey(k, srcIsA)) ?? null;
    while (e !== null && !matches(e, k, srcIsA)) e = e.chain;
    return e;
  }

  /** Adds a conversation for the key (after find() returned null); evicts the oldest beyond the bound. */
  insert(k: PacketKey, clientIsSrc: boolean, conv: Conversation, now: number): ConvEntry {
    while (this.size >= this.maxSize && this.oldest !== null) this.evict(this.oldest);
    const s = k.srcIsA;
    const hash = hashKey(k, s);
    const e = s
      ? new ConvEntry(k.kind, k.s0, k.s1, k.s2, k.s3, k.d0, k.d1, k.d2, k.d3, k.sp, k.dp, hash, clientIsSrc, conv)
      : new ConvEntry(k.kind, k.d0, k.d1, k.d2, k.d3, k.s0, k.s1, k.s2, k.s3, k.dp, k.sp, hash, !clientIsSrc, conv);
    e.chain = this.buckets.get(hash) ?? null;
    this.buckets.set(hash, e);
    e.lastSeen = now;
    e.older = this.newest;
    if (this.newest !== null) this.newest.newer = e;
    else this.oldest = e;
    this.newest = e;
    this.size++;
    return e;
  }

  /** Marks the entry active now (moves it to the newest end). */
  touch(e: ConvEntry, now: number): void {
    e.lastSeen = now;
    if (e === this.newest) return;
    this.unlink(e);
    e.older = this.newest;
    e.newer = null;
    this.newest!.newer = e;
    this.newest = e;
  }

  /** Evicts a few conversations idle since before now - idle (amortized over packets). */
  evictIdle(now: number): void {
    for (let i = 0; i < 4; i++) {
      const e = this.oldest;
      if (e === null || now - e.lastSeen <= this.idleUs) return;
      this.evict(e);
    }
  }

  evict(e: ConvEntry): void {
    this.onEvict(e);
    this.remove(e);
    this.evictions++;
  }

  /** Every entry, oldest first. */
  *entries(): IterableIterator<ConvEntry> {
    for (let e = this.oldest; e !== null; e = e.newer) yield e;
  }

  private remove(e: ConvEntry): void {
    let head = this.buckets.get(e.hash) ?? null;
    if (head === e) {
      if (e.chain === null) this.buckets.delete(e.hash);
      else this.buckets.set(e.hash, e.chain);
    } else {
      while (head !== null && head.chain !== e) head = head.chain;
      if (head !== null) head.chain = e.chain;
    }
    e.chain = null;
    this.unlink(e);
    e.older = null;
    e.newer = null;
    this.size--;
  }

  private unlink(e: ConvEntry): void {
    if (e.older !== null) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer !== null) e.newer.older = e.older;
    else this.newest = e.older;
  }
}

/** Source endpoint sorts before (or equal to) destination: it is then endpoint A. */
function lessOrEqual(k: PacketKey): boolean {
  if (k.s0 !== k.d0) return k.s0 < k.d0;
  if (k.s1 !== k.d1) return k.s1 < k.d1;
  if (k.s2 !== k.d2) return k.s2 < k.d2;
  if (k.s3 !== k.d3) return k.s3 < k.d3;
  return k.sp <= k.dp;
}

function matches(e: ConvEntry, k: PacketKey, srcIsA: boolean): boolean {
  if (e.kind !== k.kind) return false;
  return srcIsA
    ? e.a0 === k.s0 && e.pa === k.sp && e.pb === k.dp && e.b0 === k.d0 && e.a1 === k.s1 && e.b1 === k.d1 &&
        e.a2 === k.s2 && e.b2 === k.d2 && e.a3 === k.s3 && e.b3 === k.d3
    : e.a0 === k.d0 && e.pa === k.dp && e.pb === k.sp && e.b0 === k.s0 && e.a1 === k.d1 && e.b1 === k.s1 &&
        e.a2 === k.d2 && e.b2 === k.s2 && e.a3 === k.d3 && e.b3 === k.s3;
}

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return h ^ (h >>> 15);
}

function hashKey(k: PacketKey, srcIsA: boolean): number {
  let h = mix(0x2545f491, k.kind);
  if (srcIsA) {
    h = mix(mix(mix(mix(h, k.s0), k.s1), k.s2), k.s3);
    h = mix(mix(mix(mix(h, k.d0), k.d1), k.d2), k.d3);
    return mix(h, (k.sp << 16) | k.dp);
  }
  h = mix(mix(mix(mix(h, k.d0), k.d1), k.d2), k.d3);
  h = mix(mix(mix(mix(h, k.s0), k.s1), k.s2), k.s3);
  return mix(h, (k.dp << 16) | k.sp);
}
