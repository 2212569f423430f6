// IEC 60870-5-104 ASDU: data unit identifier (type, variable structure qualifier, cause, originator,
// common address) and information objects (3-byte IOA + element) for the standard types whose
// elements tshark decodes; other types stop after their first IOA.
import type { DissectSink } from '../types.js';

// Information element parts and their sizes.
const SIQ = 0, DIQ = 1, QDS = 2, VTI = 3, BSI = 4, NVA = 5, SVA = 6, FLT = 7, BCR = 8, CP24 = 9, CP56 = 10;
const SCO = 11, DCO = 12, RCO = 13, QOS = 14, COI = 15, QOI = 16, QCC = 17, QRP = 18, QPM = 19;
const partSize = [1, 1, 1, 1, 4, 2, 2, 4, 5, 3, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const partField: readonly (string | undefined)[] = [
  'iec60870_asdu.siq', 'iec60870_asdu.diq', 'iec60870_asdu.qds', 'iec60870_asdu.vti', 'iec60870_asdu.bitstring',
  'iec60870_asdu.normval', 'iec60870_asdu.scalval', 'iec60870_asdu.float', 'iec60870_asdu.bcr.count', undefined, undefined,
  'iec60870_asdu.sco', 'iec60870_asdu.dco', 'iec60870_asdu.rco', 'iec60870_asdu.qos', 'iec60870_asdu.coi',
  'iec60870_asdu.qoi', 'iec60870_asdu.qcc', 'iec60870_asdu.qrp', 'iec60870_asdu.qpm',
];

/** Element layout per type id, for the types tshark 4.0 decodes. */
const layouts: readonly (readonly number[] | undefined)[] = (() => {
  const l: (readonly number[] | undefined)[] = new Array<readonly number[] | undefined>(256).fill(undefined);
  l[1] = [SIQ]; l[2] = [SIQ, CP24]; l[3] = [DIQ]; l[4] = [DIQ, CP24]; l[5] = [VTI, QDS]; l[6] = [VTI, QDS, CP24];
  l[7] = [BSI, QDS]; l[8] = [BSI, QDS, CP24]; l[9] = [NVA, QDS]; l[10] = [NVA, QDS, CP24]; l[11] = [SVA, QDS];
  l[12] = [SVA, QDS, CP24]; l[13] = [FLT, QDS]; l[14] = [FLT, QDS, CP24]; l[15] = [BCR]; l[16] = [BCR, CP24];
  l[21] = [NVA]; l[30] = [SIQ, CP56]; l[31] = [DIQ, CP56]; l[32] = [VTI, QDS, CP56]; l[33] = [BSI, QDS, CP56];
  l[34] = [NVA, QDS, CP56]; l[35] = [SVA, QDS, CP56]; l[36] = [FLT, QDS, CP56]; l[37] = [BCR, CP56];
  l[45] = [SCO]; l[46] = [DCO]; l[47] = [RCO]; l[48] = [NVA, QOS]; l[49] = [SVA, QOS]; l[50] = [FLT, QOS]; l[51] = [BSI];
  l[58] = [SCO, CP56]; l[59] = [DCO, CP56]; l[60] = [RCO, CP56]; l[61] = [NVA, QOS, CP56]; l[62] = [SVA, QOS, CP56];
  l[63] = [FLT, QOS, CP56]; l[64] = [BSI, CP56]; l[70] = [COI]; l[100] = [QOI]; l[101] = [QCC]; l[103] = [CP56];
  l[105] = [QRP]; l[110] = [NVA, QPM]; l[111] = [SVA, QPM]; l[112] = [FLT, QPM];
  return l;
})();

const layoutSizes = layouts.map((parts) => (parts === undefined ? 0 : parts.reduce((sum, p) => sum + partSize[p]!, 0)));

/** What the operation needs from an ASDU. Reused: one ASDU at a time. */
export interface AsduSummary {
  type: number;
  cause: number;
  negative: boolean;
  originator: number;
  commonAddress: number;
  /** First IOA, -1 when none was decoded. */
  firstIoa: number;
  objects: number;
  /** "IOA 4501" or "IOA 1300, 1301, …". */
  target: string;
  values: string;
  valueCount: number;
}

export function newAsduSummary(): AsduSummary {
  return { type: 0, cause: 0, negative: false, originator: 0, commonAddress: 0, firstIoa: -1, objects: 0, target: '', values: '', valueCount: 0 };
}

const maxListed = 4;

/** C printf "%g" with 6 significant digits, as tshark prints FT_FLOAT fields. */
export function formatG(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, exponentText] = v.toExponential(5).split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
    const abs = Math.abs(exponent);
    return `${m}e${exponent < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  const fixed = v.toFixed(Math.max(0, 5 - exponent));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

function addValue(s: AsduSummary, text: string): void {
  if (s.valueCount < maxListed) s.values += s.valueCount === 0 ? text : `, ${text}`;
  else if (s.valueCount === maxListed) s.values += ', …';
  s.valueCount++;
}

function addIoa(s: AsduSummary, ioa: number): void {
  if (s.firstIoa < 0) s.firstIoa = ioa;
  s.objects++;
  if (s.objects <= maxListed) s.target += s.objects === 1 ? `IOA ${ioa}` : `, ${ioa}`;
  else if (s.objects === maxListed + 1) s.target += ', …';
}

const commandState = ['not permitted', 'OFF', 'ON', 'not permitted'];
const stepState = ['not permitted', 'lower', 'higher', 'not permitted'];

/** Decodes one element at `p` (bounds already checked), emitting fields and a short value. */
function element(b: Uint8Array, p: number, parts: readonly number[], wf: boolean, sink: DissectSink, s: AsduSummary): void {
  let value: string | undefined;
  for (const part of parts) {
    const field = partField[part];
    let v: number | string;
    switch (part) {
      case BSI:
        v = ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
        value ??= `0x${v.toString(16).padStart(8, '0')}`;
        break;
      case NVA:
        v = formatG((((b[p]! | (b[p + 1]! << 8)) << 16) >> 16) / 32768);
        value ??= v;
        break;
      case SVA:
        v = ((b[p]! | (b[p + 1]! << 8)) << 16) >> 16;
        value ??= String(v);
        break;
      case FLT:
        v = formatG(new DataView(b.buffer, b.byteOffset + p, 4).getFloat32(0, true));
        value ??= v;
        break;
      case BCR:
        v = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
        value ??= String(v);
        break;
      case SIQ:
        v = b[p]!;
        value ??= v & 1 ? 'ON' : 'OFF';
        break;
      case DIQ:
        v = b[p]!;
        value ??= ['indeterminate', 'OFF', 'ON', 'indeterminate'][v & 3]!;
        break;
      case SCO:
      case DCO:
        v = b[p]!;
        value ??= `${part === SCO ? (v & 1 ? 'ON' : 'OFF') : commandState[v & 3]!}${v & 0x80 ? ' select' : ' execute'}`;
        break;
      case RCO:
        v = b[p]!;
        value ??= `${stepState[v & 3]!}${v & 0x80 ? ' select' : ' execute'}`;
        break;
      case QOI:
        v = b[p]!;
        value ??= v === 20 ? 'station' : v > 20 && v <= 36 ? `group ${v - 20}` : `qualifier ${v}`;
        break;
      case QRP:
        v = b[p]!;
        value ??= v === 1 ? 'general reset' : v === 2 ? 'reset pending time-tagged events' : `qualifier ${v}`;
        break;
      case CP56:
        v = 0;
        if (s.type === 103) value ??= cp56Text(b, p);
        break;
      default:
        v = b[p]!;
    }
    if (wf && field !== undefined) sink.field(field, v);
    p += partSize[part]!;
  }
  if (value !== undefined) addValue(s, value);
}

/** CP56Time2a as "2009-08-13 19:23:00.008" (local time of the station, as sent). */
function cp56Text(b: Uint8Array, p: number): string {
  const ms = b[p]! | (b[p + 1]! << 8);
  const two = (n: number): string => String(n).padStart(2, '0');
  const seconds = Math.floor(ms / 1000);
  return `${2000 + (b[p + 6]! & 0x7f)}-${two(b[p + 5]! & 0x0f)}-${two(b[p + 4]! & 0x1f)} ${two(b[p + 3]! & 0x1f)}:${two(b[p + 2]! & 0x3f)}:${two(seconds)}.${String(ms % 1000).padStart(3, '0')}`;
}

/** Decodes the ASDU in b[off, end); false when the header is incomplete (summary then unusable). */
export function dissectAsdu(b: Uint8Array, off: number, end: number, sink: DissectSink, s: AsduSummary): boolean {
  const wf = sink.wantFields;
  s.firstIoa = -1;
  s.objects = 0;
  s.target = '';
  s.values = '';
  s.valueCount = 0;
  if (off >= end) {
    sink.malformed('iec104: I-format APDU without ASDU');
    return false;
  }
  const type = b[off]!;
  s.type = type;
  if (wf) sink.field('iec60870_asdu.typeid', type);
  if (off + 1 >= end) {
    sink.malformed(`iec104: ASDU type ${type} ends before its variable structure qualifier`);
    return false;
  }
  const vsq = b[off + 1]!;
  const sq = vsq >> 7;
  const count = vsq & 0x7f;
  if (wf) {
    sink.field('iec60870_asdu.sq', sq);
    sink.field('iec60870_asdu.numix', count);
  }
  if (off + 2 >= end) {
    sink.malformed(`iec104: ASDU type ${type} ends before its cause of transmission`);
    return false;
  }
  const cot = b[off + 2]!;
  s.cause = cot & 0x3f;
  s.negative = (cot & 0x40) !== 0;
  if (wf) {
    sink.field('iec60870_asdu.causetx', cot & 0x3f);
    sink.field('iec60870_asdu.nega', (cot >> 6) & 1);
    sink.field('iec60870_asdu.test', cot >> 7);
  }
  if (off + 3 >= end) {
    sink.malformed(`iec104: ASDU type ${type} ends before its originator address`);
    return false;
  }
  s.originator = b[off + 3]!;
  if (wf) sink.field('iec60870_asdu.oa', s.originator);
  if (off + 6 > end) {
    sink.malformed(`iec104: ASDU type ${type} ends before its common address`);
    return false;
  }
  s.commonAddress = b[off + 4]! | (b[off + 5]! << 8);
  if (wf) sink.field('iec60870_asdu.addr', s.commonAddress);
  let p = off + 6;
  const parts = layouts[type];
  if (parts === undefined) {
    // Element layout unknown (or not decoded by tshark): only the first IOA is reliable.
    if (count > 0 && p + 3 <= end) {
      const ioa = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16);
      if (wf) sink.field('iec60870_asdu.ioa', ioa);
      addIoa(s, ioa);
    }
    return true;
  }
  const size = layoutSizes[type]!;
  let ioa = 0;
  for (let i = 0; i < count; i++) {
    const withIoa = sq === 0 || i === 0;
    const need = (withIoa ? 3 : 0) + size;
    if (p + need > end) {
      sink.malformed(`iec104: ${type} object ${i} at offset ${p} needs ${need} bytes, ${end - p} left`);
      return true;
    }
    if (withIoa) {
      ioa = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16);
      p += 3;
    } else {
      ioa = (ioa + 1) & 0xffffff;
    }
    if (wf) sink.field('iec60870_asdu.ioa', ioa);
    addIoa(s, ioa);
    element(b, p, parts, wf, sink, s);
    p += size;
  }
  if (p < end) sink.malformed(`iec104: ${end - p} bytes after the last information object at offset ${p}`);
  return true;
}
