// Short text summaries of MMS `Data` values (ISO 9506), also used by GOOSE allData. Operations only
// carry small values, so the summary stops after a few items and a few hundred characters.
import { newTlv, readInteger, readLatin1, readTlv, readUnsigned, readUtf8, toHex, type Tlv } from '../ber/ber.js';
import { utcTimeIso } from '../ber/time.js';

const maxItems = 16;
const maxChars = 200;
const maxDepth = 4;

const f32 = new Float32Array(1);
const f64 = new Float64Array(1);
const f32Bytes = new Uint8Array(f32.buffer);
const f64Bytes = new Uint8Array(f64.buffer);
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** IEEE float from an MMS floating-point (exponent width octet + 4 or 8 big-endian octets). */
function floatValue(b: Uint8Array, start: number, end: number): string {
  const n = end - start - 1;
  const target = n === 4 ? f32Bytes : n === 8 ? f64Bytes : undefined;
  if (!target) return `0x${toHex(b, start, end, 16)}`;
  for (let i = 0; i < n; i++) target[littleEndian ? n - 1 - i : i] = b[start + 1 + i] as number;
  // A float32 printed with 7 significant digits reads as written (21.5, not 21.5000002).
  return n === 4 ? String(Number((f32[0] as number).toPrecision(7))) : String(f64[0] as number);
}

function bitString(b: Uint8Array, start: number, end: number): string {
  if (end <= start) return '0b';
  const unused = (b[start] as number) & 7;
  const bits = (end - start - 1) * 8 - unused;
  if (bits <= 0) return '0b';
  if (bits > 32) return `0x${toHex(b, start + 1, end, 16)}`;
  let s = '0b';
  for (let i = 0; i < bits; i++) s += ((b[start + 1 + (i >> 3)] as number) >> (7 - (i & 7))) & 1 ? '1' : '0';
  return s;
}

interface Budget {
  items: number;
  out: string;
  readonly tlvs: Tlv[];
}

/** One budget reused by every summary (summaries are built synchronously, one at a time). */
const shared: Budget = { items: 0, out: '', tlvs: [] };

function one(b: Uint8Array, t: Tlv, budget: Budget, depth: number): void {
  budget.items++;
  const { start, end } = t;
  switch (t.tag) {
    case 1:
    case 2: {
      const open = t.tag === 1 ? '[' : '{';
      budget.out += open;
      if (depth >= maxDepth) budget.out += '…';
      else list(b, start, end, budget, depth + 1);
      budget.out += t.tag === 1 ? ']' : '}';
      return;
    }
    case 3:
      budget.out += end > start && b[start] !== 0 ? 'true' : 'false';
      return;
    case 4:
      budget.out += bitString(b, start, end);
      return;
    case 5:
      budget.out += String(readInteger(b, start, end));
      return;
    case 6:
      budget.out += String(readUnsigned(b, start, end));
      return;
    case 7:
      budget.out += floatValue(b, start, end);
      return;
    case 9:
      budget.out += `0x${toHex(b, start, end, 16)}`;
      return;
    case 10:
      budget.out += JSON.stringify(readLatin1(b, start, end, 32));
      return;
    case 16:
      budget.out += JSON.stringify(readUtf8(b, start, end, 32));
      return;
    case 17:
      budget.out += utcTimeIso(b, start, end) || `0x${toHex(b, start, end)}`;
      return;
    default:
      budget.out += `[${t.tag}]0x${toHex(b, start, end, 8)}`;
  }
}

function list(b: Uint8Array, pos: number, end: number, budget: Budget, depth: number): void {
  const t = (budget.tlvs[depth] ??= newTlv());
  let first = true;
  while (pos < end) {
    if (budget.items >= maxItems || budget.out.length >= maxChars) {
      budget.out += first ? '…' : ', …';
      return;
    }
    if (!readTlv(b, pos, end, t)) {
      budget.out += first ? '?' : ', ?';
      return;
    }
    if (!first) budget.out += ', ';
    first = false;
    one(b, t, budget, depth);
    pos = t.next;
  }
}

/** Summary of a sequence of `Data` elements between `start` and `end` ("true, 0b10, 21.5, …"). */
export function summarizeDataList(b: Uint8Array, start: number, end: number): string {
  const budget = shared;
  budget.items = 0;
  budget.out = '';
  list(b, start, end, budget, 0);
  return budget.out.length > maxChars + 20 ? `${budget.out.slice(0, maxChars)}…` : budget.out;
}
