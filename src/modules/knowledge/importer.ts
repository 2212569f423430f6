import { createHash } from 'node:crypto';
import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Database } from '../../storage/index.js';
import { newId } from '../../platform/crypto.js';
import type { Tlp } from '../../platform/tlp.js';
import { createBatchWriter, type IngestItem } from './batch-writer.js';
import { detectFormat } from './detect-format.js';
import type { Enricher } from './enrich.js';
import { refreshVulnerabilities } from './refresh.js';
import type { FetchText } from '../../platform/remote-fetch.js';
import { createStatisticsRefresher } from './statistics-refresher.js';
import type { ImportIssue, SourceFormat, SourceParser, SourceRecord } from './sources/types.js';
import type { Db } from '../../storage/index.js';
import { sourceFormats } from './sources/types.js';
import type { ImportStats, Reliability } from './types.js';

/** Where each format's records come from, and how far they are trusted until an admin says otherwise. */
export const defaultSources: Record<SourceFormat, { id: string; name: string; reliability: Reliability }> = {
  csaf: { id: 'csaf', name: 'CSAF advisories', reliability: 'A' },
  kev: { id: 'kev', name: 'CISA Known Exploited Vulnerabilities', reliability: 'A' },
  attack: { id: 'attack', name: 'MITRE ATT&CK for ICS', reliability: 'A' },
  nvd2: { id: 'nvd', name: 'NVD', reliability: 'B' },
  cve5: { id: 'cve', name: 'CVE List (CNA records)', reliability: 'B' },
  cnvd: { id: 'cnvd', name: 'CNVD', reliability: 'B' },
  osv: { id: 'osv', name: 'OSV', reliability: 'C' },
};

/** Organisation submissions (and organisations' uploads) share one source, trusted as reports. */
export const submissionSource = { id: 'submission', name: 'Organisation submissions', format: 'submission', reliability: 'D' } as const;

/** Who owns what an organisation imports: it starts as that organisation's collected submission. */
export interface RecordOwner {
  readonly orgId: string;
  readonly username: string;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
}

export interface ImportOptions {
  readonly format?: SourceFormat | undefined;
  readonly actor: string;
  /** The organisation of whoever started the run; null for the local operator. */
  readonly orgId?: string | null | undefined;
  /** Set: records become this organisation's submissions. Unset: shared, published knowledge. */
  readonly owner?: RecordOwner | undefined;
  /** Set: files must resolve (links followed) below this real directory, and are named relative to it. */
  readonly root?: string | undefined;
  /** Records per transaction; batches are cut at file boundaries so no file is half-written. */
  readonly batchSize?: number | undefined;
  readonly fetch?: FetchText | undefined;
}

export interface ImportReport {
  readonly runId: string;
  readonly stats: ImportStats;
  readonly issues: readonly ImportIssue[];
  /** Vulnerabilities created or changed, for incremental correlation. */
  readonly touched: readonly string[];
}

const MAX_STORED_ISSUES = 500;

interface Document {
  readonly name: string;
  readonly text: string;
}

/** A document handed to the importer by a caller that fetched or unpacked it (feeds, archives). */
export type ImportDocument = Document;

async function* walk(path: string, root: string | undefined): AsyncGenerator<string> {
  if (root !== undefined) {
    // Never list a directory a link leads out to: the caller reports the path as outside.
    const real = await realpath(path).catch(() => null);
    if (real === null || !isBelow(root, real)) {
      yield path;
      return;
    }
  }
  const info = await stat(path);
  if (info.isFile()) {
    yield path;
    return;
  }
  const entries: string[] = [];
  for await (const entry of await opendir(path)) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) entries.push(full);
    else if (/\.(json|xml)$/i.test(entry.name)) entries.push(full);
  }
  // Sorted, so runs are reproducible and the order of merges is stable.
  for (const full of entries.sort()) yield* walk(full, root);
}

/** True when `path` is `root` or below it. */
export function isBelow(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Files below a path, or documents behind a URL (a ROLIE feed or provider metadata expands to its advisories). */
async function* documents(location: string, fetchImpl: FetchText, issues: ImportIssue[], root: string | undefined): AsyncGenerator<Document> {
  if (/^https?:\/\//i.test(location)) {
    yield* remoteDocuments(location, fetchImpl, issues, 0);
    return;
  }
  for await (const file of walk(location, root)) {
    if (root === undefined) {
      yield { name: file, text: await readFile(file, 'utf8') };
      continue;
    }
    // A link inside the import directory may point anywhere: what counts is where it resolves.
    const name = relative(root, file);
    const real = await realpath(file).catch(() => null);
    if (real === null || !isBelow(root, real)) {
      issues.push({ file: name, pointer: '', message: 'resolves outside the import directory: skipped', severity: 'error' });
      continue;
    }
    yield { name, text: await readFile(real, 'utf8') };
  }
}

async function* remoteDocuments(url: string, fetchImpl: FetchText, issues: ImportIssue[], depth: number): AsyncGenerator<Document> {
  let text: string;
  try {
    const response = await fetchImpl(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    issues.push({ file: url, pointer: '', message: `could not fetch: ${(error as Error).message}`, severity: 'error' });
    return;
  }
  const format = detectFormat(url, text);
  if ((format === 'rolie' || format === 'provider-metadata') && depth < 2) {
    for (const link of linkedDocuments(format, text, url)) yield* remoteDocuments(link, fetchImpl, issues, depth + 1);
    return;
  }
  yield { name: url, text };
}

/** Document URLs listed by a ROLIE feed (entry content/links) or provider metadata (its ROLIE feeds). */
export function linkedDocuments(format: 'rolie' | 'provider-metadata', text: string, base: string): string[] {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const urls: string[] = [];
    if (format === 'rolie') {
      const entries = ((doc['feed'] as { entry?: unknown[] } | undefined)?.entry ?? []) as Record<string, unknown>[];
      for (const e of entries) {
        const content = e['content'] as { src?: string } | undefined;
        const links = (e['link'] as { rel?: string; href?: string }[] | undefined) ?? [];
        const href = content?.src ?? links.find((l) => l.rel === 'self')?.href ?? links[0]?.href;
        if (typeof href === 'string') urls.push(new URL(href, base).toString());
      }
    } else {
      for (const d of (doc['distributions'] as { rolie?: { feeds?: { url?: string }[] } }[] | undefined) ?? []) {
        for (const f of d.rolie?.feeds ?? []) if (typeof f.url === 'string') urls.push(new URL(f.url, base).toString());
      }
    }
    return urls;
  } catch {
    return [];
  }
}

export function createImporter(database: Database, enrich: Enricher, parsers: Record<SourceFormat, SourceParser>) {
  const writer = createBatchWriter(enrich);
  const refreshStatisticsIfStale = createStatisticsRefresher(database);

  async function ensureSources(): Promise<void> {
    await database.db
      .insertInto('kb_sources')
      .values([...Object.entries(defaultSources).map(([format, s]) => ({ id: s.id, name: s.name, format, reliability: s.reliability })), submissionSource])
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async function run(location: string, options: ImportOptions & { fetch: FetchText }): Promise<ImportReport> {
    const issues: ImportIssue[] = [];
    return runFrom(documents(location, options.fetch, issues, options.root), location, options, issues);
  }

  /** An uploaded document, already in memory. */
  async function runText(name: string, text: string, options: ImportOptions): Promise<ImportReport> {
    async function* one(): AsyncGenerator<Document> {
      yield { name, text };
    }
    return runFrom(one(), `upload:${name}`, options, []);
  }

  /** Documents a caller streams in (feed runs, unpacked archives), in one run; `issues` already found are kept. */
  async function runDocuments(docs: AsyncIterable<Document>, location: string, options: ImportOptions, issues: ImportIssue[] = []): Promise<ImportReport> {
    return runFrom(docs, location, options, issues);
  }

  async function runFrom(docs: AsyncIterable<Document>, location: string, options: ImportOptions, issues: ImportIssue[]): Promise<ImportReport> {
    await ensureSources();
    const runId = newId();
    await database.db.insertInto('kb_import_runs').values({ id: runId, format: options.format ?? 'auto', location, status: 'running', actor: options.actor, org_id: options.orgId ?? null }).execute();
    const owner = options.owner;
    const touched = new Set<string>();
    let stats = { files: 0, records: 0, vulnerabilities: 0, advisories: 0, threats: 0, relations: 0, unchanged: 0, errors: 0, warnings: 0 };
    let batch: IngestItem[] = [];
    const batchSize = options.batchSize ?? 2000;

    // On PostgreSQL the next files are read and parsed while the server writes the previous batch
    // (one batch in flight, so batches still commit in order). PGlite runs SQL on this thread:
    // there is nothing to overlap, and a second batch in memory would only raise the peak.
    const overlap = database.backend === 'postgres';
    let inFlight: Promise<void> | undefined;

    const flush = async () => {
      if (batch.length === 0) return;
      const items = batch;
      batch = [];
      await inFlight;
      const written = write(items);
      // Its failure is rethrown where it is awaited (next flush or the end), not reported as unhandled.
      written.catch(() => undefined);
      inFlight = written;
      if (!overlap) await written;
    };

    const write = (items: readonly IngestItem[]) =>
      database.db.transaction().execute(async (trx) => {
        const result = await writer.write(trx, items);
        if (owner !== undefined) await claimOwnership(trx, result.touched, owner);
        await refreshVulnerabilities(trx, result.touched, enrich);
        for (const id of result.touched) touched.add(id);
        stats = {
          ...stats,
          vulnerabilities: stats.vulnerabilities + result.vulnerabilities,
          advisories: stats.advisories + result.advisories,
          threats: stats.threats + result.threats,
          relations: stats.relations + result.relations,
          unchanged: stats.unchanged + result.unchanged,
        };
      });

    try {
      for await (const doc of docs) {
        stats = { ...stats, files: stats.files + 1 };
        const format = options.format ?? detectFormat(doc.name, doc.text);
        if (format === 'rolie' || format === 'provider-metadata' || format === 'json-schema') {
          // Index and schema files sit beside the documents in mirrors; they are not records.
          issues.push({ file: doc.name, pointer: '', message: `${format} file skipped (import its URL to follow it)`, severity: 'warning' });
          continue;
        }
        if (format === null || !(sourceFormats as readonly string[]).includes(format)) {
          issues.push({ file: doc.name, pointer: '', message: 'unrecognized format: not CSAF, CVE 5, NVD 2.0, OSV, KEV, ATT&CK or CNVD; name the format explicitly', severity: 'error' });
          continue;
        }
        const parsed = parsers[format](doc.text, doc.name);
        issues.push(...parsed.issues);
        const sourceId = defaultSources[format].id;
        let records = 0;
        for (const record of parsed.records) {
          const item = owner === undefined ? { sourceId, record } : scopedItem(owner, format, record);
          if (item === null) {
            issues.push({ file: doc.name, pointer: '', message: `${record.kind} ${record.sourceRecordId}: shared knowledge (advisories, ATT&CK) is imported by the root organisation: skipped`, severity: 'warning' });
            continue;
          }
          records++;
          batch.push({ ...item, hash: createHash('sha256').update(JSON.stringify(item.record)).digest('hex') });
        }
        stats = { ...stats, records: stats.records + records };
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      await inFlight;
      // Bulk loads change table shapes; PGlite has no autovacuum to notice.
      await refreshStatisticsIfStale(touched.size);
      stats = { ...stats, errors: issues.filter((i) => i.severity === 'error').length, warnings: issues.filter((i) => i.severity === 'warning').length };
      await database.db
        .updateTable('kb_import_runs')
        // "failed": errors and nothing imported; "partial": errors beside imported records.
        .set({ status: stats.errors === 0 ? 'finished' : stats.records === 0 ? 'failed' : 'partial', finished_at: new Date(), stats: JSON.stringify(stats), issues: JSON.stringify(issues.slice(0, MAX_STORED_ISSUES)) })
        .where('id', '=', runId)
        .execute();
      return { runId, stats, issues, touched: [...touched] };
    } catch (error) {
      // A batch still being written finishes (or fails) before the run is marked failed.
      await inFlight?.catch(() => undefined);
      await database.db
        .updateTable('kb_import_runs')
        .set({ status: 'failed', finished_at: new Date(), stats: JSON.stringify(stats), issues: JSON.stringify([...issues.slice(0, MAX_STORED_ISSUES - 1), { file: location, pointer: '', message: (error as Error).message, severity: 'error' }]) })
        .where('id', '=', runId)
        .execute();
      throw error;
    }
  }

  return { run, runText, runDocuments, ensureSources };
}

/** An organisation's record: its vulnerabilities only, keyed by organisation so no two owners share one. */
function scopedItem(owner: RecordOwner, format: SourceFormat, record: SourceRecord): Omit<IngestItem, 'hash'> | null {
  if (record.kind !== 'vulnerability') return null;
  return { sourceId: submissionSource.id, scope: owner.orgId, record: { ...record, sourceRecordId: `${owner.orgId}:${format}:${record.sourceRecordId}` } };
}

/**
 * New records of a scoped import become the owner's submissions, in the batch's transaction (never
 * visible as published in between). Records the owner imported before keep their lifecycle.
 */
export async function claimOwnership(trx: Db, ids: readonly string[], owner: RecordOwner, note = 'imported'): Promise<void> {
  if (ids.length === 0) return;
  const fresh = await trx
    .updateTable('kb_vulnerabilities')
    .set({ org_id: owner.orgId, lifecycle: 'collected', tlp: owner.tlp, shared_upward: owner.sharedUpward })
    .where('id', 'in', [...ids])
    .where('org_id', 'is', null)
    .returning('id')
    .execute();
  if (fresh.length === 0) return;
  await trx
    .insertInto('kb_lifecycle_events')
    .values(fresh.map((r) => ({ vuln_id: r.id, from_state: null, to_state: 'collected', actor: owner.username, org_id: owner.orgId, note })))
    .execute();
}

export type Importer = ReturnType<typeof createImporter>;
