// The shape every file format parser shares: lines in (with their 1-based number), drafts and issues out.
// Stateful only where the format is (Zeek headers, multi-line syslog); memory is bounded per line.
import type { EventDraft, ParseIssue, ParseResult } from '../types.js';

/** Where the text comes from; copied into each draft's origin. */
export interface ParseOrigin {
  readonly file?: string;
  /** The time the text was received or read: RFC 3164 timestamps carry no year, and `-` timestamps no time at all. */
  readonly receivedAt?: Date;
  /** A record whose own time is missing or unreadable (Zeek btest baselines mask it): an issue (default),
   * or kept with the received time and the original text in a label. */
  readonly invalidTime?: 'issue' | 'use-received';
}

export interface LineParser {
  /** One line without its terminator. Never throws. */
  push(line: string, lineNo: number): ParseResult;
  /** No more lines: anything held back (a multi-line syslog message) comes out now. */
  end(): ParseResult;
}

/** Longest line a parser looks at; longer lines are reported, not parsed (a file reader cuts them first). */
export const MAX_LINE_CHARS = 1 << 20;

export const emptyResult: ParseResult = Object.freeze({ events: [], issues: [] }) as unknown as ParseResult;

export function oneEvent(event: EventDraft): ParseResult {
  return { events: [event], issues: [] };
}

export function oneIssue(line: number, path: string, message: string): ParseResult {
  return { events: [], issues: [{ line, path, message }] };
}

/** Appends a line result to an accumulating result (arrays are owned by the accumulator). */
export function collect(into: { events: EventDraft[]; issues: ParseIssue[] }, result: ParseResult): void {
  for (const event of result.events) into.events.push(event);
  for (const issue of result.issues) into.issues.push(issue);
}

/** Runs a line parser over a whole text (LF or CRLF lines). */
export function parseText(parser: LineParser, text: string): ParseResult {
  const out = { events: [] as EventDraft[], issues: [] as ParseIssue[] };
  let start = 0;
  let lineNo = 0;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNo += 1;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    collect(out, pushBounded(parser, text.slice(start, stop), lineNo));
    start = end + 1;
  }
  collect(out, parser.end());
  return out;
}

/** Guards a parser against oversized lines (memory) and against its own bugs (a throw becomes an issue). */
export function pushBounded(parser: LineParser, line: string, lineNo: number): ParseResult {
  if (line.length > MAX_LINE_CHARS) return oneIssue(lineNo, '', `line longer than ${MAX_LINE_CHARS} characters, skipped`);
  try {
    return parser.push(line, lineNo);
  } catch (error) {
    return oneIssue(lineNo, '', `parser failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses a JSON object line; a non-object or bad JSON is an issue for that line. */
export function parseJsonObject(line: string, lineNo: number): { readonly value: Record<string, unknown> } | { readonly issue: ParseIssue } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { issue: { line: lineNo, path: '', message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issue: { line: lineNo, path: '', message: 'expected a JSON object' } };
  }
  return { value: value as Record<string, unknown> };
}

/** A parser of one JSON object per line: blank lines skipped, bad JSON an issue, the rest mapped. */
export function createJsonLineParser(map: (record: Record<string, unknown>, lineNo: number, line: string) => ParseResult): LineParser {
  return {
    push(line, lineNo) {
      if (isBlank(line)) return emptyResult;
      const parsed = parseJsonObject(line, lineNo);
      if ('issue' in parsed) return { events: [], issues: [parsed.issue] };
      return map(parsed.value, lineNo, line);
    },
    end: () => emptyResult,
  };
}

/** True for a line that carries nothing (blank or whitespace only). */
export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}
