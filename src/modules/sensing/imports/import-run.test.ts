// The job's reading loop against an ingest that refuses: the same batch is offered again after the
// hint, nothing is lost; and gzip input read by its magic bytes, with progress over the compressed size.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SensingIngest } from '../ingest.js';
import type { EventDraft } from '../types.js';
import { runImportFile } from './import-run.js';
import type { ImportProgress } from './types.js';

const job = { id: 'job-1', name: 'eve.json', orgId: 'org-1', tlp: 'amber' as const, sharedUpward: false, format: 'auto' as const };
const eve = (i: number) => JSON.stringify({ event_type: 'flow', timestamp: `2026-12-01T10:00:${String(i % 60).padStart(2, '0')}Z`, src_ip: '10.0.0.1', dest_ip: `10.0.${Math.floor(i / 250)}.${i % 250}`, flow_id: i });

/** Refuses the first `refusals` offers (pipeline full), then takes everything. */
function refusingIngest(refusals: number) {
  const taken: EventDraft[][] = [];
  let offers = 0;
  let flushed = 0;
  const ingest: SensingIngest = {
    async offerDetailed(_context, drafts) {
      offers += 1;
      if (offers <= refusals) return { accepted: false, retryAfterMs: 5, reason: 'saturated', refused: [] };
      taken.push([...drafts]);
      return { accepted: true, events: drafts.length, refused: [] };
    },
    async offer() {
      throw new Error('the import uses offerDetailed');
    },
    async flush() {
      flushed += 1;
    },
  };
  return { ingest, taken, offers: () => offers, flushed: () => flushed };
}

describe('runImportFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-import-run-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('waits out refusals and offers the same batch again: every event taken once', async () => {
    const path = join(dir, 'eve.json');
    await writeFile(path, Array.from({ length: 25 }, (_, i) => eve(i)).join('\n'));
    const fake = refusingIngest(3);
    const reports: ImportProgress[] = [];
    const final = await runImportFile(path, job, { ingest: fake.ingest, batchLines: 10, progressEveryMs: 0, onProgress: async (p) => void reports.push(p) });
    expect(fake.offers()).toBe(3 + 3);
    expect(fake.taken.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(new Set(fake.taken.flat().map((d) => d.origin?.line)).size).toBe(25);
    expect(final).toMatchObject({ lines: 25, eventsOffered: 25, eventsStored: 25, issuesCount: 0, detectedFormat: 'suricata' });
    expect(fake.flushed()).toBe(1);
    expect(reports.map((r) => r.eventsOffered)).toEqual([10, 20, 25, 25]);
  });

  it('reads gzip by its magic bytes and counts progress in bytes of the upload', async () => {
    const path = join(dir, 'eve.upload');
    const gz = gzipSync(Array.from({ length: 40 }, (_, i) => eve(i)).join('\n') + '\nnot json\n');
    await writeFile(path, gz);
    const fake = refusingIngest(0);
    const final = await runImportFile(path, job, { ingest: fake.ingest, onProgress: async () => undefined });
    expect(final).toMatchObject({ bytesRead: gz.length, lines: 41, eventsOffered: 40, issuesCount: 1 });
    expect(final.issues[0]?.line).toBe(41);
  });

  it('stops a refused batch when the job is aborted instead of waiting for ever', async () => {
    const path = join(dir, 'eve2.json');
    await writeFile(path, eve(1));
    const stop = new AbortController();
    stop.abort();
    await expect(runImportFile(path, job, { ingest: refusingIngest(1_000).ingest, onProgress: async () => undefined, signal: stop.signal })).rejects.toThrow();
  });
});
