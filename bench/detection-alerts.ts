// Detection to alerts on each backend: committed batches (as the event writer publishes them) through
// the detector with 20 rules, half the events matching, over 500 entities; events/s through matching,
// suppression, folding and the set-based alert upsert, and how many alert rows that leaves (ADR 019).
import { systemActor } from '../src/platform/access.js';
import { createServices } from '../src/services.js';
import type { SensedEvent } from '../src/modules/sensing/index.js';
import { backends, createTestDatabase } from '../src/storage/test-backends.js';
import { progress, report, round, type BenchCase } from './support.js';

const BENCH = 'detection-alerts';
const EVENTS = Number(process.env.DETECTION_BENCH_EVENTS ?? 100_000);
const BATCH = 5_000;
const ENTITIES = 500;

const rule = (i: number) => `title: Bench rule ${i}\nid: bench-${i}\nlevel: high\ntags: [attack.t08${String(i).padStart(2, '0')}]\nlogsource:\n  product: ics\n  category: modbus\ndetection:\n  selection:\n    ics.function: Function ${i}\n  condition: selection\n`;

function event(n: number, orgId: string): SensedEvent {
  const fn = n % 2 === 0 ? `Function ${n % 20}` : 'Read Holding Registers';
  return {
    id: `bench-${n}`,
    time: new Date(Date.UTC(2026, 11, 7, 8) + n * 10).toISOString(),
    receivedAt: '2026-12-07T09:00:00.000Z',
    orgId,
    tlp: 'amber',
    sharedUpward: false,
    source: { type: 'sensor', id: 's', name: 'sensor' },
    kind: 'operation',
    severity: 'info',
    message: fn,
    fields: { source: { ip: '10.0.0.5' }, destination: { ip: `10.1.${Math.floor((n % ENTITIES) / 250)}.${n % 250}` }, ics: { protocol: 'modbus', function: fn } },
    assets: {},
    raw: null,
    rawTruncated: false,
    origin: {},
  };
}

export const detectionAlerts: BenchCase = {
  id: BENCH,
  async run() {
    for (const backend of backends) {
      const database = await createTestDatabase(backend);
      try {
        const services = createServices(database);
        const op = systemActor('bench');
        const org = await services.orgs.create(op, { name: 'Bench plant', level: 'enterprise', parentId: null });
        await services.detection.rules.import(op, { text: Array.from({ length: 20 }, (_, i) => rule(i)).join('---\n'), orgId: org.id });
        progress(`${BENCH} ${backend}: ${EVENTS} events`);
        const started = performance.now();
        for (let at = 0; at < EVENTS; at += BATCH) {
          await services.detection.detector.process(Array.from({ length: Math.min(BATCH, EVENTS - at) }, (_, i) => event(at + i, org.id)));
        }
        const seconds = (performance.now() - started) / 1000;
        const rows = await database.db.selectFrom('alerts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
        const stats = services.detection.detector.stats();
        report({ bench: BENCH, metric: `events_per_s_${backend}`, value: round(EVENTS / seconds), unit: 'events/s', n: EVENTS });
        report({ bench: BENCH, metric: `hits_${backend}`, value: stats.hits, unit: 'hits', n: EVENTS });
        report({ bench: BENCH, metric: `alert_rows_${backend}`, value: Number(rows.n), unit: 'rows', n: EVENTS });
        await services.sensing.close();
      } finally {
        await database.dispose();
      }
    }
  },
};
