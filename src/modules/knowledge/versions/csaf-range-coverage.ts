// How much of real CSAF range text the parsers understand: walks a directory of CSAF 2.0 JSON files,
// parses every product_version_range branch name, and counts. Reads files, so kept out of index.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRangeClaim } from './parse-range-claim.js';
import type { VersionRange } from './range.js';

export interface CsafRangeCoverage {
  /** product_version_range branches seen (every occurrence). */
  readonly total: number;
  readonly parsed: number;
  readonly unknown: number;
  /** Distinct names that stayed unknown, most frequent first. */
  readonly samplesUnknown: readonly string[];
  readonly distinctTotal: number;
  readonly distinctUnknown: number;
  /** Files that could not be read as JSON. */
  readonly unreadableFiles: readonly string[];
}

/** A product_version_range branch name and the product_name branch above it. */
export interface CsafRangeName {
  readonly name: string;
  readonly productName?: string | undefined;
}

/** CSAF puts a range in a branch name; "vers:" names go to the vers parser first, the rest to the text parser. */
export function parseCsafRangeName(name: string, productName?: string): VersionRange {
  const claim = name.trim().startsWith('vers:') ? ({ kind: 'vers', expression: name } as const) : ({ kind: 'text', text: name } as const);
  return parseRangeClaim(claim, { productName }).range;
}

function collectRangeNames(branches: unknown, productName: string | undefined, out: CsafRangeName[]): void {
  if (!Array.isArray(branches)) return;
  for (const branch of branches as unknown[]) {
    if (typeof branch !== 'object' || branch === null) continue;
    const b = branch as { category?: unknown; name?: unknown; branches?: unknown };
    const name = typeof b.name === 'string' ? b.name : undefined;
    if (b.category === 'product_version_range' && name !== undefined) out.push({ name, productName });
    collectRangeNames(b.branches, b.category === 'product_name' ? name : productName, out);
  }
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsonFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path);
  }
  return out.sort();
}

/** Every product_version_range name under `dirs` (recursively), in file order. */
export function collectCsafRangeNames(...dirs: readonly string[]): { names: CsafRangeName[]; unreadableFiles: string[] } {
  const names: CsafRangeName[] = [];
  const unreadableFiles: string[] = [];
  for (const file of dirs.flatMap((d) => jsonFiles(d))) {
    try {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { product_tree?: { branches?: unknown } } | null;
      collectRangeNames(doc?.product_tree?.branches, undefined, names);
    } catch {
      unreadableFiles.push(file);
    }
  }
  return { names, unreadableFiles };
}

/** Parse rate of the range names in CSAF files under the given directories. */
export function measureCsafRangeCoverage(...dirs: readonly string[]): CsafRangeCoverage {
  const { names, unreadableFiles } = collectCsafRangeNames(...dirs);
  const unknownCounts = new Map<string, number>();
  let parsed = 0;
  for (const { name, productName } of names) {
    if (parseCsafRangeName(name, productName).kind === 'unknown') unknownCounts.set(name, (unknownCounts.get(name) ?? 0) + 1);
    else parsed += 1;
  }
  const samplesUnknown = [...unknownCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  return {
    total: names.length,
    parsed,
    unknown: names.length - parsed,
    samplesUnknown,
    distinctTotal: new Set(names.map((n) => n.name)).size,
    distinctUnknown: unknownCounts.size,
    unreadableFiles,
  };
}
