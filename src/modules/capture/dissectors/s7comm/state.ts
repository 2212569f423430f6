// Per-connection S7comm state: jobs and userdata requests awaiting their answer (by PDU reference),
// the userdata fragment being reassembled, and which role hints were already reported. Bounded.
import type { DissectSink } from '../types.js';

export const maxPendingRequests = 256;
/** Reassembled userdata larger than this is dropped (SZL identity lists are a few hundred bytes). */
export const maxReassembly = 16 * 1024;

/** What the answer to a request needs to know: function (job) or group << 8 | subfunction (userdata). */
export interface PendingRequest {
  readonly userdata: boolean;
  readonly code: number;
}

export interface UserdataFragment {
  /** Data unit reference, function group and subfunction of the fragmented response. */
  readonly key: number;
  bytes: Uint8Array;
  length: number;
}

export interface S7State {
  readonly pending: Map<number, PendingRequest>;
  fragment: UserdataFragment | undefined;
  /** SZL reads seen on this connection: the first one is discovery, later ones are reads. */
  szlReads: number;
  plcReported: boolean;
  ewsReported: boolean;
}

export function createS7State(): S7State {
  return { pending: new Map(), fragment: undefined, szlReads: 0, plcReported: false, ewsReported: false };
}

export function rememberRequest(state: S7State, pduref: number, request: PendingRequest): void {
  const pending = state.pending;
  if (!pending.has(pduref) && pending.size >= maxPendingRequests) {
    const oldest = pending.keys().next();
    if (!oldest.done) pending.delete(oldest.value);
  }
  pending.set(pduref, request);
}

export function takeRequest(state: S7State, pduref: number): PendingRequest | undefined {
  const request = state.pending.get(pduref);
  if (request !== undefined) state.pending.delete(pduref);
  return request;
}

/** The S7 server is a PLC (or a PLC-like device: simulator, CP); reported once per connection. */
export function reportPlc(state: S7State, subject: 'source' | 'destination', sink: DissectSink): void {
  if (state.plcReported) return;
  state.plcReported = true;
  sink.identity({ subject, attribute: 'role-hint', value: 'plc', confidence: 0.6 });
}

/** A client that downloads, uploads, stops or starts programs is an engineering workstation. */
export function reportEngineeringWorkstation(state: S7State, sink: DissectSink): void {
  if (state.ewsReported) return;
  state.ewsReported = true;
  sink.identity({ subject: 'source', attribute: 'role-hint', value: 'engineering-workstation', confidence: 0.7 });
}

/** Appends a fragment; false (and the fragment is dropped) when the total would exceed the bound. */
export function appendFragment(fragment: UserdataFragment, b: Uint8Array, from: number, to: number): boolean {
  const n = to - from;
  if (fragment.length + n > maxReassembly) return false;
  if (fragment.length + n > fragment.bytes.length) {
    const grown = new Uint8Array(Math.min(maxReassembly, Math.max(2 * fragment.bytes.length, fragment.length + n)));
    grown.set(fragment.bytes.subarray(0, fragment.length));
    fragment.bytes = grown;
  }
  fragment.bytes.set(b.subarray(from, to), fragment.length);
  fragment.length += n;
  return true;
}
