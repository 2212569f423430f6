// A head start for `bulwark capture analyze FILE` on the local database: the analysis worker starts
// reading and decoding the file while the process is still opening the database and loading the
// services (on PGlite that is most of a second), and the job claims it once it exists.
//
// Only a job for the same file may claim it; a job that is not run (the organisation already has one
// for this file) leaves it to discardHeadStarts(), which the command calls when it ends.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnAnalysisWorker, type AnalysisWorker } from './analysis-worker-handle.js';

const waiting = new Map<string, AnalysisWorker>();

/**
 * The built worker beside this module: `.js` in dist/src, `.mjs` in the CLI bundle. Run from source
 * (tests), there is none and the analysis runs in the caller's thread.
 */
export function builtWorker(): URL | undefined {
  for (const name of ['./analysis-worker.js', './analysis-worker.mjs']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(url)) return url;
  }
  return undefined;
}

/** Starts analysing `path` ahead of its job; false where no built worker exists or the file is missing. */
export function startHeadStart(path: string): boolean {
  const url = builtWorker();
  const key = resolve(path);
  if (url === undefined || waiting.has(key) || !existsSync(key)) return false;
  waiting.set(key, spawnAnalysisWorker(url, { path: key }));
  return true;
}

/** The analysis started ahead for this file, taken (at most once). */
export function claimHeadStart(path: string): AnalysisWorker | undefined {
  const key = resolve(path);
  const found = waiting.get(key);
  waiting.delete(key);
  return found;
}

export function discardHeadStarts(): void {
  for (const worker of waiting.values()) worker.discard();
  waiting.clear();
}
