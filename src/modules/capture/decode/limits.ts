// Bounds on everything the decoder keeps between packets, so memory stays bounded on any capture.

export interface DecodeLimits {
  /** Conversations kept at once; the least recently active is evicted beyond this. */
  readonly maxConversations: number;
  /** A conversation idle this long (capture time, microseconds) is evicted. */
  readonly conversationIdleUs: number;
  /** Largest PDU a dissector may frame on TCP (and largest joined COTP user data). */
  readonly maxPduBytes: number;
  /** Out-of-order TCP segments held per direction before skipping the gap. */
  readonly maxOutOfOrderSegments: number;
  readonly maxOutOfOrderBytes: number;
  /** How long (capture time) a gap in a TCP stream is waited for before skipping it. */
  readonly maxGapWaitUs: number;
  /** Total bytes held for reassembly (TCP, COTP, IP fragments) across all conversations. */
  readonly reassemblyBudgetBytes: number;
  /** IP datagrams being reassembled at once, and how long their fragments are kept. */
  readonly maxFragmentedDatagrams: number;
  readonly fragmentTimeoutUs: number;
}

export const defaultDecodeLimits: DecodeLimits = {
  maxConversations: 65_536,
  conversationIdleUs: 30 * 60 * 1_000_000,
  maxPduBytes: 1024 * 1024,
  maxOutOfOrderSegments: 64,
  maxOutOfOrderBytes: 256 * 1024,
  maxGapWaitUs: 5 * 1_000_000,
  reassemblyBudgetBytes: 64 * 1024 * 1024,
  maxFragmentedDatagrams: 256,
  fragmentTimeoutUs: 30 * 1_000_000,
};

/** Bytes currently held for reassembly, shared by every reassembler of one decoder. */
export class ReassemblyBudget {
  used = 0;
  constructor(readonly max: number) {}

  /** Reserves n bytes; false when the budget would be exceeded. */
  take(n: number): boolean {
    if (this.used + n > this.max) return false;
    this.used += n;
    return true;
  }

  give(n: number): void {
    this.used -= n;
  }
}
