// Classic libpcap files: 24-byte file header, then 16-byte record headers, in either byte order,
// with microsecond (a1b2c3d4) or nanosecond (a1b23c4d) timestamps.
import { MAX_CAPTURED_LENGTH } from './types.js';
import type { FormatParser, ParserHost } from './format-parser.js';

const FILE_HEADER = 24;
const RECORD_HEADER = 16;

export type PcapMagic = 'usec-le' | 'usec-be' | 'nsec-le' | 'nsec-be';

/** Recognizes the pcap magic number in the first four bytes. */
export function pcapMagic(b: Uint8Array, pos: number): PcapMagic | undefined {
  const m = ((b[pos]! << 24) | (b[pos + 1]! << 16) | (b[pos + 2]! << 8) | b[pos + 3]!) >>> 0;
  switch (m) {
    case 0xa1b2c3d4:
      return 'usec-be';
    case 0xd4c3b2a1:
      return 'usec-le';
    case 0xa1b23c4d:
      return 'nsec-be';
    case 0x4d3cb2a1:
      return 'nsec-le';
    default:
      return undefined;
  }
}

export class PcapParser implements FormatParser {
  needed = FILE_HEADER;
  skip = 0;
  linkType = -1;
  private headerDone = false;
  private readonly le: boolean;
  private readonly nano: boolean;

  constructor(
    private readonly host: ParserHost,
    magic: PcapMagic,
    private readonly isSupportedLinkType: ((linkType: number) => boolean) | undefined,
  ) {
    this.le = magic === 'usec-le' || magic === 'nsec-le';
    this.nano = magic === 'nsec-le' || magic === 'nsec-be';
  }

  parse(b: Uint8Array, pos: number, end: number): number {
    if (!this.headerDone) {
      if (end - pos < FILE_HEADER) {
        this.needed = FILE_HEADER;
        return pos;
      }
      // Bits 16-31 of the link type field carry FCS information, not the link type.
      this.linkType = this.u32(b, pos + 20) & 0xffff;
      this.headerDone = true;
      pos += FILE_HEADER;
      if (this.isSupportedLinkType !== undefined && !this.isSupportedLinkType(this.linkType)) {
        this.host.fail('unsupported-link-type', `pcap link type ${this.linkType} is not supported`);
        return -1;
      }
    }
    const le = this.le;
    const linkType = this.linkType;
    for (;;) {
      if (end - pos < RECORD_HEADER) {
        this.needed = RECORD_HEADER;
        return pos;
      }
      const caplen = le
        ? (b[pos + 8]! | (b[pos + 9]! << 8) | (b[pos + 10]! << 16) | (b[pos + 11]! << 24)) >>> 0
        : ((b[pos + 8]! << 24) | (b[pos + 9]! << 16) | (b[pos + 10]! << 8) | b[pos + 11]!) >>> 0;
      if (caplen > MAX_CAPTURED_LENGTH) {
        this.host.fail('bad-record', `record captured length ${caplen} exceeds ${MAX_CAPTURED_LENGTH} bytes`);
        return -1;
      }
      const total = RECORD_HEADER + caplen;
      if (end - pos < total) {
        this.needed = total;
        return pos;
      }
      let sec: number;
      let frac: number;
      let orig: number;
      if (le) {
        sec = (b[pos]! | (b[pos + 1]! << 8) | (b[pos + 2]! << 16) | (b[pos + 3]! << 24)) >>> 0;
        frac = (b[pos + 4]! | (b[pos + 5]! << 8) | (b[pos + 6]! << 16) | (b[pos + 7]! << 24)) >>> 0;
        orig = (b[pos + 12]! | (b[pos + 13]! << 8) | (b[pos + 14]! << 16) | (b[pos + 15]! << 24)) >>> 0;
      } else {
        sec = ((b[pos]! << 24) | (b[pos + 1]! << 16) | (b[pos + 2]! << 8) | b[pos + 3]!) >>> 0;
        frac = ((b[pos + 4]! << 24) | (b[pos + 5]! << 16) | (b[pos + 6]! << 8) | b[pos + 7]!) >>> 0;
        orig = ((b[pos + 12]! << 24) | (b[pos + 13]! << 16) | (b[pos + 14]! << 8) | b[pos + 15]!) >>> 0;
      }
      const time = sec * 1_000_000 + (this.nano ? Math.floor(frac / 1000) : frac);
      this.host.emit(b, pos + RECORD_HEADER, caplen, orig, time, linkType);
      pos += total;
    }
  }

  private u32(b: Uint8Array, i: number): number {
    return this.le
      ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0
      : ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
  }
}
