// The events table, write side (events-query.store.ts reads). A batch is written in one pass: the day
// partitions it needs are created first (cached once seen), its rows are loaded with COPY into the
// writer's own staging table, and one `insert ... select ... on conflict do nothing` moves them into
// `events` in a transaction that also empties the staging table; the same statement counts the new rows
// into the rollups (event-rollups.store.ts, ADR 017). Re-sent events (same organisation, id and time) are
// skipped by the primary key, so a batch written twice is stored, and counted, once.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../storage/index.js';
import { escapeCopyText } from '../../storage/copy.js';
import { rollupReturning, rollupStatements } from './event-rollups.store.js';
import { hotColumns, storableText } from './normalize.js';
import { eventSeverities, type SensedEvent } from './types.js';

/** The columns a write fills, in COPY order. */
export const eventColumns = [
  'org_id', 'org_path', 'id', 'time', 'received_at', 'tlp', 'shared_upward', 'source_type', 'source_id', 'source_name',
  'kind', 'severity', 'message', 'fields', 'source_ip', 'source_port', 'destination_ip', 'destination_port', 'protocol',
  'action', 'source_asset_id', 'destination_asset_id', 'raw', 'raw_truncated', 'origin',
] as const;

const DAY_MS = 86_400_000;

/** `events_pYYYYMMDD` for a UTC day `YYYY-MM-DD`. */
export function partitionName(day: string): string {
  return `events_p${day.replaceAll('-', '')}`;
}

/** The UTC day (`YYYY-MM-DD`) a partition name stands for, or undefined for other tables. */
export function partitionDay(name: string): string | undefined {
  const m = /^events_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m === null ? undefined : `${m[1]}-${m[2]}-${m[3]}`;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Creates the partitions for these UTC days when missing (concurrent writers may race: both succeed). */
export async function createPartitions(database: Database, days: Iterable<string>): Promise<void> {
  for (const day of days) {
    if (!DAY.test(day)) throw new Error(`not a day: ${day}`);
    const statement = sql.raw(
      `create table if not exists ${partitionName(day)} partition of events for values from ('${day} 00:00:00+00') to ('${nextDay(day)} 00:00:00+00')`,
    );
    try {
      await statement.execute(database.db);
    } catch (error) {
      // Another process created it between our check and our create: what we wanted exists.
      const code = (error as { code?: string }).code;
      if (code !== '42P07' && code !== '23505') throw error;
    }
  }
}

/** The day partitions that exist, as UTC days, oldest first. */
export async function listPartitionDays(database: Database): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    where i.inhparent = to_regclass('events')`.execute(database.db);
  return result.rows
    .map((r) => partitionDay(r.name))
    .filter((d): d is string => d !== undefined)
    .sort();
}

/** One line of COPY text: a string field, NUL removed (COPY cannot carry it). */
function text(value: string): string {
  return escapeCopyText(value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);
}
function nullable(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '\\N' : typeof value === 'number' ? String(value) : text(value);
}
/** JSON for a jsonb column; jsonb refuses \u0000 and lone surrogates, so those strings are cleaned (rare). */
function json(value: unknown): string {
  let out = JSON.stringify(value);
  if (out.includes('\\u0000') || out.includes('\\ud')) out = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
  return escapeCopyText(out);
}

/** The rows of a batch as COPY text; `orgPaths` gives each organisation's path. */
export function eventsCopyText(events: readonly SensedEvent[], orgPaths: ReadonlyMap<string, string>): string {
  const lines: string[] = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as SensedEvent;
    const hot = hotColumns(e);
    const path = orgPaths.get(e.orgId);
    if (path === undefined) throw new Error(`no path for organisation ${e.orgId}`);
    lines[i] = [
      text(e.orgId), text(path), text(e.id), e.time, e.receivedAt, e.tlp, e.sharedUpward ? 't' : 'f',
      e.source.type, text(e.source.id), text(e.source.name), e.kind, String(Math.max(0, eventSeverities.indexOf(e.severity))),
      text(e.message), json(e.fields), nullable(hot.sourceIp), nullable(hot.sourcePort), nullable(hot.destinationIp),
      nullable(hot.destinationPort), nullable(hot.protocol), nullable(hot.action), nullable(e.assets.source),
      nullable(e.assets.destination), nullable(e.raw), e.rawTruncated ? 't' : 'f', json(e.origin),
    ].join('\t');
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export interface WriteResult {
  /** Events that were new (the others were already stored). */
  readonly stored: number;
  /** The new events themselves, when asked for (the bus publishes only these). */
  readonly newEvents: readonly SensedEvent[] | undefined;
}

export interface EventWriter {
  /** Writes a batch idempotently; the organisations' paths must be given for every event's organisation. */
  write(events: readonly SensedEvent[], orgPaths: ReadonlyMap<string, string>, options?: { readonly returnNew?: boolean }): Promise<WriteResult>;
  /** Drops the staging table. */
  close(): Promise<void>;
}

const STAGING = /^events_staging_[a-z0-9_]+$/;
/** Staging tables of this process's live writers (whatever their database). */
const liveStaging = new Set<string>();

/**
 * Drops staging tables no live writer owns. Only on PGlite: one process holds its data directory, so a
 * staging table this process does not own was left by a process that ended (a crash, a kill). On
 * PostgreSQL another process's writer may own it; those stay (at most one batch each, unlogged).
 */
export async function dropStaleStaging(database: Database): Promise<string[]> {
  if (database.backend !== 'pglite') return [];
  const result = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = current_schema() and tablename like 'events_staging_%'`.execute(database.db);
  const stale = result.rows.map((r) => r.name).filter((n) => STAGING.test(n) && !liveStaging.has(n));
  for (const name of stale) await sql`drop table if exists ${sql.table(name)}`.execute(database.db);
  return stale;
}

/**
 * A writer with its own staging table (one per concurrent writer: a staging table is emptied by the
 * transaction that moves its rows, so two writers must never share one). The name is random unless given.
 */
export async function createEventWriter(database: Database, options: { readonly staging?: string } = {}): Promise<EventWriter> {
  const staging = options.staging ?? `events_staging_${randomBytes(6).toString('hex')}`;
  if (!STAGING.test(staging)) throw new Error(`unsafe staging table name ${staging}`);
  const table = sql.table(staging);
  // Unlogged: it holds one batch for a moment; a crash loses nothing the queue will not deliver again.
  liveStaging.add(staging);
  await sql`create unlogged table if not exists ${table} (like events)`.execute(database.db);
  const knownDays = new Set<string>(await listPartitionDays(database));
  const columns = sql.raw(eventColumns.join(', '));
  let dirty = false;

  const write: EventWriter['write'] = async (events, orgPaths, writeOptions = {}) => {
      if (events.length === 0) return { stored: 0, newEvents: writeOptions.returnNew === true ? [] : undefined };
      const days = new Set<string>();
      for (const e of events) days.add(e.time.slice(0, 10));
      const missing = [...days].filter((d) => !knownDays.has(d));
      if (missing.length > 0) {
        await createPartitions(database, missing);
        for (const d of missing) knownDays.add(d);
      }
      // A failed transaction leaves its rows in the staging table: clear them before loading again.
      if (dirty) await sql`truncate ${table}`.execute(database.db);
      dirty = true;
      await database.copyFrom(staging, eventColumns, eventsCopyText(events, orgPaths));
      const result = await database.db.transaction().execute(async (trx) => {
        // One statement: the new rows go into `events` and, counted, into the rollups (event-rollups.store.ts).
        const insert = sql`with ins as (insert into events (${columns}) select ${columns} from ${table} on conflict do nothing returning ${rollupReturning}), ${rollupStatements()}`;
        let stored: number;
        let newEvents: SensedEvent[] | undefined;
        if (writeOptions.returnNew === true) {
          const inserted = await sql<{ org_id: string; id: string }>`${insert} select ins.org_id, ins.id from ins`.execute(trx);
          const keys = new Set(inserted.rows.map((r) => `${r.org_id}\u0000${r.id}`));
          newEvents = events.filter((e) => keys.delete(`${e.orgId}\u0000${e.id}`));
          stored = inserted.rows.length;
        } else {
          const counted = await sql<{ n: string }>`${insert} select count(*) as n from ins`.execute(trx);
          stored = Number(counted.rows[0]?.n ?? 0);
        }
        await sql`truncate ${table}`.execute(trx);
        return { stored, newEvents };
      });
      dirty = false;
      return result;
  };

  return {
    async write(events, orgPaths, writeOptions) {
      try {
        return await write(events, orgPaths, writeOptions);
      } catch (error) {
        // 23514: no partition for a row, because retention dropped a day this writer had seen: learn again, once.
        if ((error as { code?: string }).code !== '23514') throw error;
        knownDays.clear();
        for (const d of await listPartitionDays(database)) knownDays.add(d);
        return write(events, orgPaths, writeOptions);
      }
    },
    async close() {
      await sql`drop table if exists ${table}`.execute(database.db);
      liveStaging.delete(staging);
    },
  };
}
