// EtherNet/IP: the 24-byte encapsulation header (TCP and UDP 44818), its commands and the common packet
// format (CPF) items that carry CIP, plus implicit I/O on UDP 2222 (CPF without encapsulation).
import type { Dissector, DissectSink, PduContext } from '../types.js';
import { dissectCipRequest, dissectCipResponse } from './cip.js';
import { listIdentityItem } from './identity.js';
import { encapsulationCommands, encapsulationStatusText, hex2 } from './names.js';
import { createEnipState, type EnipState, remember, take } from './state.js';

const headerLength = 24;
const listIdentity = 0x0063;

function le16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function le32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/** Total encapsulation length; -1 when the command is not an EtherNet/IP command. */
export function enipPduLength(data: Uint8Array): number {
  if (data.length < 2) return 0;
  if (!encapsulationCommands.has(le16(data, 0))) return -1;
  if (data.length < 4) return 0;
  return headerLength + le16(data, 2);
}

export function probeEnip(payload: Uint8Array): boolean {
  if (payload.length < headerLength) return false;
  const length = enipPduLength(payload);
  // Options must be zero; a request or reply fills the declared length exactly or is the first of several.
  return length >= headerLength && length <= payload.length && le32(payload, 20) === 0;
}

function contextKey(b: Uint8Array): string {
  let s = '';
  for (let i = 12; i < 20; i++) s += hex2(b[i]!);
  return s;
}

interface Encapsulation {
  readonly command: number;
  readonly status: number;
  readonly context: string;
  readonly toServer: boolean;
}

function dissectEncapsulation(pdu: Uint8Array, ctx: PduContext<EnipState>, sink: DissectSink): void {
  if (pdu.length < headerLength) {
    sink.malformed(`enip: ${pdu.length} bytes, encapsulation header needs 24`);
    return;
  }
  const command = le16(pdu, 0);
  const length = le16(pdu, 2);
  const status = le32(pdu, 8);
  let end = headerLength + length;
  if (end > pdu.length) {
    sink.malformed(`enip: encapsulation length ${length} at offset 2 runs past the ${pdu.length}-byte PDU`);
    end = pdu.length;
  }
  // Connected messages pair by sequence count: their sender context is only needed as a field.
  const context = command !== 0x0070 || sink.wantFields ? contextKey(pdu) : '';
  if (sink.wantFields) {
    sink.field('enip.command', command);
    sink.field('enip.length', length);
    sink.field('enip.session', le32(pdu, 4));
    sink.field('enip.status', status);
    // A ListIdentity request uses the first two context bytes as its maximum response delay.
    if (command === listIdentity && length === 0) {
      sink.field('enip.listid_delay', le16(pdu, 12));
      sink.field('enip.context', context.slice(4));
    } else {
      sink.field('enip.context', context);
    }
    sink.field('enip.options', le32(pdu, 20));
  }
  const encap: Encapsulation = { command, status, context, toServer: ctx.toServer };
  switch (command) {
    case 0x0004:
    case listIdentity:
    case 0x0064:
      listCommand(pdu, end, encap, ctx.state, sink);
      return;
    case 0x0065:
    case 0x0066:
      session(pdu, end, encap, ctx.state, sink);
      return;
    case 0x006f:
    case 0x0070:
      sendData(pdu, end, encap, ctx, sink);
      return;
    default:
      return;
  }
}

function encapsulationOutcome(state: EnipState, key: string, status: number, sink: DissectSink): void {
  if (take(state, key) === undefined) return;
  sink.outcome(key, status === 0 ? { result: 'ok' } : { result: 'error', detail: encapsulationStatusText(status) });
}

/** ListServices / ListIdentity / ListInterfaces: an empty request, a reply of CPF items. */
function listCommand(pdu: Uint8Array, end: number, encap: Encapsulation, state: EnipState, sink: DissectSink): void {
  const key = `e${encap.command}:${encap.context}`;
  if (end === headerLength) {
    const name = encapsulationCommands.get(encap.command)!;
    sink.operation({ operation: 'discovery', name, code: encap.command, pairKey: key });
    remember(state, key, encap.command);
    return;
  }
  encapsulationOutcome(state, key, encap.status, sink);
  cpfItems(pdu, headerLength, end, encap, undefined, sink);
}

function session(pdu: Uint8Array, end: number, encap: Encapsulation, state: EnipState, sink: DissectSink): void {
  if (encap.command === 0x0065 && end - headerLength >= 4 && sink.wantFields) {
    sink.field('enip.rs.version', le16(pdu, headerLength));
    sink.field('enip.rs.flags', le16(pdu, headerLength + 2));
  }
  const key = `e${encap.command}:${encap.context}`;
  if (!encap.toServer) {
    encapsulationOutcome(state, key, encap.status, sink);
    return;
  }
  const name = encapsulationCommands.get(encap.command)!;
  sink.operation({ operation: 'session', name, code: encap.command, pairKey: key });
  // Unregister Session has no reply.
  if (encap.command === 0x0065) remember(state, key, encap.command);
}

/** SendRRData / SendUnitData: interface handle, timeout, CPF items with CIP. */
function sendData(pdu: Uint8Array, end: number, encap: Encapsulation, ctx: PduContext<EnipState>, sink: DissectSink): void {
  if (end - headerLength < 6) {
    if (end > headerLength) sink.malformed(`enip: ${encap.command === 0x6f ? 'SendRRData' : 'SendUnitData'} needs interface handle and timeout at offset 24`);
    return;
  }
  if (sink.wantFields) {
    sink.field(encap.command === 0x006f ? 'enip.srrd.iface' : 'enip.sud.iface', le32(pdu, headerLength));
    sink.field('enip.timeout', le16(pdu, headerLength + 4));
  }
  cpfItems(pdu, headerLength + 6, end, encap, ctx, sink);
}

/**
 * Common packet format items. With `ctx`, data items carry CIP explicit messages; without it (list
 * replies, implicit I/O) only the items themselves are decoded.
 */
export function cpfItems(
  b: Uint8Array,
  at: number,
  end: number,
  encap: Encapsulation | undefined,
  ctx: PduContext<EnipState> | undefined,
  sink: DissectSink,
): void {
  if (end - at < 2) {
    sink.malformed(`enip: CPF item count at offset ${at} is missing`);
    return;
  }
  const count = le16(b, at);
  const f = sink.wantFields;
  if (f) sink.field('enip.cpf.itemcount', count);
  let i = at + 2;
  for (let n = 0; n < count; n++) {
    if (i + 4 > end) {
      sink.malformed(`enip: CPF item ${n + 1} header at offset ${i} runs past ${end}`);
      return;
    }
    const type = le16(b, i);
    const length = le16(b, i + 2);
    const data = i + 4;
    const stop = data + length;
    if (f) {
      sink.field('enip.cpf.typeid', type);
      sink.field('enip.cpf.length', length);
    }
    if (stop > end) {
      sink.malformed(`enip: CPF item ${n + 1} of ${length} bytes at offset ${data} runs past ${end}`);
      return;
    }
    cpfItem(b, type, data, stop, encap, ctx, sink);
    i = stop;
  }
}

function cpfItem(
  b: Uint8Array,
  type: number,
  data: number,
  stop: number,
  encap: Encapsulation | undefined,
  ctx: PduContext<EnipState> | undefined,
  sink: DissectSink,
): void {
  const f = sink.wantFields;
  switch (type) {
    case 0x000c:
      listIdentityItem(b, data, stop, sink);
      return;
    case 0x0100:
      if (stop - data >= 4 && f) {
        sink.field('enip.encapver', le16(b, data));
        sink.field('enip.lsr.capaflags', le16(b, data + 2));
        let name = '';
        for (let k = data + 4; k < stop && b[k] !== 0; k++) name += String.fromCharCode(b[k]!);
        sink.field('enip.lsr.servicename', name);
      }
      return;
    case 0x00a1:
      if (stop - data >= 4 && f) sink.field('enip.cpf.cai.connid', le32(b, data));
      return;
    case 0x8002:
      if (stop - data >= 8 && f) {
        sink.field('enip.cpf.sai.connid', le32(b, data));
        sink.field('enip.cpf.sai.seq', le32(b, data + 4));
      }
      return;
    case 0x00b2:
      if (ctx && encap && stop > data) cip(b, data, stop, `u${encap.context}`, ctx, sink);
      return;
    case 0x00b1:
      // Connected data: CIP sequence count, then the message (implicit I/O data is not decoded).
      if (!ctx || stop - data < 2) return;
      if (f) sink.field('cip.seq', le16(b, data));
      if (stop > data + 2) cip(b, data + 2, stop, `c${le16(b, data)}`, ctx, sink);
      return;
    default:
      return;
  }
}

function cip(b: Uint8Array, at: number, end: number, key: string, ctx: PduContext<EnipState>, sink: DissectSink): void {
  const state = ctx.state;
  if ((b[at]! & 0x80) === 0) {
    const request = dissectCipRequest(b, at, end, key, 0, ctx, sink);
    if (request) remember(state, key, request);
    return;
  }
  const pending = take(state, key);
  dissectCipResponse(b, at, end, typeof pending === 'object' ? pending : undefined, 0, ctx, sink);
}

function dissectEnipUdp(pdu: Uint8Array, ctx: PduContext<EnipState>, sink: DissectSink): void {
  // UDP 44818 carries encapsulated commands (ListIdentity broadcasts); UDP 2222 carries bare CPF I/O.
  if (pdu.length >= 2 && encapsulationCommands.has(le16(pdu, 0))) dissectEncapsulation(pdu, ctx, sink);
  else cpfItems(pdu, 0, pdu.length, undefined, undefined, sink);
}

export const enipTcpDissector: Dissector<EnipState> = {
  protocol: 'enip',
  transport: 'tcp',
  ports: [44818],
  probe: probeEnip,
  pduLength: enipPduLength,
  createState: createEnipState,
  dissect: dissectEncapsulation,
};

export const enipUdpDissector: Dissector<EnipState> = {
  protocol: 'enip',
  transport: 'udp',
  ports: [44818, 2222],
  probe: probeEnip,
  createState: createEnipState,
  dissect: dissectEnipUdp,
};
