import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureHost, CaptureJob, CaptureOperationPage } from '../src/modules/capture/resources.js';
import { createWorld, errorOf, type Person, type World } from './support/fixture.js';

const pcaps = fileURLToPath(new URL('../../shared/data/pcaps/', import.meta.url));
const modbus = readFileSync(`${pcaps}modbus/modbus_test_data_part1.pcap`);
const octets = { 'content-type': 'application/octet-stream' };

// Capture analysis over the API: upload, progress, results, asset merge, access rules, bad input.
describe('capture API', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld('pglite', { captureLimit: 1024 * 1024 });
  });
  afterAll(async () => {
    await w.close();
  });

  async function analyzed(who: Person, body: Buffer, query = 'name=plant.pcap', headers: Record<string, string> = octets): Promise<CaptureJob> {
    const r = await w.request(who, 'POST', `/api/v1/captures?${query}`, body, headers);
    expect(r.statusCode, r.body).toBe(202);
    expect(r.headers['location']).toMatch(/^\/api\/v1\/captures\//);
    await w.services.captures.idle();
    const job = await w.request(who, 'GET', `/api/v1/captures/${(r.json() as CaptureJob).id}`);
    return job.json() as CaptureJob;
  }

  it('analyzes an upload into hosts, communications and operations, and fills the inventory without overwriting people', async () => {
    // People entered these: a wrong MAC on the PLC, nothing on the second host.
    await w.request(w.people.analystE1, 'POST', '/api/v1/assets', { name: 'Pump PLC', ip: '10.0.0.3', mac: 'aa:aa:aa:aa:aa:aa', vendor: 'Acme' });
    await w.request(w.people.analystE1, 'POST', '/api/v1/assets', { name: 'Second', ip: '10.0.0.8' });

    const job = await analyzed(w.people.analystE1, modbus);
    expect(job.status).toBe('finished');
    expect(job.progress).toBe(1);
    expect(job.summary?.format).toBe('pcap');
    expect(job.summary?.frames).toBe(118);
    expect(job.summary?.pdus.modbus).toBeGreaterThan(0);

    const hosts = (await w.request(w.people.viewerE1, 'GET', `/api/v1/captures/${job.id}/hosts`)).json() as CaptureHost[];
    const plc = hosts.find((h) => h.ip === '10.0.0.3');
    expect(plc?.serves).toContain('modbus');
    expect(plc?.roles[0]?.role).toBe('plc');
    expect(plc?.mac).toBe('00:02:b3:ce:70:51');
    expect(plc?.assetId).toBeTruthy();

    const comms = (await w.request(w.people.viewerE1, 'GET', `/api/v1/captures/${job.id}/communications`)).json() as { server: string; protocol: string; packets: number }[];
    expect(comms.some((c) => c.server === '10.0.0.3' && c.protocol === 'modbus' && c.packets > 0)).toBe(true);

    const ops = (await w.request(w.people.viewerE1, 'GET', `/api/v1/captures/${job.id}/operations?protocol=modbus&limit=5`)).json() as CaptureOperationPage;
    expect(ops.items.length).toBeGreaterThan(0);
    expect(ops.items.every((o) => o.protocol === 'modbus')).toBe(true);
    const times = ops.items.map((o) => o.timeUs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    if (ops.nextCursor) {
      const next = (await w.request(w.people.viewerE1, 'GET', `/api/v1/captures/${job.id}/operations?protocol=modbus&limit=5&cursor=${ops.nextCursor}`)).json() as CaptureOperationPage;
      expect(next.items[0]?.seq).not.toBe(ops.items[0]?.seq);
    }
    const reads = (await w.request(w.people.viewerE1, 'GET', `/api/v1/captures/${job.id}/operations?operation=read`)).json() as CaptureOperationPage;
    expect(reads.items.every((o) => o.operation === 'read')).toBe(true);

    // The person's MAC stays and the disagreement is recorded; the empty MAC is filled in.
    const assets = (await w.request(w.people.viewerE1, 'GET', '/api/v1/assets?limit=100')).json() as { items: { id: string; name: string; mac: string | null; vendor: string | null }[] };
    const pump = assets.items.find((a) => a.name === 'Pump PLC');
    expect(pump?.mac).toBe('aa:aa:aa:aa:aa:aa');
    expect(pump?.vendor).toBe('Acme');
    expect(assets.items.find((a) => a.name === 'Second')?.mac).toBe('00:50:04:93:70:67');
    const conflicts = (await w.request(w.people.viewerE1, 'GET', `/api/v1/assets/${pump?.id}/discovery-conflicts`)).json() as { field: string; discoveredValue: string }[];
    expect(conflicts).toContainEqual(expect.objectContaining({ field: 'mac', discoveredValue: '00:02:b3:ce:70:51' }));
    expect(job.summary?.assets.conflicts).toBeGreaterThanOrEqual(1);

    // Analyzing the same capture again creates no duplicate assets.
    const before = assets.items.length;
    await analyzed(w.people.analystE1, modbus, 'name=again.pcap&reanalyze=true');
    const after = (await w.request(w.people.viewerE1, 'GET', '/api/v1/assets?limit=100')).json() as { items: unknown[] };
    expect(after.items.length).toBe(before);
  });

  it('accepts gzip-compressed captures and reports unreadable ones without failing the server', async () => {
    const gz = await analyzed(w.people.analystE1, gzipSync(modbus), 'name=plant.pcap.gz&mergeAssets=false', { 'content-type': 'application/gzip' });
    expect(gz.summary?.frames).toBe(118);
    expect(gz.mergeAssets).toBe(false);
    const junk = await analyzed(w.people.analystE1, Buffer.from('this is not a packet capture at all'), 'name=junk');
    expect(junk.status).toBe('finished');
    expect(junk.summary?.frames).toBe(0);
    expect(junk.summary?.readError?.code).toBe('bad-magic');
    const truncated = await analyzed(w.people.analystE1, modbus.subarray(0, 5000), 'name=cut');
    expect(truncated.summary?.readError?.code).toBe('truncated');
    expect(truncated.summary?.frames).toBeGreaterThan(10);
  });

  it('enforces roles, organisations and sharing', async () => {
    expect((await w.request(null, 'GET', '/api/v1/captures')).statusCode).toBe(401);
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/captures?name=x', modbus, octets)).statusCode).toBe(403);
    const own = await analyzed(w.people.analystE1, modbus, 'name=private&mergeAssets=false&reanalyze=true');
    // a sibling enterprise cannot learn it exists; the province sees it only when shared upward
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/captures/${own.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/captures/${own.id}/operations`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/captures/${own.id}`)).statusCode).toBe(404);
    const shared = await analyzed(w.people.analystE1, modbus, 'name=shared&sharedUpward=true&tlp=green&mergeAssets=false&reanalyze=true');
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/captures/${shared.id}/hosts`)).statusCode).toBe(200);
    expect((await w.request(w.people.viewerP, 'GET', `/api/v1/captures/${shared.id}`)).statusCode).toBe(404);
    const red = await analyzed(w.people.analystE1, modbus, 'name=red&sharedUpward=true&tlp=red&mergeAssets=false&reanalyze=true');
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/captures/${red.id}`)).statusCode).toBe(404);
    // only the owning organisation deletes
    expect((await w.request(w.people.analystP, 'DELETE', `/api/v1/captures/${shared.id}`)).statusCode).toBe(403);
    expect((await w.request(w.people.viewerE1, 'DELETE', `/api/v1/captures/${shared.id}`)).statusCode).toBe(403);
    expect((await w.request(w.people.analystE1, 'DELETE', `/api/v1/captures/${shared.id}`)).statusCode).toBe(204);
    expect((await w.request(w.people.analystE1, 'GET', `/api/v1/captures/${shared.id}`)).statusCode).toBe(404);
    const list = (await w.request(w.people.analystE2, 'GET', '/api/v1/captures')).json() as { items: CaptureJob[] };
    expect(list.items).toEqual([]);
  });

  it('rejects bad input with 4xx and a JSON error', async () => {
    const noName = await w.request(w.people.analystE1, 'POST', '/api/v1/captures', modbus, octets);
    expect(noName.statusCode).toBe(400);
    expect(errorOf(noName).details[0]?.path).toContain('name');
    const badTlp = await w.request(w.people.analystE1, 'POST', '/api/v1/captures?name=x&tlp=purple', modbus, octets);
    expect(badTlp.statusCode).toBe(400);
    const media = await w.request(w.people.analystE1, 'POST', '/api/v1/captures?name=x', 'text', { 'content-type': 'text/plain' });
    expect(media.statusCode).toBe(415);
    const big = await w.request(w.people.analystE1, 'POST', '/api/v1/captures?name=big', Buffer.alloc(2 * 1024 * 1024), octets);
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('payload_too_large');
    const empty = await w.request(w.people.analystE1, 'POST', '/api/v1/captures?name=empty', Buffer.alloc(0), octets);
    expect(empty.statusCode).toBe(400);
    const badOp = await w.request(w.people.viewerE1, 'GET', '/api/v1/captures/x/operations?operation=explode');
    expect(badOp.statusCode).toBe(400);
    const badCursor = await w.request(w.people.viewerE1, 'GET', '/api/v1/captures?cursor=%%%');
    expect(badCursor.statusCode).toBe(400);
  });

  it('keeps fingerprint rules per organisation and validates them', async () => {
    const rule = { id: 'acme.gauge', name: 'Acme gauges', when: { serves: 'modbus', attribute: 'product', prefix: 'Wing' }, then: { vendor: 'Acme', deviceType: 'plc' }, confidence: 0.95 };
    expect((await w.request(w.people.viewerE1, 'POST', '/api/v1/capture/fingerprints', rule)).statusCode).toBe(403);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/capture/fingerprints', rule)).statusCode).toBe(201);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/capture/fingerprints', rule)).statusCode).toBe(409);
    const bad = await w.request(w.people.analystE1, 'POST', '/api/v1/capture/fingerprints', { ...rule, id: 'x2', when: { pattern: '(' } });
    expect(bad.statusCode).toBe(400);
    const builtin = await w.request(w.people.analystE1, 'POST', '/api/v1/capture/fingerprints', { ...rule, id: 's7.server' });
    expect(builtin.statusCode).toBe(409);
    const mine = (await w.request(w.people.viewerE1, 'GET', '/api/v1/capture/fingerprints')).json() as { id: string; builtin: boolean }[];
    expect(mine).toContainEqual(expect.objectContaining({ id: 'acme.gauge', builtin: false }));
    expect(mine.some((r) => r.builtin)).toBe(true);
    const sibling = (await w.request(w.people.analystE2, 'GET', '/api/v1/capture/fingerprints')).json() as { id: string }[];
    expect(sibling.some((r) => r.id === 'acme.gauge')).toBe(false);
    // the rule applies to the next analysis of this organisation
    const job = await analyzed(w.people.analystE1, modbus, 'name=with-rule&mergeAssets=false&reanalyze=true');
    const hosts = (await w.request(w.people.viewerE1, 'GET', `/api/v1/captures/${job.id}/hosts`)).json() as CaptureHost[];
    const withProduct = hosts.filter((h) => h.facts.some((f) => f.attribute === 'product' && f.value.startsWith('Wing')));
    for (const h of withProduct) expect(h.identity.rules).toContain('acme.gauge');
    expect((await w.request(w.people.analystE2, 'DELETE', '/api/v1/capture/fingerprints/acme.gauge')).statusCode).toBe(404);
    expect((await w.request(w.people.analystE1, 'DELETE', '/api/v1/capture/fingerprints/acme.gauge')).statusCode).toBe(204);
  });
});
