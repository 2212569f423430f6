// The contract between the chunk-handling reader core and one file format's parser.
import type { CaptureReadErrorCode } from '../types.js';

/** What a format parser calls back into: the reader core owns counters and errors. */
export interface ParserHost {
  emit(data: Uint8Array, offset: number, capturedLength: number, originalLength: number, time: number, linkType: number): void;
  fail(code: CaptureReadErrorCode, message: string): void;
}

export interface FormatParser {
  /**
   * Consumes the whole units (file header, records, blocks) in buf[pos, end) and returns the offset
   * of the first incomplete one, setting `needed` to the bytes that unit needs to be parsed (its
   * header size while its total length is unknown). A unit to be skipped may run past `end`: it then
   * sets `skip` to the bytes still to discard and returns `end`. Returns -1 after host.fail().
   */
  parse(buf: Uint8Array, pos: number, end: number): number;
  needed: number;
  skip: number;
}
