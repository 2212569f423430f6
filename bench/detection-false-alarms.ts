// Baseline false alarms (issue 13, ADR 020): the simulated plant's routine traffic learnt for an hour of
// event time, then more hours of the same plant (other seeds, in order) replayed through the detector;
// every baseline alert on it is a false alarm. Reports false alarms per hour of traffic, by kind.
import { systemActor } from '../src/platform/access.js';
import { createServices } from '../src/services.js';
import { simulatedOperationDrafts } from '../src/modules/detection/baseline/test-traffic.js';
import type { EventDraft, SensedEvent } from '../src/modules/sensing/index.js';
import { createTestDatabase } from '../src/storage/test-backends.js';
import { progress, report, round, type BenchCase } from './support.js';

const BENCH = 'detection-false-alarms';
const LEARN_MIN = Number(process.env.BASELINE_BENCH_LEARN_MIN ?? 60);
const REPLAY_HOURS = Number(process.env.BASELINE_BENCH_HOURS ?? 4);
const BATCH = 500;
const START = Date.UTC(2026, 2, 2, 6, 0, 0);

const sensed = (orgId: string) => (d: EventDraft): SensedEvent => ({ ...d, id: d.id ?? '', orgId, receivedAt: d.time, tlp: 'amber', sharedUpward: false, source: { type: 'sensor', id: 'bench', name: 'bench' }, assets: {}, raw: null, rawTruncated: false, origin: d.origin ?? {} });

export const detectionFalseAlarms: BenchCase = {
  id: BENCH,
  async run() {
    const database = await createTestDatabase('pglite');
    try {
      const services = createServices(database);
      const op = systemActor('bench');
      const org = await services.orgs.create(op, { name: 'Bench plant', level: 'enterprise', parentId: null });
      await services.detection.baselines.setSettings(op, { orgId: org.id, learningHours: LEARN_MIN / 60 });
      const toEvents = sensed(org.id);
      const feed = async (events: readonly SensedEvent[]) => {
        for (let at = 0; at < events.length; at += BATCH) await services.detection.detector.process(events.slice(at, at + BATCH));
      };
      progress(`${BENCH}: learning ${LEARN_MIN} min of simulated plant traffic`);
      const learnt = (await simulatedOperationDrafts({ seed: 1, minutes: LEARN_MIN, startTime: new Date(START) })).map(toEvents);
      let started = performance.now();
      await feed(learnt);
      report({ bench: BENCH, metric: 'learn_events_per_s', value: round(learnt.length / ((performance.now() - started) / 1000)), unit: 'events/s', n: learnt.length });
      let replayed = 0;
      let seconds = 0;
      for (let h = 0; h < REPLAY_HOURS; h++) {
        progress(`${BENCH}: replaying hour ${h + 1} of ${REPLAY_HOURS}`);
        const hour = (await simulatedOperationDrafts({ seed: 2 + h, minutes: 60, startTime: new Date(START + LEARN_MIN * 60_000 + h * 3_600_000) })).map(toEvents);
        started = performance.now();
        await feed(hour);
        seconds += (performance.now() - started) / 1000;
        replayed += hour.length;
      }
      const rows = await database.db.selectFrom('alerts').select(['rule_id', 'count']).where('rule_id', 'like', 'baseline:%').execute();
      const hits = rows.reduce((n, r) => n + Number(r.count), 0);
      const byKind = new Map<string, number>();
      for (const r of rows) byKind.set(r.rule_id, (byKind.get(r.rule_id) ?? 0) + Number(r.count));
      const [baseline] = (await services.detection.baselines.list(op)).items;
      report({ bench: BENCH, metric: 'check_events_per_s', value: round(replayed / seconds), unit: 'events/s', n: replayed });
      report({ bench: BENCH, metric: 'baseline_items', value: Object.values(baseline?.items ?? {}).reduce((a, n) => a + n, 0), unit: 'items', n: learnt.length });
      report({ bench: BENCH, metric: 'false_alarm_hits_per_hour', value: round(hits / REPLAY_HOURS), unit: 'hits/h', n: replayed, hours: REPLAY_HOURS, learnMinutes: LEARN_MIN });
      report({ bench: BENCH, metric: 'false_alarm_alerts_per_hour', value: round(rows.length / REPLAY_HOURS), unit: 'alerts/h', n: replayed, hours: REPLAY_HOURS, learnMinutes: LEARN_MIN });
      for (const [rule, n] of [...byKind].sort()) report({ bench: BENCH, metric: `hits_${rule.replace('baseline:', '')}`, value: n, unit: 'hits', n: replayed });
      await services.sensing.close();
    } finally {
      await database.dispose();
    }
  },
};
