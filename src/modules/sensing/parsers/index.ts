// The sensing parsers: what the import command, the listeners and the file sources call.
// Pure text-to-drafts functions plus the file reader (files, directories, gzip, follow mode).
import type { ParseResult } from '../types.js';
import { createParser } from './file-input.js';
import { parseText, pushBounded, type LineParser, type ParseOrigin } from './line-parser.js';

/** File formats parsed here (NDJSON, the ingest's own format, is parsed by the HTTP ingest). */
export const parserFormats = ['zeek', 'suricata', 'syslog', 'winevent'] as const;
export type ParserFormat = (typeof parserFormats)[number];

export type { LineParser, ParseOrigin } from './line-parser.js';
export { MAX_LINE_CHARS } from './line-parser.js';
export { parseSyslogMessage, syslogSeverity, parseRfc3339, type SyslogParse, type SyslogParseOptions } from './syslog.js';
export { createSyslogFrameDecoder, createOctetCountingDecoder, DEFAULT_MAX_FRAME_BYTES, type FrameBatch, type FrameDecoder, type FrameDecoderOptions } from './framing.js';
export { detectFormat } from './detect.js';
export {
  readEventFile,
  isGzip,
  listInputFiles,
  readLines,
  followFile,
  followEvents,
  parseBatch,
  type FileBatch,
  type FollowEventsOptions,
  type FollowHandle,
  type FollowOptions,
  type LineBatch,
  type OnLines,
  type ReadEventFileOptions,
} from './file-input.js';
export { createParser } from './file-input.js';
export { LineSplitter } from './line-splitter.js';
export { mapEveRecord, alertSeverity } from './suricata.js';
export { operationFromName } from './ics-vocabulary.js';

/** A streaming parser for one input (a file, a followed file): push lines as they come, then end(). */
export function createLineParser(format: ParserFormat, origin: ParseOrigin = {}): LineParser {
  const parser = createParser(format, origin);
  return { push: (line, lineNo) => pushBounded(parser, line, lineNo), end: () => parser.end() };
}

/** Parses a whole text at once (small files, HTTP bodies, tests). Bad lines are issues; the rest is kept. */
export function parseEvents(format: ParserFormat, text: string, origin: ParseOrigin = {}): ParseResult {
  return parseText(createParser(format, origin), text);
}
