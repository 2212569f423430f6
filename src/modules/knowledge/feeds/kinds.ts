// What each kind of feed fetches, as documents for one import run. Each reader goes on from the feed's
// state (validators, cursors) and writes the new state into `run.state` as it goes; the service keeps
// that state only when the whole run succeeded, so a failed run is simply tried again.
import { parse as parseCsv } from 'csv-parse/sync';
import { detectFormat } from '../detect-format.js';
import type { ImportDocument } from '../importer.js';
import { linkedDocuments } from '../importer.js';
import { createNvdClient, NVD_CVES_PATH, splitWindows, type NvdFetch } from '../sources/nvd2/nvd-client.js';
import type { ImportIssue } from '../sources/types.js';
import { archiveDocuments } from './archive.js';
import { FeedFetchError, type FeedHttp } from './http.js';
import type { FeedKind, KbFeedOptions, KbFeedProgress, KbFeedState, Validators } from './types.js';

const DAY_MS = 86_400_000;
/** Validators kept per feed; a provider with more index files than this re-fetches the oldest. */
const MAX_VALIDATORS = 200;
const DEFAULT_MAX_DOCUMENTS = 5000;

export interface FeedRun {
  readonly url: string;
  readonly options: KbFeedOptions;
  readonly apiKey: string | undefined;
  readonly http: FeedHttp;
  readonly issues: ImportIssue[];
  state: KbFeedState;
  progress: KbFeedProgress;
  /** Set when the run stopped at its document budget. */
  incomplete: boolean;
  notModified: number;
  readonly now: () => number;
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
}

function setValidators(run: FeedRun, url: string, v: Validators): void {
  const all = { ...(run.state.validators ?? {}), [url]: v };
  const keys = Object.keys(all);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_VALIDATORS))) delete all[k];
  run.state = { ...run.state, validators: all };
}

/** A conditional GET that records the new validators; null when the server says nothing changed. */
async function fetchIfChanged(run: FeedRun, url: string): Promise<string | null> {
  const fetched = await run.http.get(url, run.state.validators?.[url]);
  run.progress = { ...run.progress, requests: run.http.requests() };
  if (fetched.notModified) {
    run.notModified++;
    return null;
  }
  setValidators(run, url, fetched.validators);
  return fetched.text;
}

function issue(run: FeedRun, file: string, message: string): void {
  run.issues.push({ file, pointer: '', message, severity: 'error' });
}

function counted(run: FeedRun, doc: ImportDocument): ImportDocument {
  run.progress = { ...run.progress, documents: run.progress.documents + 1, requests: run.http.requests() };
  return doc;
}

interface Listed {
  readonly url: string;
  readonly updated: string;
}

/** The listed documents newer than the index's cursor, oldest first, within the run's budget. */
async function* newerThanCursor(run: FeedRun, index: string, listed: readonly Listed[]): AsyncGenerator<ImportDocument> {
  const cursor = run.state.cursors?.[index];
  const fresh = listed.filter((l) => cursor === undefined || l.updated > cursor).sort((a, b) => (a.updated < b.updated ? -1 : a.updated > b.updated ? 1 : 0));
  const budget = (run.options.maxDocuments ?? DEFAULT_MAX_DOCUMENTS) - run.progress.documents;
  const taken = fresh.slice(0, Math.max(0, budget));
  if (taken.length < fresh.length) run.incomplete = true;
  run.progress = { ...run.progress, phase: `fetching ${taken.length} documents listed by ${index}`, total: (run.progress.total ?? 0) + taken.length };
  for (const item of taken) {
    try {
      const fetched = await run.http.get(item.url);
      if (!fetched.notModified) yield counted(run, { name: item.url, text: fetched.text });
    } catch (error) {
      if (!(error instanceof FeedFetchError)) throw error;
      issue(run, item.url, error.message);
    }
  }
  const last = taken.at(-1);
  // The cursor moves only over what was taken; documents that failed to fetch are reported, not retried forever.
  if (last !== undefined) run.state = { ...run.state, cursors: { ...(run.state.cursors ?? {}), [index]: last.updated } };
}

function rolieListed(text: string, base: string): Listed[] {
  const urls = linkedDocuments('rolie', text, base);
  const entries = ((JSON.parse(text) as { feed?: { entry?: { updated?: unknown; published?: unknown }[] } }).feed?.entry ?? []);
  return urls.map((url, i) => {
    const e = entries[i];
    const updated = typeof e?.updated === 'string' ? e.updated : typeof e?.published === 'string' ? e.published : '';
    return { url, updated };
  });
}

/** A CSAF provider's changes.csv: `"path","timestamp"` rows, paths relative to the directory. */
function changesListed(text: string, directory: string): Listed[] {
  const rows = parseCsv(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  const base = directory.endsWith('/') ? directory : `${directory}/`;
  return rows.filter((r) => r.length >= 2 && r[0] !== undefined && /\.json$/i.test(r[0])).map((r) => ({ url: new URL(r[0] ?? '', base).toString(), updated: new Date(r[1] ?? '').toISOString() }));
}

async function* rolieFeed(run: FeedRun, url: string): AsyncGenerator<ImportDocument> {
  const text = await fetchIfChanged(run, url);
  if (text === null) return;
  yield* newerThanCursor(run, url, rolieListed(text, url));
}

const changesOf = (directory: string) => new URL('changes.csv', directory.endsWith('/') ? directory : `${directory}/`).toString();

/** A CSAF directory through its changes.csv (the URL of that file). */
async function* csafChanges(run: FeedRun, changes: string): AsyncGenerator<ImportDocument> {
  const text = await fetchIfChanged(run, changes);
  if (text === null) return;
  yield* newerThanCursor(run, changes, changesListed(text, new URL('.', changes).toString()));
}

/** An index a provider listed: a ROLIE feed, or a directory's changes.csv. */
const indexDocuments = (run: FeedRun, url: string) => (url.endsWith('/changes.csv') ? csafChanges(run, url) : rolieFeed(run, url));

interface ProviderMetadata {
  readonly distributions?: readonly { readonly directory_url?: string; readonly rolie?: { readonly feeds?: readonly { readonly url?: string }[] } }[];
}

/** provider-metadata.json, a ROLIE feed, a CSAF directory (with changes.csv) or one CSAF document. */
async function* csafDocuments(run: FeedRun): AsyncGenerator<ImportDocument> {
  if (run.url.endsWith('/')) {
    yield* csafChanges(run, changesOf(run.url));
    return;
  }
  const text = await fetchIfChanged(run, run.url);
  if (text === null) {
    // Provider metadata rarely changes while its feeds do: go through the indexes it listed last time.
    for (const index of run.state.indexes ?? []) yield* indexDocuments(run, index);
    return;
  }
  const format = detectFormat(run.url, text);
  if (format === 'rolie') {
    yield* newerThanCursor(run, run.url, rolieListed(text, run.url));
  } else if (format === 'provider-metadata') {
    const meta = JSON.parse(text) as ProviderMetadata;
    const feeds = linkedDocuments('provider-metadata', text, run.url);
    // ROLIE feeds when the provider has them; its directories otherwise (the same documents, listed twice).
    const directories = feeds.length > 0 ? [] : (meta.distributions ?? []).flatMap((d) => (typeof d.directory_url === 'string' ? [changesOf(new URL(d.directory_url, run.url).toString())] : []));
    const indexes = [...feeds, ...directories];
    run.state = { ...run.state, indexes };
    if (indexes.length === 0) issue(run, run.url, 'the provider metadata lists no ROLIE feed and no directory');
    for (const index of indexes) yield* indexDocuments(run, index);
  } else if (format === 'csaf') {
    yield counted(run, { name: run.url, text });
  } else {
    issue(run, run.url, 'not CSAF provider metadata, a ROLIE feed, a CSAF document or a directory URL ending in /');
  }
}

/** One document behind a URL, fetched only when it changed (KEV, CNVD files). */
async function* singleDocument(run: FeedRun, accept: (text: string) => string | null | 'unchanged'): AsyncGenerator<ImportDocument> {
  const text = await fetchIfChanged(run, run.url);
  if (text === null) return;
  const problem = accept(text);
  if (problem === 'unchanged') return;
  if (problem !== null) {
    issue(run, run.url, problem);
    return;
  }
  yield counted(run, { name: run.url, text });
}

async function* kevDocuments(run: FeedRun): AsyncGenerator<ImportDocument> {
  yield* singleDocument(run, (text) => {
    if (detectFormat(run.url, text) !== 'kev') return 'not the CISA KEV catalog (JSON with catalogVersion and vulnerabilities)';
    const version = /"catalogVersion"\s*:\s*"([^"]*)"/.exec(text)?.[1];
    // Mirrors without validators still skip a catalog version already imported.
    if (version !== undefined && version === run.state.catalogVersion) {
      run.notModified++;
      return 'unchanged';
    }
    run.state = { ...run.state, ...(version === undefined ? {} : { catalogVersion: version }) };
    return null;
  });
}

async function* cnvdDocuments(run: FeedRun): AsyncGenerator<ImportDocument> {
  yield* singleDocument(run, (text) => (detectFormat(run.url.endsWith('.xml') ? run.url : `${run.url}.xml`, text) === 'cnvd' && /^\s*</.test(text) ? null : 'not a CNVD XML file'));
}

async function* nvdDocuments(run: FeedRun): AsyncGenerator<ImportDocument> {
  const endpoint = new URL(run.url);
  const baseUrl = endpoint.toString().replace(/\/+$/, '').slice(0, -NVD_CVES_PATH.length);
  const fetchNvd: NvdFetch = (url, init) => run.http.fetch(url, { headers: { ...init.headers } });
  const client = createNvdClient({ apiKey: run.apiKey, baseUrl, fetch: fetchNvd, ...(run.sleep === undefined ? {} : { sleep: run.sleep }), now: run.now });
  const start = new Date(run.state.nvdCursor ?? run.options.since ?? new Date(run.now() - 120 * DAY_MS).toISOString());
  const end = new Date(run.now());
  if (start >= end) return;
  for (const window of splitWindows(start, end)) {
    run.progress = { ...run.progress, phase: `CVEs modified ${window.start.toISOString().slice(0, 10)} to ${window.end.toISOString().slice(0, 10)}` };
    for await (const page of client.fetchChanges({ lastModStartDate: window.start, lastModEndDate: window.end, resultsPerPage: run.options.resultsPerPage })) {
      const total = Number(/"totalResults"\s*:\s*(\d+)/.exec(page)?.[1] ?? Number.NaN);
      const startIndex = /"startIndex"\s*:\s*(\d+)/.exec(page)?.[1] ?? '0';
      if (Number.isFinite(total)) run.progress = { ...run.progress, total };
      // An empty window is no document: a run that finds nothing new leaves no import run behind.
      if (total === 0) continue;
      yield counted(run, { name: `${run.url}?lastModStartDate=${window.start.toISOString()}&startIndex=${startIndex}`, text: page });
    }
    run.state = { ...run.state, nvdCursor: window.end.toISOString() };
    if (run.progress.documents >= (run.options.maxDocuments ?? DEFAULT_MAX_DOCUMENTS)) {
      run.incomplete = window.end < end;
      return;
    }
  }
}

async function* osvDocuments(run: FeedRun): AsyncGenerator<ImportDocument> {
  const packages = run.options.packages ?? [];
  if (packages.length > 0) {
    run.progress = { ...run.progress, phase: `querying ${packages.length} packages`, total: packages.length };
    for (const pkg of packages) {
      try {
        const answer = JSON.parse(await run.http.postJson(run.url, { package: { ecosystem: pkg.ecosystem, name: pkg.name } })) as { vulns?: unknown[] };
        for (const vuln of answer.vulns ?? []) yield counted(run, { name: `${run.url}#${pkg.ecosystem}/${pkg.name}/${String((vuln as { id?: unknown }).id ?? '')}`, text: JSON.stringify(vuln) });
      } catch (error) {
        if (!(error instanceof FeedFetchError) && !(error instanceof SyntaxError)) throw error;
        issue(run, `${run.url}#${pkg.ecosystem}/${pkg.name}`, error.message);
      }
    }
    return;
  }
  // An ecosystem's all.zip: one conditional download, then its records.
  const fetched = await run.http.get(run.url, run.state.validators?.[run.url]);
  run.progress = { ...run.progress, requests: run.http.requests() };
  if (fetched.notModified) {
    run.notModified++;
    return;
  }
  setValidators(run, run.url, fetched.validators);
  run.progress = { ...run.progress, phase: 'reading the archive' };
  for await (const doc of archiveDocuments(fetched.body, run.issues, run.url)) yield counted(run, doc);
}

export const feedReaders: Record<FeedKind, (run: FeedRun) => AsyncGenerator<ImportDocument>> = {
  csaf: csafDocuments,
  rolie: csafDocuments,
  kev: kevDocuments,
  nvd: nvdDocuments,
  osv: osvDocuments,
  cnvd: cnvdDocuments,
};
