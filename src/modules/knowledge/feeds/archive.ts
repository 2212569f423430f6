// Knowledge archives (.zip, .tar, .tar.gz) unpacked in memory, one document at a time, for one import
// run. An archive is hostile input: entry names that leave the archive, links, too many entries, entries
// or totals larger than the limits and implausible compression ratios are refused before (or while)
// anything is inflated, and each refusal is an issue with the entry's name rather than a failed upload.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract, type Header as TarHeader } from 'tar-stream';
import yauzl from 'yauzl';
import { InputError } from '../../../platform/errors.js';
import type { ImportDocument } from '../importer.js';
import type { ImportIssue } from '../sources/types.js';

export interface ArchiveLimits {
  /** Most entries read (directories included). */
  readonly maxEntries: number;
  /** Largest single document, unpacked. */
  readonly maxEntryBytes: number;
  /** Most bytes unpacked from the whole archive. */
  readonly maxTotalBytes: number;
  /** Largest unpacked/packed ratio of an entry above 1 MiB (zip bombs reach thousands). */
  readonly maxRatio: number;
}

export const defaultArchiveLimits: ArchiveLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
};

export type ArchiveKind = 'zip' | 'tar' | 'tar.gz';

/** The archive's kind from its first bytes (never from its name), or null. */
export function archiveKind(head: Uint8Array): ArchiveKind | null {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar') return 'tar';
  return null;
}

/** Why an entry name may not be used, or null: absolute, a drive, a backslash or a `..` step leaves the archive. */
export function unsafeEntryName(name: string): string | null {
  if (name === '') return 'an empty name';
  if (name.includes('\0')) return 'a NUL byte in the name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.includes('\\')) return 'a backslash in the name';
  if (name.split('/').includes('..')) return 'a ".." step that leaves the archive';
  return null;
}

/** Documents worth importing: JSON and XML, not hidden files or resource forks. */
function wanted(name: string): boolean {
  const parts = name.split('/');
  if (parts.some((p) => p.startsWith('.') || p === '__MACOSX')) return false;
  return /\.(json|xml)$/i.test(name);
}

class LimitReached extends Error {}

interface Budget {
  entries: number;
  total: number;
}

/** Node and streamx readables alike. */
type ByteStream = AsyncIterable<unknown> & { destroy(error?: Error): unknown };

async function readBounded(stream: ByteStream, name: string, budget: Budget, limits: ArchiveLimits): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    size += b.length;
    budget.total += b.length;
    if (size > limits.maxEntryBytes) {
      stream.destroy();
      throw new LimitReached(`${name} unpacks to more than ${limits.maxEntryBytes} bytes`);
    }
    if (budget.total > limits.maxTotalBytes) {
      stream.destroy();
      throw new LimitReached(`the archive unpacks to more than ${limits.maxTotalBytes} bytes`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

const refuse = (issues: ImportIssue[], file: string, message: string) => issues.push({ file, pointer: '', message, severity: 'error' });

async function* zipDocuments(buffer: Buffer, issues: ImportIssue[], limits: ArchiveLimits, label: string): AsyncGenerator<ImportDocument> {
  let zip: yauzl.ZipFile;
  try {
    // Names are decoded and checked here, so one bad name is one refused entry, not a refused archive.
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    throw new InputError('the archive is not a readable zip file', [{ path: 'body', message: (error as Error).message }]);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new InputError(`the archive has ${zip.entryCount} entries, more than ${limits.maxEntries}`, [{ path: 'body', message: 'split it into smaller archives' }]);
  }
  const budget: Budget = { entries: 0, total: 0 };
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
      const file = `${label}/${name}`;
      if (name.endsWith('/')) continue;
      const unsafe = unsafeEntryName(name) ?? yauzl.validateFileName(name);
      if (unsafe !== null) {
        refuse(issues, file, `entry refused: ${unsafe}`);
        continue;
      }
      if (!wanted(name)) continue;
      if (entry.isEncrypted()) {
        refuse(issues, file, 'entry refused: encrypted');
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        refuse(issues, file, `entry refused: ${entry.uncompressedSize} bytes unpacked, more than ${limits.maxEntryBytes}`);
        continue;
      }
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
        refuse(issues, file, `entry refused: packed ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} to 1, more than ${limits.maxRatio} to 1 (a zip bomb?)`);
        continue;
      }
      // Sizes the central directory declares are checked by yauzl against what inflates (validateEntrySizes).
      const data = await readBounded(await zip.openReadStreamPromise(entry), name, budget, limits);
      yield { name: file, text: data.toString('utf8') };
    }
  } catch (error) {
    if (error instanceof LimitReached) refuse(issues, label, `stopped: ${error.message}`);
    else refuse(issues, label, `the archive is damaged: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
}

async function* tarDocuments(buffer: Buffer, gzipped: boolean, issues: ImportIssue[], limits: ArchiveLimits, label: string): AsyncGenerator<ImportDocument> {
  const budget: Budget = { entries: 0, total: 0 };
  const source = Readable.from([buffer]);
  // The gunzip output is bounded too: a .tar.gz bomb stops at maxTotalBytes of tar, not at memory.
  const gunzip = gzipped ? createGunzip() : undefined;
  const extractor = tarExtract();
  const input = gunzip === undefined ? source : source.pipe(gunzip);
  let tarBytes = 0;
  input.on('data', (chunk: Buffer) => {
    tarBytes += chunk.length;
    if (tarBytes > limits.maxTotalBytes + 1024 * 1024) input.destroy(new LimitReached(`the archive unpacks to more than ${limits.maxTotalBytes} bytes`));
  });
  input.on('error', (error) => extractor.destroy(error));
  input.pipe(extractor as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of extractor) {
      const header: TarHeader = entry.header;
      const name = header.name.replace(/^\.\//, '');
      const file = `${label}/${name}`;
      budget.entries++;
      if (budget.entries > limits.maxEntries) throw new LimitReached(`more than ${limits.maxEntries} entries`);
      const unsafe = unsafeEntryName(name);
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        if (header.type === 'symlink' || header.type === 'link') refuse(issues, file, `entry refused: a ${header.type === 'link' ? 'hard' : 'symbolic'} link`);
        entry.resume();
        continue;
      }
      if (unsafe !== null) {
        refuse(issues, file, `entry refused: ${unsafe}`);
        entry.resume();
        continue;
      }
      if (!wanted(name)) {
        entry.resume();
        continue;
      }
      if ((header.size ?? 0) > limits.maxEntryBytes) {
        refuse(issues, file, `entry refused: ${header.size ?? 0} bytes, more than ${limits.maxEntryBytes}`);
        entry.resume();
        continue;
      }
      const data = await readBounded(entry, name, budget, limits);
      yield { name: file, text: data.toString('utf8') };
    }
  } catch (error) {
    if (error instanceof LimitReached) refuse(issues, label, `stopped: ${error.message}`);
    else refuse(issues, label, `the archive is damaged: ${(error as Error).message}`);
  } finally {
    source.destroy();
    input.destroy();
  }
}

/**
 * The JSON and XML documents of an archive, named `<label>/<entry>`. Refused entries and limits reached
 * become issues; a buffer that is no archive at all is bad input.
 */
export function archiveDocuments(buffer: Buffer, issues: ImportIssue[], label = 'archive', limits: ArchiveLimits = defaultArchiveLimits): AsyncGenerator<ImportDocument> {
  const kind = archiveKind(buffer.subarray(0, 512));
  if (kind === null) throw new InputError('not an archive: send a .zip, .tar or .tar.gz file', [{ path: 'body', message: 'zip, tar or gzip-compressed tar' }]);
  return kind === 'zip' ? zipDocuments(buffer, issues, limits, label) : tarDocuments(buffer, kind === 'tar.gz', issues, limits, label);
}
