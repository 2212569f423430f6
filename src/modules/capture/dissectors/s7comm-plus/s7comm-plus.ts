// S7comm-plus (protocol id 0x72, S7-1200/1500) inside ISO transport on TCP 102. Recognized, not fully
// decoded: header (version, data length), then opcode, function code and sequence number where they are
// in clear; integrity digests and object payloads are skipped. PDUs too large for one transport unit
// continue in further 0x72 units and only the last one carries the trailer (0x72, version, 0x0000).
import type { CotpPayloadDissector, DissectSink, OperationClass, PduContext } from '../types.js';
import { functionNames } from './names.js';

const protocolId = 0x72;
const opRequest = 0x31;
const opResponse = 0x32;
const opNotification = 0x33;
const opResponse2 = 0x02;
const createObject = 0x04ca;

export interface S7commPlusState {
  /** Per direction (0 to the server, 1 from it): a PDU is continuing in the next unit. */
  readonly continuing: [boolean, boolean];
  /** Requests awaiting responses, by sequence number (oldest dropped past 256). */
  readonly pending: Set<number>;
  identityReported: boolean;
  plcReported: boolean;
}

function createState(): S7commPlusState {
  return { continuing: [false, false], pending: new Set(), identityReported: false, plcReported: false };
}

export function probeS7commPlus(payload: Uint8Array): boolean {
  if (payload.length < 4 || payload[0] !== protocolId) return false;
  const version = payload[1]!;
  return version === 1 || version === 2 || version === 3 || version === 0xfe;
}

function operationOf(fn: number): OperationClass {
  switch (fn) {
    case createObject:
    case 0x04d4:
    case 0x05b3:
      return 'session';
    case 0x04bb:
    case 0x04fc:
    case 0x0524:
    case 0x054c:
    case 0x0586:
    case 0x0590:
      return 'read';
    case 0x04f2:
    case 0x0542:
    case 0x057c:
      return 'write';
    default:
      return 'other';
  }
}

/** Unsigned VLQ (7 bits per byte, high bit continues; a ninth byte has 8 bits) at b[i]; [value, next]. */
function vlq64(b: Uint8Array, i: number, end: number): [bigint, number] {
  let value = 0n;
  for (let n = 0; n < 9 && i < end; n++) {
    const byte = b[i++]!;
    if (n === 8) return [(value << 8n) | BigInt(byte), i];
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, i];
  }
  return [value, -1];
}

/** Bit 63 makes the return value negative (an error); bit 62 announces an error object after it. */
const errorBits = 3n << 62n;

function returnValueFailure(b: Uint8Array, at: number, end: number): string | undefined {
  const [value, next] = vlq64(b, at, end);
  if (next < 0 || value === 0n) return undefined;
  // A negative value, the error extension bit, or a negative 16-bit return code marks a failure.
  const code = Number(value & 0xffffn);
  if ((value & errorBits) !== 0n || code >= 0x8000) return `Return value 0x${value.toString(16)}`;
  return undefined;
}

function isPrintable(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}

/** The server's version string in a CreateObject response: "1;6ES7 214-1HE30-0XB0 ;V2.2". */
function sessionIdentity(b: Uint8Array, at: number, end: number, sink: DissectSink): boolean {
  for (let i = at; i + 4 <= end; i++) {
    if (b[i] !== 0x36 || b[i + 1] !== 0x45 || b[i + 2] !== 0x53 || b[i + 3] !== 0x37) continue;
    let j = i;
    let order = '';
    while (j < end && b[j] !== 0x3b && isPrintable(b[j]!)) order += String.fromCharCode(b[j++]!);
    let firmware = '';
    if (j < end && b[j] === 0x3b) {
      j++;
      while (j < end && b[j] !== 0x3b && isPrintable(b[j]!)) firmware += String.fromCharCode(b[j++]!);
    }
    sink.identity({ subject: 'source', attribute: 'vendor', value: 'Siemens', confidence: 0.8 });
    sink.identity({ subject: 'source', attribute: 'order-number', value: order.trim(), confidence: 0.8 });
    if (firmware.trim() !== '') sink.identity({ subject: 'source', attribute: 'firmware', value: firmware.trim(), confidence: 0.8 });
    return true;
  }
  return false;
}

function dissectS7commPlus(b: Uint8Array, ctx: PduContext<S7commPlusState>, sink: DissectSink): void {
  if (sink.wantFields) sink.field('data.len', b.length);
  if (b.length < 4 || b[0] !== protocolId) {
    sink.malformed(b.length < 4 ? `s7comm-plus: ${b.length} bytes, header needs 4` : 's7comm-plus: protocol id at offset 0 is not 0x72');
    return;
  }
  const state = ctx.state;
  const version = b[1]!;
  const length = (b[2]! << 8) | b[3]!;
  let end = 4 + length;
  if (end > b.length) {
    sink.malformed(`s7comm-plus: data length ${length} at offset 2 runs past the ${b.length}-byte unit`);
    end = b.length;
  }
  const direction = ctx.toServer ? 0 : 1;
  const continuation = state.continuing[direction];
  // Without the trailer right after the data, the PDU goes on in the next unit (system events have none).
  state.continuing[direction] = version !== 0xfe && !(end + 4 <= b.length && b[end] === protocolId);
  if (continuation || version === 0xfe) return;
  let at = 4;
  // Version 3 puts an integrity digest (length byte, then the digest) before the data.
  if (version === 3 && at < end && b[at] === 0x20) at += 1 + 0x20;
  if (end - at < 1) return;
  const opcode = b[at]!;
  if (opcode === opNotification || end - at < 9) {
    if (opcode !== opNotification) sink.malformed(`s7comm-plus: opcode 0x${opcode.toString(16)} at offset ${at} without function and sequence number`);
    return;
  }
  const fn = (b[at + 3]! << 8) | b[at + 4]!;
  const seq = (b[at + 7]! << 8) | b[at + 8]!;
  const key = `p${seq}`;
  if (opcode === opRequest) {
    if (!state.plcReported && ctx.toServer) {
      state.plcReported = true;
      sink.identity({ subject: 'destination', attribute: 'role-hint', value: 'plc', confidence: 0.6 });
    }
    sink.operation({
      operation: operationOf(fn),
      name: functionNames.get(fn) ?? `Function 0x${fn.toString(16).padStart(4, '0')}`,
      code: fn,
      pairKey: key,
    });
    if (state.pending.size >= 256) {
      const oldest = state.pending.values().next();
      if (!oldest.done) state.pending.delete(oldest.value);
    }
    state.pending.add(seq);
    return;
  }
  if (opcode !== opResponse && opcode !== opResponse2) {
    sink.malformed(`s7comm-plus: unknown opcode 0x${opcode.toString(16)} at offset ${at}`);
    return;
  }
  if (fn === createObject && !state.identityReported) state.identityReported = sessionIdentity(b, at + 9, end, sink);
  if (!state.pending.delete(seq)) return;
  // Response: transport flags, then the return value.
  const failure = returnValueFailure(b, at + 10, end);
  sink.outcome(key, failure === undefined ? { result: 'ok' } : { result: 'exception', detail: failure });
}

export const s7commPlusDissector: CotpPayloadDissector<S7commPlusState> = {
  protocol: 's7comm-plus',
  probe: probeS7commPlus,
  createState,
  dissect: dissectS7commPlus,
};
