// BACnet tagged encoding (ASHRAE 135 clause 20.2): application and context tags, opening/closing
// tags, extended tag numbers and lengths. One reusable Tag object per caller, no allocation.

export interface Tag {
  number: number;
  context: boolean;
  opening: boolean;
  closing: boolean;
  /** Content length; for an application BOOLEAN the value itself (no content octets). */
  length: number;
  /** First content octet. */
  start: number;
  /** Offset after the content. */
  next: number;
}

export function newTag(): Tag {
  return { number: 0, context: false, opening: false, closing: false, length: 0, start: 0, next: 0 };
}

export const appNull = 0;
export const appBoolean = 1;
export const appUnsigned = 2;
export const appSigned = 3;
export const appReal = 4;
export const appDouble = 5;
export const appOctetString = 6;
export const appCharacterString = 7;
export const appBitString = 8;
export const appEnumerated = 9;
export const appDate = 10;
export const appTime = 11;
export const appObjectIdentifier = 12;

/** Decodes the tag at `pos`; false when truncated or when the content runs past `end`. */
export function readTag(b: Uint8Array, pos: number, end: number, t: Tag): boolean {
  if (pos >= end) return false;
  const x = b[pos++] as number;
  let number = x >> 4;
  if (number === 15) {
    if (pos >= end) return false;
    number = b[pos++] as number;
  }
  const context = (x & 0x08) !== 0;
  let lvt = x & 0x07;
  t.number = number;
  t.context = context;
  t.opening = context && lvt === 6;
  t.closing = context && lvt === 7;
  if (t.opening || t.closing) {
    t.length = 0;
    t.start = pos;
    t.next = pos;
    return true;
  }
  if (!context && number === appBoolean) {
    t.length = lvt;
    t.start = pos;
    t.next = pos;
    return true;
  }
  if (lvt === 5) {
    if (pos >= end) return false;
    lvt = b[pos++] as number;
    if (lvt === 254) {
      if (pos + 2 > end) return false;
      lvt = (b[pos] as number) << 8 | (b[pos + 1] as number);
      pos += 2;
    } else if (lvt === 255) {
      if (pos + 4 > end) return false;
      lvt = (b[pos] as number) * 0x1000000 + ((b[pos + 1] as number) << 16) + ((b[pos + 2] as number) << 8) + (b[pos + 3] as number);
      pos += 4;
    }
  }
  if (pos + lvt > end) return false;
  t.length = lvt;
  t.start = pos;
  t.next = pos + lvt;
  return true;
}

/** Unsigned content of up to 6 octets; NaN when empty or longer. */
export function tagUnsigned(b: Uint8Array, t: Tag): number {
  const n = t.length;
  if (n === 0 || n > 6) return Number.NaN;
  let v = 0;
  for (let i = t.start; i < t.next; i++) v = v * 256 + (b[i] as number);
  return v;
}

export function tagSigned(b: Uint8Array, t: Tag): number {
  const n = t.length;
  if (n === 0 || n > 6) return Number.NaN;
  let v = (b[t.start] as number) & 0x80 ? -1 : 0;
  for (let i = t.start; i < t.next; i++) v = v * 256 + (b[i] as number);
  return v;
}

/** Object identifier content: 10-bit type, 22-bit instance. */
export function objectType(b: Uint8Array, p: number): number {
  return ((b[p] as number) << 2) | ((b[p + 1] as number) >> 6);
}

export function objectInstance(b: Uint8Array, p: number): number {
  return (((b[p + 1] as number) & 0x3f) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number);
}

/**
 * CharacterString content (first octet = character set): UTF-8/ANSI, UCS-2 and ISO 8859-1 are
 * decoded, at most `max` characters; other sets come back empty.
 */
export function tagCharacterString(b: Uint8Array, t: Tag, max = 128): string {
  if (t.length < 1) return '';
  const set = b[t.start] as number;
  let s = '';
  if (set === 4) {
    for (let i = t.start + 1; i + 1 < t.next && s.length < max; i += 2) s += String.fromCharCode(((b[i] as number) << 8) | (b[i + 1] as number));
    return s;
  }
  if (set === 3) {
    for (let i = t.start + 1; i + 3 < t.next && s.length < max; i += 4) {
      const cp = ((b[i + 1] as number) << 16) | ((b[i + 2] as number) << 8) | (b[i + 3] as number);
      s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '?';
    }
    return s;
  }
  if (set !== 0 && set !== 5) return '';
  let ascii = true;
  for (let i = t.start + 1; i < t.next; i++) if ((b[i] as number) >= 0x80) ascii = false;
  if (set === 0 && !ascii) return utf8.decode(b.subarray(t.start + 1, Math.min(t.next, t.start + 1 + max * 4))).slice(0, max);
  for (let i = t.start + 1; i < t.next && s.length < max; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

const utf8 = new TextDecoder('utf-8');
