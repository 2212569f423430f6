// Walks BACnet application-tagged values: emits the tshark fields found inside values (object
// identifiers, object names) and builds a short text summary for operation values.
import type { DissectSink } from '../types.js';
import { objectTypeName, propertyObjectName } from './names.js';
import {
  appBitString,
  appBoolean,
  appCharacterString,
  appDate,
  appDouble,
  appEnumerated,
  appNull,
  appObjectIdentifier,
  appOctetString,
  appReal,
  appSigned,
  appTime,
  appUnsigned,
  newTag,
  objectInstance,
  objectType,
  readTag,
  tagCharacterString,
  tagSigned,
  tagUnsigned,
  type Tag,
} from './tags.js';

const maxItems = 12;
const maxChars = 160;

const f32 = new Float32Array(1);
const f64 = new Float64Array(1);
const f32Bytes = new Uint8Array(f32.buffer);
const f64Bytes = new Uint8Array(f64.buffer);
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function real(b: Uint8Array, t: Tag): string {
  const n = t.length;
  const target = n === 4 ? f32Bytes : n === 8 ? f64Bytes : undefined;
  if (!target) return '?';
  for (let i = 0; i < n; i++) target[littleEndian ? n - 1 - i : i] = b[t.start + i] as number;
  return n === 4 ? String(Number((f32[0] as number).toPrecision(7))) : String(f64[0] as number);
}

function hex(b: Uint8Array, start: number, end: number, max: number): string {
  let s = '';
  for (let i = start; i < end && i < start + max; i++) s += ((b[i] as number) < 16 ? '0' : '') + (b[i] as number).toString(16);
  return end - start > max ? `${s}…` : s;
}

/** Text of one application-tagged primitive. */
export function applicationValue(b: Uint8Array, t: Tag): string {
  switch (t.number) {
    case appNull:
      return 'null';
    case appBoolean:
      return t.length ? 'true' : 'false';
    case appUnsigned:
    case appEnumerated:
      return String(tagUnsigned(b, t));
    case appSigned:
      return String(tagSigned(b, t));
    case appReal:
    case appDouble:
      return real(b, t);
    case appOctetString:
      return `0x${hex(b, t.start, t.next, 16)}`;
    case appCharacterString:
      return JSON.stringify(tagCharacterString(b, t, 48));
    case appBitString: {
      if (t.length < 1) return '0b';
      const bits = (t.length - 1) * 8 - ((b[t.start] as number) & 7);
      if (bits > 32) return `0x${hex(b, t.start + 1, t.next, 8)}`;
      let s = '0b';
      for (let i = 0; i < bits; i++) s += ((b[t.start + 1 + (i >> 3)] as number) >> (7 - (i & 7))) & 1 ? '1' : '0';
      return s;
    }
    case appDate:
      if (t.length !== 4) return '?';
      return `${b[t.start] === 255 ? '*' : 1900 + (b[t.start] as number)}-${b[t.start + 1]}-${b[t.start + 2]}`;
    case appTime:
      if (t.length !== 4) return '?';
      return `${b[t.start]}:${String(b[t.start + 1]).padStart(2, '0')}:${String(b[t.start + 2]).padStart(2, '0')}.${String(b[t.start + 3]).padStart(2, '0')}`;
    case appObjectIdentifier:
      return t.length === 4 ? `${objectTypeName(objectType(b, t.start))} ${objectInstance(b, t.start)}` : '?';
    default:
      return `0x${hex(b, t.start, t.next, 8)}`;
  }
}

const walkTag = newTag();

/**
 * Walks the tags in [pos, end) (a property value, a list of values). Emits bacapp.objectType /
 * bacapp.instance_number for application object identifiers and bacapp.object_name when the value
 * is the object-name property. Returns the summary and the first character string seen.
 */
export function walkValue(
  b: Uint8Array,
  pos: number,
  end: number,
  property: number,
  sink: DissectSink,
  result: { text: string; firstString: string },
): boolean {
  const t = walkTag;
  let items = 0;
  let text = '';
  let depth = 0;
  let first = true;
  let ok = true;
  while (pos < end) {
    if (!readTag(b, pos, end, t)) {
      ok = false;
      break;
    }
    pos = t.next;
    if (t.opening) {
      depth++;
      if (text.length < maxChars) text += first ? '{' : ', {';
      first = true;
      continue;
    }
    if (t.closing) {
      depth--;
      if (text.length < maxChars) text += '}';
      first = false;
      continue;
    }
    if (!t.context && t.number === appObjectIdentifier && t.length === 4 && sink.wantFields) {
      sink.field('bacapp.objectType', objectType(b, t.start));
      sink.field('bacapp.instance_number', objectInstance(b, t.start));
    }
    if (!t.context && t.number === appCharacterString) {
      const s = tagCharacterString(b, t);
      if (result.firstString === '' && s !== '') result.firstString = s;
      if (property === propertyObjectName && sink.wantFields) sink.field('bacapp.object_name', s);
    }
    items++;
    if (items <= maxItems && text.length < maxChars) {
      text += (first ? '' : ', ') + (t.context ? `[${t.number}]0x${hex(b, t.start, t.next, 8)}` : applicationValue(b, t));
    } else if (items === maxItems + 1) text += ', …';
    first = false;
  }
  result.text = text;
  return ok && depth === 0;
}
