// IEC 60870-5-104 on TCP 2404: APCI (start 0x68, length, I/S/U control fields) and the ASDU of
// I-format APDUs. Commands become operations paired with their confirmation by type, common address
// and IOA; spontaneous monitor data is published; STARTDT/STOPDT open and close the data transfer.
import type { Dissector, DissectSink, OperationClass, OperationOutcome, PduContext } from '../types.js';
import { dissectAsdu, newAsduSummary, type AsduSummary } from './asdu.js';
import { commandClass, negativeCauses, typeNames, uFunctions } from './names.js';

export const maxPendingCommands = 256;
const maxReportedStations = 32;

export interface Iec104State {
  /** Commands awaiting confirmation: type * 2^40 + common address * 2^24 + IOA. */
  readonly pending: Set<number>;
  /** U-format acts awaiting their con: bit per function (STARTDT 1, STOPDT 4, TESTFR 16). */
  uPending: number;
  /** Stations whose identity was reported: common address * 2 + (1 when the sender is the controlled station). */
  readonly reported: Set<number>;
}

export function createIec104State(): Iec104State {
  return { pending: new Set(), uPending: 0, reported: new Set() };
}

const summary = newAsduSummary();
const ok: OperationOutcome = { result: 'ok' };
const negative: OperationOutcome = { result: 'exception', detail: 'negative confirmation' };
const negativeOutcomes = new Map([...negativeCauses].map(([cause, detail]) => [cause, { result: 'exception', detail } as const]));
const unknownTypeNames: string[] = [];

/**
 * Total APDU length (2 + length octet), 0 while incomplete. Bytes before the start octet 0x68 are
 * counted into the PDU, as tshark does, so the stream resynchronizes on the next APDU.
 */
export function iec104PduLength(data: Uint8Array): number {
  const start = data.indexOf(0x68);
  if (start < 0 || start + 1 >= data.length) return 0;
  return start + 2 + data[start + 1]!;
}

export function probeIec104(payload: Uint8Array): boolean {
  if (payload.length < 6 || payload[0] !== 0x68) return false;
  const length = payload[1]!;
  if (length < 4 || length + 2 > payload.length) return false;
  const c = payload[2]!;
  // U-format: exactly one function bit; S-format: second octet zero.
  if ((c & 3) === 3) return uFunctions.has(c >> 2) && length === 4;
  if ((c & 3) === 1) return payload[3] === 0 && length === 4;
  return length >= 10 && typeNames[payload[6]!] !== undefined;
}

function pairNumber(type: number, commonAddress: number, ioa: number): number {
  return type * 0x10000000000 + commonAddress * 0x1000000 + ioa;
}

function pairKey(type: number, commonAddress: number, ioa: number): string {
  return `${type}:${commonAddress}:${ioa}`;
}

function dissectIec104(whole: Uint8Array, ctx: PduContext<Iec104State>, sink: DissectSink): void {
  const wf = sink.wantFields;
  const start = whole.indexOf(0x68);
  if (start < 0 || start + 2 > whole.length) {
    sink.malformed(start < 0 ? 'iec104: no start octet 0x68' : `iec104: APCI at offset ${start} is truncated`);
    return;
  }
  if (start > 0) sink.malformed(`iec104: ${start} bytes before the start octet 0x68`);
  const pdu = start === 0 ? whole : whole.subarray(start);
  const length = pdu[1]!;
  if (wf) sink.field('iec60870_104.apdulen', length);
  if (length < 4) {
    sink.malformed(`iec104: APDU length ${length} at offset 1 is less than 4`);
    return;
  }
  let end = 2 + length;
  if (end > pdu.length) {
    sink.malformed(`iec104: APDU length ${length} at offset 1 runs past the ${pdu.length}-byte PDU`);
    end = pdu.length;
    if (end < 6) return;
  }
  const c1 = pdu[2]!;
  if ((c1 & 1) === 0) {
    if (wf) {
      sink.field('iec60870_104.type', 0);
      sink.field('iec60870_104.tx', (pdu[3]! << 7) | (c1 >> 1));
      sink.field('iec60870_104.rx', (pdu[5]! << 7) | (pdu[4]! >> 1));
    }
    if (dissectAsdu(pdu, 6, end, sink, summary)) asduOperation(ctx, sink, summary);
    return;
  }
  if ((c1 & 3) === 1) {
    if (wf) {
      sink.field('iec60870_104.type', 1);
      sink.field('iec60870_104.rx', (pdu[5]! << 7) | (pdu[4]! >> 1));
    }
    return;
  }
  const u = c1 >> 2;
  if (wf) {
    sink.field('iec60870_104.type', 3);
    sink.field('iec60870_104.utype', u);
  }
  uFrame(u, ctx.state, sink);
}

/** STARTDT and STOPDT open and close data transfer: session operations, paired with their con. */
function uFrame(u: number, state: Iec104State, sink: DissectSink): void {
  if (u === 0x01 || u === 0x04) {
    state.uPending |= u;
    sink.operation({ operation: 'session', name: u === 1 ? 'STARTDT act' : 'STOPDT act', pairKey: u === 1 ? 'STARTDT' : 'STOPDT' });
  } else if ((u === 0x02 || u === 0x08) && state.uPending & (u >> 1)) {
    state.uPending &= ~(u >> 1);
    sink.outcome(u === 2 ? 'STARTDT' : 'STOPDT', ok);
  } else if (uFunctions.get(u) === undefined) {
    sink.malformed(`iec104: U-format control field 0x${(u << 2 | 3).toString(16)} has no single function bit`);
  }
}

function asduOperation(ctx: PduContext<Iec104State>, sink: DissectSink, s: AsduSummary): void {
  const state = ctx.state;
  const type = s.type;
  const cause = s.cause;
  const name = typeNames[type] ?? (unknownTypeNames[type] ??= `type ${type}`);
  const ca = s.commonAddress;
  const ioa = s.firstIoa < 0 ? 0 : s.firstIoa;
  const command = commandClass(type);
  if (command !== undefined && (cause === 6 || cause === 8)) {
    reportStation(state, ca, false, sink);
    const key = pairNumber(type, ca, ioa);
    if (state.pending.size >= maxPendingCommands && !state.pending.has(key)) {
      const oldest = state.pending.values().next();
      if (!oldest.done) state.pending.delete(oldest.value);
    }
    state.pending.add(key);
    const operation: OperationClass = command;
    const op = { operation, name: cause === 8 ? `${name} deactivation` : name, code: type, pairKey: pairKey(type, ca, ioa), unit: ca };
    sink.operation({
      ...op,
      ...(s.target === '' ? {} : { target: s.target }),
      ...(s.values === '' ? {} : { values: s.values }),
    });
    return;
  }
  if (command !== undefined && (cause === 7 || cause === 9 || cause === 10 || negativeCauses.has(cause))) {
    reportStation(state, ca, true, sink);
    // The confirmation answers; a termination answers only when no confirmation was seen.
    if (!state.pending.delete(pairNumber(type, ca, ioa))) return;
    const outcome = negativeOutcomes.get(cause) ?? (s.negative ? negative : ok);
    sink.outcome(pairKey(type, ca, ioa), outcome);
    return;
  }
  if (type < 45 || type === 70) {
    reportStation(state, ca, true, sink);
    // Spontaneous data (and end of initialization) is pushed without request.
    if (cause !== 3 && !(type === 70 && cause === 4)) return;
    const op = { operation: 'publish' as const, name, code: type, unit: ca };
    sink.operation({
      ...op,
      ...(s.target === '' ? {} : { target: s.target }),
      ...(s.values === '' ? {} : { values: s.values }),
    });
  }
}

/** The common address names the controlled station: the sender of monitor data, the receiver of commands. */
function reportStation(state: Iec104State, ca: number, senderControlled: boolean, sink: DissectSink): void {
  const key = ca * 2 + (senderControlled ? 1 : 0);
  if (state.reported.has(key) || state.reported.size >= maxReportedStations) return;
  state.reported.add(key);
  const station = senderControlled ? 'source' : 'destination';
  const controlling = senderControlled ? 'destination' : 'source';
  // 0xFFFF is the broadcast (global) address.
  if (ca !== 0xffff) sink.identity({ subject: station, attribute: 'address', value: String(ca), confidence: 0.8 });
  sink.identity({ subject: station, attribute: 'role-hint', value: 'rtu', confidence: 0.6 });
  sink.identity({ subject: controlling, attribute: 'role-hint', value: 'hmi', confidence: 0.4 });
}

export const iec104Dissector: Dissector<Iec104State> = {
  protocol: 'iec104',
  transport: 'tcp',
  ports: [2404],
  probe: probeIec104,
  pduLength: iec104PduLength,
  createState: createIec104State,
  dissect: dissectIec104,
};
