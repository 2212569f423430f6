// The rule workbench's trial: rules run over events (posted NDJSON, or the stored events of the last
// 24 hours) and answer which events matched and what alerts that would have raised, grouped as the
// detector groups hits (rule and entity, ADR 019). Nothing is stored.
import type { SensedEvent } from '../sensing/index.js';
import { entityOf, severityOf } from './alert-keys.js';
import { compileDocuments, type StoredDocument } from './engine.js';
import type { AlertSeverity, RuleLevel, RuleTestReport } from './types.js';

/** An alert the trial's hits would have raised (before suppressions, asset criticality and the dedup window). */
export interface WouldRaise {
  readonly ruleId: string;
  readonly title: string;
  readonly level: RuleLevel;
  readonly severity: AlertSeverity;
  readonly techniques: readonly string[];
  readonly entity: string;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The first few events, to open from the list. */
  readonly eventIds: readonly string[];
}

export interface RuleTrialReport extends RuleTestReport {
  /** Events the rules ran over. */
  readonly scanned: number;
  /** True when the stored window held more events than one trial reads (the newest were read). */
  readonly truncated: boolean;
  readonly wouldRaise: readonly WouldRaise[];
}

const shownEvents = 5;

/** Runs the documents over the events, keeping the posted line of each (stored events have none: 0). */
export function trialOverEvents(documents: readonly StoredDocument[], events: readonly { readonly line: number; readonly event: SensedEvent }[], truncated = false): RuleTrialReport {
  const set = compileDocuments(documents);
  const matched: RuleTestReport['events'][number][] = [];
  const raised = new Map<string, { -readonly [K in keyof WouldRaise]: WouldRaise[K] }>();
  for (const { line, event } of events) {
    const hits = set.match(event);
    if (hits.length === 0) continue;
    matched.push({ line, id: event.id, event, hits: hits.map((h) => ({ ruleId: h.ruleId, title: h.title, selections: h.selections })) });
    const entity = entityOf(event);
    for (const h of hits) {
      if (set.correlationOnly.has(h.ruleId)) continue;
      const key = `${h.ruleId}\u0000${entity}`;
      const seen = raised.get(key);
      if (seen === undefined) {
        const level = h.level as RuleLevel;
        raised.set(key, { ruleId: h.ruleId, title: h.title, level, severity: severityOf(level, undefined), techniques: h.techniques, entity, count: 1, firstSeen: event.time, lastSeen: event.time, eventIds: [event.id] });
        continue;
      }
      seen.count += 1;
      if (event.time < seen.firstSeen) seen.firstSeen = event.time;
      if (event.time > seen.lastSeen) seen.lastSeen = event.time;
      if (seen.eventIds.length < shownEvents) seen.eventIds = [...seen.eventIds, event.id];
    }
  }
  const wouldRaise = [...raised.values()].sort((a, b) => b.count - a.count || a.entity.localeCompare(b.entity));
  return { matches: matched.length, events: matched, problems: set.problems, scanned: events.length, truncated, wouldRaise };
}
