import type { ReferenceClaim } from '../types.js';

// Small helpers for building claims, shared by the CVE 5 and NVD 2.0 importers.

/** Keeps the first of each group of items with the same key, in input order. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Several containers or sources repeat a reference with other tags: one reference per URL, tags merged. */
export function mergeReferences(refs: readonly ReferenceClaim[]): ReferenceClaim[] {
  const byUrl = new Map<string, { url: string; summary: string | undefined; tags: string[] }>();
  for (const r of refs) {
    const seen = byUrl.get(r.url);
    if (seen === undefined) byUrl.set(r.url, { url: r.url, summary: r.summary, tags: [...(r.tags ?? [])] });
    else {
      seen.summary ??= r.summary;
      seen.tags.push(...(r.tags ?? []).filter((t) => !seen.tags.includes(t)));
    }
  }
  return [...byUrl.values()].map((r) => ({ url: r.url, summary: r.summary, tags: r.tags.length > 0 ? r.tags : undefined }));
}

/** CVE 5 and NVD timestamps are UTC but often lack the zone designator; make that explicit. */
export function utc(date: string | undefined): string | undefined {
  return date !== undefined && /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(date) ? `${date}Z` : date;
}
