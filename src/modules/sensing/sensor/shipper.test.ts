// The shipper's answers to the server's: a refused token stops it with the spool kept; a batch the
// server will never take is dropped and counted; a full spool drops its oldest batches, counts them and
// reports the count; what is left arrives in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventDraft } from '../types.js';
import { createIngestStub, freePort, type IngestStub } from './ingest-stub.js';
import { createShipper, SensorRefusedError, type Shipper } from './shipper.js';
import { openSpool } from './spool.js';

const dirs: string[] = [];
const stubs: IngestStub[] = [];
const shippers: Shipper[] = [];
afterEach(async () => {
  for (const s of shippers.splice(0)) await s.stop();
  for (const s of stubs.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const spoolDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'bulwark-shipper-'));
  dirs.push(d);
  return d;
};
const batch = (from: number, n: number): EventDraft[] =>
  Array.from({ length: n }, (_, i) => ({ id: `e${from + i}`, time: '2026-12-07T10:00:00Z', kind: 'log' as const, severity: 'info' as const, message: `event ${from + i} ${'x'.repeat(200)}`, fields: {} }));

async function stub(token: string): Promise<IngestStub> {
  const s = createIngestStub(await freePort(), token);
  stubs.push(s);
  return s;
}

describe('sensor shipper', () => {
  it('stops on a refused token and keeps what it could not deliver', async () => {
    const server = await stub('bwsn_right');
    await server.start();
    const spool = openSpool(spoolDir(), 1 << 20);
    const shipper = createShipper({ spool, server: `http://127.0.0.1:${server.port}`, token: 'bwsn_wrong', minRetryMs: 10 });
    shippers.push(shipper);
    await shipper.enqueue(batch(0, 10));
    await expect(shipper.drained()).rejects.toBeInstanceOf(SensorRefusedError);
    expect(spool.stats()).toMatchObject({ segments: 1, events: 10 });
    expect(server.stored.size).toBe(0);
  });

  it('tells the server it is alive when it has nothing to send', async () => {
    const server = await stub('bwsn_t');
    await server.start();
    const spool = openSpool(spoolDir(), 1 << 20);
    const shipper = createShipper({ spool, server: `http://127.0.0.1:${server.port}`, token: 'bwsn_t', heartbeatMs: 50, report: () => ({ packets: 7 }) });
    shippers.push(shipper);
    await new Promise((r) => setTimeout(r, 400));
    expect(server.requests()).toBeGreaterThanOrEqual(3);
    expect(server.received()).toBe(0);
    expect(shipper.stats().shippedBatches).toBe(0);
  });

  it('drops and counts a batch the server refuses as malformed, and goes on', async () => {
    const server = await stub('bwsn_t');
    server.failNext(1, 400);
    await server.start();
    const spool = openSpool(spoolDir(), 1 << 20);
    const shipper = createShipper({ spool, server: `http://127.0.0.1:${server.port}`, token: 'bwsn_t', minRetryMs: 10 });
    shippers.push(shipper);
    await shipper.enqueue(batch(0, 5));
    await shipper.enqueue(batch(5, 5));
    await shipper.drained();
    expect(shipper.stats()).toMatchObject({ rejectedEvents: 5, shippedEvents: 5 });
    expect([...server.stored.keys()]).toEqual(['e5', 'e6', 'e7', 'e8', 'e9']);
  });

  it('drops the oldest batches when the spool is full, reports the drops, and delivers the rest in order', async () => {
    const server = await stub('bwsn_t');
    const spool = openSpool(spoolDir(), 4 * 1024);
    let reported = '';
    const shipper = createShipper({
      spool,
      server: `http://127.0.0.1:${server.port}`,
      token: 'bwsn_t',
      minRetryMs: 20,
      maxRetryMs: 50,
      fetch: async (url, init) => {
        reported = String((init?.headers as Record<string, string>)['x-bulwark-sensor-stats']);
        return fetch(url, init);
      },
    });
    shippers.push(shipper);
    // server down: 20 batches of 10 events, each about 0.5 KiB gzipped, into a 4 KiB spool
    for (let i = 0; i < 20; i++) await shipper.enqueue(batch(i * 10, 10).map((e) => ({ ...e, message: `${e.message} ${Math.random()}` })));
    const dropped = spool.stats().droppedEvents;
    expect(dropped).toBeGreaterThan(0);
    await server.start();
    await shipper.drained();
    expect(server.stored.size).toBe(200 - dropped);
    expect(shipper.stats().shippedEvents).toBe(200 - dropped);
    // the newest survived, the oldest went; the order of arrival is the order of the batches
    const ids = [...server.stored.keys()].map((id) => Number(id.slice(1)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.at(-1)).toBe(199);
    expect(ids[0]).toBe(dropped);
    expect(JSON.parse(reported)).toMatchObject({ droppedEvents: dropped });
  });
});
