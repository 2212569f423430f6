// The queue `serve` uses with BULWARK_NATS_URL: it connects on first use and refuses (with a hint) until
// the broker answers; the in-process queue stays the default without it.
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/config.js';
import type { SensedEvent } from '../types.js';
import { lazyNatsQueue } from './lazy-queue.js';
import { createNatsQueue } from './nats-queue.js';
import { natsUrl, takeBrokerLock, uniqueStream } from './test-support.js';

// One NATS suite at a time: workers.test.ts restarts the broker (test-support.ts).
let releaseBroker: (() => void) | undefined;
beforeAll(async () => {
  releaseBroker = await takeBrokerLock();
}, 600_000);
afterAll(() => releaseBroker?.());

const names = uniqueStream();

const event = (i: number): SensedEvent => ({
  id: `e${i}`,
  time: '2026-12-07T10:00:00.000000Z',
  receivedAt: '2026-12-07T10:00:01.000000Z',
  orgId: 'org-1',
  tlp: 'amber',
  sharedUpward: false,
  source: { type: 'http', id: 's', name: 's' },
  kind: 'log',
  severity: 'info',
  message: `m${i}`,
  fields: {},
  assets: {},
  raw: null,
  rawTruncated: false,
  origin: {},
});

describe('lazy NATS queue', () => {
  afterAll(async () => {
    const q = await createNatsQueue({ url: natsUrl, ...names });
    await q.deleteStream();
    await q.close();
  });

  it('reads its settings from the configuration', () => {
    expect(loadConfig({}).nats).toBeUndefined();
    expect(loadConfig({ BULWARK_NATS_URL: 'nats://10.0.0.1:4222' }).nats).toEqual({ url: 'nats://10.0.0.1:4222', stream: 'BULWARK_EVENTS', subjectPrefix: 'bulwark.events', ackWaitMs: 30_000 });
    expect(() => loadConfig({ BULWARK_NATS_URL: 'http://x' })).toThrow(/invalid configuration/);
    expect(() => loadConfig({ BULWARK_NATS_URL: 'nats://x:1', BULWARK_NATS_SUBJECT: 'a.*' })).toThrow(/invalid configuration/);
  });

  it('refuses with a retry hint until connected, then publishes to the stream by organisation and kind', async () => {
    const q = lazyNatsQueue({ url: natsUrl, ...names });
    expect(await q.publish([event(1)])).toEqual({ ok: false, retryAfterMs: 500 });
    let result = await q.publish([event(1)]);
    for (let i = 0; i < 50 && !result.ok; i++) {
      await new Promise((r) => setTimeout(r, 100));
      result = await q.publish([event(1), event(2)]);
    }
    expect(result).toEqual({ ok: true });
    const batch = await q.consume(10, 1000);
    expect(batch?.events.map((e) => e.id).sort()).toEqual(['e1', 'e2']);
    await batch?.ack();
    await q.drained();
    await q.close();
    const direct = await createNatsQueue({ url: natsUrl, ...names });
    const first = await (await jetstreamManager(direct.connection)).streams.getMessage(names.stream, { seq: 1 });
    expect(first?.subject).toBe(`${names.subjectPrefix}.org-1.log`);
    expect(first?.header.get('Nats-Msg-Id')).toMatch(/^org-1:[0-9a-f]{32}$/);
    expect(first?.json<SensedEvent[]>().map((e) => e.id)).toEqual(['e1', 'e2']);
    await direct.close();
  }, 20_000);
});
