// createCorrelator: Sigma correlation rules evaluated over the stream of rule hits. State is kept per
// correlation and group-by values, and only for the timespan: older entries are dropped as event time
// moves on. Conditions with only lower bounds (gt, gte) fire as soon as the sliding window satisfies
// them; conditions with an upper bound (lt, lte, eq, neq) are decided when the window that began with
// the group's first event closes. A correlation's hits feed correlations that reference it (chains).
import type { SensedEvent } from '../../sensing/index.js';
import { compileFieldAccessor, type FieldAccessor } from './field-access.js';
import type { FieldTable } from './logsource-map.js';
import type { CorrelationHit, CorrelationOperator, CorrelationRule, RuleHit, SigmaProblem, SigmaRule } from './types.js';

export interface CorrelatorOptions {
  /** The rules correlations may reference; when given, unknown references are reported. */
  readonly rules?: readonly SigmaRule[];
  /** Event ids kept per hit as evidence (default 100). */
  readonly maxEventIds?: number;
}

export interface Correlator {
  /** Feeds one rule hit (with its event); returns the correlation hits it completes. */
  observe(hit: RuleHit, event: SensedEvent): CorrelationHit[];
  /** Decides windows with upper bounds that closed before `now` (ISO time; default: latest event time seen). */
  flush(now?: string): CorrelationHit[];
  /** Rule ids and names whose own hits should not raise alerts (referenced with generate: false). */
  readonly correlationOnly: ReadonlySet<string>;
  readonly problems: readonly SigmaProblem[];
  /** Groups currently held, over all correlations (bounded by the timespans). */
  groups(): number;
}

interface Entry {
  readonly time: number;
  readonly ruleIndex: number;
  readonly value: string | undefined;
  readonly eventId: string;
}

interface Group {
  readonly values: Record<string, string>;
  entries: Entry[];
  start: number;
  /** value_count: distinct values; temporal: distinct rules (counts of entries holding each). */
  readonly distinct: Map<string, number>;
  readonly ruleIds: Set<string>;
  /** The latest event counted (chained hits keep the one of the hit that fed them). */
  last: SensedEvent | undefined;
}

interface Active {
  readonly rule: CorrelationRule;
  readonly id: string;
  readonly upper: boolean;
  readonly groups: Map<string, Group>;
  /** Upper-bound correlations: the earliest time one of their windows closes. */
  nextClose: number;
}

/** Correlation hits as inputs of chained correlations. */
type Input = { readonly id: string; readonly name: string | undefined; readonly group?: Readonly<Record<string, string>>; readonly event?: SensedEvent | undefined };

const accessors = new Map<string, FieldAccessor>();
const tables: readonly FieldTable[] = ['generic', 'windows', 'zeek', 'suricata'];

/** A group-by field is read as any logsource would name it (the correlated rules may differ). */
function readField(event: SensedEvent, field: string): string | undefined {
  let get = accessors.get(field);
  if (get === undefined) {
    const all = tables.map((t) => compileFieldAccessor(t, field));
    get = (e) => {
      for (const a of all) {
        const v = a(e);
        if (v !== undefined) return v;
      }
      return undefined;
    };
    accessors.set(field, get);
  }
  const v = get(event);
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v.map(String).join(',') : String(v);
}

function satisfied(bounds: readonly { op: CorrelationOperator; value: number }[], count: number): boolean {
  return bounds.every(({ op, value }) => {
    switch (op) {
      case 'gt': return count > value;
      case 'gte': return count >= value;
      case 'lt': return count < value;
      case 'lte': return count <= value;
      case 'eq': return count === value;
      case 'neq': return count !== value;
    }
  });
}

export function createCorrelator(correlations: readonly CorrelationRule[], options: CorrelatorOptions = {}): Correlator {
  const maxEventIds = options.maxEventIds ?? 100;
  const problems: SigmaProblem[] = [];
  const active: Active[] = correlations.map((rule) => ({
    rule,
    id: rule.id ?? rule.name ?? rule.title,
    upper: rule.condition?.bounds.some((b) => b.op === 'lt' || b.op === 'lte' || b.op === 'eq' || b.op === 'neq') ?? false,
    groups: new Map(),
    nextClose: Number.POSITIVE_INFINITY,
  }));
  const known = new Set<string>();
  for (const r of options.rules ?? []) for (const k of [r.id, r.name]) if (k !== undefined) known.add(k);
  for (const a of active) for (const k of [a.rule.id, a.rule.name]) if (k !== undefined) known.add(k);
  const correlationOnly = new Set<string>();
  for (const a of active) {
    for (const ref of a.rule.rules) {
      if (!a.rule.generate) correlationOnly.add(ref);
      if (options.rules !== undefined && !known.has(ref)) {
        problems.push({ ...(a.rule.file !== undefined ? { file: a.rule.file } : {}), path: 'correlation.rules', line: a.rule.pos.line, column: a.rule.pos.column, message: `no rule with the id or name ${ref}`, severity: 'error' });
      }
    }
  }
  let now = Number.NEGATIVE_INFINITY;
  let observed = 0;
  let lastSweep = Number.NEGATIVE_INFINITY;
  // Sweeping walks every group: often enough that groups live at most a timespan and a bit.
  const sweepEvery = Math.max(1000, Math.min(...active.map((a) => a.rule.timespanMs)) / 8);

  const count = (a: Active, g: Group): number => {
    switch (a.rule.type) {
      case 'event_count': return g.entries.length;
      case 'value_count':
      case 'temporal': return g.distinct.size;
      case 'temporal_ordered': {
        let step = 0;
        for (const e of g.entries) if (e.ruleIndex === step) step++;
        return step;
      }
    }
  };
  const required = (a: Active): readonly { op: CorrelationOperator; value: number }[] => a.rule.condition?.bounds ?? [{ op: 'gte', value: a.rule.rules.length }];

  const emit = (a: Active, g: Group, n: number): CorrelationHit => {
    const first = g.entries[0];
    const last = g.entries[g.entries.length - 1];
    return {
      correlationId: a.id,
      ...(a.rule.name !== undefined ? { name: a.rule.name } : {}),
      title: a.rule.title,
      type: a.rule.type,
      level: a.rule.level ?? 'medium',
      tags: a.rule.tags,
      techniques: a.rule.techniques,
      group: g.values,
      count: n,
      firstTime: new Date(first?.time ?? now).toISOString(),
      lastTime: new Date(last?.time ?? now).toISOString(),
      eventIds: g.entries.slice(-maxEventIds).map((e) => e.eventId),
      rules: [...g.ruleIds],
      ...(g.last !== undefined ? { event: g.last } : {}),
    };
  };

  const drop = (g: Group, before: number): void => {
    let k = 0;
    while (k < g.entries.length && (g.entries[k] as Entry).time < before) {
      const e = g.entries[k] as Entry;
      const key = e.value ?? String(e.ruleIndex);
      const left = (g.distinct.get(key) ?? 1) - 1;
      if (left <= 0) g.distinct.delete(key);
      else g.distinct.set(key, left);
      k++;
    }
    if (k > 0) g.entries.splice(0, k);
  };

  /** Upper-bound windows that closed by `time`: decided now, then forgotten. */
  const closeWindows = (a: Active, time: number, out: CorrelationHit[], only?: string): void => {
    const span = a.rule.timespanMs;
    if (only === undefined) a.nextClose = Number.POSITIVE_INFINITY;
    for (const [key, g] of a.groups) {
      if (only !== undefined && key !== only) continue;
      if (time <= g.start + span) {
        if (only === undefined) a.nextClose = Math.min(a.nextClose, g.start + span);
        continue;
      }
      const n = count(a, g);
      a.groups.delete(key);
      if (!satisfied(required(a), n)) continue;
      const hit = emit(a, g, n);
      out.push(hit);
      // A decided window feeds the correlations that reference this one, at the time it was decided.
      feed({ id: hit.correlationId, name: hit.name, group: hit.group, event: hit.event }, undefined, hit.eventIds[hit.eventIds.length - 1] ?? '', time, out, 1);
    }
  };

  function feed(input: Input, event: SensedEvent | undefined, eventId: string, time: number, out: CorrelationHit[], depth: number): void {
    for (const a of active) {
      const ruleIndex = a.rule.rules.findIndex((r) => r === input.id || (input.name !== undefined && r === input.name));
      if (ruleIndex === -1) continue;
      const values: Record<string, string> = {};
      let complete = true;
      for (const field of a.rule.groupBy) {
        const actual = a.rule.aliases[field]?.[input.name ?? ''] ?? a.rule.aliases[field]?.[input.id] ?? field;
        const v = input.group?.[field] ?? input.group?.[actual] ?? (event !== undefined ? readField(event, actual) : undefined);
        if (v === undefined) {
          complete = false;
          break;
        }
        values[field] = v;
      }
      // An event without a group-by value cannot be tied to a group: it is not counted.
      if (!complete) continue;
      let value: string | undefined;
      if (a.rule.type === 'value_count') {
        const field = a.rule.condition?.field as string;
        const actual = a.rule.aliases[field]?.[input.name ?? ''] ?? field;
        value = event !== undefined ? readField(event, actual) : undefined;
        if (value === undefined) continue;
      } else if (a.rule.type === 'temporal') value = String(ruleIndex);
      const key = a.rule.groupBy.map((f) => values[f]).join('\u0000');
      if (a.upper && depth < 8) closeWindows(a, time, out, key);
      let g = a.groups.get(key);
      if (g === undefined) {
        a.groups.set(key, (g = { values, entries: [], start: time, distinct: new Map(), ruleIds: new Set(), last: undefined }));
        if (a.upper) a.nextClose = Math.min(a.nextClose, time + a.rule.timespanMs);
      }
      if (!a.upper) drop(g, time - a.rule.timespanMs);
      g.entries.push({ time, ruleIndex, value, eventId });
      g.ruleIds.add(input.id);
      const last = event ?? input.event;
      if (last !== undefined) g.last = last;
      if (value !== undefined) g.distinct.set(value, (g.distinct.get(value) ?? 0) + 1);
      if (a.upper) continue;
      const n = count(a, g);
      if (!satisfied(required(a), n)) continue;
      const hit = emit(a, g, n);
      a.groups.delete(key);
      out.push(hit);
      // Chains: correlations referencing this one (bounded depth against reference cycles).
      if (depth < 8) feed({ id: hit.correlationId, name: hit.name, group: hit.group }, event, eventId, time, out, depth + 1);
    }
  }

  const sweep = (time: number, out: CorrelationHit[]): void => {
    for (const a of active) {
      if (a.upper) closeWindows(a, time, out);
      else for (const [key, g] of a.groups) {
        drop(g, time - a.rule.timespanMs);
        if (g.entries.length === 0) a.groups.delete(key);
      }
    }
  };

  return {
    correlationOnly,
    problems,
    groups: () => active.reduce((n, a) => n + a.groups.size, 0),
    observe(hit: RuleHit, event: SensedEvent): CorrelationHit[] {
      const time = Date.parse(event.time);
      if (Number.isNaN(time)) return [];
      if (time > now) now = time;
      const out: CorrelationHit[] = [];
      // Windows with upper bounds that event time has passed are decided before the new hit counts.
      for (const a of active) if (a.upper && time > a.nextClose) closeWindows(a, time, out);
      feed({ id: hit.ruleId, name: hit.name }, event, event.id, time, out, 0);
      // Groups that saw nothing lately are dropped from time to time, so state stays within the timespans.
      if (++observed % 256 === 0 && now - lastSweep >= sweepEvery) {
        lastSweep = now;
        sweep(now, out);
      }
      return out;
    },
    flush(at?: string): CorrelationHit[] {
      const time = at !== undefined ? Date.parse(at) : now;
      const out: CorrelationHit[] = [];
      if (!Number.isNaN(time)) sweep(time, out);
      return out;
    },
  };
}
