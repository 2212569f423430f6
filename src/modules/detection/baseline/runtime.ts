// What the learner, the deviation stage and the enricher share in one process: the organisations'
// baselines (re-read at most every second, so another process's accept or relearn is seen), each active
// baseline's content in memory (reloaded when its version changes), the asset zones of a batch, and the
// per-key polling state (last operation time, consecutive off-period intervals).
import type { Db } from '../../../storage/index.js';
import type { SensedEvent } from '../../sensing/index.js';
import { selectAssetZones, selectBaselinesOfOrgs, selectItemRows, toRecord } from './baseline.store.js';
import { buildModel, type BaselineModel } from './model.js';
import type { Baseline } from './types.js';

export interface PollState {
  last: number;
  strikes: number;
}

export interface BaselineEntry {
  baseline: Baseline;
  model: BaselineModel | undefined;
  modelVersion: number;
  readonly polling: Map<string, PollState>;
}

export interface BaselineRuntime {
  /** Baselines of the batch's organisations and zones of its assets, fresh enough. */
  prepare(events: readonly SensedEvent[], force?: boolean): Promise<void>;
  /** The zone an event belongs to: its destination asset's, else its source asset's, else ''. */
  zoneOf(event: SensedEvent): string;
  entry(orgId: string, zone: string): BaselineEntry | undefined;
  /** The active baseline's content, loaded on first use after each version. */
  model(entry: BaselineEntry): Promise<BaselineModel>;
  /** Re-reads these organisations' baselines now. */
  reload(orgIds: readonly string[]): Promise<void>;
  /** Baselines and content are re-read on next use (an accept, a relearn, a setting). */
  invalidate(): void;
}

export interface RuntimeOptions {
  readonly refreshMs?: number;
  readonly zoneTtlMs?: number;
  readonly now?: () => number;
}

export function createBaselineRuntime(db: Db, options: RuntimeOptions = {}): BaselineRuntime {
  const refreshMs = options.refreshMs ?? 1_000;
  const zoneTtlMs = options.zoneTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, BaselineEntry>();
  const refreshedAt = new Map<string, number>();
  const zones = new Map<string, { zone: string; at: number }>();
  const keyOf = (orgId: string, zone: string) => `${orgId}\u0000${zone}`;

  async function reload(orgIds: readonly string[]): Promise<void> {
    if (orgIds.length === 0) return;
    const t = now();
    for (const b of await selectBaselinesOfOrgs(db, orgIds)) {
      const k = keyOf(b.orgId, b.zone);
      const e = entries.get(k);
      if (e === undefined) entries.set(k, { baseline: b, model: undefined, modelVersion: -1, polling: new Map() });
      else {
        // Relearnt (a new version that learns): what was known of the polls is from the old baseline.
        if (b.version !== e.baseline.version && b.state === 'learning') e.polling.clear();
        e.baseline = b;
      }
    }
    for (const id of orgIds) refreshedAt.set(id, t);
  }

  return {
    async prepare(events, force = false) {
      const t = now();
      const orgIds = [...new Set(events.map((e) => e.orgId))].filter((id) => force || t - (refreshedAt.get(id) ?? -Infinity) > refreshMs);
      const assetIds = [...new Set(events.flatMap((e) => [e.assets.destination, e.assets.source]).filter((a): a is string => a !== undefined))].filter((a) => t - (zones.get(a)?.at ?? -Infinity) > zoneTtlMs);
      const [, found] = await Promise.all([reload(orgIds), selectAssetZones(db, assetIds)]);
      for (const a of assetIds) zones.set(a, { zone: found.get(a) ?? '', at: t });
    },
    zoneOf(event) {
      const d = event.assets.destination === undefined ? '' : (zones.get(event.assets.destination)?.zone ?? '');
      if (d !== '') return d;
      return event.assets.source === undefined ? '' : (zones.get(event.assets.source)?.zone ?? '');
    },
    entry: (orgId, zone) => entries.get(keyOf(orgId, zone)),
    async model(entry) {
      if (entry.model === undefined || entry.modelVersion !== entry.baseline.version) {
        entry.model = buildModel((await selectItemRows(db, entry.baseline.id)).map(toRecord));
        entry.modelVersion = entry.baseline.version;
      }
      return entry.model;
    },
    reload,
    // Re-read on next use; the polling state stays (a relearn clears it when the baseline is re-read).
    invalidate() {
      for (const e of entries.values()) e.model = undefined;
      refreshedAt.clear();
    },
  };
}
