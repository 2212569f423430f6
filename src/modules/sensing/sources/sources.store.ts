// Queries on event_sources; nothing else touches the table.
import type { ExpressionBuilder, Selectable } from 'kysely';
import { upwardReaderRoles, type Actor } from '../../../platform/access.js';
import { toIso } from '../../../platform/crypto.js';
import { tlpShareableUpward, type Tlp } from '../../../platform/tlp.js';
import type { Db, Tables } from '../../../storage/index.js';
import type { EventSource, EventSourceType, SourceRunCounters } from './types.js';

type From = ExpressionBuilder<Tables & { s: Tables['event_sources']; o: Tables['organisations'] }, 's' | 'o'>;
export type SourceRow = Selectable<Tables['event_sources']> & { org_path: string };

/** The read rule (ADR 002): the owner's members; admins, analysts and responders above when shared upward at CLEAR, GREEN or AMBER. */
export function sourceVisibleTo(actor: Actor) {
  return (eb: From) => {
    if (actor.kind === 'system') return eb.val(true);
    const own = eb('s.org_id', '=', actor.orgId);
    if (!upwardReaderRoles.includes(actor.role)) return own;
    return eb.or([own, eb.and([eb('o.path', 'like', `${actor.orgPath}%`), eb('s.shared_upward', '=', true), eb('s.tlp', 'in', [...tlpShareableUpward])])]);
  };
}

const selectRows = (db: Db) => db.selectFrom('event_sources as s').innerJoin('organisations as o', 'o.id', 's.org_id').selectAll('s').select('o.path as org_path');

export const emptyCounters: SourceRunCounters = { received: 0, accepted: 0, stored: null, dropped: 0, rejected: 0, unmatchedSenders: 0, refusals: 0, lastEventAt: null };

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function toSource(row: SourceRow): EventSource {
  return {
    id: row.id,
    orgId: row.org_id,
    type: row.type as EventSourceType,
    name: row.name,
    config: json<EventSource['config']>(row.config),
    enabled: row.enabled,
    tlp: row.tlp as Tlp,
    sharedUpward: row.shared_upward,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    lastError: row.last_error,
    counters: { ...emptyCounters, ...json<Partial<SourceRunCounters>>(row.counters) },
  };
}

export function selectVisibleSources(db: Db, actor: Actor, filter: { type?: EventSourceType | undefined; orgId?: string | undefined } = {}): Promise<SourceRow[]> {
  let q = selectRows(db).where(sourceVisibleTo(actor));
  if (filter.type !== undefined) q = q.where('s.type', '=', filter.type);
  if (filter.orgId !== undefined) q = q.where('s.org_id', '=', filter.orgId);
  return q.orderBy('o.path').orderBy('s.name').execute();
}

export function selectVisibleSource(db: Db, actor: Actor, id: string): Promise<SourceRow | undefined> {
  return selectRows(db).where(sourceVisibleTo(actor)).where('s.id', '=', id).executeTakeFirst();
}

export function selectSourceById(db: Db, id: string): Promise<SourceRow | undefined> {
  return selectRows(db).where('s.id', '=', id).executeTakeFirst();
}

export function selectEnabledSources(db: Db): Promise<SourceRow[]> {
  return selectRows(db).where('s.enabled', '=', true).orderBy('s.created_at').execute();
}

export interface SourceValues {
  readonly id: string;
  readonly orgId: string;
  readonly type: EventSourceType;
  readonly name: string;
  readonly config: unknown;
  readonly enabled: boolean;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly createdBy: string;
}

/** Inserts unless the organisation has a source of that name; undefined then. */
export async function insertSource(db: Db, v: SourceValues): Promise<boolean> {
  const inserted = await db
    .insertInto('event_sources')
    .values({ id: v.id, org_id: v.orgId, type: v.type, name: v.name, config: JSON.stringify(v.config), enabled: v.enabled, tlp: v.tlp, shared_upward: v.sharedUpward, created_by: v.createdBy })
    .onConflict((oc) => oc.columns(['org_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateSource(db: Db, id: string, change: { name?: string | undefined; config?: unknown; enabled?: boolean | undefined; tlp?: Tlp | undefined; sharedUpward?: boolean | undefined }): Promise<void> {
  await db
    .updateTable('event_sources')
    .set({
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.config === undefined ? {} : { config: JSON.stringify(change.config) }),
      ...(change.enabled === undefined ? {} : { enabled: change.enabled }),
      ...(change.tlp === undefined ? {} : { tlp: change.tlp }),
      ...(change.sharedUpward === undefined ? {} : { shared_upward: change.sharedUpward }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSource(db: Db, id: string): Promise<void> {
  await db.deleteFrom('event_sources').where('id', '=', id).execute();
}

/** What the running source did: its last error, and counter totals across restarts. */
export async function saveRunState(db: Db, id: string, state: { lastError: string | null; counters: SourceRunCounters }): Promise<void> {
  await db.updateTable('event_sources').set({ last_error: state.lastError, counters: JSON.stringify(state.counters) }).where('id', '=', id).execute();
}

/** Syslog sources of every organisation using a port for a transport (udp, or tcp which tls shares). */
export async function selectSyslogPortUsers(db: Db): Promise<{ id: string; config: unknown; enabled: boolean }[]> {
  return db.selectFrom('event_sources').select(['id', 'config', 'enabled']).where('type', '=', 'syslog').execute();
}

/** Paths of the organisations, to check that ranges and defaults name the source's organisation or one below it. */
export async function selectOrgPaths(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'path']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}
