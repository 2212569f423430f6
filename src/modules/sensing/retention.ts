// Retention: events older than the organisation's retention go. Whole day partitions older than the
// longest retention in force are dropped (no row-by-row delete, no bloat); organisations that keep less
// than the longest have their older rows deleted inside the partitions that remain. The rollups
// (event-rollups.store.ts) lose the same events: their rows before a dropped day's end, and an
// organisation's rows before its cutoff, which is rounded down to a rollup bucket so a bucket goes whole.
import { sql } from 'kysely';
import type { Database } from '../../storage/index.js';
import { bucketFloor, deleteRollups } from './event-rollups.store.js';
import { listPartitionDays, partitionName } from './events.store.js';

const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** BULWARK_EVENT_RETENTION_DAYS: for every organisation without its own. */
  readonly defaultDays: number;
}

export interface RetentionResult {
  /** Days whose partitions were dropped. */
  readonly droppedDays: readonly string[];
  /** Rows deleted for organisations that keep less than the longest retention. */
  readonly deletedRows: number;
}

/** Organisations' own retention (event_retention), in days. */
export async function orgRetentions(database: Database): Promise<Map<string, number>> {
  const rows = await database.db.selectFrom('event_retention').select(['org_id', 'days']).execute();
  return new Map(rows.map((r) => [r.org_id, r.days]));
}

/** Sets (days) or clears (null) an organisation's own retention. */
export async function setOrgRetention(database: Database, orgId: string, days: number | null): Promise<void> {
  if (days === null) {
    await database.db.deleteFrom('event_retention').where('org_id', '=', orgId).execute();
    return;
  }
  if (!Number.isInteger(days) || days < 1) throw new Error('retention must be a whole number of days, at least 1');
  await database.db
    .insertInto('event_retention')
    .values({ org_id: orgId, days })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ days }))
    .execute();
}

export async function applyRetention(database: Database, policy: RetentionPolicy, nowMs: number = Date.now()): Promise<RetentionResult> {
  const own = await orgRetentions(database);
  const longest = Math.max(policy.defaultDays, ...own.values());
  // A partition goes when its whole day ends before the longest cutoff.
  const longestCutoff = nowMs - longest * DAY_MS;
  const droppedDays: string[] = [];
  for (const day of await listPartitionDays(database)) {
    if (Date.parse(`${day}T00:00:00Z`) + DAY_MS > longestCutoff) break;
    await sql.raw(`drop table if exists ${partitionName(day)}`).execute(database.db);
    droppedDays.push(day);
  }
  const lastDropped = droppedDays.at(-1);
  if (lastDropped !== undefined) await deleteRollups(database.db, new Date(Date.parse(`${lastDropped}T00:00:00Z`) + DAY_MS));
  let deletedRows = 0;
  // Shorter retentions: one delete per distinct length; the time bound prunes to the partitions involved.
  const byDays = new Map<number, string[]>();
  for (const [orgId, days] of own) if (days < longest) byDays.set(days, [...(byDays.get(days) ?? []), orgId]);
  for (const [days, orgIds] of byDays) {
    const cutoff = new Date(bucketFloor(nowMs - days * DAY_MS));
    const result = await database.db.deleteFrom('events').where('org_id', 'in', orgIds).where('time', '<', cutoff).executeTakeFirst();
    await deleteRollups(database.db, cutoff, { in: orgIds });
    deletedRows += Number(result.numDeletedRows);
  }
  if (policy.defaultDays < longest) {
    // organisations without their own retention, when some other keeps longer than the default
    const overridden = [...own.keys()];
    const cutoff = new Date(bucketFloor(nowMs - policy.defaultDays * DAY_MS));
    let query = database.db.deleteFrom('events').where('time', '<', cutoff);
    if (overridden.length > 0) query = query.where('org_id', 'not in', overridden);
    const result = await query.executeTakeFirst();
    await deleteRollups(database.db, cutoff, { notIn: overridden });
    deletedRows += Number(result.numDeletedRows);
  }
  return { droppedDays, deletedRows };
}

/** Runs retention now and then every `intervalMs` (default hourly); errors are reported, never thrown. */
export function startRetention(run: () => Promise<unknown>, onError: (error: unknown) => void, intervalMs = 3_600_000): { stop(): Promise<void> } {
  let current: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    current = current.then(run).catch(onError);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
