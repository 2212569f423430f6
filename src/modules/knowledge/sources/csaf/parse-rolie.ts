import { issuesFromSchema, parseJson } from '../json-pointer.js';
import type { ImportIssue } from '../types.js';
import { rolieEntry, rolieFeed } from './schemas.js';

// A CSAF ROLIE feed lists a provider's advisories with their URLs and update times; reading it
// tells an import run which documents are new or changed since the last run.

export interface RolieEntry {
  /** The advisory's tracking id, e.g. "ICSA-24-298-03". */
  readonly id: string;
  readonly title: string;
  /** Where the CSAF JSON document is (content.src, else the self link). */
  readonly url: string;
  readonly updated: string;
  readonly published?: string | undefined;
  readonly hashUrl?: string | undefined;
  readonly signatureUrl?: string | undefined;
}

export interface RolieFeed {
  readonly id: string;
  readonly title: string;
  readonly updated: string;
  readonly entries: readonly RolieEntry[];
}

export interface RolieFeedResult {
  /** Absent when the feed itself is unreadable; bad entries are reported and left out. */
  readonly feed?: RolieFeed | undefined;
  readonly issues: readonly ImportIssue[];
}

export function parseRolieFeed(input: string, file: string): RolieFeedResult {
  const json = parseJson(input, file);
  if (!json.success) return { issues: [json.issue] };
  const doc = rolieFeed.safeParse(json.value);
  if (!doc.success) return { issues: issuesFromSchema(doc.error, file, []) };

  const issues: ImportIssue[] = [];
  const entries: RolieEntry[] = [];
  const seen = new Set<string>();
  doc.data.feed.entry.forEach((raw, i) => {
    const e = rolieEntry.safeParse(raw);
    if (!e.success) return void issues.push(...issuesFromSchema(e.error, file, ['feed', 'entry', i]));
    const href = (rel: string) => e.data.link.find((l) => l.rel === rel)?.href;
    const url = e.data.content?.src ?? href('self');
    if (url === undefined) {
      return void issues.push({ file, pointer: `/feed/entry/${i}`, message: 'entry has neither content.src nor a self link', severity: 'error' });
    }
    if (seen.has(e.data.id)) {
      return void issues.push({ file, pointer: `/feed/entry/${i}/id`, message: `duplicate entry ${e.data.id}: first one kept`, severity: 'warning' });
    }
    seen.add(e.data.id);
    entries.push({
      id: e.data.id,
      title: e.data.title,
      url,
      updated: e.data.updated,
      ...(e.data.published !== undefined && { published: e.data.published }),
      ...optional('hashUrl', href('hash')),
      ...optional('signatureUrl', href('signature')),
    });
  });
  const { id, title, updated } = doc.data.feed;
  return { feed: { id, title, updated, entries }, issues };
}

/**
 * Entries to (re)import: unknown ids, and known ones whose `updated` is later than the time
 * recorded at the last import (`known`: tracking id → updated). Oldest first, so an interrupted
 * run can resume from the last imported time.
 */
export function changedEntries(entries: readonly RolieEntry[], known: ReadonlyMap<string, string>): RolieEntry[] {
  return entries
    .filter((e) => {
      const before = known.get(e.id);
      return before === undefined || time(e.updated) > time(before);
    })
    .sort((a, b) => time(a.updated) - time(b.updated) || a.id.localeCompare(b.id));
}

/**
 * The entry's path below the provider's white/ folder, "<year>/<file>.json" (CSAF 2.0 puts
 * documents in folders named after the year of their initial release); used to read a local mirror.
 */
export function entryRelativePath(entry: RolieEntry): string {
  const parts = urlPath(entry.url).split('/').filter((p) => p !== '');
  const name = parts.at(-1) ?? csafFileName(entry.id);
  const year = parts.at(-2);
  return year !== undefined && /^\d{4}$/.test(year) ? `${year}/${name}` : name;
}

/** CSAF 2.0 file name rule: tracking id lower-cased, characters other than [+-a-z0-9] as "_", ".json". */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
}

function urlPath(url: string): string {
  try {
    return new URL(url, 'file:///').pathname;
  } catch {
    return url; // not a URL: treat it as a path
  }
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}
