// Per-conversation EtherNet/IP state: requests waiting for their responses, keyed by sender context
// (unconnected messages and encapsulation commands) or by CIP sequence count (connected messages), which
// is how tshark matches them too. Bounded: the oldest request is forgotten past 256.
import type { DissectSink } from '../types.js';
import type { CipPath } from './cip-path.js';

export const maxPendingRequests = 256;

export interface CipRequest {
  readonly service: number;
  readonly path: CipPath;
  /** Embedded requests of a Multiple Service Packet (1) or Unconnected Send (2). */
  children: CipRequest[] | undefined;
  /** pairKey of the operation this request reported; undefined for wrappers. */
  opKey: string | undefined;
  wrapper: 0 | 1 | 2;
}

export interface EnipState {
  /** key → CIP request, or the encapsulation command number of a non-CIP request. */
  readonly pending: Map<string, CipRequest | number>;
  ewsReported: boolean;
  plcReported: boolean;
}

export function createEnipState(): EnipState {
  return { pending: new Map(), ewsReported: false, plcReported: false };
}

export function remember(state: EnipState, key: string, value: CipRequest | number): void {
  const pending = state.pending;
  if (!pending.has(key) && pending.size >= maxPendingRequests) {
    const oldest = pending.keys().next();
    if (!oldest.done) pending.delete(oldest.value);
  }
  pending.set(key, value);
}

export function take(state: EnipState, key: string): CipRequest | number | undefined {
  const value = state.pending.get(key);
  if (value !== undefined) state.pending.delete(key);
  return value;
}

/** Only controllers serve tag reads and writes: the responder is a PLC. */
export function reportTagServer(state: EnipState, sink: DissectSink): void {
  if (state.plcReported) return;
  state.plcReported = true;
  sink.identity({ subject: 'source', attribute: 'role-hint', value: 'plc', confidence: 0.6 });
}

/** A client that downloads programs or starts, stops or resets devices is most likely an engineering station. */
export function reportEngineeringWorkstation(state: EnipState, sink: DissectSink): void {
  if (state.ewsReported) return;
  state.ewsReported = true;
  sink.identity({ subject: 'source', attribute: 'role-hint', value: 'engineering-workstation', confidence: 0.6 });
}
