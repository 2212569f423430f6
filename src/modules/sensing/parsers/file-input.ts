// Files into lines and drafts: single files, directories (sorted, recursive), gzip (by magic bytes, not
// name), streamed with bounded memory; and follow mode, which keeps reading appended lines and survives
// rotation (rename and a new file, or truncation in place), as `tail -F` does.
import { createReadStream } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { EventDraft, ParseIssue } from '../types.js';
import { detectFormat } from './detect.js';
import type { ParserFormat } from './index.js';
import { MAX_LINE_CHARS, pushBounded, type LineParser, type ParseOrigin } from './line-parser.js';
import { LineSplitter } from './line-splitter.js';
import { createSuricataLineParser } from './suricata.js';
import { createSyslogLineParser } from './syslog-lines.js';
import { createWinEventLineParser } from './winevent.js';
import { createZeekLineParser } from './zeek.js';

export interface LineBatch {
  /** Number of the first line in `lines` (1-based, per file). */
  readonly firstLineNo: number;
  /** `null` marks a line longer than the bound, skipped. */
  readonly lines: readonly (string | null)[];
}

export interface FileBatch {
  readonly file: string;
  readonly format: ParserFormat;
  readonly events: EventDraft[];
  readonly issues: ParseIssue[];
  /** Lines read from this file so far. */
  readonly lines: number;
}

export interface ReadEventFileOptions {
  /** A format, or 'auto' to detect it per file from its first lines (default). */
  readonly format?: ParserFormat | 'auto';
  /** Lines per yielded batch (default 2000). */
  readonly batchLines?: number;
  readonly receivedAt?: Date;
  readonly invalidTime?: ParseOrigin['invalidTime'];
  /** Longest line kept, in bytes (default 1 MiB). */
  readonly maxLineBytes?: number;
}

const DETECT_LINES = 20;

/** A file, or every regular file below a directory in name order (hidden files skipped). */
export async function listInputFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  const entries = (await readdir(path, { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await listInputFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** True when the file starts with the gzip magic bytes (compressed logs are found by content, not name). */
export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** A file's lines in batches, gunzipped when it starts with the gzip magic bytes. */
export async function* readLines(path: string, options: { readonly batchLines?: number; readonly maxLineBytes?: number } = {}): AsyncGenerator<LineBatch> {
  const batchLines = options.batchLines ?? 2000;
  const splitter = new LineSplitter(options.maxLineBytes ?? MAX_LINE_CHARS);
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  const stream = (await isGzip(path)) ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => stream.destroy(error));
  let lineNo = 1;
  let pending: (string | null)[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const line of splitter.push(chunk)) pending.push(line);
    if (pending.length >= batchLines) {
      yield { firstLineNo: lineNo, lines: pending };
      lineNo += pending.length;
      pending = [];
    }
  }
  const last = splitter.flush();
  if (last !== undefined) pending.push(last);
  if (pending.length > 0) yield { firstLineNo: lineNo, lines: pending };
}

export function createParser(format: ParserFormat, origin: ParseOrigin): LineParser {
  switch (format) {
    case 'zeek':
      return createZeekLineParser(origin);
    case 'suricata':
      return createSuricataLineParser(origin);
    case 'syslog':
      return createSyslogLineParser(origin);
    case 'winevent':
      return createWinEventLineParser(origin);
  }
}

/** Feeds a batch of lines to a parser, turning skipped (oversized) lines into issues. */
export function parseBatch(parser: LineParser, batch: LineBatch, into: { events: EventDraft[]; issues: ParseIssue[] }): void {
  batch.lines.forEach((line, index) => {
    const lineNo = batch.firstLineNo + index;
    if (line === null) {
      into.issues.push({ line: lineNo, path: '', message: 'line longer than the limit, skipped' });
      return;
    }
    const result = pushBounded(parser, line, lineNo);
    for (const event of result.events) into.events.push(event);
    for (const issue of result.issues) into.issues.push(issue);
  });
}

/**
 * Parses a file or a directory of files, one batch of drafts and issues at a time (memory stays
 * bounded whatever the size). A file whose format cannot be detected yields one issue and is skipped.
 */
export async function* readEventFile(path: string, options: ReadEventFileOptions = {}): AsyncGenerator<FileBatch> {
  for (const file of await listInputFiles(path)) {
    let parser: LineParser | null = null;
    let format: ParserFormat | null = options.format !== undefined && options.format !== 'auto' ? options.format : null;
    let lines = 0;
    const origin: ParseOrigin = {
      file,
      receivedAt: options.receivedAt ?? (await stat(file)).mtime,
      ...(options.invalidTime !== undefined ? { invalidTime: options.invalidTime } : {}),
    };
    let undetected = false;
    for await (const batch of readLines(file, { ...(options.batchLines !== undefined ? { batchLines: options.batchLines } : {}), ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}) })) {
      if (format === null) {
        format = detectFormat(batch.lines.slice(0, DETECT_LINES).filter((line): line is string => line !== null));
        if (format === null) {
          undetected = true;
          break;
        }
      }
      parser ??= createParser(format, origin);
      const out = { events: [] as EventDraft[], issues: [] as ParseIssue[] };
      parseBatch(parser, batch, out);
      lines += batch.lines.length;
      yield { file, format, events: out.events, issues: out.issues, lines };
    }
    if (undetected) {
      yield { file, format: 'syslog', events: [], issues: [{ line: 1, path: '', message: 'format not recognised (not Zeek, Suricata EVE, syslog or Windows event JSON); give --format' }], lines: 0 };
      continue;
    }
    if (parser && format) {
      const tail = parser.end();
      if (tail.events.length > 0 || tail.issues.length > 0) yield { file, format, events: tail.events, issues: tail.issues, lines };
    }
  }
}

export interface FollowOptions {
  /** How often the file is checked (default 250 ms). */
  readonly pollMs?: number;
  /** Start at the beginning of the existing file (default) or at its end, as `tail -f` does. */
  readonly start?: 'beginning' | 'end';
  readonly maxLineBytes?: number;
  /** A read error (the file is kept being watched). */
  readonly onError?: (error: Error) => void;
  /** The file was rotated (renamed away and recreated) or truncated: line numbers restart at 1. */
  readonly onRotate?: (reason: 'renamed' | 'truncated') => void;
}

export interface FollowHandle {
  /** Stops following; resolves after the current read is delivered. */
  close(): Promise<void>;
}

export type OnLines = (batch: LineBatch) => void | Promise<void>;

const READ_CHUNK = 256 * 1024;

/**
 * Follows a file by polling its name: appended lines are delivered in order; when the name points to
 * a new file (rotation by rename), the rest of the old file is read first; when the file shrinks
 * (truncation), reading restarts at its beginning. The next poll waits for `onLines` to finish.
 */
export function followFile(path: string, onLines: OnLines, options: FollowOptions = {}): FollowHandle {
  const pollMs = options.pollMs ?? 250;
  const splitter = new LineSplitter(options.maxLineBytes ?? MAX_LINE_CHARS);
  let handle: FileHandle | null = null;
  let inode = -1;
  let position = 0;
  let lineNo = 1;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let first = true;
  const buffer = Buffer.alloc(READ_CHUNK);

  const deliver = async (lines: (string | null)[]): Promise<void> => {
    if (lines.length === 0) return;
    const batch = { firstLineNo: lineNo, lines };
    lineNo += lines.length;
    await onLines(batch);
  };

  /** Reads the open file from `position` to its current end. */
  const drain = async (): Promise<void> => {
    if (!handle) return;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      await deliver(splitter.push(buffer.subarray(0, bytesRead)));
      if (closed) return;
    }
  };

  const restart = async (): Promise<void> => {
    // A last line without its newline is complete once its file is gone.
    const rest = splitter.flush();
    if (rest !== undefined) await deliver([rest]);
    lineNo = 1;
  };

  const tick = async (): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>> | null = null;
    try {
      info = await stat(path);
    } catch (error) {
      // Renamed away and not yet recreated: finish what the old file has.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.onError?.(error as Error);
      await drain();
      return;
    }
    if (handle === null || info.ino !== inode) {
      if (handle !== null) {
        await drain();
        await handle.close();
        handle = null;
        await restart();
        options.onRotate?.('renamed');
      }
      handle = await open(path, 'r');
      inode = (await handle.stat()).ino;
      position = first && options.start === 'end' ? info.size : 0;
      first = false;
    } else if (info.size < position) {
      splitter.reset();
      position = 0;
      lineNo = 1;
      options.onRotate?.('truncated');
    }
    await drain();
  };

  const loop = (): void => {
    if (closed) return;
    running = tick()
      .catch((error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        if (!closed) timer = setTimeout(loop, pollMs);
      });
  };
  loop();

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
      if (handle) await handle.close();
      handle = null;
    },
  };
}

export interface FollowEventsOptions extends FollowOptions {
  readonly receivedAt?: () => Date;
}

/** followFile with a parser per file generation (a rotated Zeek log starts with a new header). */
export function followEvents(path: string, format: ParserFormat, onBatch: (batch: FileBatch) => void | Promise<void>, options: FollowEventsOptions = {}): FollowHandle {
  const newParser = (): LineParser => createParser(format, { file: path, receivedAt: options.receivedAt?.() ?? new Date() });
  let parser = newParser();
  let lines = 0;
  let rotated = false;
  return followFile(
    path,
    async (batch) => {
      const out = { events: [] as EventDraft[], issues: [] as ParseIssue[] };
      if (rotated || (batch.firstLineNo === 1 && lines > 0)) {
        const tail = parser.end();
        out.events.push(...tail.events);
        out.issues.push(...tail.issues);
        parser = newParser();
        rotated = false;
      }
      parseBatch(parser, batch, out);
      lines = batch.firstLineNo + batch.lines.length - 1;
      await onBatch({ file: path, format, events: out.events, issues: out.issues, lines });
    },
    {
      ...options,
      onRotate: (reason) => {
        rotated = true;
        options.onRotate?.(reason);
      },
    },
  );
}
