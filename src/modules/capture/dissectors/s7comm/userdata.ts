// S7comm userdata (ROSCTR 7): function group and subfunction in the parameters, a return code, transport
// size and length in the data. Responses larger than a PDU come in fragments (same data unit reference,
// "last data unit" 0 on the final one) that are joined before the content is decoded.
import type { DissectSink, PduContext } from '../types.js';
import { errorText, returnCodeText, userdataFunction } from './names.js';
import { appendFragment, rememberRequest, reportPlc, type S7State, takeRequest } from './state.js';
import { szlRequest, szlResponse } from './szl.js';
import { alarmItems, cyclicItems, tisItems, type UserdataItems } from './userdata-items.js';

const typeRequest = 4;
const typeResponse = 8;
const programmerCommands = 1;
const cyclicServices = 2;
const cpuFunctions = 4;
const timeFunctions = 7;

function isCyclicTransfer(h: UserdataHeader): boolean {
  return h.group === cyclicServices && (h.subfunction === 1 || h.subfunction === 5 || h.subfunction === 7);
}

/** CPU function subfunctions that carry alarm message objects (indications, lock/unlock, ack, query). */
function isAlarm(h: UserdataHeader): boolean {
  const s = h.subfunction;
  return h.group === cpuFunctions && s >= 5 && s !== 10 && s !== 15 && s !== 16 && (s <= 19 || s === 22);
}

/** Items inside the content, for fields and for the operation's target and values. */
function contentItems(b: Uint8Array, at: number, end: number, h: UserdataHeader, sink: DissectSink): UserdataItems | undefined {
  if (isCyclicTransfer(h)) return cyclicItems(b, at, end, h.type, sink);
  if (h.group === programmerCommands) return tisItems(b, at, end, h.type, h.subfunction, sink);
  if (isAlarm(h)) alarmItems(b, at, end, h.type, h.subfunction, sink);
  return undefined;
}

/** S7 BCD timestamp: reserved, year (century byte, year byte), month, day, hour, minute, second, ms and weekday. */
function timestamp(b: Uint8Array, at: number, end: number): string | undefined {
  if (end - at < 10) return undefined;
  const bcd = (v: number): string => `${v >> 4}${v & 0x0f}`;
  // Like tshark, the century follows from the two-digit year rather than from the century byte.
  const year = `${b[at + 2]! < 0x90 ? '20' : '19'}${bcd(b[at + 2]!)}`;
  const ms = `${bcd(b[at + 8]!)}${b[at + 9]! >> 4}`;
  return `${year}-${bcd(b[at + 3]!)}-${bcd(b[at + 4]!)} ${bcd(b[at + 5]!)}:${bcd(b[at + 6]!)}:${bcd(b[at + 7]!)}.${ms}`;
}

interface UserdataHeader {
  readonly type: number;
  readonly group: number;
  readonly subfunction: number;
  readonly unitRef: number;
  /** 0 on the last (or only) data unit. */
  readonly more: number;
  /** 8-byte parameters (data unit reference, last unit, error code): responses, and requests for the next fragment. */
  readonly long: boolean;
  readonly error: number;
}

function header(b: Uint8Array, p: number, pEnd: number, sink: DissectSink): UserdataHeader | undefined {
  if (pEnd - p < 8) {
    sink.malformed(`s7comm: userdata parameters at offset ${p} have ${pEnd - p} bytes, need 8`);
    return undefined;
  }
  const long = b[p + 3] === 8 && pEnd - p >= 12;
  const type = b[p + 5]! >> 4;
  const group = b[p + 5]! & 0x0f;
  const subfunction = b[p + 6]!;
  const result: UserdataHeader = {
    type,
    group,
    subfunction,
    long,
    unitRef: long ? b[p + 8]! : 0,
    more: long ? b[p + 9]! : 0,
    error: long ? (b[p + 10]! << 8) | b[p + 11]! : 0,
  };
  if (sink.wantFields) {
    sink.field('s7comm.param.userdata.reqres1', b[p + 4]!);
    sink.field('s7comm.param.userdata.type', type);
    sink.field('s7comm.param.userdata.funcgroup', group);
    // Mode transitions carry the new mode where other groups have their subfunction.
    sink.field(group === 0 ? 's7comm.param.modetrans.subfunc' : 's7comm.param.userdata.subfunc', subfunction);
    sink.field('s7comm.param.userdata.seq_num', b[p + 7]!);
    if (long) {
      sink.field('s7comm.param.userdata.dataunitref', result.unitRef);
      sink.field('s7comm.param.userdata.lastdataunit', result.more);
      sink.field('s7comm.param.errcod', result.error);
    }
  }
  return result;
}

export function dissectUserdata(
  b: Uint8Array,
  p: number,
  pEnd: number,
  d: number,
  dEnd: number,
  pduref: number,
  ctx: PduContext<S7State>,
  sink: DissectSink,
): void {
  const h = header(b, p, pEnd, sink);
  if (h === undefined) return;
  const state = ctx.state;
  let returnCode = -1;
  let content = d;
  let contentEnd = d;
  if (dEnd - d >= 4) {
    returnCode = b[d]!;
    const length = (b[d + 2]! << 8) | b[d + 3]!;
    if (sink.wantFields) {
      sink.field('s7comm.data.returncode', returnCode);
      sink.field('s7comm.data.transportsize', b[d + 1]!);
      sink.field('s7comm.data.length', length);
    }
    content = d + 4;
    contentEnd = Math.min(dEnd, content + length);
  }
  if (h.type === typeRequest) {
    userdataRequest(b, content, contentEnd, h, pduref, state, sink);
    return;
  }
  if (h.type !== typeResponse && h.type !== 0) return;
  if (h.type === typeResponse) {
    if (!ctx.toServer) reportPlc(state, 'source', sink);
    const request = takeRequest(state, pduref);
    if (request !== undefined && request.userdata) {
      // Errors come in the parameters' error code; return code 0x0a only says that no data follows.
      const failed = returnCode >= 0 && returnCode !== 0xff && returnCode !== 0x0a;
      const failure = h.error !== 0 ? errorText(h.error >> 8, h.error & 0xff) : failed ? returnCodeText(returnCode) : undefined;
      sink.outcome(String(pduref), failure === undefined ? { result: 'ok' } : { result: 'exception', detail: failure });
    }
  }
  // Join fragments; the content is decoded once the last one is in.
  const key = (h.unitRef << 16) | (h.group << 8) | h.subfunction;
  let bytes = b;
  if (h.more !== 0) {
    const fragment = state.fragment;
    if (fragment === undefined || fragment.key !== key) {
      state.fragment = { key, bytes: new Uint8Array(Math.max(256, contentEnd - content)), length: 0 };
    }
    if (!appendFragment(state.fragment!, b, content, contentEnd)) state.fragment = undefined;
    return;
  }
  const fragment = state.fragment;
  if (fragment !== undefined && h.unitRef !== 0 && fragment.key === key) {
    state.fragment = undefined;
    if (!appendFragment(fragment, b, content, contentEnd)) return;
    bytes = fragment.bytes;
    content = 0;
    contentEnd = fragment.length;
  }
  if (returnCode !== 0xff) return;
  if (h.group === cpuFunctions && h.subfunction === 1) szlResponse(bytes, content, contentEnd, sink);
  else contentItems(bytes, content, contentEnd, h, sink);
}

function userdataRequest(
  b: Uint8Array,
  content: number,
  contentEnd: number,
  h: UserdataHeader,
  pduref: number,
  state: S7State,
  sink: DissectSink,
): void {
  // A request with response-style parameters and no content asks for the next fragment of a response.
  if (h.long && contentEnd === content) return;
  const isSzl = h.group === cpuFunctions && h.subfunction === 1;
  const szl = isSzl ? szlRequest(b, content, contentEnd, sink) : undefined;
  const items = isSzl ? undefined : contentItems(b, content, contentEnd, h, sink);
  const fn = userdataFunction(h.group, h.subfunction);
  let operation = fn.operation;
  if (operation === undefined) return;
  let target = items?.target;
  let values = items?.values;
  if (isSzl) {
    if (szl !== undefined) target = `SZL 0x${szl.id.toString(16).padStart(4, '0')} index 0x${szl.index.toString(16).padStart(4, '0')}`;
    // The first system status list a client reads is how it finds out what the PLC is.
    if (state.szlReads++ === 0) operation = 'discovery';
  } else if (h.group === timeFunctions && (h.subfunction === 2 || h.subfunction === 4)) {
    values = timestamp(b, content, contentEnd);
  }
  sink.operation({
    operation,
    name: fn.name,
    code: (h.group << 8) | h.subfunction,
    ...(target !== undefined ? { target } : {}),
    ...(values !== undefined ? { values } : {}),
    pairKey: String(pduref),
  });
  rememberRequest(state, pduref, { userdata: true, code: (h.group << 8) | h.subfunction });
}
