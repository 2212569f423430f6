// The detector: subscribed to the sensing bus, it runs each organisation's enabled rules (its own and
// the platform's) over every committed batch, drops suppressed hits, folds the rest into one draft per
// rule and entity, and writes the batch's alerts in a few set-based statements (ADR 019). Rules and
// suppressions are reloaded when they change, here or in another process, without a restart.
import type { Logger } from '../../platform/logger.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import type { Database } from '../../storage/index.js';
import type { EventBus, SensedEvent } from '../sensing/index.js';
import { assetsOf, entityOf, highestCriticality, severityOf, severityRank } from './alert-keys.js';
import { upsertAlerts, type AlertDraft } from './alerts.store.js';
import { selectAssetCriticality, selectOrgPaths } from './context.store.js';
import { compileDocuments, type CompiledSet, type CorrelationHit, type RuleHit } from './engine.js';
import { addRuleHits, rulesVersion, selectEnabledRules } from './rules.store.js';
import { suppresses } from './suppression-match.js';
import { addSuppressionHits, selectActiveSuppressions } from './suppressions.store.js';
import type { DetectionRule, RuleLevel, Suppression } from './types.js';

export interface DetectorOptions {
  readonly logger?: Logger | undefined;
  /** Hits of one rule and entity within this long of the alert's last hit add to it. Default 1 h. */
  readonly windowMs?: number;
  /** Most events waiting for detection; past it, batches are counted as skipped. Default 100,000. */
  readonly maxPending?: number;
  /** How often another process's rule changes are looked for. Default 10 s. */
  readonly pollMs?: number;
  /** How often correlation windows that no event closed are decided (absence: `lt`, `lte`, `eq`). Default 5 s. */
  readonly flushMs?: number;
  /**
   * Run in order over each batch before any rule sees it: they add the fields the pipeline fills in
   * (asset roles and zones, baseline membership) and return the batch to detect on.
   */
  readonly enrichers?: readonly DetectionEnricher[];
  /** Other sources of alerts on the same batches (indicators, baselines); their hits are suppressed, deduplicated and stored like rule hits. */
  readonly stages?: readonly DetectionStage[];
}

export interface DetectionEnricher {
  readonly name: string;
  enrich(events: readonly SensedEvent[]): Promise<readonly SensedEvent[]>;
  /** Whatever it caches is stale (assets or baselines changed). */
  invalidate?(): void;
}

/** One hit of a non-Sigma source: the rule id names the source (`indicator:<stix id>`, `baseline:<kind>`), never a stored rule. */
export interface StageHit {
  readonly event: SensedEvent;
  readonly ruleId: string;
  readonly title: string;
  readonly level: RuleLevel;
  readonly techniques: readonly string[];
  readonly selections: readonly string[];
  /** Defaults to the event's entity (entityOf). */
  readonly entity?: string;
  /** Defaults to the event's id. */
  readonly eventIds?: readonly string[];
}

export interface DetectionStage {
  readonly name: string;
  evaluate(events: readonly SensedEvent[]): Promise<readonly StageHit[]>;
  invalidate?(): void;
}

export interface Detector {
  /** Subscribes to the bus (idempotent) and looks for rule changes from other processes. */
  start(bus: EventBus): void;
  /** Rules or suppressions changed: the next batch runs on the new ones. */
  invalidate(): void;
  /** Runs a batch now (the bus path, awaited): tests and replays. */
  process(events: readonly SensedEvent[]): Promise<void>;
  /** Decides now the correlation windows the clock has closed (the timer's work): tests. */
  flush(): Promise<void>;
  /** Resolves when every batch received so far is written. */
  idle(): Promise<void>;
  readonly stats: () => { readonly events: number; readonly hits: number; readonly suppressed: number; readonly skipped: number };
  stop(): Promise<void>;
}

interface Loaded {
  readonly version: string;
  readonly rules: readonly DetectionRule[];
  readonly suppressions: readonly Suppression[];
  /** Organisations with rules of their own (the others run the platform's set). */
  readonly owners: ReadonlySet<string>;
  /** Compiled per owner organisation ('' for the platform-only set), built on first use. */
  readonly sets: Map<string, { set: CompiledSet; bySigmaId: Map<string, DetectionRule> }>;
}

interface Candidate {
  readonly event: SensedEvent;
  /** The stored rule, or for a stage hit only its id (no rule hit count is kept for it). */
  readonly rule: Pick<DetectionRule, 'id'> & { readonly stored: boolean };
  readonly title: string;
  readonly level: RuleLevel;
  readonly techniques: readonly string[];
  readonly selections: readonly string[];
  readonly entity: string;
  readonly eventIds: readonly string[];
}

export function createDetector(database: Database, options: DetectorOptions = {}): Detector {
  const { db } = database;
  const windowMs = options.windowMs ?? 3_600_000;
  const maxPending = options.maxPending ?? 100_000;
  const logger = options.logger;
  let loaded: Promise<Loaded> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  let unsubscribe: (() => void) | undefined;
  let poll: NodeJS.Timeout | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  const stats = { events: 0, hits: 0, suppressed: 0, skipped: 0 };

  async function load(): Promise<Loaded> {
    const version = await rulesVersion(db);
    const [rules, suppressions] = await Promise.all([selectEnabledRules(db), selectActiveSuppressions(db, new Date())]);
    return { version, rules, suppressions, owners: new Set(rules.flatMap((r) => (r.orgId === null ? [] : [r.orgId]))), sets: new Map() };
  }

  function current(): Promise<Loaded> {
    loaded ??= load();
    return loaded;
  }

  /** The organisation's rules and the platform's; an organisation's own rule wins over a platform rule of the same Sigma id. */
  function setFor(state: Loaded, orgId: string) {
    const owner = state.owners.has(orgId) ? orgId : '';
    let found = state.sets.get(owner);
    if (found === undefined) {
      const bySigmaId = new Map<string, DetectionRule>();
      for (const r of state.rules) if (r.orgId === null) bySigmaId.set(r.sigmaId, r);
      for (const r of state.rules) if (r.orgId === owner && owner !== '') bySigmaId.set(r.sigmaId, r);
      const set = compileDocuments([...bySigmaId.values()]);
      for (const p of set.problems) logger?.warn({ problem: p, orgId: owner || null }, 'detection rule not compiled');
      found = { set, bySigmaId };
      state.sets.set(owner, found);
    }
    return found;
  }

  function candidates(state: Loaded, events: readonly SensedEvent[]): Candidate[] {
    const out: Candidate[] = [];
    for (const event of events) {
      const { set, bySigmaId } = setFor(state, event.orgId);
      if (set.rules === 0) continue;
      const entity = entityOf(event);
      for (const hit of set.match(event)) {
        const rule = bySigmaId.get(hit.ruleId);
        if (rule !== undefined && rule.kind === 'rule' && !set.correlationOnly.has(hit.ruleId)) out.push(fromHit(event, rule, hit, entity));
        for (const c of set.correlate(hit, event)) {
          const correlation = bySigmaId.get(c.correlationId);
          if (correlation !== undefined) out.push(fromCorrelation(c.event ?? event, correlation, c));
        }
      }
    }
    return out;
  }

  async function run(batch: readonly SensedEvent[]): Promise<void> {
    const state = await current();
    let events = batch;
    for (const e of options.enrichers ?? []) events = await e.enrich(events);
    stats.events += events.length;
    const found = candidates(state, events);
    for (const stage of options.stages ?? []) for (const h of await stage.evaluate(events)) found.push(fromStage(h));
    await write(state, found);
  }

  /** Correlation windows with upper bounds that closed while no event came to close them. */
  async function flushWindows(): Promise<void> {
    if (loaded === undefined) return;
    const state = await loaded;
    const found: Candidate[] = [];
    for (const { set, bySigmaId } of state.sets.values()) {
      for (const c of set.flush(Date.now())) {
        const rule = bySigmaId.get(c.correlationId);
        if (rule !== undefined && c.event !== undefined) found.push(fromCorrelation(c.event, rule, c));
      }
    }
    await write(state, found);
  }

  /** Suppression, one draft per rule and entity, and the set-based writes of a batch's hits. */
  async function write(state: Loaded, found: readonly Candidate[]): Promise<void> {
    if (found.length === 0) return;
    stats.hits += found.length;
    const now = Date.now();
    const suppressedBy = new Map<string, number>();
    const kept = found.filter((c) => {
      const by = state.suppressions.find((s) => suppresses(s, { orgId: c.event.orgId, ruleId: c.rule.id, entity: c.entity, assetIds: assetsOf(c.event), event: c.event }, now));
      if (by === undefined) return true;
      suppressedBy.set(by.id, (suppressedBy.get(by.id) ?? 0) + 1);
      return false;
    });
    stats.suppressed += found.length - kept.length;
    const drafts = await draftsOf(kept);
    const ruleHits = new Map<string, { count: number; last: string }>();
    for (const c of kept) {
      if (!c.rule.stored) continue;
      const h = ruleHits.get(c.rule.id) ?? { count: 0, last: c.event.time };
      ruleHits.set(c.rule.id, { count: h.count + 1, last: c.event.time > h.last ? c.event.time : h.last });
    }
    await db.transaction().execute(async (trx) => {
      await upsertAlerts(trx, drafts, windowMs);
      await addRuleHits(trx, ruleHits);
      await addSuppressionHits(trx, suppressedBy);
    });
  }

  /** One draft per organisation, rule and entity: counts, first and last seen, linked events in time order. */
  async function draftsOf(kept: readonly Candidate[]): Promise<AlertDraft[]> {
    const groups = new Map<string, Candidate[]>();
    for (const c of kept) {
      const key = `${c.event.orgId}|${c.rule.id}|${c.entity}`;
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [c]);
      else list.push(c);
    }
    const orgIds = [...new Set(kept.map((c) => c.event.orgId))];
    const assetIds = [...new Set(kept.flatMap((c) => assetsOf(c.event)))];
    const [paths, criticality] = await Promise.all([selectOrgPaths(db, orgIds), selectAssetCriticality(db, assetIds)]);
    const drafts: AlertDraft[] = [];
    for (const [openKey, list] of groups) {
      const sorted = [...list].sort((a, b) => (a.event.time < b.event.time ? -1 : a.event.time > b.event.time ? 1 : 0));
      const first = sorted[0] as Candidate;
      const last = sorted[sorted.length - 1] as Candidate;
      const assets = [...new Set(sorted.flatMap((c) => assetsOf(c.event)))];
      const severity = sorted
        .map((c) => severityOf(c.level, highestCriticality(assetsOf(c.event).map((a) => criticality.get(a)))))
        .reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
      const strictest = sorted.reduce((a, c) => (tlpRank(c.event.tlp) > tlpRank(a.event.tlp) ? c : a));
      drafts.push({
        orgId: first.event.orgId,
        orgPath: paths.get(first.event.orgId) ?? '',
        ruleId: first.rule.id,
        ruleTitle: first.title,
        entity: first.entity,
        openKey,
        severity,
        level: first.level,
        tlp: strictest.event.tlp,
        sharedUpward: sorted.every((c) => c.event.sharedUpward),
        techniques: [...new Set(sorted.flatMap((c) => c.techniques))].sort(),
        assetIds: assets.sort(),
        eventIds: [...new Set(sorted.flatMap((c) => c.eventIds))],
        selections: [...new Set(sorted.flatMap((c) => c.selections))].sort(),
        count: sorted.length,
        firstSeen: first.event.time,
        lastSeen: last.event.time,
      });
    }
    return drafts;
  }

  function enqueue(events: readonly SensedEvent[]): Promise<void> {
    pending += events.length;
    const next = chain.then(() => run(events)).finally(() => {
      pending -= events.length;
    });
    chain = next.catch((error: unknown) => {
      logger?.error({ err: error, events: events.length }, 'detection failed on a batch');
    });
    return next;
  }

  async function checkVersion(): Promise<void> {
    if (loaded === undefined) return;
    const [version, state] = await Promise.all([rulesVersion(db), loaded]);
    if (version !== state.version) loaded = undefined;
  }

  return {
    start(bus) {
      if (unsubscribe !== undefined) return;
      unsubscribe = bus.subscribe((events) => {
        if (pending + events.length > maxPending) {
          stats.skipped += events.length;
          logger?.warn({ events: events.length, pending }, 'detection is behind: batch skipped');
          return;
        }
        void enqueue(events).catch(() => undefined);
      });
      poll = setInterval(() => {
        chain = chain.then(checkVersion).catch((error: unknown) => logger?.error({ err: error }, 'detection rule check failed'));
      }, options.pollMs ?? 10_000);
      poll.unref();
      flushTimer = setInterval(() => {
        chain = chain.then(flushWindows).catch((error: unknown) => logger?.error({ err: error }, 'correlation flush failed'));
      }, options.flushMs ?? 5_000);
      flushTimer.unref();
    },
    invalidate() {
      loaded = undefined;
      for (const e of options.enrichers ?? []) e.invalidate?.();
      for (const s of options.stages ?? []) s.invalidate?.();
    },
    process: (events) => enqueue(events),
    flush() {
      const next = chain.then(flushWindows);
      chain = next.catch((error: unknown) => logger?.error({ err: error }, 'correlation flush failed'));
      return next;
    },
    idle: () => chain,
    stats: () => ({ ...stats }),
    async stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      if (poll !== undefined) clearInterval(poll);
      if (flushTimer !== undefined) clearInterval(flushTimer);
      await chain;
    },
  };
}

const tlpRank = (t: Tlp) => tlpLevels.indexOf(t);

function fromHit(event: SensedEvent, rule: DetectionRule, hit: RuleHit, entity: string): Candidate {
  return { event, rule: { id: rule.id, stored: true }, title: hit.title, level: hit.level, techniques: hit.techniques, selections: hit.selections, entity, eventIds: [event.id] };
}

/** A correlation hit is about its group (the group-by values), and links the events that made it. */
function fromCorrelation(event: SensedEvent, rule: DetectionRule, c: CorrelationHit): Candidate {
  const group = Object.entries(c.group)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return { event, rule: { id: rule.id, stored: true }, title: c.title, level: c.level, techniques: c.techniques, selections: c.rules, entity: group === '' ? 'org' : `group:${group}`, eventIds: c.eventIds };
}

function fromStage(h: StageHit): Candidate {
  return { event: h.event, rule: { id: h.ruleId, stored: false }, title: h.title, level: h.level, techniques: h.techniques, selections: h.selections, entity: h.entity ?? entityOf(h.event), eventIds: h.eventIds ?? [h.event.id] };
}
