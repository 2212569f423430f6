// Push-style, synchronous capture reader: feed it chunks of any size, it calls the handler once per
// packet record. Records that span chunks are assembled in a small carry buffer (one record at most),
// never by concatenating the input, so memory stays bounded whatever the file size.
import type { CaptureReadErrorCode } from '../types.js';
import type { FormatParser, ParserHost } from './format-parser.js';
import { PcapParser, pcapMagic } from './pcap-parser.js';
import { PcapngParser, isPcapngMagic } from './pcapng-parser.js';
import type { CaptureReadError, CaptureReaderOptions, PacketRecordHandler } from './types.js';

export type CaptureFormat = 'pcap' | 'pcapng';

export function isGzipMagic(b: Uint8Array, pos = 0): boolean {
  return b[pos] === 0x1f && b[pos + 1] === 0x8b;
}

export class CaptureReader implements ParserHost {
  format: CaptureFormat | undefined;
  frames = 0;
  /** Captured bytes of all records. */
  bytes = 0;
  firstTime = 0;
  lastTime = 0;
  error: CaptureReadError | undefined;
  private parser: FormatParser | undefined;
  private carry = new Uint8Array(4096);
  private carryLen = 0;
  private ended = false;

  constructor(
    private readonly handler: PacketRecordHandler,
    private readonly options: CaptureReaderOptions = {},
  ) {}

  /** True once reading has stopped (error or end). */
  get stopped(): boolean {
    return this.error !== undefined || this.ended;
  }

  /** Feeds the next chunk; returns false once reading has stopped (further chunks are ignored). */
  feed(chunk: Uint8Array): boolean {
    if (this.stopped) return false;
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      const parser = this.parser;
      if (parser !== undefined && parser.skip > 0) {
        const n = Math.min(parser.skip, end - pos);
        parser.skip -= n;
        pos += n;
        continue;
      }
      if (this.carryLen > 0) {
        // Complete the pending unit, then let the parser have it from the carry buffer.
        const needed = parser === undefined ? 4 : parser.needed;
        const n = Math.min(needed - this.carryLen, end - pos);
        this.reserve(needed);
        this.carry.set(chunk.subarray(pos, pos + n), this.carryLen);
        this.carryLen += n;
        pos += n;
        if (this.carryLen < needed) return true;
        const used = this.parse(this.carry, 0, this.carryLen);
        if (used < 0) return false;
        if (used === this.carryLen) this.carryLen = 0;
        continue;
      }
      const used = this.parse(chunk, pos, end);
      if (used < 0) return false;
      if (used < end) {
        this.reserve(end - used);
        this.carry.set(chunk.subarray(used, end), 0);
        this.carryLen = end - used;
      }
      pos = end;
    }
    return true;
  }

  /** The input is finished: a partial record left over means the file was cut short. */
  end(): void {
    if (this.stopped) return;
    if (this.parser === undefined) {
      this.fail(this.carryLen === 0 ? 'bad-magic' : 'truncated', this.carryLen === 0 ? 'empty input' : 'input shorter than a file header');
    } else if (this.carryLen > 0 || this.parser.skip > 0) {
      this.fail('truncated', `the capture is cut short in the middle of a ${this.frames === 0 ? 'file header or ' : ''}record`);
    }
    this.ended = true;
  }

  fail(code: CaptureReadErrorCode, message: string): void {
    if (this.error === undefined) this.error = { code, message, frame: this.frames + 1 };
  }

  emit(data: Uint8Array, offset: number, capturedLength: number, originalLength: number, time: number, linkType: number): void {
    const frame = ++this.frames;
    this.bytes += capturedLength;
    if (frame === 1) this.firstTime = time;
    this.lastTime = time;
    this.handler.packet(frame, data, offset, capturedLength, originalLength, time, linkType);
  }

  private parse(buf: Uint8Array, pos: number, end: number): number {
    if (this.parser === undefined) {
      if (end - pos < 4) return pos;
      if (isPcapngMagic(buf, pos)) {
        this.format = 'pcapng';
        this.parser = new PcapngParser(this);
      } else {
        const magic = pcapMagic(buf, pos);
        if (magic === undefined) {
          this.fail(
            isGzipMagic(buf, pos) ? 'decompress' : 'bad-magic',
            isGzipMagic(buf, pos)
              ? 'gzip-compressed capture: decompress it first (readCapture does)'
              : `not a pcap or pcapng file (magic ${hex(buf, pos, 4)})`,
          );
          return -1;
        }
        this.format = 'pcap';
        this.parser = new PcapParser(this, magic, this.options.isSupportedLinkType);
      }
    }
    const used = this.parser.parse(buf, pos, end);
    return this.error === undefined ? used : -1;
  }

  private reserve(size: number): void {
    if (this.carry.length >= size) return;
    const next = new Uint8Array(Math.max(size, this.carry.length * 2));
    next.set(this.carry.subarray(0, this.carryLen));
    this.carry = next;
  }
}

function hex(b: Uint8Array, pos: number, n: number): string {
  let s = '';
  for (let i = pos; i < pos + n && i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}
