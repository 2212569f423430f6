// Omron FINS on UDP 9600 (one FINS frame per datagram) and TCP 9600 (FINS/TCP: "FINS", length,
// command, error code, then node address data or a FINS frame).
import { textUntilNul } from '../../decode/bytes.js';
import type { Dissector, DissectSink, PduContext } from '../types.js';
import { areaName, endCodeText, finsCommand, isBitArea, isNormalCompletion } from './names.js';

/** FINS header (10 bytes) plus the command code. */
const finsHeaderLength = 12;
const tcpHeaderLength = 16;
/** "FINS" */
const magic = 0x46494e53;
/** Commands awaiting a response, per conversation. */
const maxPending = 256;

export interface FinsState {
  /** pairKey → command code of requests not answered yet (insertion order; oldest dropped first). */
  readonly pending: Map<string, number>;
  rolesReported: boolean;
}

function createFinsState(): FinsState {
  return { pending: new Map(), rolesReported: false };
}

function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
}

/** FINS/TCP framing: 8 header bytes plus the length field; -1 when the magic is wrong. */
export function finsPduLength(data: Uint8Array): number {
  const n = Math.min(data.length, 4);
  for (let i = 0; i < n; i++) if (data[i] !== ((magic >>> (24 - 8 * i)) & 0xff)) return -1;
  if (data.length < 8) return 0;
  const length = u32(data, 4);
  // The length counts command and error code at least; FINS frames stay far below 64 KiB.
  return length < 8 || length > 0x10000 ? -1 : 8 + length;
}

/** A plausible FINS frame: ICF with only the defined bits, RSV 0, known command code. */
function looksLikeFinsFrame(b: Uint8Array, at: number): boolean {
  if (b.length < at + finsHeaderLength) return false;
  const icf = b[at]!;
  if ((icf & 0x3e) !== 0 || (icf & 0x80) === 0 || b[at + 1] !== 0) return false;
  return finsCommand((b[at + 10]! << 8) | b[at + 11]!) !== undefined;
}

export function probeFins(payload: Uint8Array): boolean {
  if (payload.length >= tcpHeaderLength && u32(payload, 0) === magic) return finsPduLength(payload) > 0;
  return looksLikeFinsFrame(payload, 0);
}

function hex(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

function remember(state: FinsState, key: string, code: number): void {
  if (state.pending.size >= maxPending) {
    const oldest = state.pending.keys().next();
    if (!oldest.done) state.pending.delete(oldest.value);
  }
  state.pending.set(key, code);
}

/** The memory area a 0101-0103 command touches: "DM 100 x3", "CIO bit 10.05 x1". */
function memoryTarget(b: Uint8Array, at: number): string {
  const area = b[at]!;
  const address = (b[at + 1]! << 8) | b[at + 2]!;
  const bit = b[at + 3]!;
  const count = (b[at + 4]! << 8) | b[at + 5]!;
  const where = isBitArea(area) ? `${address}.${bit.toString().padStart(2, '0')}` : `${address}`;
  return `${areaName(area)} ${where} x${count}`;
}

function commandFields(b: Uint8Array, at: number, end: number, code: number, sink: DissectSink): void {
  switch (code) {
    case 0x0101:
    case 0x0102:
    case 0x0103:
      if (end - at < 6) return;
      sink.field('omron.memory.area.read', b[at]!);
      sink.field('omron.memory.address', (b[at + 1]! << 8) | b[at + 2]!);
      sink.field('omron.memory.address.bits', b[at + 3]!);
      sink.field('omron.memory.numitems', (b[at + 4]! << 8) | b[at + 5]!);
      return;
    case 0x0104:
      for (let i = at; i + 4 <= end; i += 4) {
        sink.field('omron.memory.area.read', b[i]!);
        sink.field('omron.memory.address', (b[i + 1]! << 8) | b[i + 2]!);
        sink.field('omron.memory.address.bits', b[i + 3]!);
      }
      return;
    case 0x0105:
      if (end - at < 10) return;
      for (const i of [at, at + 4]) {
        sink.field('omron.memory.area.read', b[i]!);
        sink.field('omron.memory.address', (b[i + 1]! << 8) | b[i + 2]!);
        sink.field('omron.memory.address.bits', b[i + 3]!);
      }
      sink.field('omron.memory.numitems', (b[at + 8]! << 8) | b[at + 9]!);
      return;
    case 0x2301:
      // Number of bits/flags, then set/reset specification, area code and 3-byte bit address each.
      for (let i = at + 2; i + 6 <= end; i += 6) sink.field('omron.memory.area.read', b[i + 2]!);
      return;
    default:
      return;
  }
}

function commandTarget(b: Uint8Array, at: number, end: number, code: number): string | undefined {
  if (code >= 0x0101 && code <= 0x0103) return end - at >= 6 ? memoryTarget(b, at) : undefined;
  if (code === 0x0105 && end - at >= 10) {
    const n = (b[at + 8]! << 8) | b[at + 9]!;
    const from = `${areaName(b[at]!)} ${(b[at + 1]! << 8) | b[at + 2]!}`;
    return `${from} -> ${areaName(b[at + 4]!)} ${(b[at + 5]! << 8) | b[at + 6]!} x${n}`;
  }
  if ((code === 0x0306 || code === 0x0307) && end - at >= 8) {
    return `program ${hex(b, at, at + 2)} word ${u32(b, at + 2)} x${(b[at + 6]! << 8) | b[at + 7]!}`;
  }
  return undefined;
}

function commandValues(b: Uint8Array, at: number, end: number, code: number): string | undefined {
  // Written words for small writes only; the bulk of a transfer stays out of the log.
  if ((code === 0x0102 || code === 0x0103 || code === 0x0702) && end - at > 0) {
    const from = code === 0x0702 ? at : at + 6;
    if (from < end && end - from <= 16) return hex(b, from, end);
  }
  return undefined;
}

function dissectFrame(b: Uint8Array, at: number, end: number, ctx: PduContext<FinsState>, sink: DissectSink): void {
  if (end - at < finsHeaderLength) {
    sink.malformed(`fins: frame at offset ${at} has ${end - at} bytes, header and command code need 12`);
    return;
  }
  const icf = b[at]!;
  const isResponse = (icf & 0x40) !== 0;
  const code = (b[at + 10]! << 8) | b[at + 11]!;
  if (sink.wantFields) {
    sink.field('omron.icf', icf);
    sink.field('omron.rsv', b[at + 1]!);
    sink.field('omron.gct', b[at + 2]!);
    sink.field('omron.dna', b[at + 3]!);
    sink.field('omron.da1', b[at + 4]!);
    sink.field('omron.da2', b[at + 5]!);
    sink.field('omron.sna', b[at + 6]!);
    sink.field('omron.sa1', b[at + 7]!);
    sink.field('omron.sa2', b[at + 8]!);
    sink.field('omron.sid', b[at + 9]!);
    sink.field('omron.command', code);
  }
  const data = at + finsHeaderLength;
  const sid = b[at + 9]!;
  const command = finsCommand(code);
  const state = ctx.state;
  if (!isResponse) {
    if (sink.wantFields) commandFields(b, data, end, code, sink);
    const key = `${sid}:${b[at + 6]}.${b[at + 7]}.${b[at + 8]}`;
    const target = commandTarget(b, data, end, code);
    const values = commandValues(b, data, end, code);
    sink.operation({
      operation: command?.operation ?? 'other',
      name: command?.name ?? `Command 0x${code.toString(16).padStart(4, '0')}`,
      code,
      ...(target !== undefined ? { target } : {}),
      ...(values !== undefined ? { values } : {}),
      pairKey: key,
      unit: b[at + 4]!,
    });
    // Responses not required (ICF bit 0) never come back: do not wait for them.
    if ((icf & 0x01) === 0) remember(state, key, code);
    return;
  }
  if (end - data < 2) {
    sink.malformed(`fins: response ${code.toString(16)} ends before its end code at offset ${data}`);
    return;
  }
  const endCode = (b[data]! << 8) | b[data + 1]!;
  if (sink.wantFields) sink.field('omron.response.code', endCode);
  if (!state.rolesReported) {
    state.rolesReported = true;
    sink.identity({ subject: 'source', attribute: 'role-hint', value: 'plc', confidence: 0.5 });
  }
  const key = `${sid}:${b[at + 3]}.${b[at + 4]}.${b[at + 5]}`;
  if (state.pending.get(key) === code) {
    state.pending.delete(key);
    const ok = isNormalCompletion(endCode);
    sink.outcome(key, ok ? { result: 'ok' } : { result: 'exception', detail: endCodeText(endCode) });
  }
  if (code === 0x0501 && isNormalCompletion(endCode)) controllerData(b, data + 2, end, sink);
  else if (code === 0x0104 && sink.wantFields) multipleReadItems(b, data + 2, end, sink);
}

/** Multiple Memory Area Read response: area code, then one byte (bit areas) or one word per item. */
function multipleReadItems(b: Uint8Array, at: number, end: number, sink: DissectSink): void {
  for (let i = at; i < end; ) {
    const area = b[i]!;
    sink.field('omron.memory.area.read', area);
    i += isBitArea(area) ? 2 : 3;
  }
}

/** Controller Data Read response: model (20 bytes) and version (20 bytes) of the PLC. */
function controllerData(b: Uint8Array, at: number, end: number, sink: DissectSink): void {
  if (end - at < 40) {
    if (end > at) sink.malformed(`fins: controller data at offset ${at} has ${end - at} bytes, model and version need 40`);
    return;
  }
  const model = textUntilNul(b, at, at + 20);
  const version = textUntilNul(b, at + 20, at + 40);
  if (sink.wantFields) {
    sink.field('omron.controller.model', model);
    sink.field('omron.controller.version', version);
  }
  const trimmedModel = model.trim();
  const trimmedVersion = version.trim();
  sink.identity({ subject: 'source', attribute: 'vendor', value: 'OMRON', confidence: 0.8 });
  if (trimmedModel !== '') sink.identity({ subject: 'source', attribute: 'model', value: trimmedModel, confidence: 0.9 });
  if (trimmedVersion !== '') sink.identity({ subject: 'source', attribute: 'firmware', value: trimmedVersion, confidence: 0.9 });
}

function dissectTcp(pdu: Uint8Array, ctx: PduContext<FinsState>, sink: DissectSink): void {
  if (pdu.length < tcpHeaderLength) {
    sink.malformed(`fins: FINS/TCP header needs 16 bytes, PDU has ${pdu.length}`);
    return;
  }
  const length = u32(pdu, 4);
  let end = 8 + length;
  if (length < 8) {
    sink.malformed(`fins: FINS/TCP length ${length} at offset 4 is below 8`);
    return;
  }
  if (end > pdu.length) {
    sink.malformed(`fins: FINS/TCP length ${length} at offset 4 runs past the ${pdu.length}-byte PDU`);
    end = pdu.length;
  }
  const command = u32(pdu, 8);
  const error = u32(pdu, 12);
  if (sink.wantFields) {
    sink.field('omron.tcp.magic', magic);
    sink.field('omron.tcp.length', length);
    sink.field('omron.tcp.command', command);
    sink.field('omron.tcp.error_code', error);
  }
  if (command === 0 || command === 1) {
    // Node address data send: the client's node address, and the server's in the reply.
    if (end >= 20 && sink.wantFields) sink.field('omron.tcp.client_node_address', u32(pdu, 16));
    if (command === 1 && end >= 24) {
      const server = u32(pdu, 20);
      if (sink.wantFields) sink.field('omron.tcp.server_node_address', server);
      sink.identity({ subject: 'source', attribute: 'address', value: `FINS node ${server}`, confidence: 0.7 });
      sink.identity({ subject: 'destination', attribute: 'address', value: `FINS node ${u32(pdu, 16)}`, confidence: 0.7 });
    }
    return;
  }
  if (command === 2 && end > tcpHeaderLength) dissectFrame(pdu, tcpHeaderLength, end, ctx, sink);
}

function dissectFins(pdu: Uint8Array, ctx: PduContext<FinsState>, sink: DissectSink): void {
  if (pdu.length >= 4 && u32(pdu, 0) === magic) dissectTcp(pdu, ctx, sink);
  else dissectFrame(pdu, 0, pdu.length, ctx, sink);
}

const base = {
  protocol: 'fins' as const,
  ports: [9600],
  probe: probeFins,
  createState: createFinsState,
  dissect: dissectFins,
};

export const finsUdpDissector: Dissector<FinsState> = { ...base, transport: 'udp' };

export const finsTcpDissector: Dissector<FinsState> = { ...base, transport: 'tcp', pduLength: finsPduLength };
