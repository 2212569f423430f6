import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access.js';
import { createOrgService } from '../../platform/orgs/org.service.js';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import { selectEventPage, type EventSelection } from './events-query.store.js';
import { createSensing, type Sensing } from './index.js';
import { formatEventQuery, parseEventQuery, type EventQuery } from './query-language.js';
import { matchesQuery } from './query-match.js';
import { operationClasses } from '../capture/dissectors/types.js';
import { eventKinds, eventSeverities, type EventDraft, type SensedEvent } from './types.js';

// The query language's two evaluators agree: SQL on the events table (both backends) and the in-memory
// matcher the live tail uses, on random events and random queries over the same small vocabulary.
const words = ['plc', 'stop', 'start', 'write', 'modbus', 'login', 'failed', 'hmi'];
const hosts = ['HMI 1', 'HMI 2', 'EWS'];
const nets = ['10.20.1', '10.20.2', '192.168.0'];

const draftArb = fc.record({
  time: fc.integer({ min: 0, max: 6 * 3600 - 1 }).map((s) => new Date(Date.UTC(2026, 11, 6, 0, 0, s)).toISOString()),
  kind: fc.constantFrom(...eventKinds),
  severity: fc.constantFrom(...eventSeverities),
  message: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  sourceIp: fc.option(fc.tuple(fc.constantFrom(...nets), fc.integer({ min: 1, max: 3 })).map(([n, h]) => `${n}.${h}`), { nil: undefined }),
  port: fc.option(fc.constantFrom(102, 502, 20000, 44818), { nil: undefined }),
  operation: fc.option(fc.constantFrom(...operationClasses.slice(0, 4)), { nil: undefined }),
  action: fc.option(fc.constantFrom('login', 'logout'), { nil: undefined }),
  host: fc.option(fc.constantFrom(...hosts), { nil: undefined }),
  unit: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  category: fc.option(fc.subarray(['network', 'process', 'authentication'], { minLength: 1 }), { nil: undefined }),
});

function draftOf(d: fc.Arbitrary<unknown> extends never ? never : ReturnType<typeof draftArb.generate>['value'], i: number): EventDraft {
  return {
    id: `ev-${i}`,
    time: d.time,
    kind: d.kind,
    severity: d.severity,
    message: d.message,
    fields: {
      ...(d.sourceIp === undefined ? {} : { source: { ip: d.sourceIp } }),
      ...(d.port === undefined ? {} : { destination: { port: d.port } }),
      ...(d.operation === undefined && d.unit === undefined ? {} : { ics: { ...(d.operation === undefined ? {} : { operation: d.operation }), ...(d.unit === undefined ? {} : { unit: d.unit }) } }),
      ...(d.action === undefined && d.category === undefined ? {} : { event: { ...(d.action === undefined ? {} : { action: d.action }), ...(d.category === undefined ? {} : { category: d.category }) } }),
      ...(d.host === undefined ? {} : { host: { name: d.host } }),
    },
  };
}

const neg = (s: string) => fc.tuple(fc.boolean(), fc.constant(s)).map(([n, c]) => (n ? `-${c}` : c));
const clauseArb = fc.oneof(
  fc.constantFrom(...words).chain(neg),
  fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words)).chain(([a, b]) => neg(`"${a} ${b}"`)),
  fc.constantFrom(...words).map((w) => `${w.slice(0, 2)}*`),
  fc.constantFrom('10.20.0.0/16', '10.20.1.0/24', '10.20.2.2', '192.168.0.0/24', '0.0.0.0/0', '*').chain((v) => neg(`source.ip:${v}`)),
  fc.constantFrom(':102', ':502', '>=1000', '<600', ':*').chain((v) => neg(`destination.port${v}`)),
  fc.subarray([...operationClasses.slice(0, 4)], { minLength: 1 }).chain((ops) => neg(`ics.operation:(${ops.join(',')})`)),
  fc.constantFrom(...eventKinds).chain((k) => neg(`kind:${k}`)),
  fc.tuple(fc.constantFrom(':', '>=', '<', '>'), fc.constantFrom(...eventSeverities)).chain(([op, s]) => neg(`severity${op}${s}`)),
  fc.constantFrom(...hosts, 'HMI*').chain((h) => neg(h.endsWith('*') ? `host.name:${h}` : `host.name:"${h}"`)),
  fc.constantFrom('ics.unit:3', 'ics.unit>=2', 'ics.unit<1', 'event.category:network', 'event.category:(process,authentication)', 'event.action:login', 'action:login', 'action:*').chain(neg),
);

describe.each(backends)('events query on %s', (backend) => {
  let database: TestDatabase;
  let sensing: Sensing;
  let stored: SensedEvent[];
  const op = systemActor('test');
  const window = { from: new Date(Date.UTC(2026, 11, 6)), to: new Date(Date.UTC(2026, 11, 7)) };

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    const orgId = (await createOrgService(database).create(op, { name: 'Plant', level: 'enterprise', parentId: null })).id;
    sensing = createSensing(database);
    const drafts = fc.sample(draftArb, { numRuns: 300, seed: 12 }).map(draftOf);
    const offered = await sensing.ingest.offer({ orgId, tlp: 'amber', sharedUpward: false, source: { type: 'import', id: 'test', name: 'test' } }, drafts);
    expect(offered).toMatchObject({ accepted: true, events: 300 });
    await sensing.ingest.flush();
    const all = await selectEventPage(database.db, { actor: op, ...window, query: { clauses: [] } }, 1000);
    stored = all.events;
  });
  afterAll(async () => {
    await sensing.close();
    await database.dispose();
  });

  it('stores the generated events', () => {
    expect(stored).toHaveLength(300);
  });

  const sqlIds = async (query: EventQuery) => {
    const selection: EventSelection = { actor: op, ...window, query };
    return (await selectEventPage(database.db, selection, 1000)).events.map((e) => e.id).sort();
  };

  it('selects in SQL exactly the events the in-memory matcher accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(clauseArb, { minLength: 1, maxLength: 3 }), async (clauses) => {
        const text = clauses.join(' ');
        const parsed = parseEventQuery(text);
        if (!parsed.ok) throw new Error(`${text}: ${JSON.stringify(parsed.issues)}`);
        const expected = stored.filter((e) => matchesQuery(parsed.query, e)).map((e) => e.id).sort();
        expect(await sqlIds(parsed.query), `${text} (as ${formatEventQuery(parsed.query)})`).toEqual(expected);
      }),
      { numRuns: backend === 'pglite' ? 150 : 300, seed: 7 },
    );
  });
});
