import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor, type Role } from '../../platform/access.js';
import { tlpLevels } from '../../platform/tlp.js';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import { rebuildRollups, rollupSeconds } from './event-rollups.store.js';
import { eventVisible } from './event-visibility.js';
import { countEvents, readableOrgs, selectEventPage, selectHistogram, selectTop, type EventSelection } from './events-query.store.js';
import { createSensing, type Sensing } from './index.js';
import { hotColumns } from './normalize.js';
import { parseEventQuery, resolveField, type EventQuery } from './query-language.js';
import { matchesQuery } from './query-match.js';
import { createOrgs } from './test-support.js';
import { eventKinds, eventSeverities, type EventDraft, type SensedEvent } from './types.js';

// The rollups answer histograms, counts and top-N exactly as the events do: random events over three
// organisations with random markings, written through the writer in batches (one sent twice), and random
// windows (edges off the buckets), queries and readers, checked against the events in memory.
const T0 = Date.UTC(2026, 11, 6);
const SPAN_S = 6 * 3600;
const operations = ['read', 'write', 'stop', 'start'];

const draftArb = fc.record({
  s: fc.integer({ min: 0, max: SPAN_S - 1 }),
  ms: fc.integer({ min: 0, max: 999 }),
  kind: fc.constantFrom(...eventKinds),
  severity: fc.constantFrom(...eventSeverities),
  ip: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  operation: fc.option(fc.constantFrom(...operations), { nil: undefined }),
  protocol: fc.option(fc.constantFrom('modbus', 's7comm'), { nil: undefined }),
});

const batchArb = fc.record({
  org: fc.constantFrom('parent', 'child', 'other'),
  tlp: fc.constantFrom(...tlpLevels),
  sharedUpward: fc.boolean(),
  drafts: fc.array(draftArb, { minLength: 10, maxLength: 60 }),
});

function draftOf(d: fc.Arbitrary<unknown> extends never ? never : ReturnType<typeof draftArb.generate>['value'], i: number): EventDraft {
  const ics: Record<string, string> = {};
  if (d.operation !== undefined) ics['operation'] = d.operation;
  if (d.protocol !== undefined) ics['protocol'] = d.protocol;
  return {
    id: `ev-${i}`,
    time: new Date(T0 + d.s * 1000 + d.ms).toISOString(),
    kind: d.kind,
    severity: d.severity,
    message: `event ${i}`,
    fields: { ...(d.ip === undefined ? {} : { source: { ip: `10.20.${d.ip}.${d.ip * 3}` } }), ...(Object.keys(ics).length === 0 ? {} : { ics }) },
  };
}

const queries = ['', 'kind:operation', '-kind:log', 'severity>=medium', 'kind:(alert,flow) severity<high', 'kind:*', 'org:ORG', '-org:ORG kind:log', 'tlp:amber', 'source.ip:10.20.1.0/24', 'ics.operation:stop', 'source.ip:10.20.3.9 ics.operation:(stop,write) severity>=low', 'protocol:s7* action:read', 'ics.protocol:modbus destination.ip:*'];
const topFields = ['kind', 'severity', 'source.ip', 'ics.operation', 'protocol', 'action'];

describe.each(backends)('event rollups on %s', (backend) => {
  let database: TestDatabase;
  let sensing: Sensing;
  let stored: SensedEvent[];
  let sent = 0;
  let orgs: Awaited<ReturnType<typeof createOrgs>>;
  let paths: Map<string, string>;
  const op = systemActor('test');

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    orgs = await createOrgs(database);
    sensing = createSensing(database, { writerOptions: { batchSize: 100, maxWaitMs: 5, concurrency: 2 } });
    const batches = fc.sample(batchArb, { numRuns: 24, seed: 17 });
    let i = 0;
    const offers = batches.map((b) => ({ ...b, drafts: b.drafts.map((d) => draftOf(d, i++)) }));
    sent = i;
    // the first batch goes again at the end, same ids and content: nothing new to count
    for (const b of [...offers, offers[0] as (typeof offers)[number]]) {
      const offered = await sensing.ingest.offer({ orgId: orgs[b.org], tlp: b.tlp, sharedUpward: b.sharedUpward, source: { type: 'import', id: 'test', name: 'test' } }, b.drafts);
      expect(offered.accepted).toBe(true);
    }
    await sensing.ingest.flush();
    stored = (await selectEventPage(database.db, { actor: op, from: new Date(T0), to: new Date(T0 + 86_400_000), query: { clauses: [] } }, 100_000)).events;
    const rows = await database.db.selectFrom('organisations').select(['id', 'path']).execute();
    paths = new Map(rows.map((r) => [r.id, r.path]));
  });
  afterAll(async () => {
    await sensing.close();
    await database.dispose();
  });

  const actors = (): Actor[] => {
    const user = (org: string, role: Role): Actor => ({ kind: 'user', userId: 'u', username: 'u', orgId: org, orgPath: paths.get(org) ?? '', role });
    return [op, user(orgs.parent, 'analyst'), user(orgs.parent, 'viewer'), user(orgs.child, 'responder'), user(orgs.other, 'admin')];
  };

  const parse = (text: string): EventQuery => {
    const parsed = parseEventQuery(text.replaceAll('ORG', orgs.child));
    if (!parsed.ok) throw new Error(`${text}: ${JSON.stringify(parsed.issues)}`);
    return parsed.query;
  };

  /** The events the selection reads, in memory: the same rule, window and query. */
  const expected = (s: EventSelection) =>
    stored.filter((e) => {
      const t = Date.parse(e.time);
      return t >= s.from.getTime() && t < s.to.getTime() && eventVisible(s.actor, e, paths.get(e.orgId)) && matchesQuery(s.query, e);
    });

  const valueOf = (field: string, e: SensedEvent): string | null => {
    const hot = hotColumns(e);
    if (field === 'kind') return e.kind;
    if (field === 'severity') return e.severity;
    if (field === 'source.ip') return hot.sourceIp;
    if (field === 'protocol') return hot.protocol;
    if (field === 'action') return hot.action;
    return e.fields.ics?.operation ?? null;
  };

  const selectionArb = fc.record({
    actor: fc.nat({ max: 4 }),
    query: fc.constantFrom(...queries),
    // edges off the five-minute buckets as often as on them
    from: fc.oneof(fc.integer({ min: -600, max: SPAN_S }), fc.integer({ min: 0, max: SPAN_S / rollupSeconds }).map((b) => b * rollupSeconds)),
    length: fc.oneof(fc.integer({ min: 1, max: SPAN_S }), fc.integer({ min: 1, max: 72 }).map((b) => b * rollupSeconds)),
  });

  const selection = async (v: { actor: number; query: string; from: number; length: number }): Promise<EventSelection> => {
    const actor = actors()[v.actor] as Actor;
    const from = new Date(T0 + v.from * 1000);
    return { actor, from, to: new Date(from.getTime() + v.length * 1000), query: parse(v.query), orgs: await readableOrgs(database.db, actor) };
  };

  it('stores every event once, the resent batch included', () => {
    expect(stored).toHaveLength(sent);
    expect(sent).toBeGreaterThan(300);
    expect(new Set(stored.map((e) => `${e.orgId}/${e.id}`)).size).toBe(stored.length);
  });

  it('holds per bucket exactly the events stored, as a rebuild from the events does', async () => {
    const counts = await sql<{ n: string }>`select coalesce(sum(n), 0) as n from event_counts`.execute(database.db);
    expect(Number(counts.rows[0]?.n)).toBe(stored.length);
    const snapshot = async () => ({
      counts: (await sql`select org_id, bucket, org_path, upward, kind, severity, n::int from event_counts order by 1, 2, 3, 4, 5, 6`.execute(database.db)).rows,
      fields: (await sql`select org_id, field, bucket, org_path, upward, value, n::int from event_field_counts order by 1, 2, 3, 4, 5, 6`.execute(database.db)).rows,
    });
    const written = await snapshot();
    expect(written.fields.length).toBeGreaterThan(0);
    await rebuildRollups(database.db, new Date(T0), new Date(T0 + 86_400_000));
    expect(await snapshot()).toEqual(written);
  });

  it('counts and histograms agree with the events, for every reader, query and window', async () => {
    await fc.assert(
      fc.asyncProperty(selectionArb, fc.constantFrom(60, 300, 600, 1800, 3600), async (v, seconds) => {
        const s = await selection(v);
        const want = expected(s);
        expect(await countEvents(database.db, s)).toBe(want.length);
        const buckets = new Map<number, number>();
        for (const e of want) {
          const b = Math.floor(Date.parse(e.time) / (seconds * 1000)) * seconds * 1000;
          buckets.set(b, (buckets.get(b) ?? 0) + 1);
        }
        const got = await selectHistogram(database.db, s, seconds);
        expect(new Map(got.map((b) => [b.start, b.count]))).toEqual(buckets);
        // pages skip the organisations the rollups rule out, and find the same events
        const page = await selectEventPage(database.db, s, 20);
        expect(page.events.map((e) => Date.parse(e.time))).toEqual(want.map((e) => Date.parse(e.time)).sort((a, b) => b - a).slice(0, 20));
        const ids = new Set(want.map((e) => e.id));
        expect(page.events.filter((e) => !ids.has(e.id))).toEqual([]);
      }),
      { numRuns: backend === 'pglite' ? 60 : 120, seed: 3 },
    );
  });

  it('top values agree with the events, for every reader, query and window', async () => {
    await fc.assert(
      fc.asyncProperty(selectionArb, fc.constantFrom(...topFields), async (v, field) => {
        const s = await selection(v);
        const target = resolveField(field);
        if (typeof target === 'string') throw new Error(target);
        const counts = new Map<string, number>();
        let events = 0;
        for (const e of expected(s)) {
          const value = valueOf(field, e);
          if (value === null) continue;
          events++;
          counts.set(value, (counts.get(value) ?? 0) + 1);
        }
        const all = await selectTop(database.db, s, target, 1000);
        expect(new Map(all.values.map((x) => [x.value, x.count]))).toEqual(counts);
        expect(all.events).toBe(events);
        const top2 = await selectTop(database.db, s, target, 2);
        expect(top2.values.map((x) => x.count)).toEqual([...counts.values()].sort((a, b) => b - a).slice(0, 2));
      }),
      { numRuns: backend === 'pglite' ? 60 : 120, seed: 5 },
    );
  });
});

describe.each(backends)('event rollups and retention on %s', (backend) => {
  it('lose the rows of dropped days and of an organisation’s shorter retention', async () => {
    const database = await createTestDatabase(backend);
    const orgs = await createOrgs(database);
    const sensing = createSensing(database, { retentionDays: 10, writerOptions: { maxWaitMs: 5 } });
    try {
      const now = Date.parse('2026-12-07T12:00:00Z');
      const at = (days: number) => new Date(now - days * 86_400_000 + 1000).toISOString();
      for (const org of [orgs.child, orgs.other]) {
        for (const age of [1, 5, 20]) {
          await sensing.ingest.offer({ orgId: org, tlp: 'green', sharedUpward: true, source: { type: 'import', id: 't', name: 't' } }, [
            { time: at(age), kind: 'log', severity: 'low', message: `age ${age}`, fields: { source: { ip: '10.20.1.1' } } },
          ]);
        }
      }
      await sensing.ingest.flush();
      const rollupTotal = async (table: 'event_counts' | 'event_field_counts', org: string) =>
        Number((await sql<{ n: string }>`select coalesce(sum(n), 0) as n from ${sql.table(table)} where org_id = ${org}`.execute(database.db)).rows[0]?.n);
      expect(await rollupTotal('event_counts', orgs.other)).toBe(3);
      await database.db.insertInto('event_retention').values({ org_id: orgs.other, days: 3 }).execute();
      const result = await sensing.applyRetention(now);
      expect(result.droppedDays).toHaveLength(1);
      expect(await rollupTotal('event_counts', orgs.child)).toBe(2);
      expect(await rollupTotal('event_field_counts', orgs.child)).toBe(2);
      expect(await rollupTotal('event_counts', orgs.other)).toBe(1);
      expect(await rollupTotal('event_field_counts', orgs.other)).toBe(1);
    } finally {
      await sensing.close();
      await database.dispose();
    }
  });
});
