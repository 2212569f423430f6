import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.js';
import { createSensing } from '../src/modules/sensing/index.js';
import type { EventDraft, SensedEvent } from '../src/modules/sensing/types.js';
import { backends } from '../src/storage/test-backends.js';
import { createWorld, errorOf, type Person, type World } from './support/fixture.js';

// The events API end to end on both backends: NDJSON ingest (broken lines, gzip, 429), query, count,
// histogram, top-N, keyset paging, one event, visibility across N > P > E1, E2, and the live tail.
const NDJSON = { 'content-type': 'application/x-ndjson' };
const hour = 3_600_000;
const base = Date.UTC(2026, 10, 20, 6, 0, 0); // fixed days: partitions and buckets are known
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
const range = `from=${encodeURIComponent(at(-60))}&to=${encodeURIComponent(at(24 * 60))}`;

const draft = (i: number, over: Partial<EventDraft> = {}): EventDraft => ({
  time: at((i * 7) % 1380),
  kind: i % 3 === 0 ? 'alert' : 'operation',
  severity: (['info', 'low', 'medium', 'high', 'critical'] as const)[i % 5] ?? 'info',
  message: i % 2 === 0 ? `Modbus write registers ${i}` : `S7comm PLC stop ${i}`,
  fields: {
    source: { ip: `10.20.${i % 2}.${10 + (i % 4)}`, port: 40000 + i },
    destination: { ip: '10.20.9.1', port: i % 2 === 0 ? 502 : 102 },
    ics: { protocol: i % 2 === 0 ? 'modbus' : 's7comm', operation: i % 2 === 0 ? 'write' : 'stop' },
    host: { name: i % 4 === 0 ? 'HMI 1' : 'EWS' },
  },
  ...over,
});
const ndjson = (drafts: readonly unknown[]) => drafts.map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join('\n');

describe.each(backends)('events API on %s', (backend) => {
  let w: World;
  const page = <T = { items: SensedEvent[]; nextCursor: string | null }>(who: Person, url: string) =>
    w.request(who, 'GET', url).then((r) => {
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      return r.json() as T;
    });
  const post = async (who: Person, body: string | Buffer, query = '', headers: Record<string, string> = NDJSON) => w.request(who, 'POST', `/api/v1/events${query}`, body, headers);
  const posted = async (who: Person, drafts: readonly unknown[], query = '') => {
    const r = await post(who, ndjson(drafts), query);
    expect(r.statusCode, r.body).toBe(202);
    await w.services.sensing.ingest.flush();
    return r.json() as { lines: number; accepted: number; rejected: number; issues: { line: number; path: string; message: string }[] };
  };

  beforeAll(async () => {
    w = await createWorld(backend);
    // E1: 30 operations, shared upward at GREEN; E1 also keeps 2 unshared; E2: 5 of its own.
    await posted(w.people.analystE1, Array.from({ length: 30 }, (_, i) => draft(i)), '?tlp=green&sharedUpward=true');
    await posted(w.people.analystE1, [draft(100, { message: 'private note one', time: at(5) }), draft(101, { message: 'private note two', time: at(6) })], '?tlp=green');
    await posted(w.people.adminE2, Array.from({ length: 5 }, (_, i) => draft(200 + i, { message: `sibling event ${i}` })), '?tlp=amber&sharedUpward=true');
  });
  afterAll(async () => {
    await w?.close();
  });

  it('ingests NDJSON, keeps valid lines and reports broken ones by line number and path', async () => {
    const report = await posted(w.people.analystE1, [
      draft(300, { message: 'good line one' }),
      '{not json',
      '',
      { ...draft(301), severity: 'urgent' },
      { ...draft(302), fields: { source: { ip: '10.0.0.1', port: 70000 } } },
      draft(303, { message: 'good line two' }),
    ]);
    expect(report).toMatchObject({ lines: 5, accepted: 2, rejected: 3 });
    expect(report.issues.map((i) => [i.line, i.path])).toEqual([
      [2, ''],
      [4, 'severity'],
      [5, 'fields.source.port'],
    ]);
    const found = await page(w.people.analystE1, `/api/v1/events?${range}&query=${encodeURIComponent('"good line"')}`);
    expect(found.items.map((e) => e.message).sort()).toEqual(['good line one', 'good line two']);
  });

  it('is idempotent by event id: the same lines sent again store nothing new', async () => {
    const lines = [draft(400, { id: 'own-id-400', message: 'idempotent one' }), draft(401, { message: 'idempotent two' })];
    await posted(w.people.analystE1, lines);
    await posted(w.people.analystE1, lines);
    const count = await page<{ count: number }>(w.people.analystE1, `/api/v1/events/count?${range}&query=idempotent`);
    expect(count.count).toBe(2);
    expect((await page<SensedEvent>(w.people.analystE1, '/api/v1/events/own-id-400')).message).toBe('idempotent one');
  });

  it('takes a gzip body and refuses a corrupt one with 400', async () => {
    const body = gzipSync(Buffer.from(ndjson([draft(500, { message: 'compressed event' })])));
    const r = await post(w.people.analystE1, body, '', { ...NDJSON, 'content-encoding': 'gzip' });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toMatchObject({ accepted: 1 });
    await w.services.sensing.ingest.flush();
    expect((await page<{ count: number }>(w.people.analystE1, `/api/v1/events/count?${range}&query=compressed`)).count).toBe(1);
    const bad = await post(w.people.analystE1, Buffer.from('not gzip at all'), '', { ...NDJSON, 'content-encoding': 'gzip' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]?.message).toContain('not valid gzip');
    expect((await post(w.people.analystE1, 'x', '', { ...NDJSON, 'content-encoding': 'br' })).statusCode).toBe(415);
    expect((await post(w.people.analystE1, 'x', '', { 'content-type': 'text/csv' })).statusCode).toBe(415);
  });

  it('lets writers of the organisation write, and nobody else', async () => {
    expect((await post(w.people.viewerE1, ndjson([draft(600)]))).statusCode).toBe(403);
    expect((await post(w.people.responderP, ndjson([draft(600)]))).statusCode).toBe(403);
    expect((await post(w.people.analystE1, ndjson([draft(600)]), `?orgId=${w.orgs.E2}`)).statusCode).toBe(403);
    expect((await w.request(null, 'POST', '/api/v1/events', ndjson([draft(600)]), NDJSON)).statusCode).toBe(401);
  });

  it('shows each caller what ADR 002 allows: own organisation, and shared upward at a travelling TLP above', async () => {
    const seen = async (who: Person) => (await page<{ count: number }>(who, `/api/v1/events/count?${range}&query=${encodeURIComponent('-good -idempotent -compressed')}`)).count;
    expect(await seen(w.people.viewerE1)).toBe(32);
    expect(await seen(w.people.analystE2)).toBe(5);
    expect(await seen(w.people.analystP)).toBe(35); // E1's shared 30 and E2's shared 5, not E1's 2 unshared
    expect(await seen(w.people.responderP)).toBe(35);
    expect(await seen(w.people.viewerP)).toBe(0);
    expect(await seen(w.people.adminN)).toBe(35);
    const sibling = (await page(w.people.analystE2, `/api/v1/events?${range}&limit=1`)).items[0];
    expect(sibling).toBeDefined();
    expect((await w.request(w.people.analystE1, 'GET', `/api/v1/events/${sibling?.id}`)).statusCode).toBe(404);
    expect((await w.request(w.people.analystP, 'GET', `/api/v1/events/${sibling?.id}`)).statusCode).toBe(200);
  });

  it('filters with the query language and answers a bad query with 400 and the position', async () => {
    const q = (text: string) => page<{ count: number }>(w.people.analystE1, `/api/v1/events/count?${range}&query=${encodeURIComponent(text)}`).then((r) => r.count);
    const e1 = Array.from({ length: 30 }, (_, i) => i);
    expect(await q('source.ip:10.20.1.0/24 -good -idempotent -compressed')).toBe(e1.filter((i) => i % 2 === 1).length + 1); // and private note 101
    expect(await q('destination.port:502 ics.operation:write -good -idempotent -compressed')).toBe(e1.filter((i) => i % 2 === 0).length + 1); // and private note 100
    expect(await q('kind:alert severity>=high -good')).toBe(e1.filter((i) => i % 3 === 0 && i % 5 >= 3).length);
    expect(await q('host.name:"HMI 1" plc')).toBe(0);
    expect(await q('ics.operation:(stop,write) modbus')).toBe(e1.filter((i) => i % 2 === 0).length);
    const bad = await w.request(w.people.analystE1, 'GET', `/api/v1/events?query=${encodeURIComponent('kind:alert source.ip:999.1.1.1')}`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([{ path: 'query', message: expect.stringMatching(/^at 21: source\.ip: "999\.1\.1\.1" is not an IP address/) }]);
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/events?from=yesterday')).statusCode).toBe(400);
    expect((await w.request(w.people.analystE1, 'GET', `/api/v1/events?from=${at(10)}&to=${at(5)}`)).statusCode).toBe(400);
  });

  it('pages by keyset, newest first, without gaps or repeats, stable while new events arrive', async () => {
    const filter = encodeURIComponent('-good -idempotent -compressed -private');
    // E1's analyst reads one organisation; P's reads three (their pages are merged per organisation).
    for (const [round, who] of [w.people.analystE1, w.people.analystP].entries()) {
      const all = (await page(who, `/api/v1/events?${range}&limit=1000&query=${filter}`)).items;
      expect(all.length).toBeGreaterThanOrEqual(30);
      const sorted = [...all].sort((a, b) => (a.time === b.time ? (a.id < b.id ? 1 : -1) : a.time < b.time ? 1 : -1));
      expect(all.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
      const collected: string[] = [];
      let cursor: string | null = null;
      let older = '';
      do {
        const p: { items: SensedEvent[]; nextCursor: string | null } = await page(who, `/api/v1/events?${range}&limit=7&fields=message&query=${filter}${cursor === null ? '' : `&cursor=${cursor}`}`);
        collected.push(...p.items.map((e) => e.id));
        expect(Object.keys(p.items[0] ?? { id: 1, time: 1, message: 1 }).sort()).toEqual(['id', 'message', 'time']);
        if (older === '') {
          // One newer than the cursor (it must not appear on later pages) and one older than every event (it must, last).
          older = `paging-older-${who.username}`;
          await posted(w.people.analystE1, [draft(700, { time: at(23 * 60), message: `arrived newer ${who.username}` }), draft(701, { id: older, time: at(-30 - round * 10), message: `arrived older ${who.username}` })], '?tlp=green&sharedUpward=true');
        }
        cursor = p.nextCursor;
      } while (cursor !== null);
      expect(collected).toEqual([...all.map((e) => e.id), older]);
    }
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/events?cursor=garbage')).statusCode).toBe(400);
  });

  it('counts per interval (every bucket of the range) and the top values of a field', async () => {
    const from = encodeURIComponent(at(0));
    const to = encodeURIComponent(at(4 * 60));
    const h = await page<{ interval: string; buckets: { start: string; count: number }[] }>(w.people.analystE2, `/api/v1/events/histogram?from=${from}&to=${to}&interval=1h`);
    expect(h.interval).toBe('1h');
    expect(h.buckets.map((b) => b.start)).toEqual([0, 1, 2, 3].map((k) => new Date(base + k * hour).toISOString()));
    // E2's 5 events at 200..204 × 7 minutes (mod 23 h) after base.
    const expected = [0, 1, 2, 3].map((k) => [200, 201, 202, 203, 204].filter((i) => Math.floor(((i * 7) % 1380) / 60) === k).length);
    expect(h.buckets.map((b) => b.count)).toEqual(expected);
    const e1 = await page<{ buckets: { count: number }[]; intervalSeconds: number }>(w.people.viewerE1, `/api/v1/events/histogram?from=${from}&to=${to}&query=${encodeURIComponent('-good -idempotent -compressed')}`);
    expect(e1.intervalSeconds).toBe(300);
    expect(e1.buckets).toHaveLength(48);
    const inside = Array.from({ length: 30 }, (_, i) => i * 7).filter((m) => m < 240).length + 2; // and the two private notes
    expect(e1.buckets.reduce((n, b) => n + b.count, 0)).toBe(inside);

    const top = await page<{ values: { value: string; count: number }[]; events: number }>(w.people.viewerE1, `/api/v1/events/top?${range}&field=source.ip&limit=3&query=${encodeURIComponent('-good -idempotent -compressed -private -arrived')}`);
    const ips = Array.from({ length: 30 }, (_, i) => `10.20.${i % 2}.${10 + (i % 4)}`);
    const counts = [...new Set(ips)].map((ip) => ({ value: ip, count: ips.filter((x) => x === ip).length })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    expect(top.values).toEqual(counts.slice(0, 3));
    expect(top.events).toBe(30);
    const ops = await page<{ values: { value: string; count: number }[] }>(w.people.viewerE1, `/api/v1/events/top?${range}&field=ics.operation&query=${encodeURIComponent('-good -idempotent -compressed -private -arrived')}`);
    expect(ops.values).toEqual([
      { value: 'stop', count: 15 },
      { value: 'write', count: 15 },
    ]);
    const severity = await page<{ values: { value: string }[] }>(w.people.viewerE1, `/api/v1/events/top?${range}&field=severity`);
    expect(severity.values.map((v) => v.value)).toContain('critical');
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/events/top?${range}&field=message`)).statusCode).toBe(400);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/events/histogram?${range}&interval=1s`)).statusCode).toBe(400);
  });

  it('answers 429 with Retry-After when the ingest is saturated', async () => {
    const sensing = createSensing(w.database, { queueCapacity: 3, writer: false });
    const app = await buildApp({ services: { ...w.services, sensing }, config: { bodyLimit: 65_536, uploadLimit: 262_144, secureCookies: false, webDir: undefined }, logger: false });
    try {
      const r = await app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${w.people.analystE1.token}`, ...NDJSON }, payload: ndjson([0, 1, 2, 3, 4].map((i) => draft(800 + i))) });
      expect(r.statusCode).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(errorOf(r).code).toBe('rate_limited');
    } finally {
      await app.close();
      await sensing.close();
    }
  });

  it('streams newly stored events that match and that the caller may see, with heartbeats, over server-sent events', async () => {
    const address = await w.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/api/v1/events/tail?query=${encodeURIComponent('tailed')}`, {
      headers: { authorization: `Bearer ${w.people.analystE1.token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp) => {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(text) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return pattern.test(text);
    };
    expect(await until(/: connected/)).toBe(true);
    // Sibling's event first, then ours, then ours that does not match: only the second may arrive.
    await posted(w.people.adminE2, [draft(900, { message: 'tailed sibling event', time: new Date().toISOString() })]);
    await posted(w.people.analystE1, [draft(901, { message: 'tailed own event', time: new Date().toISOString() })]);
    await posted(w.people.analystE1, [draft(902, { message: 'not matching', time: new Date().toISOString() })]);
    expect(await until(/tailed own event/)).toBe(true);
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('event: event'))
      .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as SensedEvent);
    expect(events.map((e) => e.message)).toEqual(['tailed own event']);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/events/tail')).statusCode).toBe(406);
    expect((await w.request(w.people.analystE1, 'GET', '/api/v1/events/tail?query=kind:bogus', undefined, { accept: 'text/event-stream' })).statusCode).toBe(400);
  });
});
