import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { backends } from '../../storage/test-backends.js';
import { createWorld, type World } from '../../../test/support/fixture.js';
import type { CaptureJob } from './resources.js';

const pcaps = fileURLToPath(new URL('../../../../shared/data/pcaps/', import.meta.url));
const part1Path = `${pcaps}modbus/modbus_test_data_part1.pcap`;
const part1 = readFileSync(part1Path);
const part2 = readFileSync(`${pcaps}modbus/modbus_test_data_part2.pcap`);
const octets = { 'content-type': 'application/octet-stream' };

// The same file (SHA-256) sent again for the same organisation answers with the job that exists,
// unless a new analysis is asked for; other organisations and other files get their own jobs.
describe.each(backends)('duplicate capture uploads on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend, { captureLimit: 1024 * 1024 });
  });
  afterAll(async () => {
    await w.close();
  });

  async function upload(who: World['people'][keyof World['people']], body: Buffer, query = 'name=plant.pcap') {
    const r = await w.request(who, 'POST', `/api/v1/captures?${query}`, body, octets);
    await w.services.captures.idle();
    return { status: r.statusCode, location: r.headers['location'], job: r.json() as CaptureJob };
  }

  it('answers a second upload of the same file with the existing job, over the API', async () => {
    const first = await upload(w.people.analystE1, part1);
    expect(first.status).toBe(202);
    const again = await upload(w.people.analystE1, part1, 'name=renamed.pcap');
    expect(again.status).toBe(200);
    expect(again.job.id).toBe(first.job.id);
    expect(again.job.name).toBe('plant.pcap');
    expect(again.job.status).toBe('finished');
    expect(again.location).toBe(`/api/v1/captures/${first.job.id}`);
    const list = (await w.request(w.people.analystE1, 'GET', '/api/v1/captures')).json() as { items: CaptureJob[] };
    expect(list.items.filter((j) => j.id === first.job.id)).toHaveLength(1);
    expect(list.items).toHaveLength(1);
  });

  it('analyzes again with reanalyze=true, and the next plain upload answers with the newest job', async () => {
    const [original] = ((await w.request(w.people.analystE1, 'GET', '/api/v1/captures')).json() as { items: CaptureJob[] }).items;
    const fresh = await upload(w.people.analystE1, part1, 'name=again.pcap&reanalyze=true');
    expect(fresh.status).toBe(202);
    expect(fresh.job.id).not.toBe(original?.id);
    const finished = (await w.request(w.people.analystE1, 'GET', `/api/v1/captures/${fresh.job.id}`)).json() as CaptureJob;
    expect(finished.status).toBe('finished');
    expect(finished.frames).toBe(118);
    const plain = await upload(w.people.analystE1, part1);
    expect(plain.status).toBe(200);
    expect(plain.job.id).toBe(fresh.job.id);
  });

  it('gives another organisation and another file their own jobs', async () => {
    const [mine] = ((await w.request(w.people.analystE1, 'GET', '/api/v1/captures')).json() as { items: CaptureJob[] }).items;
    const theirs = await upload(w.people.analystE2, part1);
    expect(theirs.status).toBe(202);
    expect(theirs.job.id).not.toBe(mine?.id);
    expect(theirs.job.orgId).not.toBe(mine?.orgId);
    const other = await upload(w.people.analystE1, part2, 'name=part2.pcap');
    expect(other.status).toBe(202);
    expect(other.job.id).not.toBe(mine?.id);
  });

  it('analyzes a file again whose earlier job failed', async () => {
    const first = await upload(w.people.analystE2, part2, 'name=part2.pcap');
    expect(first.status).toBe(202);
    // A job fails when its analysis throws (e.g. the disk goes away); its results are gone, so it does not count.
    await w.database.db.updateTable('capture_jobs').set({ status: 'failed', error: 'disk gone' }).where('id', '=', first.job.id).execute();
    const retry = await upload(w.people.analystE2, part2, 'name=part2.pcap');
    expect(retry.status).toBe(202);
    expect(retry.job.id).not.toBe(first.job.id);
  });

  it('recognises the same file in the service: uploads and local files alike, reanalyze makes a new job', async () => {
    const op = systemActor('test');
    const orgId = w.orgs.E1;
    const byUpload = await w.services.captures.upload(op, Readable.from([part1]), { name: 'service.pcap', orgId });
    expect(byUpload.existing).toBe(true);
    const local = await w.services.captures.analyzeFile(op, part1Path, { name: 'local.pcap', orgId });
    expect(local.id).toBe(byUpload.job.id);
    const forced = await w.services.captures.analyzeFile(op, part1Path, { name: 'forced.pcap', orgId, reanalyze: true });
    expect(forced.id).not.toBe(byUpload.job.id);
    expect(forced.status).toBe('finished');
    // a local analysis records the file's digest too: the next upload of it answers with that job
    const next = await w.services.captures.upload(op, Readable.from([part1]), { name: 'after-local.pcap', orgId });
    expect(next).toEqual({ job: expect.objectContaining({ id: forced.id }) as unknown, existing: true });
    const digest = await w.database.db.selectFrom('capture_jobs').select('sha256').where('id', '=', forced.id).executeTakeFirstOrThrow();
    expect(digest.sha256).toBe(createHash('sha256').update(part1).digest('hex'));
  });
});
