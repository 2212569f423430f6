// CIP EPATH (padded) decoding: port, logical, network, symbolic and data segments. Keeps what the
// operation log needs (class, instance, attribute, tag name) and, when fields are wanted, the
// tshark-named path fields so a response can repeat them as tshark does for matched requests.
import { className } from './names.js';

export interface CipPath {
  /** The first class, instance and attribute the path names; -1 when it names none. */
  cls: number;
  instance: number;
  attribute: number;
  /** Tag name from ANSI extended symbol segments ("Program:Main.Counter[5]"), '' when none. */
  tag: string;
  /** Every logical segment in words: "Controller instance 1 / Class 0x74 instance 1". */
  logical: string;
  /** Flat [name, value, name, value, ...] of the fields tshark shows for this path; empty unless wanted. */
  readonly fields: Array<string | number>;
  /** Offset where decoding stopped short of the path end (unknown or truncated segment), -1 when complete. */
  stoppedAt: number;
}

const logicalFields = ['cip.class', 'cip.instance', 'cip.member', 'cip.connpoint', 'cip.attribute'];

function le16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function le32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

export function emptyPath(): CipPath {
  return { cls: -1, instance: -1, attribute: -1, tag: '', logical: '', fields: [], stoppedAt: -1 };
}

/** Decodes the padded EPATH in b[at, end). Never reads past end. */
export function parsePath(b: Uint8Array, at: number, end: number, wantFields: boolean): CipPath {
  const path = emptyPath();
  let i = at;
  while (i < end) {
    const seg = b[i]!;
    const kind = seg >> 5;
    let next: number;
    if (kind === 0) {
      // Port segment: optional link address size, optional 16-bit port, link address, pad to even.
      const extended = (seg & 0x10) !== 0;
      let j = i + 1;
      let size = 1;
      if (extended) {
        if (j >= end) break;
        size = b[j++]!;
      }
      if ((seg & 0x0f) === 0x0f) j += 2;
      j += size;
      if ((j - i) & 1) j++;
      next = j;
    } else if (kind === 1) {
      const type = (seg >> 2) & 7;
      const format = seg & 3;
      if (type === 5) {
        // Special segment: electronic key (format 0, key format 4, 8 bytes of key data).
        next = i + 2 + (i + 1 < end && b[i + 1] === 4 ? 8 : 0);
      } else if (type === 7) {
        // Extended logical: type byte, then the value in the segment's format.
        next = i + 2 + (format === 0 ? 1 : format === 1 ? 3 : format === 2 ? 5 : 0);
        if (format === 3) break;
      } else {
        if (format === 3) break;
        const width = format === 0 ? 2 : format === 1 ? 4 : 6;
        next = i + width;
        if (next > end) break;
        const value = format === 0 ? b[i + 1]! : format === 1 ? le16(b, i + 2) : le32(b, i + 2);
        if (type === 0) {
          if (path.cls < 0) path.cls = value;
          path.logical += `${path.logical === '' ? '' : ' / '}${className(value)}`;
        } else if (type === 1) {
          if (path.instance < 0) path.instance = value;
          path.logical += ` instance ${value}`;
        } else if (type === 4) {
          if (path.attribute < 0) path.attribute = value;
          path.logical += ` attribute ${value}`;
        } else if (type === 2) {
          if (path.tag !== '') path.tag += `[${value}]`;
          else path.logical += ` member ${value}`;
        }
        const name = logicalFields[type];
        if (wantFields && name !== undefined) path.fields.push(name, value);
      }
    } else if (kind === 2) {
      // Network segment: one value byte, or a word count and data when bit 4 is set.
      if (i + 1 >= end) break;
      next = seg & 0x10 ? i + 2 + 2 * b[i + 1]! : i + 2;
    } else if (kind === 3) {
      // Symbolic segment: size in the low bits, ASCII characters, pad to even.
      const size = seg & 0x1f;
      if (size === 0) break;
      next = i + 1 + size + ((1 + size) & 1);
    } else if (seg === 0x80) {
      if (i + 1 >= end) break;
      next = i + 2 + 2 * b[i + 1]!;
    } else if (seg === 0x91) {
      if (i + 1 >= end) break;
      const size = b[i + 1]!;
      next = i + 2 + size + (size & 1);
      if (i + 2 + size > end) break;
      let symbol = '';
      for (let k = i + 2; k < i + 2 + size; k++) symbol += String.fromCharCode(b[k]!);
      path.tag = path.tag === '' ? symbol : `${path.tag}.${symbol}`;
      if (wantFields) path.fields.push('cip.symbol', symbol);
    } else {
      break;
    }
    if (next > end) break;
    i = next;
  }
  if (i < end) path.stoppedAt = i;
  return path;
}

/** What the operation log shows as the target: the tag, or "Identity instance 1 attribute 7". */
export function pathTarget(path: CipPath): string | undefined {
  if (path.tag !== '') return path.tag;
  return path.logical === '' ? undefined : path.logical.trimStart();
}
