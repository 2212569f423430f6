// A sensor on a live pipe (`cat capture | bulwark sensor --read -`) while its server is down, then up,
// then restarted: everything spooled is delivered in order, nothing is lost and nothing stored twice.
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLiveAnalysis } from '../../capture/index.js';
import { createIngestStub, freePort, pipeToSensor } from './ingest-stub.js';

const root = resolve(import.meta.dirname, '../../../..');
const pcap = resolve(root, '../shared/data/pcaps/modbus/ModbusTCP.pcap');
const spoolDir = mkdtempSync(join(tmpdir(), 'bulwark-sensor-'));
afterAll(() => rmSync(spoolDir, { recursive: true, force: true }));

const until = async (what: string, check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const segments = () => readdirSync(spoolDir).filter((f) => f.endsWith('.ndjson.gz')).length;

describe('bulwark sensor', () => {
  it('spools while the server is down and delivers every event exactly once across a restart', async () => {
    const live = await createLiveAnalysis();
    await live.read(createReadStream(pcap));
    const batch = live.finish();
    const token = 'bwsn_test-token';
    const stub = createIngestStub(await freePort(), token, 100);

    const sensor = pipeToSensor(root, pcap, `http://127.0.0.1:${stub.port}`, token, spoolDir);

    // Server down: the whole capture is read and waits on disk.
    await until('the sensor to spool its batches', () => segments() >= 8);
    expect(stub.requests()).toBe(0);
    // Server up, but busy for two requests, then a lost answer (stored, never acknowledged: resent).
    stub.failNext(2, 503);
    stub.loseNextAnswer();
    await stub.start();
    await until('some delivery', () => stub.stored.size > 0);
    // Server restarted while the sensor is still delivering.
    await stub.stop();
    expect(segments(), 'still delivering when the server went down').toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 700));
    await stub.start();
    const code = await sensor.exited;
    await stub.stop();
    expect(code, sensor.stderr()).toBe(0);

    const summary = JSON.parse(sensor.stdout()) as { frames: number; operations: number; events: number; shippedEvents: number; spooledEvents: number; droppedEvents: number };
    expect(summary.frames).toBe(15_387);
    expect(summary.operations).toBe(batch.operations.length);
    expect(summary).toMatchObject({ shippedEvents: summary.events, spooledEvents: 0, droppedEvents: 0 });
    expect(segments()).toBe(0);
    // Every event once: the resent batch's lines arrived twice and were stored once.
    expect(stub.stored.size).toBe(summary.events);
    expect(stub.received()).toBeGreaterThan(summary.events);
    const stored = [...stub.stored.values()] as Array<{ kind: string; fields: { ics?: { operation?: string } } }>;
    expect(stored.filter((e) => e.kind === 'operation')).toHaveLength(batch.operations.length);
    // Hosts and communications went too (the final snapshot at least).
    expect(stored.filter((e) => e.kind === 'host').length).toBeGreaterThanOrEqual(batch.hosts.length);
    expect(stored.filter((e) => e.kind === 'flow').length).toBeGreaterThanOrEqual(batch.communications.length);
    expect(new Set(stored.filter((e) => e.kind === 'operation').map((e) => e.fields.ics?.operation))).toContain('write');
  }, 90_000);
});
