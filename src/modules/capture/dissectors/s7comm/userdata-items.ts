// Userdata contents that carry variable items like Read/Write Var does: cyclic data subscriptions and
// their pushed values, programmer commands that show or modify variables (test and installation
// format: parameter size, data size, parameters, data), and alarm messages with associated values.
import { u16 } from '../../decode/bytes.js';
import type { DissectSink } from '../types.js';
import { dataItems, requestItems, type ItemSummary } from './items.js';

const typePush = 0;
const typeRequest = 4;

export interface UserdataItems {
  target: string | undefined;
  values: string | undefined;
}

const none: UserdataItems = { target: undefined, values: undefined };

/** Cyclic transfer (1), change driven transfer (5) and its modification (7). */
export function cyclicItems(b: Uint8Array, at: number, end: number, type: number, sink: DissectSink): UserdataItems {
  if (end - at < 2) return none;
  const count = u16(b, at);
  if (sink.wantFields) sink.field('s7comm.param.itemcount', count);
  if (type === typeRequest) {
    // Item count, interval time base and factor, then the variables as in Read Var.
    if (end - at < 4) return none;
    const items: ItemSummary = requestItems(b, at + 4, end, count, sink);
    return { target: items.target, values: undefined };
  }
  dataItems(b, at + 2, end, count, sink);
  return none;
}

/** Programmer commands in the test and installation format; variable status (2) and modify variable (8). */
export function tisItems(b: Uint8Array, at: number, end: number, type: number, subfunction: number, sink: DissectSink): UserdataItems {
  if (end - at < 4) return none;
  const data = at + 4 + u16(b, at);
  const dataEnd = Math.min(end, data + u16(b, at + 2));
  if (dataEnd - data < 2) return none;
  const count = u16(b, data);
  if (subfunction === 8 && type === typeRequest) {
    // Item count, 6-byte addresses, then the values to write.
    return { target: undefined, values: dataItems(b, data + 2 + 6 * count, dataEnd, count, sink).values };
  }
  if (subfunction === 8 && type === typePush) {
    for (let i = data + 2; i < dataEnd && i < data + 2 + count; i++) if (sink.wantFields) sink.field('s7comm.data.returncode', b[i]!);
    return none;
  }
  if (subfunction === 2 && type === typePush) dataItems(b, data + 2, dataEnd, count, sink);
  return none;
}

/** Alarm indications (pushed: timestamp first) and alarm requests: message objects with their values. */
export function alarmItems(b: Uint8Array, at: number, end: number, type: number, subfunction: number, sink: DissectSink): void {
  const f = sink.wantFields;
  let i = type === typePush ? at + 8 : at;
  if (end - i < 2) return;
  const count = b[i + 1]!;
  i += 2;
  if (subfunction === 19 && type !== typeRequest) {
    // ALARM query response: return code, transport size, complete length, then the alarm datasets.
    if (f && end - i >= 2) {
      sink.field('s7comm.data.returncode', b[i]!);
      sink.field('s7comm.data.transportsize', b[i + 1]!);
    }
    return;
  }
  for (let n = 0; n < count && i + 3 <= end; n++) {
    const length = b[i + 1]!;
    const syntax = b[i + 2]!;
    if (f) {
      sink.field('s7comm.param.item.varspec', b[i]!);
      sink.field('s7comm.param.item.varspec_length', length);
      sink.field('s7comm.param.item.syntaxid', syntax);
    }
    const values = syntax === 0x16 && i + 4 <= end ? b[i + 3]! : 0;
    i += 2 + length;
    if (i > end) return;
    if (values > 0) i = skipDataItems(b, i, end, values, sink);
  }
}

/** Associated values: data items like Read Var's, each padded to an even length. */
function skipDataItems(b: Uint8Array, at: number, end: number, count: number, sink: DissectSink): number {
  let i = at;
  for (let n = 0; n < count && i + 4 <= end; n++) {
    const size = b[i + 1]!;
    const raw = u16(b, i + 2);
    const bytes = size === 3 || size === 4 || size === 5 ? (raw + 7) >>> 3 : raw;
    if (sink.wantFields) {
      sink.field('s7comm.data.returncode', b[i]!);
      sink.field('s7comm.data.transportsize', size);
      sink.field('s7comm.data.length', bytes);
    }
    i += 4 + bytes + (bytes & 1);
  }
  return i;
}
