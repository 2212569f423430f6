// IPv4 and IPv6 fragment reassembly, bounded: at most maxFragmentedDatagrams datagrams in progress,
// fragments dropped after fragmentTimeoutUs of capture time, every held byte counted in the budget.
import type { DecodeLimits, ReassemblyBudget } from './limits.js';

const MAX_DATAGRAM = 65535;
const MAX_FRAGMENTS = 128;

interface Fragment {
  readonly offset: number;
  readonly data: Uint8Array;
}

interface Datagram {
  readonly key: string;
  readonly started: number;
  readonly fragments: Fragment[];
  /** Payload length once the last fragment (more-fragments clear) is seen, else -1. */
  total: number;
  bytes: number;
}

export type FragmentResult =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'complete'; readonly payload: Uint8Array }
  | { readonly kind: 'dropped'; readonly reason: string };

const incomplete: FragmentResult = { kind: 'incomplete' };

export class FragmentReassembler {
  // Insertion order is start order: the first entries are the oldest.
  private readonly datagrams = new Map<string, Datagram>();

  constructor(
    private readonly limits: DecodeLimits,
    private readonly budget: ReassemblyBudget,
  ) {}

  get pending(): number {
    return this.datagrams.size;
  }

  /** Adds one fragment (payload bytes b[off, end) at byte `offset` of the datagram). */
  add(key: string, offset: number, more: boolean, b: Uint8Array, off: number, end: number, now: number): FragmentResult {
    this.expire(now);
    const len = end - off;
    if (offset + len > MAX_DATAGRAM) return { kind: 'dropped', reason: `fragment at offset ${offset} runs past ${MAX_DATAGRAM} bytes` };
    let d = this.datagrams.get(key);
    if (d === undefined) {
      if (this.datagrams.size >= this.limits.maxFragmentedDatagrams) this.discard(this.datagrams.values().next().value!);
      d = { key, started: now, fragments: [], total: -1, bytes: 0 };
      this.datagrams.set(key, d);
    }
    if (d.fragments.length >= MAX_FRAGMENTS || !this.budget.take(len)) {
      this.discard(d);
      return { kind: 'dropped', reason: 'too many fragments held: datagram dropped' };
    }
    d.fragments.push({ offset, data: b.slice(off, end) });
    d.bytes += len;
    if (!more) d.total = offset + len;
    if (d.total < 0) return incomplete;
    // Complete when the fragments cover [0, total) without a hole (later copies win on overlap).
    const sorted = [...d.fragments].sort((x, y) => x.offset - y.offset);
    let covered = 0;
    for (const f of sorted) {
      if (f.offset > covered) return incomplete;
      covered = Math.max(covered, f.offset + f.data.length);
    }
    if (covered < d.total) return incomplete;
    const payload = new Uint8Array(d.total);
    for (const f of d.fragments) payload.set(f.data.subarray(0, Math.max(0, Math.min(f.data.length, d.total - f.offset))), f.offset);
    this.discard(d);
    return { kind: 'complete', payload };
  }

  private expire(now: number): void {
    for (const d of this.datagrams.values()) {
      if (now - d.started <= this.limits.fragmentTimeoutUs) return;
      this.discard(d);
    }
  }

  private discard(d: Datagram): void {
    this.budget.give(d.bytes);
    this.datagrams.delete(d.key);
  }
}
