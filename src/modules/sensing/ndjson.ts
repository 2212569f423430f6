// NDJSON event drafts: one JSON object per line, each checked on its own, so a broken line is reported
// with its number (and the path inside it) while the others are kept.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { TooLargeError } from '../../platform/errors.js';
import { eventDraftSchema } from './schemas.js';
import type { EventDraft, ParseIssue, ParseResult } from './types.js';

export type NdjsonLine = { readonly ok: true; readonly draft: EventDraft } | { readonly ok: false; readonly issues: readonly ParseIssue[] };

/** One line (1-based `line`); blank lines are not events and give neither. */
export function parseNdjsonLine(text: string, line: number): NdjsonLine | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ line, path: '', message: `not JSON: ${(error as Error).message}` }] };
  }
  const parsed = eventDraftSchema.safeParse(value);
  if (parsed.success) return { ok: true, draft: parsed.data as EventDraft };
  return { ok: false, issues: parsed.error.issues.slice(0, 5).map((i) => ({ line, path: i.path.join('.'), message: i.message })) };
}

/** A whole NDJSON text, as the other formats' parsers answer. */
export function parseNdjson(text: string): ParseResult {
  const events: EventDraft[] = [];
  const issues: ParseIssue[] = [];
  text.split('\n').forEach((t, index) => {
    const result = parseNdjsonLine(t, index + 1);
    if (result?.ok === true) events.push(result.draft);
    else if (result !== undefined) issues.push(...result.issues);
  });
  return { events, issues };
}

/** The lines of a byte stream with their numbers; refuses (413) past `maxBytes` of (decompressed) text. */
export async function* ndjsonLines(body: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<{ line: number; text: string }> {
  let bytes = 0;
  async function* bounded() {
    for await (const chunk of body) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > maxBytes) throw new TooLargeError(`the body is larger than ${maxBytes} bytes`, [{ path: 'body', message: 'send fewer lines per request' }]);
      yield chunk;
    }
  }
  const lines = createInterface({ input: Readable.from(bounded()), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    yield { line, text };
  }
}
