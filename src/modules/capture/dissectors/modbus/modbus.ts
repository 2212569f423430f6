// Modbus/TCP (TCP 502): MBAP framing, then requests and responses told apart by direction.
// Built for the benchmark path: direct byte reads, cached strings, fields only when asked for.
import type { Dissector, DissectSink, OperationOutcome, PduContext } from '../types.js';
import { exceptionNames, functionNames } from './names.js';
import { dissectRequest } from './request.js';
import { dissectResponse } from './response.js';
import { answerRequest, createModbusState, findRequest, type ModbusState } from './state.js';
import { pairKeyOf } from './text.js';

const exceptionOutcomes: readonly OperationOutcome[] = Array.from({ length: 256 }, (_, code) => ({
  result: 'exception' as const,
  detail: `${exceptionNames[code] ?? 'Unknown Exception'} (${code})`,
}));

/** Total MBAP frame length, 0 while the header is incomplete, -1 when it cannot be Modbus/TCP. */
export function modbusPduLength(data: Uint8Array): number {
  if (data.length < 6) return 0;
  // Protocol id 0 is Modbus; a length below 2 cannot hold unit id and function code.
  if (data[2] !== 0 || data[3] !== 0) return -1;
  const length = (data[4]! << 8) | data[5]!;
  return length < 2 ? -1 : 6 + length;
}

export function probeModbus(payload: Uint8Array): boolean {
  if (payload.length < 8) return false;
  const length = modbusPduLength(payload);
  if (length < 8 || length > 260 || length > payload.length) return false;
  return functionNames[payload[7]! & 0x7f] !== undefined;
}

function dissectModbus(pdu: Uint8Array, ctx: PduContext<ModbusState>, sink: DissectSink): void {
  const size = pdu.length;
  if (size < 8 || pdu[2] !== 0 || pdu[3] !== 0) {
    sink.malformed(size < 8 ? `modbus: ${size} bytes, MBAP header and function code need 8` : 'modbus: protocol id at offset 2 is not 0');
    return;
  }
  const length = (pdu[4]! << 8) | pdu[5]!;
  let end = 6 + length;
  if (length < 2) {
    sink.malformed(`modbus: MBAP length ${length} at offset 4 is below 2`);
    return;
  }
  if (end > size) {
    sink.malformed(`modbus: MBAP length ${length} at offset 4 runs past the ${size}-byte PDU`);
    end = size;
  }
  const tid = (pdu[0]! << 8) | pdu[1]!;
  const unit = pdu[6]!;
  const raw = pdu[7]!;
  const state = ctx.state;
  if (!state.rolesReported) {
    state.rolesReported = true;
    sink.identity({ subject: ctx.toServer ? 'destination' : 'source', attribute: 'role-hint', value: 'plc', confidence: 0.4 });
    sink.identity({ subject: ctx.toServer ? 'source' : 'destination', attribute: 'role-hint', value: 'hmi', confidence: 0.3 });
  }
  // tshark reads these bytes before showing anything: exception code, diagnostic sub-function, MEI type.
  const needed = raw & 0x80 ? 9 : raw === 8 ? 10 : raw === 43 ? 9 : 8;
  if (end < needed) {
    sink.malformed(`modbus: function ${raw} needs ${needed} bytes, PDU ends at ${end}`);
    return;
  }
  const fc = raw & 0x7f;
  if (sink.wantFields) {
    sink.field('mbtcp.trans_id', tid);
    sink.field('mbtcp.prot_id', 0);
    sink.field('mbtcp.len', length);
    sink.field('mbtcp.unit_id', unit);
    sink.field('modbus.func_code', fc);
  }
  // An exception has the high bit set and a non-zero code (tshark decodes code 0 as a normal PDU).
  if (raw & 0x80 && pdu[8] !== 0) {
    const code = pdu[8]!;
    if (sink.wantFields) sink.field('modbus.exception_code', code);
    if (ctx.toServer) {
      sink.malformed(`modbus: exception function code 0x${raw.toString(16)} sent to the server`);
      return;
    }
    const request = findRequest(state, tid, unit, fc);
    if (answerRequest(state, request)) sink.outcome(pairKeyOf(tid), exceptionOutcomes[code]!);
    return;
  }
  if (ctx.toServer) dissectRequest(pdu, end, fc, unit, tid, ctx, sink);
  else dissectResponse(pdu, end, fc, unit, tid, ctx, sink);
}

export const modbusDissector: Dissector<ModbusState> = {
  protocol: 'modbus',
  transport: 'tcp',
  ports: [502],
  probe: probeModbus,
  pduLength: modbusPduLength,
  createState: createModbusState,
  dissect: dissectModbus,
};
