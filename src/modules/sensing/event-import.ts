// `bulwark events import`: a file (or directory, gzip too) read as batches of drafts with where each
// came from, whatever the format; NDJSON is read here, the other formats by the parsers.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../platform/errors.js';
import { listInputFiles, readEventFile } from './parsers/index.js';
import { ndjsonLines, parseNdjsonLine } from './ndjson.js';
import type { EventDraft, ParseIssue } from './types.js';

export const importFormats = ['zeek', 'suricata', 'syslog', 'winevent', 'ndjson'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** A problem in the input, by file and line. */
export interface ImportIssue extends ParseIssue {
  readonly file: string;
}

export interface ImportBatch {
  readonly file: string;
  readonly drafts: readonly EventDraft[];
  /** The input line of each draft (for problems the ingest reports per draft). */
  readonly lines: readonly number[];
  readonly issues: readonly ImportIssue[];
  /** Lines read from this file so far. */
  readonly linesRead: number;
}

export interface ImportReport {
  readonly files: number;
  readonly lines: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly issues: readonly ImportIssue[];
  readonly issuesTruncated: boolean;
  readonly elapsedMs: number;
}

const batchLines = 2000;
/** NDJSON files are not bounded by an HTTP body: only each line is. */
const maxNdjsonBytes = Number.MAX_SAFE_INTEGER;

async function* ndjsonFile(file: string): AsyncGenerator<ImportBatch> {
  const stream = createReadStream(file);
  const body = file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
  let drafts: EventDraft[] = [];
  let lines: number[] = [];
  let issues: ImportIssue[] = [];
  let read = 0;
  for await (const { line, text } of ndjsonLines(body, maxNdjsonBytes)) {
    read = line;
    const parsed = parseNdjsonLine(text, line);
    if (parsed?.ok === true) {
      drafts.push({ ...parsed.draft, origin: { file, line, ...parsed.draft.origin } });
      lines.push(line);
    } else if (parsed !== undefined) issues.push(...parsed.issues.map((i) => ({ ...i, file })));
    if (drafts.length + issues.length >= batchLines) {
      yield { file, drafts, lines, issues, linesRead: read };
      drafts = [];
      lines = [];
      issues = [];
    }
  }
  yield { file, drafts, lines, issues, linesRead: read };
}

/** Batches of drafts from a file or every file below a directory. */
export async function* importBatches(path: string, format: ImportFormat): AsyncGenerator<ImportBatch> {
  const files = await listInputFiles(path).catch(() => {
    throw new InputError(`cannot read ${path}`, [{ path: 'file', message: 'no such readable file or directory' }]);
  });
  if (format === 'ndjson') {
    for (const file of files) yield* ndjsonFile(file);
    return;
  }
  for await (const batch of readEventFile(path, { format, batchLines })) {
    yield {
      file: batch.file,
      drafts: batch.events,
      lines: batch.events.map((e) => e.origin?.line ?? 0),
      issues: batch.issues.map((i) => ({ ...i, file: batch.file })),
      linesRead: batch.lines,
    };
  }
}

/** Counts and issues over the batches; `offer` sends one batch and says what the ingest refused. */
export async function runImport(
  path: string,
  format: ImportFormat,
  offer: (batch: ImportBatch) => Promise<{ accepted: number; refused: readonly { index: number; path: string; message: string }[] }>,
): Promise<ImportReport> {
  const started = Date.now();
  const files = new Set<string>();
  const linesByFile = new Map<string, number>();
  const issues: ImportIssue[] = [];
  let accepted = 0;
  let rejected = 0;
  let total = 0;
  const keep = (found: readonly ImportIssue[]) => {
    total += found.length;
    for (const issue of found) if (issues.length < 200) issues.push(issue);
  };
  for await (const batch of importBatches(path, format)) {
    files.add(batch.file);
    linesByFile.set(batch.file, batch.linesRead);
    keep(batch.issues);
    rejected += new Set(batch.issues.map((i) => i.line)).size;
    if (batch.drafts.length === 0) continue;
    const result = await offer(batch);
    accepted += result.accepted;
    rejected += result.refused.length;
    keep(result.refused.map((r) => ({ file: batch.file, line: batch.lines[r.index] ?? 0, path: r.path, message: r.message })));
  }
  const lines = [...linesByFile.values()].reduce((a, b) => a + b, 0);
  return { files: files.size, lines, accepted, rejected, issues, issuesTruncated: total > issues.length, elapsedMs: Date.now() - started };
}
