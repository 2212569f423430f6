// One import job's work: the spooled file read as a stream (gunzipped when it starts with the gzip
// magic bytes), split into lines, parsed by the streaming parser of its format (detected from the first
// lines when asked), and offered to the ingest batch by batch. A refusal (pipeline full) is waited out
// with the ingest's retry hint and the same batch offered again: back-pressure, never a drop.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import type { Tlp } from '../../../platform/tlp.js';
import type { ImportFormat } from '../event-import.js';
import type { SensingIngest } from '../ingest.js';
import { parseNdjsonLine } from '../ndjson.js';
import { detectFormat } from '../parsers/detect.js';
import { createParser, parseBatch } from '../parsers/file-input.js';
import { MAX_LINE_CHARS, type LineParser } from '../parsers/line-parser.js';
import { LineSplitter } from '../parsers/line-splitter.js';
import type { EventDraft, IngestContext, ParseIssue } from '../types.js';
import { KEPT_ISSUES, type ImportJobFormat, type ImportJobIssue, type ImportProgress } from './types.js';

export interface ImportRunJob {
  readonly id: string;
  readonly name: string;
  readonly orgId: string;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly format: ImportJobFormat;
}

export interface ImportRunDeps {
  readonly ingest: SensingIngest;
  /** Called after batches (at most every `progressEveryMs`) and once at the end. */
  readonly onProgress: (progress: ImportProgress) => Promise<void>;
  readonly progressEveryMs?: number;
  /** Lines per offered batch. Default 2000. */
  readonly batchLines?: number;
  /** Stops the job between batches (server closing). */
  readonly signal?: AbortSignal;
}

/** The input could not be read as any known format: the job fails with this message. */
export class UnknownFormatError extends Error {}

const DETECT_LINES = 20;

/** The file's bytes as text: gunzipped when the first chunk starts with the gzip magic bytes. */
async function* textChunks(raw: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = raw[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done === true) return;
  const head = first.value;
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) yield next.value;
  }
  if (head[0] === 0x1f && head[1] === 0x8b) yield* Readable.from(all()).pipe(createGunzip());
  else yield* all();
}

/** The parsers' detection, plus NDJSON (the ingest's own format: JSON objects none of the parsers claim). */
function detect(lines: readonly (string | null)[]): ImportFormat | null {
  const sample = lines.slice(0, DETECT_LINES).filter((line): line is string => line !== null);
  const found = detectFormat(sample);
  if (found !== null) return found;
  const first = sample.find((line) => line.trim() !== '');
  return first !== undefined && parseNdjsonLine(first, 1)?.ok === true ? 'ndjson' : null;
}

export async function runImportFile(path: string, job: ImportRunJob, deps: ImportRunDeps): Promise<ImportProgress> {
  const batchLines = deps.batchLines ?? 2000;
  const everyMs = deps.progressEveryMs ?? 500;
  const context: IngestContext = { orgId: job.orgId, tlp: job.tlp, sharedUpward: job.sharedUpward, source: { type: 'import', id: job.id, name: job.name } };
  const origin = { file: job.name, receivedAt: new Date() };
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  const splitter = new LineSplitter(MAX_LINE_CHARS);

  let format: ImportFormat | null = job.format === 'auto' ? null : job.format;
  let parser: LineParser | null = null;
  let lineNo = 1;
  let eventsOffered = 0;
  let eventsStored = 0;
  let issuesCount = 0;
  const issues: ImportJobIssue[] = [];
  let lastReport = 0;

  const progress = (): ImportProgress => ({ bytesRead: raw.bytesRead, lines: lineNo - 1, eventsOffered, eventsStored, issuesCount, issues: [...issues], detectedFormat: format });
  const keep = (found: readonly ParseIssue[]) => {
    issuesCount += found.length;
    for (const issue of found) if (issues.length < KEPT_ISSUES) issues.push({ line: issue.line, path: issue.path, message: issue.message });
  };

  async function offer(drafts: readonly EventDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    for (;;) {
      const result = await deps.ingest.offerDetailed(context, drafts);
      keep(result.refused.map((r) => ({ line: drafts[r.index]?.origin?.line ?? 0, path: r.path, message: r.message })));
      if (result.accepted) {
        eventsOffered += drafts.length;
        eventsStored += result.events;
        return;
      }
      deps.signal?.throwIfAborted();
      await sleep(result.retryAfterMs);
    }
  }

  async function handle(lines: readonly (string | null)[]): Promise<void> {
    if (lines.length === 0) return;
    format ??= detect(lines);
    if (format === null) throw new UnknownFormatError('format not recognised (not Zeek, Suricata EVE, syslog, Windows event JSON or NDJSON events); choose the format');
    const out = { events: [] as EventDraft[], issues: [] as ParseIssue[] };
    if (format === 'ndjson') {
      lines.forEach((text, index) => {
        const line = lineNo + index;
        const parsed = text === null ? { ok: false as const, issues: [{ line, path: '', message: 'line longer than the limit, skipped' }] } : parseNdjsonLine(text, line);
        if (parsed?.ok === true) out.events.push({ ...parsed.draft, origin: { file: job.name, line, ...parsed.draft.origin } });
        else if (parsed !== undefined) out.issues.push(...parsed.issues);
      });
    } else {
      parser ??= createParser(format, origin);
      parseBatch(parser, { firstLineNo: lineNo, lines }, out);
    }
    lineNo += lines.length;
    keep(out.issues);
    await offer(out.events);
    deps.signal?.throwIfAborted();
    if (Date.now() - lastReport >= everyMs) {
      lastReport = Date.now();
      await deps.onProgress(progress());
    }
  }

  const pending: (string | null)[] = [];
  for await (const chunk of textChunks(raw as AsyncIterable<Buffer>)) {
    for (const line of splitter.push(chunk)) pending.push(line);
    // Batches of at most batchLines, whatever a chunk held: memory and offers stay bounded.
    while (pending.length >= batchLines) await handle(pending.splice(0, batchLines));
  }
  const last = splitter.flush();
  if (last !== undefined) pending.push(last);
  await handle(pending);
  if (parser !== null) {
    const tail = (parser as LineParser).end();
    keep(tail.issues);
    await offer(tail.events);
  }
  if (format === null) throw new UnknownFormatError('the file has no lines');
  // "Stored" means written: wait for the writer to commit what this job queued.
  await deps.ingest.flush();
  const final = progress();
  await deps.onProgress(final);
  return final;
}
