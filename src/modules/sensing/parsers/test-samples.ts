// Test helper: the third-party log samples, read in place from ../shared/data/logs (never copied).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const logsDir = fileURLToPath(new URL('../../../../../shared/data/logs/', import.meta.url));

export function samplePath(relative: string): string {
  return `${logsDir}${relative}`;
}

/** A sample's text, gunzipped when it is a .gz file. */
export function readSample(relative: string): string {
  const bytes = readFileSync(samplePath(relative));
  return (relative.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}
