// A small, allocation-free BER (X.690) reader shared by the ISO stack, MMS and GOOSE dissectors.
// Every read is bounded by an explicit limit: malformed input makes a read return false, never throw.

/** Tag classes as encoded in the two top bits of the identifier octet. */
export const berClass = { universal: 0, application: 1, context: 2, private: 3 } as const;

/** One decoded TLV header. Callers reuse one object per nesting level instead of allocating. */
export interface Tlv {
  cls: number;
  constructed: boolean;
  tag: number;
  /** First content octet. */
  start: number;
  /** One past the last content octet (before the end-of-contents octets of an indefinite length). */
  end: number;
  /** Where the next sibling TLV starts. */
  next: number;
}

export function newTlv(): Tlv {
  return { cls: 0, constructed: false, tag: 0, start: 0, end: 0, next: 0 };
}

/** Nesting allowed inside indefinite-length encodings before we give up (bounds the work). */
const maxIndefiniteDepth = 8;

/**
 * Decodes the TLV header at `pos`; the whole element must fit before `limit`.
 * Returns false when the bytes are truncated or not valid BER.
 */
export function readTlv(b: Uint8Array, pos: number, limit: number, out: Tlv): boolean {
  return readTlvAt(b, pos, Math.min(limit, b.length), out, 0);
}

function readTlvAt(b: Uint8Array, pos: number, limit: number, out: Tlv, depth: number): boolean {
  if (pos + 2 > limit) return false;
  const id = b[pos++] as number;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit || i === 4) return false;
      const x = b[pos++] as number;
      tag = tag * 128 + (x & 0x7f);
      if ((x & 0x80) === 0) break;
    }
  }
  if (pos >= limit) return false;
  let len = b[pos++] as number;
  const constructed = (id & 0x20) !== 0;
  let end: number;
  let next: number;
  if (len < 0x80) {
    end = pos + len;
    next = end;
  } else if (len === 0x80) {
    if (!constructed || depth >= maxIndefiniteDepth) return false;
    const eoc = findEndOfContents(b, pos, limit, depth + 1);
    if (eoc < 0) return false;
    end = eoc;
    next = eoc + 2;
  } else {
    const n = len & 0x7f;
    if (n > 4 || pos + n > limit) return false;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[pos++] as number);
    end = pos + len;
    next = end;
  }
  if (next > limit) return false;
  out.cls = id >> 6;
  out.constructed = constructed;
  out.tag = tag;
  out.start = pos;
  out.end = end;
  out.next = next;
  return true;
}

const scratch: Tlv[] = [];

/** Offset of the end-of-contents octets closing an indefinite length that starts at `pos`, or -1. */
function findEndOfContents(b: Uint8Array, pos: number, limit: number, depth: number): number {
  const t = (scratch[depth] ??= newTlv());
  while (pos + 2 <= limit) {
    if (b[pos] === 0 && b[pos + 1] === 0) return pos;
    if (!readTlvAt(b, pos, limit, t, depth)) return -1;
    pos = t.next;
  }
  return -1;
}

/** Two's-complement INTEGER; NaN when longer than 6 octets (beyond exact doubles) or empty. */
export function readInteger(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n <= 0 || n > 6 || end > b.length) return Number.NaN;
  let v = (b[start] as number) & 0x80 ? -1 : 0;
  for (let i = start; i < end; i++) v = v * 256 + (b[i] as number);
  return v;
}

/** Unsigned value of up to 6 octets (leading zero octets allowed); NaN otherwise. */
export function readUnsigned(b: Uint8Array, start: number, end: number): number {
  while (end - start > 1 && b[start] === 0) start++;
  const n = end - start;
  if (n <= 0 || n > 6 || end > b.length) return Number.NaN;
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + (b[i] as number);
  return v;
}

/** BOOLEAN content: any non-zero octet is true. */
export function readBoolean(b: Uint8Array, start: number, end: number): boolean {
  return end > start && b[start] !== 0;
}

/** 8-bit string (VisibleString, IA5String, OCTET STRING shown as text), at most `max` characters. */
export function readLatin1(b: Uint8Array, start: number, end: number, max = 256): string {
  const stop = Math.min(end, start + max, b.length);
  let s = '';
  for (let i = start; i < stop; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

const utf8 = new TextDecoder('utf-8');

/** UTF8String content, at most `max` bytes decoded. */
export function readUtf8(b: Uint8Array, start: number, end: number, max = 256): string {
  const stop = Math.min(end, start + max, b.length);
  for (let i = start; i < stop; i++) if ((b[i] as number) >= 0x80) return utf8.decode(b.subarray(start, stop));
  return readLatin1(b, start, stop, max);
}

/** OBJECT IDENTIFIER content in dotted form ("1.0.9506.2.3"); "" when malformed. */
export function readOid(b: Uint8Array, start: number, end: number): string {
  if (end <= start || end > b.length) return '';
  let s = '';
  let v = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const x = b[i] as number;
    v = v * 128 + (x & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 128) return '';
    if (x & 0x80) continue;
    if (first) {
      const arc = v < 40 ? 0 : v < 80 ? 1 : 2;
      s = `${arc}.${v - arc * 40}`;
      first = false;
    } else s += `.${v}`;
    v = 0;
  }
  return (b[end - 1] as number) & 0x80 ? '' : s;
}

/** Lower-case hex of at most `max` octets. */
export function toHex(b: Uint8Array, start: number, end: number, max = 64): string {
  const stop = Math.min(end, start + max, b.length);
  let s = '';
  for (let i = start; i < stop; i++) s += ((b[i] as number) < 16 ? '0' : '') + (b[i] as number).toString(16);
  return s;
}
