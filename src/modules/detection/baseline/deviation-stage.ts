// The baselines' detection stage: over each batch in event-time order, events of a learning baseline are
// learnt (one upsert per batch); the first event past the learning period activates it; events of an
// active baseline are checked, and what departs is stored as a deviation and returned as a hit the
// detector suppresses, deduplicates and stores like a rule hit (`baseline:<kind>`).
import type { Logger } from '../../../platform/logger.js';
import type { Db } from '../../../storage/index.js';
import type { SensedEvent } from '../../sensing/index.js';
import type { DetectionStage, StageHit } from '../detector.js';
import { activateBaseline, ensureBaselines, updateLearning, upsertDeviations, upsertItems, type DeviationDraft } from './baseline.store.js';
import { addsOf, deviationLabels, deviationsOf } from './deviations.js';
import { learn } from './learner.js';
import { ItemAggregate } from './model.js';
import { factsOf, type EventFacts } from './observe.js';
import type { BaselineEntry, BaselineRuntime } from './runtime.js';

const byTime = (a: SensedEvent, b: SensedEvent) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0);
const titleMax = 300;

export function createDeviationStage(db: Db, runtime: BaselineRuntime, logger?: Logger): DetectionStage {
  return {
    name: 'baselines',
    invalidate: () => runtime.invalidate(),
    async evaluate(events) {
      const sorted = [...events].sort(byTime);
      const facts = new Map<SensedEvent, EventFacts>();
      for (const e of sorted) {
        const x = factsOf(e);
        if (x !== undefined) facts.set(e, x);
      }
      if (facts.size === 0) return [];
      const relevant = [...facts.keys()];
      await runtime.prepare(relevant);
      const missing = new Map<string, { orgId: string; zone: string }>();
      for (const e of relevant) {
        const zone = runtime.zoneOf(e);
        if (runtime.entry(e.orgId, zone) === undefined) missing.set(`${e.orgId}\u0000${zone}`, { orgId: e.orgId, zone });
      }
      if (missing.size > 0) {
        await ensureBaselines(db, [...missing.values()]);
        await runtime.reload([...new Set([...missing.values()].map((m) => m.orgId))]);
      }

      const agg = new ItemAggregate();
      const learning = new Map<string, { id: string; start: number; through: number; entry: BaselineEntry }>();
      const flush = async () => {
        await upsertItems(db, [...agg.entries.values()]);
        await updateLearning(db, [...learning.values()].map(({ id, start, through }) => ({ id, start, through })));
        // The next batch starts from here even before the baselines are re-read.
        for (const { start, through, entry } of learning.values()) {
          const b = entry.baseline;
          const was = b.learnedThrough === null ? -Infinity : Date.parse(b.learnedThrough);
          entry.baseline = { ...b, learnStart: new Date(Math.min(start, b.learnStart === null ? Infinity : Date.parse(b.learnStart))).toISOString(), learnedThrough: new Date(Math.max(was, through)).toISOString() };
        }
        agg.clear();
        learning.clear();
      };
      const hits: StageHit[] = [];
      const drafts = new Map<string, DeviationDraft & { eventIds: string[]; count: number; last: number }>();

      for (const e of relevant) {
        const x = facts.get(e) as EventFacts;
        const entry = runtime.entry(e.orgId, runtime.zoneOf(e));
        if (entry === undefined) continue;
        const b = entry.baseline;
        if (b.state === 'learning') {
          const known = learning.get(b.id);
          const start = Math.min(b.learnStart === null ? Infinity : Date.parse(b.learnStart), known?.start ?? Infinity, x.t0);
          if (x.t0 < start + b.learningMs) {
            learn(agg, b.id, x, entry.polling);
            learning.set(b.id, { id: b.id, start, through: Math.max(known?.through ?? x.t1, x.t1), entry });
            continue;
          }
          // Past the learning period in event time: what was learnt is written, then this event is the first checked.
          await flush();
          await activateBaseline(db, b.id, x.t0);
          await runtime.reload([e.orgId]);
          logger?.info({ baseline: b.id, orgId: b.orgId, zone: b.zone }, 'baseline learnt; deviations are raised from now on');
        }
        const current = runtime.entry(e.orgId, runtime.zoneOf(e));
        if (current === undefined || current.baseline.state !== 'active') continue;
        const model = await runtime.model(current);
        for (const f of deviationsOf(model, x, current.polling)) {
          const where = current.baseline.zone === '' ? '' : ` in zone ${current.baseline.zone}`;
          const title = `Baseline${where}: ${deviationLabels[f.kind]}: seen ${f.seen}; expected ${f.expected}`;
          hits.push({
            event: e,
            ruleId: `baseline:${f.kind}`,
            title: title.length > titleMax ? `${title.slice(0, titleMax - 1)}…` : title,
            level: f.level,
            techniques: f.techniques,
            selections: [`expected: ${f.expected}`.slice(0, 500), `seen: ${f.seen}`.slice(0, 500)],
            ...(f.entity === undefined ? {} : { entity: f.entity }),
          });
          const dk = `${current.baseline.id}\u0000${f.kind}\u0000${f.key}`;
          const d = drafts.get(dk);
          if (d === undefined) {
            drafts.set(dk, { baselineId: current.baseline.id, orgId: e.orgId, kind: f.kind, key: f.key, expected: f.expected, seen: f.seen, techniques: f.techniques, eventIds: [e.id], adds: addsOf(x, f), count: 1, first: x.t0, last: x.t1 });
          } else {
            d.count += 1;
            d.last = Math.max(d.last, x.t1);
            d.eventIds.push(e.id);
            drafts.set(dk, { ...d, seen: f.seen, adds: addsOf(x, f) });
          }
        }
      }
      await flush();
      await upsertDeviations(db, [...drafts.values()]);
      return hits;
    },
  };
}
