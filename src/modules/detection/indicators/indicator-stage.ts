// The indicator stage (issue 13): every event is matched against the STIX indicators its organisation
// may see (its own, and those its descendants share upward under a TLP that travels), valid at the
// event's time and not revoked, with the intelligence module's indexed matcher. The matcher follows
// the store incrementally: each poll reads only the indicators added, changed or revoked since its
// cursor and adds or removes just those. A hit becomes an alert (through the detector, like a rule
// hit) and a STIX sighting in the store of the organisation that saw it.
import type { Logger } from '../../../platform/logger.js';
import { tlpShareableUpward, type Tlp } from '../../../platform/tlp.js';
import type { Database } from '../../../storage/index.js';
import type { IndicatorChange, IntelService } from '../../intel/index.js';
import { createMatcher, type PatternMatcher } from '../../intel/pattern/index.js';
import type { SensedEvent } from '../../sensing/index.js';
import type { DetectionStage, StageHit } from '../detector.js';
import { observationOf } from './observables.js';
import { selectOrgFacts } from './orgs.store.js';
import { createSightingWriter, type SightingWriter } from './sightings.js';

export interface IndicatorStageOptions {
  readonly intel: Pick<IntelService, 'indicatorFeed' | 'ingestObjects'>;
  readonly logger?: Logger | undefined;
  /** How often the store is asked for changed indicators. Default 5 s. */
  readonly pollMs?: number;
  /** Indicators read per query while catching up. Default 10,000. */
  readonly pageSize?: number;
  /** Sighting aggregation window (event time) and write interval; see sightings.ts. */
  readonly sightingWindowMs?: number;
  readonly sightingFlushMs?: number;
}

export interface IndicatorStage extends DetectionStage {
  /** Reads the changes now (tests, and the first batch). */
  refresh(): Promise<void>;
  /** Writes pending sightings now. */
  flushSightings(): Promise<number>;
  stats(): { readonly indicators: number; readonly holders: number; readonly rejected: number; readonly hits: number; readonly reloads: number; readonly cursor: number };
  stop(): Promise<void>;
}

interface Held {
  readonly id: string;
  readonly name: string | null;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly validFrom: number;
  readonly validUntil: number;
  /** `kill-chain:<name>:<phase>` for the alert's selections; technique ids when a phase names one. */
  readonly phases: readonly string[];
  readonly phaseTechniques: readonly string[];
}

interface Holder {
  readonly orgId: string;
  readonly path: string;
  readonly matcher: PatternMatcher;
  readonly held: Map<string, Held>;
}

const time = (text: string | null, fallback: number) => {
  const ms = text === null ? NaN : Date.parse(text);
  return Number.isFinite(ms) ? ms : fallback;
};

function phasesOf(value: unknown): { phases: string[]; techniques: string[] } {
  const phases: string[] = [];
  const techniques: string[] = [];
  if (!Array.isArray(value)) return { phases, techniques };
  for (const p of value as { kill_chain_name?: unknown; phase_name?: unknown }[]) {
    if (typeof p?.kill_chain_name !== 'string' || typeof p.phase_name !== 'string') continue;
    phases.push(`kill-chain:${p.kill_chain_name}:${p.phase_name}`);
    if (/^t\d{4}(\.\d{3})?$/i.test(p.phase_name)) techniques.push(p.phase_name.toUpperCase());
  }
  return { phases, techniques };
}

export function createIndicatorStage(database: Database, options: IndicatorStageOptions): IndicatorStage {
  const { db } = database;
  const feed = options.intel.indicatorFeed;
  const pollMs = options.pollMs ?? 5_000;
  const pageSize = options.pageSize ?? 10_000;
  const holders = new Map<string, Holder>();
  /** Every holder key (`org|id`) whose newest version is live, parsable or not: compared with the store's count. */
  const live = new Set<string>();
  /** The holders each organisation's events are matched against, by organisation. */
  const viewers = new Map<string, Holder[]>();
  const paths = new Map<string, string>();
  const techniques = new Map<string, readonly string[]>();
  const counters = { rejected: 0, hits: 0, reloads: 0 };
  let cursor = 0;
  let checkAt = 0;
  const sightings: SightingWriter = createSightingWriter({
    intel: options.intel,
    logger: options.logger,
    orgName: async (orgId) => (await selectOrgFacts(db, [orgId])).get(orgId) ?? { name: orgId, created: new Date(0).toISOString() },
    ...(options.sightingWindowMs === undefined ? {} : { windowMs: options.sightingWindowMs }),
    ...(options.sightingFlushMs === undefined ? {} : { flushMs: options.sightingFlushMs }),
  });

  function holderOf(orgId: string, path: string): Holder {
    let h = holders.get(orgId);
    if (h === undefined) {
      h = { orgId, path, matcher: createMatcher(), held: new Map() };
      holders.set(orgId, h);
      viewers.clear();
    }
    return h;
  }

  function apply(c: IndicatorChange): void {
    const key = `${c.orgId}|${c.id}`;
    const holder = holderOf(c.orgId, c.orgPath);
    holder.matcher.remove(c.id);
    holder.held.delete(c.id);
    techniques.delete(key);
    const cur = c.current;
    if (cur === undefined || cur.revoked) {
      live.delete(key);
      return;
    }
    live.add(key);
    if (cur.pattern === null || (cur.patternType !== null && cur.patternType !== 'stix')) return;
    const added = holder.matcher.add({ id: c.id, pattern: cur.pattern });
    if (!added.success) {
      counters.rejected++;
      options.logger?.warn({ indicator: c.id, orgId: c.orgId, error: added.error.message }, 'indicator pattern not matched: it does not parse');
      return;
    }
    const { phases, techniques: phaseTechniques } = phasesOf(cur.killChainPhases);
    holder.held.set(c.id, {
      id: c.id,
      name: cur.name,
      tlp: cur.tlp as Tlp,
      sharedUpward: cur.sharedUpward,
      validFrom: time(cur.validFrom, -Infinity),
      validUntil: time(cur.validUntil, Infinity),
      phases,
      phaseTechniques,
    });
  }

  async function catchUp(): Promise<void> {
    for (;;) {
      const changes = await feed.changes(cursor, pageSize);
      for (const c of changes) apply(c);
      const last = changes.at(-1);
      if (last !== undefined) cursor = last.addedUs;
      if (changes.length < pageSize) return;
    }
  }

  async function refresh(): Promise<void> {
    checkAt = Date.now() + pollMs;
    await catchUp();
    // A deletion leaves no newer row behind to read: when the live count disagrees, start over.
    const { live: stored } = await feed.count();
    if (stored === live.size) return;
    counters.reloads++;
    options.logger?.info({ stored, held: live.size }, 'indicators deleted from the store: reloading them');
    holders.clear();
    viewers.clear();
    live.clear();
    techniques.clear();
    cursor = 0;
    await catchUp();
  }

  /** The holders whose indicators an organisation at `path` may see: its own and its descendants'. */
  function viewersOf(orgId: string): Holder[] {
    let list = viewers.get(orgId);
    if (list === undefined) {
      const path = paths.get(orgId);
      list = path === undefined ? [] : [...holders.values()].filter((h) => h.orgId === orgId || h.path.startsWith(path));
      viewers.set(orgId, list);
    }
    return list;
  }

  const visible = (holder: Holder, held: Held, orgId: string) => holder.orgId === orgId || (held.sharedUpward && tlpShareableUpward.includes(held.tlp));

  async function techniquesOf(found: readonly { holder: Holder; held: Held }[]): Promise<void> {
    const missing = new Map<string, string[]>();
    for (const { holder, held } of found) {
      if (techniques.has(`${holder.orgId}|${held.id}`)) continue;
      missing.set(holder.orgId, [...new Set([...(missing.get(holder.orgId) ?? []), held.id])]);
    }
    for (const [orgId, ids] of missing) {
      const got = await feed.techniques(orgId, ids);
      for (const id of ids) techniques.set(`${orgId}|${id}`, got.get(id) ?? []);
    }
  }

  async function evaluate(events: readonly SensedEvent[]): Promise<readonly StageHit[]> {
    if (Date.now() >= checkAt) await refresh();
    if (holders.size === 0) return [];
    const unknown = [...new Set(events.map((e) => e.orgId))].filter((o) => !paths.has(o));
    if (unknown.length > 0) {
      for (const [id, facts] of await selectOrgFacts(db, unknown)) paths.set(id, facts.path);
      viewers.clear();
    }
    const found: { event: SensedEvent; at: number; holder: Holder; held: Held }[] = [];
    for (const event of events) {
      const list = viewersOf(event.orgId);
      if (list.length === 0) continue;
      const at = Date.parse(event.time);
      const observation = observationOf(event, at);
      for (const holder of list) {
        const ids = holder.matcher.match(observation);
        for (let i = 0; i < ids.length; i++) {
          const held = holder.held.get(ids[i] as string);
          if (held === undefined || at < held.validFrom || at >= held.validUntil || !visible(holder, held, event.orgId)) continue;
          found.push({ event, at, holder, held });
        }
      }
    }
    if (found.length === 0) return [];
    counters.hits += found.length;
    await techniquesOf(found);
    return found.map(({ event, at, holder, held }) => {
      sightings.record(event.orgId, held.id, at, event.tlp, event.sharedUpward);
      return {
        event,
        ruleId: `indicator:${held.id}`,
        title: `Indicator sighted: ${held.name ?? held.id}`,
        level: 'high',
        techniques: [...new Set([...held.phaseTechniques, ...(techniques.get(`${holder.orgId}|${held.id}`) ?? [])])].sort(),
        selections: [`indicator:${held.id}`, ...held.phases],
      };
    });
  }

  return {
    name: 'indicators',
    evaluate,
    invalidate() {
      checkAt = 0;
    },
    refresh,
    flushSightings: () => sightings.flush(),
    stats: () => ({ indicators: [...holders.values()].reduce((n, h) => n + h.held.size, 0), holders: holders.size, cursor, ...counters }),
    stop: () => sightings.stop(),
  };
}
