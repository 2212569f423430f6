// DNP3 application object headers (group, variation, qualifier, range) and enough of the object
// library to step over the data of the common groups. An object whose size we do not know ends the
// walk quietly: the headers before it are kept and nothing is reported as malformed.
import type { DissectSink } from '../types.js';
import { crobOperations } from './names.js';

/** Object data sizes that are not a byte count. */
const unknown = -1;
const packed1 = -2; // one bit per point
const packed2 = -3; // two bits per point
const attribute = -4; // group 0 device attribute: data type, length, value
const sizePrefixed = -5; // only steppable with a size prefix (file, authentication, data set objects)

/** Bytes per point of group/variation, or one of the markers above (IEEE 1815 object library). */
export function objectSize(group: number, variation: number): number {
  switch (group) {
    case 0:
      return attribute;
    case 1:
    case 10:
      return variation === 1 ? packed1 : variation === 2 ? 1 : unknown;
    case 2:
    case 4:
    case 11:
    case 13:
      return variation === 1 ? 1 : variation === 2 ? 7 : variation === 3 && group <= 4 ? 3 : unknown;
    case 3:
      return variation === 1 ? packed2 : variation === 2 ? 1 : unknown;
    case 12:
      return variation === 1 || variation === 2 ? 11 : variation === 3 ? packed1 : unknown;
    case 20:
    case 22:
    case 23:
      if (group === 20 && variation >= 5 && variation <= 8) return variation & 1 ? 4 : 2;
      return variation >= 1 && variation <= 8 ? [5, 3, 5, 3, 11, 9, 11, 9][variation - 1]! : unknown;
    case 21:
      return variation >= 1 && variation <= 12 ? [5, 3, 5, 3, 11, 9, 11, 9, 4, 2, 4, 2][variation - 1]! : unknown;
    case 30:
      return variation >= 1 && variation <= 6 ? [5, 3, 4, 2, 5, 9][variation - 1]! : unknown;
    case 31:
      return variation >= 1 && variation <= 8 ? [5, 3, 11, 9, 4, 2, 5, 9][variation - 1]! : unknown;
    case 32:
    case 33:
    case 42:
    case 43:
      return variation >= 1 && variation <= 8 ? [5, 3, 11, 9, 5, 9, 11, 15][variation - 1]! : unknown;
    case 34:
      return variation >= 1 && variation <= 3 ? [2, 4, 4][variation - 1]! : unknown;
    case 40:
    case 41:
      return variation >= 1 && variation <= 4 ? [5, 3, 5, 9][variation - 1]! : unknown;
    case 50:
      return variation >= 1 && variation <= 4 ? [6, 10, 6, 11][variation - 1]! : unknown;
    case 51:
      return variation === 1 || variation === 2 ? 6 : unknown;
    case 52:
      return variation === 1 || variation === 2 ? 2 : unknown;
    case 60:
      return variation >= 1 && variation <= 4 ? 0 : unknown;
    case 80:
      return variation === 1 ? packed1 : unknown;
    case 110:
    case 111:
    case 112:
    case 113:
      return variation;
    case 70:
    case 85:
    case 86:
    case 87:
    case 88:
    case 90:
    case 91:
    case 120:
    case 121:
    case 122:
      return sizePrefixed;
    default:
      return unknown;
  }
}

/** What the operation and outcome need from a fragment's objects. Reused: one walk at a time. */
export interface ObjectSummary {
  /** "g12v1 [5], g41v2 [0-3]" for the first objects. */
  target: string;
  objects: number;
  /** CROB operations, analog output values, times: a few, for the operation. */
  values: string;
  valueCount: number;
  /** Group 50 (time) objects seen: a write of them sets the clock. */
  time: boolean;
  /** Group 70 (file) objects seen: reads and writes of them transfer files. */
  file: boolean;
  /** First non-zero control status in a response, -1 when none. */
  controlStatus: number;
  /** Device attributes (group 0) with a string value: variation → text. */
  attributes: Array<[number, string]>;
}

export function newSummary(): ObjectSummary {
  return { target: '', objects: 0, values: '', valueCount: 0, time: false, file: false, controlStatus: -1, attributes: [] };
}

function resetSummary(s: ObjectSummary): void {
  s.target = '';
  s.objects = 0;
  s.values = '';
  s.valueCount = 0;
  s.time = false;
  s.file = false;
  s.controlStatus = -1;
  s.attributes.length = 0;
}

const maxTargets = 4;
const maxValues = 4;

function le16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function le32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;
}

function addValue(s: ObjectSummary, text: string): void {
  if (s.valueCount < maxValues) s.values += s.valueCount === 0 ? text : `, ${text}`;
  else if (s.valueCount === maxValues) s.values += ', …';
  s.valueCount++;
}

function describe(s: ObjectSummary, group: number, variation: number, indices: string): void {
  s.objects++;
  if (s.objects > maxTargets + 1) return;
  const text = s.objects > maxTargets ? '…' : indices === '' ? `g${group}v${variation}` : `g${group}v${variation} [${indices}]`;
  s.target += s.objects === 1 ? text : `, ${text}`;
}

/** Value of one point of an output object, for the operation (CROB, analog output block, time). */
function pointValue(b: Uint8Array, p: number, group: number, variation: number, s: ObjectSummary): void {
  if (group === 12 && variation <= 2) {
    const code = b[p]!;
    const op = crobOperations[code & 0x0f] ?? `operation ${code & 0x0f}`;
    const trip = code >> 6 === 1 ? ' Close' : code >> 6 === 2 ? ' Trip' : '';
    addValue(s, `${op}${trip} x${b[p + 1]!} on ${le32(b, p + 2)} ms off ${le32(b, p + 6)} ms`);
  } else if (group === 41) {
    const dv = new DataView(b.buffer, b.byteOffset + p);
    const value =
      variation === 1 ? dv.getInt32(0, true) : variation === 2 ? dv.getInt16(0, true) : variation === 3 ? dv.getFloat32(0, true) : dv.getFloat64(0, true);
    addValue(s, String(value));
  } else if (group === 50) {
    addValue(s, new Date(le32(b, p) + (le16(b, p + 4) * 0x100000000)).toISOString());
  }
}

/** Status byte offset inside a point of group 12 / 41 (responses echo the request with a status). */
function statusOffset(group: number, variation: number): number {
  if (group === 12 && variation <= 2) return 10;
  if (group === 41) return [4, 2, 4, 8][variation - 1] ?? -1;
  return -1;
}

/**
 * Walks the object headers of an application fragment from `off` to `end`. `headersOnly` for
 * requests that name objects without data (read, freeze): they still carry index and size prefixes.
 * `fields` is false for functions whose objects tshark does not decode.
 */
export function walkObjects(
  b: Uint8Array,
  off: number,
  end: number,
  headersOnly: boolean,
  fields: boolean,
  sink: DissectSink,
  s: ObjectSummary,
): void {
  resetSummary(s);
  const wf = fields && sink.wantFields;
  while (off < end) {
    if (off + 2 > end) return sink.malformed(`dnp3: object header at offset ${off} is truncated`);
    const group = b[off]!;
    const variation = b[off + 1]!;
    if (wf) sink.field('dnp3.al.obj', (group << 8) | variation);
    if (off + 3 > end) return sink.malformed(`dnp3: qualifier of g${group}v${variation} at offset ${off + 2} is missing`);
    const qualifier = b[off + 2]!;
    const prefix = (qualifier >> 4) & 7;
    const range = qualifier & 0x0f;
    if (wf) {
      sink.field('dnp3.al.objq.prefix', prefix);
      sink.field('dnp3.al.objq.range', range);
    }
    off += 3;
    // Range field: start/stop (0-2), absolute address (3-5), none (6), count (7-9, 11).
    let first = 0;
    let count = 0;
    let indices = '';
    if (range <= 2) {
      const width = 1 << range;
      if (off + 2 * width > end) return sink.malformed(`dnp3: range of g${group}v${variation} at offset ${off} is truncated`);
      const start = width === 1 ? b[off]! : width === 2 ? le16(b, off) : le32(b, off);
      const stop = width === 1 ? b[off + width]! : width === 2 ? le16(b, off + width) : le32(b, off + width);
      if (wf) {
        sink.field('dnp3.al.range.start', start);
        sink.field('dnp3.al.range.stop', stop);
      }
      off += 2 * width;
      // tshark counts in 32-bit signed arithmetic: stop = start - 1 is zero points, lower is bogus.
      count = (stop - start + 1) | 0;
      if (count < 0) return sink.malformed(`dnp3: g${group}v${variation} range stop ${stop} is below start ${start}`);
      first = start;
      indices = count === 1 ? String(start) : `${start}-${stop}`;
    } else if (range <= 5) {
      const width = 1 << (range - 3);
      if (off + width > end) return sink.malformed(`dnp3: address of g${group}v${variation} at offset ${off} is truncated`);
      first = width === 1 ? b[off]! : width === 2 ? le16(b, off) : le32(b, off);
      if (wf) sink.field('dnp3.al.range.abs', first);
      off += width;
      count = 1;
      indices = String(first);
    } else if (range === 6) {
      count = 0;
    } else if (range <= 9 || range === 11) {
      const width = range === 11 ? 1 : 1 << (range - 7);
      if (off + width > end) return sink.malformed(`dnp3: quantity of g${group}v${variation} at offset ${off} is truncated`);
      count = width === 1 ? b[off]! : width === 2 ? le16(b, off) : le32(b, off);
      if (wf) sink.field('dnp3.al.range.quantity', count);
      off += width;
    } else {
      // Reserved range codes: no range, no points (tshark goes on with the next header).
      count = 0;
    }
    if (prefix === 7) return sink.malformed(`dnp3: g${group}v${variation} has reserved prefix code 7`);
    if (group === 50) s.time = true;
    else if (group === 70) s.file = true;
    const indexWidth = prefix >= 1 && prefix <= 3 ? 1 << (prefix - 1) : 0;
    const sizeWidth = prefix >= 4 ? 1 << (prefix - 4) : 0;
    // Requests without object data still list indices or sizes when the qualifier has a prefix.
    const size = headersOnly && sizeWidth === 0 ? 0 : objectSize(group, variation);
    if (headersOnly && prefix === 0) {
      describe(s, group, variation, indices);
      continue;
    }
    if ((size === packed1 || size === packed2) && prefix === 0) {
      // Packed points share bytes: a point fails only when its own byte is missing.
      const bits = size === packed1 ? 1 : 2;
      // tshark lists a point before reading its byte, except the first when no data is left at all.
      if (count > 0 && off >= end) return sink.malformed(`dnp3: packed g${group}v${variation} data at offset ${off} is missing`);
      for (let i = 0; i < count; i++) {
        if (wf) sink.field('dnp3.al.point_index', (first + i) >>> 0);
        if (off + ((i * bits) >> 3) >= end) return sink.malformed(`dnp3: packed g${group}v${variation} point ${i} at offset ${off + ((i * bits) >> 3)} is missing`);
      }
      off += Math.ceil((count * bits) / 8);
      describe(s, group, variation, indices);
      continue;
    }
    // Unknown objects and zero-length ones (g112v0, class data with a range) end the walk after their first point.
    const last = size === unknown || (size === sizePrefixed && sizeWidth === 0) || (size === 0 && !headersOnly);
    const status = statusOffset(group, variation);
    let listed = 0;
    for (let i = 0; i < count; i++) {
      if (off >= end) return sink.malformed(`dnp3: g${group}v${variation} point ${i} at offset ${off} is missing`);
      let index = (first + i) >>> 0;
      if (indexWidth > 0) {
        if (off + indexWidth > end) return sink.malformed(`dnp3: index of g${group}v${variation} point ${i} at offset ${off} is truncated`);
        index = indexWidth === 1 ? b[off]! : indexWidth === 2 ? le16(b, off) : le32(b, off);
        if (wf) sink.field('dnp3.al.index', index);
        off += indexWidth;
        if (listed < 4) indices += listed++ === 0 ? String(index) : `, ${index}`;
        else if (listed++ === 4) indices += ', …';
      } else if (sizeWidth === 0 && wf) {
        sink.field('dnp3.al.point_index', index);
      }
      if (last) {
        describe(s, group, variation, indices);
        return;
      }
      // A packed object with a prefix: tshark reads one byte per point.
      let length = size === packed1 || size === packed2 ? 1 : size;
      if (sizeWidth > 0 && length === 1 && size < 0 && size !== sizePrefixed && size !== attribute) {
        if (off + sizeWidth > end) return sink.malformed(`dnp3: size prefix of g${group}v${variation} at offset ${off} is truncated`);
        off += sizeWidth;
      } else if (sizeWidth > 0) {
        if (off + sizeWidth > end) return sink.malformed(`dnp3: size prefix of g${group}v${variation} at offset ${off} is truncated`);
        length = sizeWidth === 1 ? b[off]! : sizeWidth === 2 ? le16(b, off) : le32(b, off);
        off += sizeWidth;
      } else if (size === attribute) {
        // Data type, then a length and value for strings and numbers of a valid width (as tshark reads them).
        const type = b[off]!;
        off++;
        if (type < 1 || type > 4) continue;
        if (off >= end) return sink.malformed(`dnp3: device attribute g0v${variation} length at offset ${off} is missing`);
        length = b[off]!;
        off++;
        const valid = type === 1 || (type <= 3 ? length === 1 || length === 2 || length === 4 : length === 4 || length === 8);
        if (!valid) continue;
        if (type === 1 && off + length <= end) s.attributes.push([variation, visibleString(b, off, off + length)]);
      }
      if (off + length > end) return sink.malformed(`dnp3: g${group}v${variation} point ${i} at offset ${off} needs ${length} bytes`);
      if (status >= 0 && b[off + status] !== 0 && s.controlStatus < 0) s.controlStatus = b[off + status]!;
      pointValue(b, off, group, variation, s);
      off += length;
    }
    describe(s, group, variation, indices);
  }
}

function visibleString(b: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(b[i]!);
  return text;
}
