// Runs the enabled event sources inside the server process: starts them when the server starts,
// restarts one when it changes, stops them all on shutdown. A source that fails to start (port in use,
// broker away, file missing) is retried on a timer and shows why. Counters: what the input saw (its
// meter), what the ingest stored (the sensing counters), and totals saved across restarts.
import type { Logger } from '../../../platform/logger.js';
import type { Database } from '../../../storage/index.js';
import type { SourceCounterRegistry } from '../source-counters.js';
import type { EventIngest, IngestContext } from '../types.js';
import { startFileSource } from './file-source.js';
import { startMqttInput } from './mqtt-input.js';
import { createSenderMap } from './sender-map.js';
import { createMeter, createSourceSink, snapshot, type SinkOptions, type SourceMeter } from './source-sink.js';
import { emptyCounters, saveRunState, selectEnabledSources, selectSourceById, toSource } from './sources.store.js';
import { startSyslogListener } from './syslog-listener.js';
import type { EventSource, FileSourceConfig, MqttSourceConfig, RunningInput, SourceRunCounters, SourceState, SourceStatus, SyslogSourceConfig } from './types.js';

export interface SourceManagerOptions {
  readonly database: Database;
  readonly ingest: EventIngest;
  /** The sensing counters: `stored` is read from them; drops before the ingest are added to them. */
  readonly counters?: SourceCounterRegistry | undefined;
  readonly logger?: Logger | undefined;
  readonly sink?: SinkOptions | undefined;
  /** How often a failed source is tried again. */
  readonly retryMs?: number | undefined;
  /** How often counters are saved and mirrored. */
  readonly syncMs?: number | undefined;
}

interface Instance {
  source: EventSource;
  state: SourceState;
  since: string | null;
  meter: SourceMeter;
  input: RunningInput | undefined;
  /** The sensing counters' `stored` when this run started. */
  storedBase: number;
  /** Drops and rejections already mirrored into the sensing counters. */
  mirrored: { dropped: number; rejected: number };
  kernelDrops: number;
}

export interface SourceManager {
  /** Starts every enabled source; retries failed ones until stop. */
  start(): Promise<void>;
  /** Brings one source in line with the database: (re)started when enabled, stopped otherwise. No-op before start. */
  reconcile(id: string): Promise<void>;
  /** Stops every source and saves its counters. */
  stop(): Promise<void>;
  status(source: EventSource): Promise<SourceStatus>;
  readonly running: boolean;
}

/** Totals across restarts: what was saved plus this run. */
function addCounters(base: SourceRunCounters, run: SourceRunCounters): SourceRunCounters {
  const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
  return {
    received: base.received + run.received,
    accepted: base.accepted + run.accepted,
    stored: sum(base.stored, run.stored),
    dropped: base.dropped + run.dropped,
    rejected: base.rejected + run.rejected,
    unmatchedSenders: base.unmatchedSenders + run.unmatchedSenders,
    refusals: base.refusals + run.refusals,
    lastEventAt: run.lastEventAt ?? base.lastEventAt,
  };
}

export function createSourceManager(options: SourceManagerOptions): SourceManager {
  const { database, ingest, counters, logger } = options;
  const instances = new Map<string, Instance>();
  let running = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let syncTimer: NodeJS.Timeout | undefined;
  /** One change at a time per source: a quick update after another waits for it. */
  const locks = new Map<string, Promise<void>>();

  const ref = (s: EventSource) => ({ type: s.type, id: s.id, name: s.name });

  async function runCounters(i: Instance): Promise<SourceRunCounters> {
    if (i.input !== undefined) i.kernelDrops = await i.input.kernelDrops();
    const stored = counters === undefined ? null : (counters.get(i.source.id)?.stored ?? 0) - i.storedBase;
    const c = snapshot(i.meter, stored);
    return { ...c, dropped: c.dropped + i.kernelDrops };
  }

  /** Drops and rejections before the ingest go to the sensing counters too (metrics, Sources page). */
  async function mirror(i: Instance): Promise<void> {
    const c = await runCounters(i);
    if (counters === undefined) return;
    counters.add(ref(i.source), 'dropped', c.dropped - i.mirrored.dropped);
    counters.add(ref(i.source), 'rejected', c.rejected - i.mirrored.rejected);
    i.mirrored = { dropped: c.dropped, rejected: c.rejected };
  }

  async function save(i: Instance): Promise<void> {
    await mirror(i);
    const error = i.meter.lastError ?? (i.state === 'failed' ? 'failed to start' : null);
    await saveRunState(database.db, i.source.id, { lastError: error, counters: addCounters(i.source.counters, await runCounters(i)) });
  }

  function open(source: EventSource, meter: SourceMeter): Promise<RunningInput> {
    const contextFor = (orgId: string): IngestContext => ({ orgId, tlp: source.tlp, sharedUpward: source.sharedUpward, source: ref(source) });
    const sink = createSourceSink(ingest, contextFor, meter, options.sink);
    switch (source.type) {
      case 'syslog': {
        const config = source.config as SyslogSourceConfig;
        const ranges = config.senders ?? [];
        // No ranges: everything is the source's own organisation's. Ranges: the rest goes to the default, or nowhere.
        const fallback = config.defaultOrgId ?? (ranges.length === 0 ? source.orgId : undefined);
        return startSyslogListener({ ...config, senders: createSenderMap(ranges, fallback), sink, meter });
      }
      case 'mqtt':
        return startMqttInput({ ...(source.config as MqttSourceConfig), orgId: source.orgId, sink, meter });
      default:
        return startFileSource({ ...(source.config as FileSourceConfig), format: source.type, orgId: source.orgId, sink, meter });
    }
  }

  async function startOne(source: EventSource): Promise<void> {
    const instance: Instance = {
      source: { ...source, counters: { ...emptyCounters, ...source.counters } },
      state: 'starting',
      since: null,
      meter: createMeter(),
      input: undefined,
      storedBase: counters?.get(source.id)?.stored ?? 0,
      mirrored: { dropped: 0, rejected: 0 },
      kernelDrops: 0,
    };
    instances.set(source.id, instance);
    try {
      instance.input = await open(source, instance.meter);
      instance.state = 'running';
      instance.since = new Date().toISOString();
      instance.meter.lastError = null;
      await saveRunState(database.db, source.id, { lastError: null, counters: instance.source.counters });
      logger?.info({ source: source.id, name: source.name, endpoint: instance.input.endpoint }, 'event source started');
    } catch (error) {
      instance.state = 'failed';
      instance.meter.lastError = (error as Error).message;
      logger?.warn({ source: source.id, name: source.name, err: error }, 'event source failed to start');
      await saveRunState(database.db, source.id, { lastError: instance.meter.lastError, counters: instance.source.counters }).catch(() => undefined);
    }
  }

  async function stopOne(id: string): Promise<void> {
    const instance = instances.get(id);
    if (instance === undefined) return;
    instances.delete(id);
    try {
      await instance.input?.close();
    } catch (error) {
      instance.meter.lastError = (error as Error).message;
    }
    // The source may be gone (deleted): saving then updates nothing.
    await save(instance).catch((error: unknown) => logger?.warn({ err: error, source: id }, 'event source counters not saved'));
  }

  function serially(id: string, work: () => Promise<void>): Promise<void> {
    const next = (locks.get(id) ?? Promise.resolve()).then(work, work);
    locks.set(id, next);
    void next.finally(() => {
      if (locks.get(id) === next) locks.delete(id);
    });
    return next;
  }

  /** Restarts a source whose definition changed (or that failed, when `retry`); leaves a current one alone. */
  function reconcile(id: string, retry = false): Promise<void> {
    return serially(id, async () => {
      const row = await selectSourceById(database.db, id);
      const source = row === undefined ? undefined : toSource(row);
      const current = instances.get(id);
      const wanted = source !== undefined && source.enabled && running;
      if (wanted && current !== undefined && current.source.updatedAt === source.updatedAt && !(retry && current.state === 'failed')) return;
      await stopOne(id);
      if (!wanted) return;
      // Read again: stopping saved the run's totals, and the new run counts on from them.
      const saved = await selectSourceById(database.db, id);
      if (saved !== undefined) await startOne(toSource(saved));
    });
  }

  /** Failed sources again, and changes made by another process (a second server, the CLI on the database). */
  async function refresh(retry: boolean): Promise<void> {
    const enabled = new Map((await selectEnabledSources(database.db)).map((r) => [r.id, r]));
    for (const [id, row] of enabled) {
      // A change under way (an API call's own reconcile) is left to finish.
      if (locks.has(id)) continue;
      const i = instances.get(id);
      const changed = i === undefined || i.source.updatedAt !== toSource(row).updatedAt;
      if (changed || (retry && i.state === 'failed')) await reconcile(id, retry);
    }
    for (const id of instances.keys()) if (!enabled.has(id) && !locks.has(id)) await reconcile(id);
  }

  return {
    get running() {
      return running;
    },
    async start() {
      if (running) return;
      running = true;
      for (const row of await selectEnabledSources(database.db)) await serially(row.id, () => startOne(toSource(row)));
      retryTimer = setInterval(() => void refresh(true).catch((error: unknown) => logger?.error({ err: error }, 'event sources refresh failed')), options.retryMs ?? 30_000);
      retryTimer.unref();
      syncTimer = setInterval(() => {
        for (const i of instances.values()) if (i.state === 'running') void save(i).catch(() => undefined);
        void refresh(false).catch((error: unknown) => logger?.error({ err: error }, 'event sources refresh failed'));
      }, options.syncMs ?? 15_000);
      syncTimer.unref();
    },
    async reconcile(id) {
      if (running) await reconcile(id);
    },
    async stop() {
      if (!running) return;
      running = false;
      clearInterval(retryTimer);
      clearInterval(syncTimer);
      await Promise.all([...locks.values()]);
      await Promise.all([...instances.keys()].map((id) => stopOne(id)));
    },
    async status(source) {
      const i = instances.get(source.id);
      if (i === undefined) {
        return { id: source.id, state: source.enabled ? 'stopped' : 'disabled', since: null, endpoint: null, counters: emptyCounters, lastError: source.lastError };
      }
      return { id: source.id, state: i.state, since: i.since, endpoint: i.input?.endpoint ?? null, counters: await runCounters(i), lastError: i.meter.lastError };
    },
  };
}
