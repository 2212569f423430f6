// S7comm jobs (ROSCTR 1) and their acknowledgements (ROSCTR 2 ack, 3 ack-data): setup communication,
// read/write variables, block download/upload control, PI services and PLC stop.
import type { DissectSink, OperationClass, PduContext } from '../types.js';
import { dataItems, requestItems, writeResults } from './items.js';
import { blockTypes, errorText, functionNames, piServiceOperation } from './names.js';
import { reportEngineeringWorkstation, reportPlc, rememberRequest, type S7State, takeRequest } from './state.js';

function ascii(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** "_0A00001P" → "DB1"; other file names are shown as they are. */
function blockName(file: string): string {
  const type = blockTypes.get(file.slice(1, 3));
  const number = Number.parseInt(file.slice(3, 8), 10);
  return file.length === 9 && type !== undefined && Number.isFinite(number) ? `${type}${number}` : file;
}

function setupFields(b: Uint8Array, p: number, pEnd: number, sink: DissectSink): void {
  if (pEnd - p < 8 || !sink.wantFields) return;
  sink.field('s7comm.param.maxamq_calling', (b[p + 2]! << 8) | b[p + 3]!);
  sink.field('s7comm.param.maxamq_called', (b[p + 4]! << 8) | b[p + 5]!);
  sink.field('s7comm.param.pdu_length', (b[p + 6]! << 8) | b[p + 7]!);
}

/** Block control file name ("_0A00001P") at p + 8 of request download / download / start upload. */
function blockFile(b: Uint8Array, p: number, pEnd: number, sink: DissectSink): string | undefined {
  if (pEnd - p < 9) return undefined;
  const length = b[p + 8]!;
  if (p + 9 + length > pEnd) {
    sink.malformed(`s7comm: block file name of ${length} bytes at offset ${p + 9} runs past the parameters`);
    return undefined;
  }
  const file = ascii(b, p + 9, p + 9 + length);
  if (sink.wantFields) fileFields(file, file, sink);
  return file;
}

/** A block file name "_0A00001P" (shown as `shown`): block type, number and destination file system. */
function fileFields(file: string, shown: string, sink: DissectSink): void {
  sink.field('s7comm.param.blockcontrol.filename', shown);
  if (file.length !== 9) return;
  sink.field('s7comm.data.blockcontrol.block_type', file.slice(1, 3));
  sink.field('s7comm.data.blockcontrol.block_number', file.slice(3, 8));
  sink.field('s7comm.data.blockcontrol.dest_filesys', file.slice(8));
}

interface PiService {
  readonly service: string;
  /** Blocks named in the parameter block ("DB1, OB1") or the argument ("C "). */
  readonly argument: string;
  readonly blocks: string;
}

/** PI service: 7 unknown bytes, parameter block (length-prefixed), service name (length-prefixed). */
function piService(b: Uint8Array, p: number, pEnd: number, sink: DissectSink): PiService | undefined {
  if (pEnd - p < 10) return undefined;
  const blockLength = (b[p + 8]! << 8) | b[p + 9]!;
  const block = p + 10;
  const nameAt = block + blockLength;
  if (nameAt + 1 > pEnd || nameAt + 1 + b[nameAt]! > pEnd) {
    sink.malformed(`s7comm: PI service name at offset ${nameAt} runs past the parameters`);
    return undefined;
  }
  const service = ascii(b, nameAt + 1, nameAt + 1 + b[nameAt]!);
  if (sink.wantFields) sink.field('s7comm.param.pistart.servicename', service);
  let blocks = '';
  if (service === '_INSE' || service === '_DELE') {
    // Block count, a reserved byte, then 8-character block names ("0A00001P").
    const count = blockLength >= 2 ? b[block]! : 0;
    for (let n = 0, i = block + 2; n < count && i + 8 <= nameAt; n++, i += 8) {
      const file = ascii(b, i, i + 8);
      if (sink.wantFields) fileFields(`_${file}`, file, sink);
      const name = blockName(`_${file}`);
      blocks = blocks === '' ? name : `${blocks}, ${name}`;
    }
  }
  return { service, argument: ascii(b, block, nameAt), blocks };
}

function operation(
  sink: DissectSink,
  state: S7State,
  pduref: number,
  func: number,
  op: OperationClass,
  name: string,
  target: string | undefined,
  values: string | undefined,
): void {
  sink.operation({
    operation: op,
    name,
    code: func,
    ...(target !== undefined ? { target } : {}),
    ...(values !== undefined && values !== '' ? { values } : {}),
    pairKey: String(pduref),
  });
  rememberRequest(state, pduref, { userdata: false, code: func });
  if (op === 'program-download' || op === 'program-upload' || op === 'stop' || op === 'start') reportEngineeringWorkstation(state, sink);
}

export function dissectJob(
  b: Uint8Array,
  p: number,
  pEnd: number,
  d: number,
  dEnd: number,
  pduref: number,
  ctx: PduContext<S7State>,
  sink: DissectSink,
): void {
  if (pEnd <= p) return;
  const state = ctx.state;
  const func = b[p]!;
  if (sink.wantFields) sink.field('s7comm.param.func', func);
  if (ctx.toServer) reportPlc(state, 'destination', sink);
  switch (func) {
    case 0xf0:
      setupFields(b, p, pEnd, sink);
      operation(sink, state, pduref, func, 'session', 'Setup Communication', undefined, undefined);
      return;
    case 0x04:
    case 0x05: {
      if (pEnd - p < 2) return;
      const count = b[p + 1]!;
      if (sink.wantFields) sink.field('s7comm.param.itemcount', count);
      const items = requestItems(b, p + 2, pEnd, count, sink);
      const values = func === 0x05 ? dataItems(b, d, dEnd, count, sink).values : undefined;
      operation(sink, state, pduref, func, func === 0x04 ? 'read' : 'write', functionNames.get(func)!, items.target, values);
      return;
    }
    case 0x1a:
    case 0x1b:
    case 0x1c:
    case 0x1d: {
      const file = blockFile(b, p, pEnd, sink);
      // Download block/ended are jobs the PLC sends back to the station: only the starts are operations.
      if (func === 0x1a) operation(sink, state, pduref, func, 'program-download', 'Request Download', file && blockName(file), undefined);
      else if (func === 0x1d) operation(sink, state, pduref, func, 'program-upload', 'Start Upload', file && blockName(file), undefined);
      return;
    }
    case 0x28: {
      const pi = piService(b, p, pEnd, sink);
      if (pi === undefined) return;
      const target = pi.blocks !== '' ? pi.blocks : undefined;
      const values = pi.blocks === '' ? pi.argument.trim() : undefined;
      operation(sink, state, pduref, func, piServiceOperation(pi.service), `PI Service ${pi.service}`, target, values);
      return;
    }
    case 0x29: {
      // Five unknown bytes, then the length-prefixed program invocation name ("P_PROGRAM").
      let service: string | undefined;
      if (pEnd - p >= 7 && p + 7 + b[p + 6]! <= pEnd) {
        service = ascii(b, p + 7, p + 7 + b[p + 6]!);
        if (sink.wantFields) sink.field('s7comm.param.pistart.servicename', service);
      }
      operation(sink, state, pduref, func, 'stop', 'PLC Stop', service, undefined);
      return;
    }
    default:
      return;
  }
}

/** Ack (ROSCTR 2) and ack-data (ROSCTR 3): the header's error, then the function's results. */
export function dissectAck(
  b: Uint8Array,
  p: number,
  pEnd: number,
  d: number,
  dEnd: number,
  pduref: number,
  error: number,
  ctx: PduContext<S7State>,
  sink: DissectSink,
): void {
  const state = ctx.state;
  if (!ctx.toServer) reportPlc(state, 'source', sink);
  let failure = error !== 0 ? errorText(error >> 8, error & 0xff) : undefined;
  // tshark repeats a non-zero header error as the parameter error code.
  if (error !== 0 && sink.wantFields) sink.field('s7comm.param.errcod', error);
  if (pEnd > p) {
    const func = b[p]!;
    if (sink.wantFields) sink.field('s7comm.param.func', func);
    if (func === 0xf0) {
      setupFields(b, p, pEnd, sink);
    } else if ((func === 0x04 || func === 0x05) && pEnd - p >= 2) {
      const count = b[p + 1]!;
      if (sink.wantFields) sink.field('s7comm.param.itemcount', count);
      const itemFailure = func === 0x04 ? dataItems(b, d, dEnd, count, sink).failure : writeResults(b, d, Math.min(dEnd, d + count), sink);
      failure ??= itemFailure;
    } else if ((func === 0x1b || func === 0x1e) && dEnd - d >= 2 && sink.wantFields) {
      // Download block / upload data: length, two unknown bytes, the block bytes.
      sink.field('s7comm.data.length', (b[d]! << 8) | b[d + 1]!);
    }
  }
  const request = takeRequest(state, pduref);
  if (request === undefined || request.userdata) return;
  sink.outcome(String(pduref), failure === undefined ? { result: 'ok' } : { result: 'exception', detail: failure });
}
