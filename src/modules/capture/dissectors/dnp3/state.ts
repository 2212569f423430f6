// Per-connection DNP3 state: transport reassembly per direction and unanswered requests, bounded.

export const maxFragment = 4096;
export const maxPendingRequests = 256;
const maxReportedPairs = 16;

export interface Reassembly {
  /** Application bytes gathered since the FIR segment; undefined until a multi-segment message starts. */
  buffer: Uint8Array | undefined;
  length: number;
  /** Transport sequence of the last segment, -1 when no message is in progress. */
  seq: number;
}

export interface Dnp3State {
  readonly toServer: Reassembly;
  readonly toClient: Reassembly;
  /** outstation address * 16 + application sequence of requests awaiting a response. */
  readonly pending: Set<number>;
  /** Master/outstation address pairs whose identity facts were reported (master * 65536 + outstation). */
  readonly reported: Set<number>;
}

export function createDnp3State(): Dnp3State {
  return {
    toServer: { buffer: undefined, length: 0, seq: -1 },
    toClient: { buffer: undefined, length: 0, seq: -1 },
    pending: new Set(),
    reported: new Set(),
  };
}

export function rememberRequest(state: Dnp3State, outstation: number, seq: number): void {
  if (state.pending.size >= maxPendingRequests) {
    const oldest = state.pending.values().next();
    if (!oldest.done) state.pending.delete(oldest.value);
  }
  state.pending.add(outstation * 16 + seq);
}

/** True (once) when a request to `outstation` with this sequence was waiting. */
export function forgetRequest(state: Dnp3State, outstation: number, seq: number): boolean {
  return state.pending.delete(outstation * 16 + seq);
}

/** True the first time a master/outstation pair is seen on this connection. */
export function firstSighting(state: Dnp3State, key: number): boolean {
  if (state.reported.has(key)) return false;
  if (state.reported.size >= maxReportedPairs) return false;
  state.reported.add(key);
  return true;
}
