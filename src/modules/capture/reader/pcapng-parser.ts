// pcapng: a sequence of blocks (type, total length, body, total length again). Sections start with a
// Section Header Block whose byte-order magic fixes the byte order of the section; Interface
// Description Blocks give each interface its link type and timestamp resolution; packets come in
// Enhanced, Simple or (obsolete) Packet Blocks. Every other block is skipped without buffering it.
import { MAX_CAPTURED_LENGTH, NON_PACKET_RECORD } from './types.js';
import type { FormatParser, ParserHost } from './format-parser.js';

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const PB = 0x00000002;
const SPB = 0x00000003;
const EPB = 0x00000006;

/** Blocks Wireshark counts as frames although they hold no packet (checked with tshark 4.0). */
function isNonPacketRecord(type: number): boolean {
  return type === 0x00000bad || type === 0x40000bad || type === 0x00000009 || type === 0x00000204 || type === 0x00000216 || type === 0x00000221;
}

/** Header blocks are small; larger ones are taken as corruption rather than buffered. */
const MAX_HEADER_BLOCK = 1024 * 1024;
/** A packet block: its captured bytes plus generous room for options. */
const MAX_PACKET_BLOCK = 32 + MAX_CAPTURED_LENGTH + 64 * 1024;
const TWO_32 = 4294967296;

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Timestamp units → microseconds: multiply by `mul` when > 0, else divide by `div` (exactly). */
  readonly mul: number;
  readonly div: number;
  readonly divQ: number;
  readonly divR: number;
  readonly offsetUs: number;
}

export function isPcapngMagic(b: Uint8Array, pos: number): boolean {
  return b[pos] === 0x0a && b[pos + 1] === 0x0d && b[pos + 2] === 0x0d && b[pos + 3] === 0x0a;
}

export class PcapngParser implements FormatParser {
  needed = 12;
  skip = 0;
  private le = true;
  private interfaces: Interface[] = [];
  private sections = 0;
  /** Simple Packet Blocks carry no timestamp: they get the last one seen. */
  private lastTime = 0;

  constructor(private readonly host: ParserHost) {}

  parse(b: Uint8Array, pos: number, end: number): number {
    for (;;) {
      const avail = end - pos;
      if (avail < 12) {
        this.needed = 12;
        return pos;
      }
      let type: number;
      if (isPcapngMagic(b, pos)) {
        // The byte-order magic decides how to read this block's own length.
        const m0 = b[pos + 8]!;
        const m1 = b[pos + 9]!;
        const m2 = b[pos + 10]!;
        const m3 = b[pos + 11]!;
        if (m0 === 0x4d && m1 === 0x3c && m2 === 0x2b && m3 === 0x1a) this.le = true;
        else if (m0 === 0x1a && m1 === 0x2b && m2 === 0x3c && m3 === 0x4d) this.le = false;
        else {
          this.host.fail(this.sections === 0 ? 'bad-magic' : 'bad-record', 'pcapng section header has no valid byte-order magic');
          return -1;
        }
        type = SHB;
      } else {
        if (this.sections === 0) {
          this.host.fail('bad-magic', 'pcapng file does not start with a section header block');
          return -1;
        }
        type = this.u32(b, pos);
      }
      const len = this.u32(b, pos + 4);
      if (len < 12 || len % 4 !== 0) {
        this.host.fail('bad-record', `pcapng block type 0x${type.toString(16)} has invalid total length ${len}`);
        return -1;
      }
      if (type !== SHB && type !== IDB && type !== EPB && type !== SPB && type !== PB) {
        if (isNonPacketRecord(type)) this.host.emit(b, pos, 0, 0, this.lastTime, NON_PACKET_RECORD);
        if (avail >= len) {
          pos += len;
          continue;
        }
        this.skip = len - avail;
        return end;
      }
      const max = type === SHB || type === IDB ? MAX_HEADER_BLOCK : MAX_PACKET_BLOCK;
      if (len > max) {
        this.host.fail('bad-record', `pcapng block type 0x${type.toString(16)} length ${len} exceeds ${max} bytes`);
        return -1;
      }
      if (avail < len) {
        this.needed = len;
        return pos;
      }
      if (this.u32(b, pos + len - 4) !== len) {
        this.host.fail('bad-record', `pcapng block type 0x${type.toString(16)}: trailing length differs from ${len}`);
        return -1;
      }
      if (!this.block(type, b, pos, len)) return -1;
      pos += len;
    }
  }

  /** Parses one complete block; false after host.fail(). */
  private block(type: number, b: Uint8Array, pos: number, len: number): boolean {
    switch (type) {
      case SHB: {
        if (len < 28) return this.bad('section header block too short');
        const major = this.u16(b, pos + 12);
        if (major !== 1) return this.bad(`pcapng major version ${major} is not supported`);
        this.sections++;
        this.interfaces = [];
        return true;
      }
      case IDB:
        if (len < 20) return this.bad('interface description block too short');
        this.interfaces.push(this.describeInterface(b, pos, len));
        return true;
      case EPB: {
        if (len < 32) return this.bad('enhanced packet block too short');
        const iface = this.interfaces[this.u32(b, pos + 8)];
        if (iface === undefined) return this.bad(`enhanced packet block names unknown interface ${this.u32(b, pos + 8)}`);
        return this.packet(b, pos, len, iface);
      }
      case SPB: {
        if (len < 16) return this.bad('simple packet block too short');
        const iface = this.interfaces[0];
        if (iface === undefined) return this.bad('simple packet block without an interface');
        const orig = this.u32(b, pos + 8);
        let caplen = Math.min(orig, len - 16);
        if (iface.snapLength > 0 && caplen > iface.snapLength) caplen = iface.snapLength;
        if (caplen > MAX_CAPTURED_LENGTH) return this.bad(`captured length ${caplen} exceeds ${MAX_CAPTURED_LENGTH} bytes`);
        this.host.emit(b, pos + 12, caplen, orig, this.lastTime, iface.linkType);
        return true;
      }
      default: {
        // Obsolete Packet Block: 16-bit interface id and drop count.
        if (len < 32) return this.bad('packet block too short');
        const iface = this.interfaces[this.u16(b, pos + 8)];
        if (iface === undefined) return this.bad(`packet block names unknown interface ${this.u16(b, pos + 8)}`);
        return this.packet(b, pos, len, iface);
      }
    }
  }

  private describeInterface(b: Uint8Array, pos: number, len: number): Interface {
    const linkType = this.u16(b, pos + 8);
    const snapLength = this.u32(b, pos + 12);
    let resolution = 6;
    let binary = false;
    let offsetSeconds = 0;
    // Options: code, length, value padded to 4 bytes; stop at opt_endofopt or the block's end.
    let o = pos + 16;
    const end = pos + len - 4;
    while (o + 4 <= end) {
      const code = this.u16(b, o);
      const olen = this.u16(b, o + 2);
      if (code === 0 || o + 4 + olen > end) break;
      if (code === 9 && olen >= 1) {
        const v = b[o + 4]!;
        binary = (v & 0x80) !== 0;
        resolution = v & 0x7f;
      } else if (code === 14 && olen >= 8) {
        // if_tsoffset: signed 64-bit seconds, added to every timestamp.
        const hi = this.u32(b, this.le ? o + 8 : o + 4) | 0;
        const lo = this.u32(b, this.le ? o + 4 : o + 8);
        offsetSeconds = hi * TWO_32 + lo;
      }
      o += 4 + ((olen + 3) & ~3);
    }
    let mul = 0;
    let div = 1;
    if (binary) {
      // 2^-n seconds per unit.
      if (resolution <= 52) div = 2 ** resolution / 1_000_000;
      else div = 2 ** 52 / 1_000_000;
    } else if (resolution <= 6) {
      mul = 10 ** (6 - resolution);
    } else {
      div = 10 ** Math.min(resolution - 6, 15);
    }
    const exact = !binary && mul === 0;
    const divQ = exact ? Math.floor(TWO_32 / div) : 0;
    const divR = exact ? TWO_32 - divQ * div : 0;
    return { linkType, snapLength, mul, div, divQ, divR, offsetUs: offsetSeconds * 1_000_000 };
  }

  /** Enhanced and obsolete packet blocks agree from offset 12: timestamp, captured and original length, data. */
  private packet(b: Uint8Array, pos: number, len: number, iface: Interface): boolean {
    const caplen = this.u32(b, pos + 20);
    if (caplen > MAX_CAPTURED_LENGTH) return this.bad(`captured length ${caplen} exceeds ${MAX_CAPTURED_LENGTH} bytes`);
    if (28 + caplen + 4 > len) return this.bad(`captured length ${caplen} does not fit in its block of ${len} bytes`);
    const time = this.time(iface, this.u32(b, pos + 12), this.u32(b, pos + 16));
    this.host.emit(b, pos + 28, caplen, this.u32(b, pos + 24), time, iface.linkType);
    return true;
  }

  private time(iface: Interface, high: number, low: number): number {
    let us: number;
    if (iface.mul > 0) us = (high * TWO_32 + low) * iface.mul;
    else if (iface.divQ > 0) us = high * iface.divQ + Math.floor((high * iface.divR + low) / iface.div);
    else us = Math.floor((high * TWO_32 + low) / iface.div);
    us += iface.offsetUs;
    this.lastTime = us;
    return us;
  }

  private bad(message: string): false {
    this.host.fail('bad-record', message);
    return false;
  }

  private u16(b: Uint8Array, i: number): number {
    return this.le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!;
  }

  private u32(b: Uint8Array, i: number): number {
    return this.le
      ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0
      : ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
  }
}
