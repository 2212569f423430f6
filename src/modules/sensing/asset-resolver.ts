// Source and destination addresses resolve to the organisation's assets by IP, then MAC. The assets of an
// organisation are held in memory and reloaded after a short TTL, with one query for every organisation a
// batch needs, so resolution never costs a query per event.
import type { Db } from '../../storage/index.js';

export interface OrgSnapshot {
  /** The organisation's ancestry (organisations.path), copied onto events for parents' reads. */
  readonly path: string;
  readonly byIp: ReadonlyMap<string, string>;
  readonly byMac: ReadonlyMap<string, string>;
}

export interface AssetResolver {
  /** The snapshots of these organisations, loading the missing or stale ones in one query each kind. */
  snapshots(orgIds: readonly string[]): Promise<ReadonlyMap<string, OrgSnapshot>>;
  /** Drop cached snapshots (all, or one organisation's), e.g. after an asset import. */
  invalidate(orgId?: string): void;
}

export interface AssetResolverOptions {
  /** How long a snapshot is trusted; new assets resolve after at most this long. Default 30 s. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/** Lowercase colon-separated MAC, or undefined when the text is not one. */
export function normalizeMac(mac: string): string | undefined {
  const hex = mac.toLowerCase().replace(/[^0-9a-f]/g, '');
  return hex.length === 12 ? hex.replace(/(..)(?!$)/g, '$1:') : undefined;
}

export function createAssetResolver(db: Db, options: AssetResolverOptions = {}): AssetResolver {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { readonly at: number; readonly snapshot: OrgSnapshot }>();
  // Concurrent batches of the same organisation share one load.
  const loading = new Map<string, Promise<void>>();

  async function load(orgIds: readonly string[]): Promise<void> {
    const [orgs, assets] = await Promise.all([
      db.selectFrom('organisations').select(['id', 'path']).where('id', 'in', orgIds).execute(),
      db
        .selectFrom('assets')
        .select(['id', 'org_id', 'ip', 'mac'])
        .where('org_id', 'in', orgIds)
        .where((eb) => eb.or([eb('ip', 'is not', null), eb('mac', 'is not', null)]))
        // the lowest id wins when two assets claim one address, the same on every load
        .orderBy('id', 'desc')
        .execute(),
    ]);
    const at = now();
    for (const org of orgs) {
      const byIp = new Map<string, string>();
      const byMac = new Map<string, string>();
      for (const a of assets) {
        if (a.org_id !== org.id) continue;
        if (a.ip !== null) byIp.set(a.ip.trim().toLowerCase(), a.id);
        const mac = a.mac === null ? undefined : normalizeMac(a.mac);
        if (mac !== undefined) byMac.set(mac, a.id);
      }
      cache.set(org.id, { at, snapshot: { path: org.path, byIp, byMac } });
    }
  }

  return {
    async snapshots(orgIds) {
      const t = now();
      const stale = [...new Set(orgIds)].filter((id) => {
        const entry = cache.get(id);
        return (entry === undefined || t - entry.at > ttlMs) && !loading.has(id);
      });
      if (stale.length > 0) {
        const done = load(stale).finally(() => {
          for (const id of stale) loading.delete(id);
        });
        for (const id of stale) loading.set(id, done);
      }
      await Promise.all(orgIds.map((id) => loading.get(id)));
      const result = new Map<string, OrgSnapshot>();
      for (const id of orgIds) {
        const entry = cache.get(id);
        if (entry !== undefined) result.set(id, entry.snapshot);
      }
      return result;
    },
    invalidate(orgId) {
      if (orgId === undefined) cache.clear();
      else cache.delete(orgId);
    },
  };
}
