// Event import jobs over the API, on both backends: real Zeek and Suricata samples (read in place),
// broken lines reported by number while the rest is stored, who may see and create jobs, bad input.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../../storage/test-backends.js';
import { createWorld, errorOf, type Person, type World } from '../../../../test/support/fixture.js';
import { readSample, samplePath } from '../parsers/test-samples.js';
import type { EventImportJob } from './types.js';

const octets = { 'content-type': 'application/octet-stream' };

describe.each(backends)('event imports on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  async function upload(who: Person, body: Buffer | string, query: string): Promise<EventImportJob> {
    const r = await w.request(who, 'POST', `/api/v1/event-imports?${query}`, body, octets);
    expect(r.statusCode, r.body).toBe(202);
    return r.json() as EventImportJob;
  }

  async function finished(who: Person, id: string): Promise<EventImportJob> {
    for (let i = 0; i < 200; i += 1) {
      const job = (await w.request(who, 'GET', `/api/v1/event-imports/${id}`)).json() as EventImportJob;
      if (job.status === 'finished' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`import ${id} did not finish`);
  }

  async function storedFor(jobId: string): Promise<number> {
    const row = await sql<{ n: string | number }>`select count(*) as n from events where source_id = ${jobId}`.execute(w.database.db);
    return Number(row.rows[0]?.n ?? 0);
  }

  it('imports a gzip Zeek log with its format detected: every record stored, progress at 100%', async () => {
    const relative = 'zeek/brimdata__zed-sample-data/zeek-default/notice.log.gz';
    const gz = readFileSync(samplePath(relative));
    const records = gunzipSync(gz).toString('utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
    const queued = await upload(w.people.analystE1, gz, 'name=notice.log.gz');
    expect(queued).toMatchObject({ name: 'notice.log.gz', format: 'auto', orgId: w.orgs.E1, sizeBytes: gz.length, tlp: 'amber' });
    expect(['queued', 'running', 'finished']).toContain(queued.status);
    const job = await finished(w.people.analystE1, queued.id);
    expect(job).toMatchObject({ status: 'finished', detectedFormat: 'zeek', progress: 1, bytesRead: gz.length, issuesCount: 0, eventsOffered: records, eventsStored: records, error: null });
    expect(job.lines).toBeGreaterThan(records);
    expect(await storedFor(job.id)).toBe(records);
    const audit = await w.database.db.selectFrom('audit_log').select(['action', 'target_id']).where('target_id', '=', job.id).execute();
    expect(audit).toEqual([{ action: 'event-import.create', target_id: job.id }]);
  });

  it('keeps the good lines of a Suricata file and reports the broken ones by line number', async () => {
    const good = readSample('suricata/tenzir__tenzir/eve.lines1-6.json').split('\n').filter((line) => line.trim() !== '');
    const text = [good[0], good[1], '{"event_type": "alert", broken', ...good.slice(2, 5), 'not json at all', good[5]].join('\n');
    const job = await finished(w.people.adminE1, (await upload(w.people.adminE1, text, 'name=eve.json&format=suricata&tlp=green')).id);
    expect(job).toMatchObject({ status: 'finished', format: 'suricata', detectedFormat: 'suricata', tlp: 'green', lines: 8, eventsStored: good.length, issuesCount: 2 });
    expect(job.issues.map((issue) => issue.line)).toEqual([3, 7]);
    expect(await storedFor(job.id)).toBe(good.length);
  });

  it('fails a job whose format cannot be recognised, with a reason', async () => {
    const job = await finished(w.people.analystE1, (await upload(w.people.analystE1, 'hello\nworld\n', 'name=notes.txt')).id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/format not recognised/);
  });

  it('shows jobs to their organisation and to the parents only when shared upward', async () => {
    const privateJob = await upload(w.people.analystE1, '{"event_type":"flow","timestamp":"2026-12-01T10:00:00Z","src_ip":"10.0.0.1","dest_ip":"10.0.0.2"}\n', 'name=private.json');
    const shared = await upload(w.people.analystE1, '{"event_type":"flow","timestamp":"2026-12-01T10:00:01Z","src_ip":"10.0.0.1","dest_ip":"10.0.0.2"}\n', 'name=shared.json&sharedUpward=true&tlp=green');
    await finished(w.people.analystE1, shared.id);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/event-imports/${privateJob.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'GET', `/api/v1/event-imports/${shared.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/event-imports/${privateJob.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/event-imports/${shared.id}`)).statusCode).toBe(200);
    expect((await w.request(w.people.viewerP, 'GET', `/api/v1/event-imports/${shared.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/event-imports/${privateJob.id}`)).statusCode).toBe(200);
    const e2 = (await w.request(w.people.analystE2, 'GET', '/api/v1/event-imports')).json() as { items: EventImportJob[] };
    expect(e2.items).toEqual([]);
    const p = (await w.request(w.people.adminP, 'GET', '/api/v1/event-imports')).json() as { items: EventImportJob[] };
    expect(p.items.map((j) => j.name)).toEqual(['shared.json']);
    const own = (await w.request(w.people.viewerE1, 'GET', '/api/v1/event-imports')).json() as { items: EventImportJob[] };
    expect(own.items.map((j) => j.name)).toContain('private.json');
  });

  it('lets only writers create, for their own organisation', async () => {
    const viewer = await w.request(w.people.viewerE1, 'POST', '/api/v1/event-imports?name=x.log', 'x\n', octets);
    expect(viewer.statusCode).toBe(403);
    const other = await w.request(w.people.analystE1, 'POST', `/api/v1/event-imports?name=x.log&orgId=${w.orgs.E2}`, 'x\n', octets);
    expect(other.statusCode).toBe(403);
    expect((await w.request(null, 'POST', '/api/v1/event-imports?name=x.log', 'x\n', octets)).statusCode).toBe(401);
  });

  it('refuses bad input with 4xx and says where', async () => {
    const noName = await w.request(w.people.analystE1, 'POST', '/api/v1/event-imports', 'x\n', octets);
    expect(noName.statusCode).toBe(400);
    const badFormat = await w.request(w.people.analystE1, 'POST', '/api/v1/event-imports?name=a&format=pcap', 'x\n', octets);
    expect(badFormat.statusCode).toBe(400);
    expect(errorOf(badFormat).details[0]?.path).toContain('format');
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/event-imports?name=a', '', octets)).statusCode).toBe(400);
    const json = await w.request(w.people.analystE1, 'POST', '/api/v1/event-imports?name=a', '{"a":1}');
    expect(json.statusCode).toBe(400);
    expect(errorOf(json).details[0]?.path).toBe('body');
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/event-imports?name=a', 'x', { 'content-type': 'image/png' })).statusCode).toBe(415);
    const big = await w.request(w.people.analystE1, 'POST', '/api/v1/event-imports?name=a', Buffer.alloc(256 * 1024 * 10 + 1, 0x61), octets);
    expect(big.statusCode).toBe(413);
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/event-imports/nope')).statusCode).toBe(404);
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/event-imports?limit=0')).statusCode).toBe(400);
  });
});
