// Read Var / Write Var: the request's variable specifications (S7ANY and DBREAD syntax) and the data
// items of write requests and read responses (return code, transport size, length, value).
import type { DissectSink } from '../types.js';
import { areaPrefixes, returnCodeText, transportSizeName } from './names.js';

/** At most this many item addresses in an operation's target; the rest are counted. */
const maxTargets = 4;
/** Written values are logged only while this small. */
const maxValueBytes = 16;

export interface ItemSummary {
  /** "DB1.DBX 0.0 BYTE x4, M 100.0 BIT", undefined when no item was readable. */
  target: string | undefined;
  count: number;
}

function s7anyTarget(size: number, count: number, db: number, area: number, address: number): string {
  const times = count > 1 ? ` x${count}` : '';
  if (area >= 0x1c && area <= 0x1f) return `${areaPrefixes.get(area)} ${address & 0xffff}${times}`;
  const at = `${address >>> 3}.${address & 7} ${transportSizeName(size)}${times}`;
  if (area === 0x84) return `DB${db}.DBX ${at}`;
  if (area === 0x85) return `DI${db}.DIX ${at}`;
  const prefix = areaPrefixes.get(area) ?? `area 0x${area.toString(16).padStart(2, '0')}`;
  return `${prefix} ${at}`;
}

function addTarget(summary: ItemSummary, text: string): void {
  summary.count++;
  if (summary.count <= maxTargets) summary.target = summary.target === undefined ? text : `${summary.target}, ${text}`;
}

/** Parameter items of a Read Var / Write Var request (after function code and item count). */
export function requestItems(b: Uint8Array, at: number, end: number, count: number, sink: DissectSink): ItemSummary {
  const summary: ItemSummary = { target: undefined, count: 0 };
  const f = sink.wantFields;
  let i = at;
  for (let n = 0; n < count; n++) {
    if (i + 3 > end) {
      sink.malformed(`s7comm: item ${n + 1} at offset ${i} is truncated`);
      break;
    }
    const length = b[i + 1]!;
    const next = i + 2 + length;
    const syntax = b[i + 2]!;
    if (f) {
      sink.field('s7comm.param.item.varspec', b[i]!);
      sink.field('s7comm.param.item.varspec_length', length);
      sink.field('s7comm.param.item.syntaxid', syntax);
    }
    if (next > end) {
      sink.malformed(`s7comm: item ${n + 1} of ${length} bytes at offset ${i} runs past the parameters`);
      break;
    }
    if (syntax === 0x10 && length >= 10) {
      const size = b[i + 3]!;
      const items = (b[i + 4]! << 8) | b[i + 5]!;
      const db = (b[i + 6]! << 8) | b[i + 7]!;
      const area = b[i + 8]!;
      const address = (b[i + 9]! << 16) | (b[i + 10]! << 8) | b[i + 11]!;
      if (f) {
        sink.field('s7comm.param.item.transp_size', size);
        sink.field('s7comm.param.item.length', items);
        sink.field('s7comm.param.item.db', db);
        sink.field('s7comm.param.item.area', area);
        sink.field('s7comm.param.item.address', address);
      }
      addTarget(summary, s7anyTarget(size, items, db, area, address));
    } else if (syntax === 0xb0 && length >= 2) {
      // DBREAD: several DB ranges in one item.
      const areas = b[i + 3]!;
      if (f) sink.field('s7comm.param.item.dbread.numareas', areas);
      for (let k = 0, j = i + 4; k < areas && j + 5 <= next; k++, j += 5) {
        const bytes = b[j]!;
        const db = (b[j + 1]! << 8) | b[j + 2]!;
        const start = (b[j + 3]! << 8) | b[j + 4]!;
        if (f) {
          sink.field('s7comm.param.item.dbread.length', bytes);
          sink.field('s7comm.param.item.dbread.db', db);
          sink.field('s7comm.param.item.dbread.startaddress', start);
        }
        addTarget(summary, `DB${db}.DBB ${start} x${bytes}`);
      }
    }
    i = next;
  }
  if (summary.count > maxTargets) summary.target += ` (+${summary.count - maxTargets} more)`;
  return summary;
}

/** Byte length of a data item's value: the length counts bits for BIT, BYTE/WORD/DWORD and INTEGER. */
function valueBytes(transportSize: number, length: number): number {
  return transportSize === 3 || transportSize === 4 || transportSize === 5 ? (length + 7) >>> 3 : length;
}

export interface DataItemsResult {
  /** "item 2: Object does not exist (0x0a)" for the first failed item, undefined when all succeeded. */
  failure: string | undefined;
  /** Small written values ("0x0102, 0xff"), undefined when none or too large. */
  values: string | undefined;
}

/** Data items of a Write Var request or Read Var response. */
export function dataItems(b: Uint8Array, at: number, end: number, count: number, sink: DissectSink): DataItemsResult {
  const result: DataItemsResult = { failure: undefined, values: undefined };
  const f = sink.wantFields;
  let i = at;
  let logged = 0;
  let values = '';
  for (let n = 0; n < count; n++) {
    if (i + 4 > end) {
      if (i < end) sink.malformed(`s7comm: data item ${n + 1} at offset ${i} is truncated`);
      break;
    }
    const code = b[i]!;
    const size = b[i + 1]!;
    const bytes = valueBytes(size, (b[i + 2]! << 8) | b[i + 3]!);
    if (f) {
      sink.field('s7comm.data.returncode', code);
      sink.field('s7comm.data.transportsize', size);
      // tshark shows the length in bytes, converted from bits where the transport size counts bits.
      sink.field('s7comm.data.length', bytes);
    }
    if (code !== 0xff && code !== 0x00 && result.failure === undefined) result.failure = `item ${n + 1}: ${returnCodeText(code)}`;
    const from = i + 4;
    const to = from + bytes;
    if (to > end) {
      sink.malformed(`s7comm: data item ${n + 1} value of ${bytes} bytes at offset ${from} runs past the data`);
      break;
    }
    logged += bytes;
    if (logged <= maxValueBytes) {
      let hex = '0x';
      for (let k = from; k < to; k++) hex += b[k]!.toString(16).padStart(2, '0');
      values = values === '' ? hex : `${values}, ${hex}`;
    }
    // A fill byte keeps the next item on an even offset.
    i = to + (bytes & 1 && n + 1 < count ? 1 : 0);
  }
  if (values !== '' && logged <= maxValueBytes) result.values = values;
  return result;
}

/** Write Var response: one return code per item. */
export function writeResults(b: Uint8Array, at: number, end: number, sink: DissectSink): string | undefined {
  let failure: string | undefined;
  for (let i = at; i < end; i++) {
    const code = b[i]!;
    if (sink.wantFields) sink.field('s7comm.data.returncode', code);
    if (code !== 0xff && failure === undefined) failure = `item ${i - at + 1}: ${returnCodeText(code)}`;
  }
  return failure;
}
