// Reads of the events table: pages, counts, histograms, top values, one event. Every read is bounded
// in time (so only the partitions of those days are scanned) and filtered by the same rule as every
// other resource, on the copied `org_path` column instead of a join with organisations.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import type { Tlp } from '../../platform/tlp.js';
import type { Db } from '../../storage/index.js';
import { countsAnswer, rollupBounds, rollupSeconds, rollupSpan, rollupVisibleTo, topAnswer } from './event-rollups.store.js';
import { eventVisibleTo } from './event-visibility.js';
import type { EventQuery, FieldTarget } from './query-language.js';
import { queryCondition } from './query-sql.js';
import { eventSeverities, type EventKind, type EventOrigin, type EventFields, type SensedEvent, type SourceType } from './types.js';

/** What to read: who asks, the half-open window [from, to), and the parsed query. */
export interface EventSelection {
  readonly actor: Actor;
  readonly from: Date;
  readonly to: Date;
  readonly query: EventQuery;
  /**
   * The organisations whose events the actor may read some of (readableOrgs): a superset the rule
   * then narrows, given so that the (org_id, time, id) index serves the read. Undefined: every one.
   */
  readonly orgs?: readonly string[] | undefined;
}

/** The actor's own organisation, or for readers above it their whole subtree; undefined for the local operator. */
export async function readableOrgs(db: Db, actor: Actor): Promise<string[] | undefined> {
  if (actor.kind === 'system') return undefined;
  if (!upwardReaderRoles.includes(actor.role)) return [actor.orgId];
  return (await db.selectFrom('organisations').select('id').where('path', 'like', `${actor.orgPath}%`).orderBy('id').execute()).map((o) => o.id);
}

/** The position after the last event of a page: its time (microseconds, as text) and id. */
export interface EventKey {
  readonly time: string;
  readonly id: string;
}

// Microseconds survive the round trip through the cursor only as text.
const timeText = sql<string>`to_char(e.time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const receivedText = sql<string>`to_char(e.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const eventColumns = [
    'e.id',
    'e.org_id',
    'e.tlp',
    'e.shared_upward',
    'e.source_type',
    'e.source_id',
    'e.source_name',
    'e.kind',
    'e.severity',
    'e.message',
    'e.fields',
    'e.source_asset_id',
    'e.destination_asset_id',
    'e.raw',
    'e.raw_truncated',
    'e.origin',
    timeText.as('time_text'),
    receivedText.as('received_text'),
] as const;

function selected(db: Db, s: EventSelection) {
  const condition = queryCondition(s.query);
  let q = db.selectFrom('events as e').where(eventVisibleTo(s.actor)).where('e.time', '>=', s.from).where('e.time', '<', s.to);
  if (s.orgs !== undefined) q = q.where('e.org_id', 'in', s.orgs.length === 0 ? [''] : [...s.orgs]);
  if (condition !== undefined) q = q.where(condition as unknown as ReturnType<typeof sql<SqlBool>>);
  return q;
}

function events(db: Db, s: EventSelection) {
  return selected(db, s).select(eventColumns);
}

type EventRow = NonNullable<Awaited<ReturnType<ReturnType<typeof events>['executeTakeFirst']>>>;

/** Microsecond text as ISO 8601: milliseconds when that is exact, as Date.toISOString() writes it. */
const iso = (text: string) => (text.endsWith('000Z') ? `${text.slice(0, -4)}Z` : text);

function toEvent(row: EventRow): SensedEvent {
  return {
    id: row.id,
    time: iso(row.time_text),
    receivedAt: iso(row.received_text),
    orgId: row.org_id,
    tlp: row.tlp as Tlp,
    sharedUpward: row.shared_upward,
    source: { type: row.source_type as SourceType, id: row.source_id, name: row.source_name },
    kind: row.kind as EventKind,
    severity: eventSeverities[row.severity] ?? 'info',
    message: row.message,
    fields: row.fields as EventFields,
    assets: {
      ...(row.source_asset_id === null ? {} : { source: row.source_asset_id }),
      ...(row.destination_asset_id === null ? {} : { destination: row.destination_asset_id }),
    },
    raw: row.raw,
    rawTruncated: row.raw_truncated,
    origin: row.origin as EventOrigin,
  };
}

/** Most organisations a page reads one by one (merged in time order); past it, one scan sorts them all. */
const maxMergedOrgs = 64;

/** Newest first (time, then id, descending); `after` is the key of the previous page's last event. */
export async function selectEventPage(db: Db, s: EventSelection, limit: number, after?: EventKey): Promise<{ events: SensedEvent[]; last: EventKey | null }> {
  const page = (org?: string, within?: { from: Date; to: Date }) => {
    let q = events(db, within === undefined ? s : { ...s, ...within }).select('e.time as t');
    if (org !== undefined) q = q.where('e.org_id', '=', org);
    if (after !== undefined) {
      q = q.where((eb) => eb.or([eb('e.time', '<', sql<Date>`${after.time}::timestamptz`), eb.and([eb('e.time', '=', sql<Date>`${after.time}::timestamptz`), eb('e.id', '<', after.id)])]));
    }
    return q.orderBy('e.time', 'desc').orderBy('e.id', 'desc').limit(limit);
  };
  // Each organisation's newest events come in order from its index; merging them is cheaper than
  // sorting every event of the window (the index leads with org_id, so an IN list would not be ordered).
  // Words to find are the exception: the message's GIN index finds their few events faster than walks.
  const words = s.query.clauses.some((c) => c.type === 'text' && !c.negated);
  const merged = !words && s.orgs !== undefined && s.orgs.length > 1 && s.orgs.length <= maxMergedOrgs;
  // An organisation whose rollups show no bucket meeting some clause has nothing to find, and one that
  // does is walked only between its first and last such bucket: otherwise a rare value's walk reads the
  // organisation's whole window (the filter matching in one organisation of four).
  const bounds = merged ? await rollupBounds(db, s.orgs ?? [], s.query, s.from, s.to) : undefined;
  const orgs = bounds === undefined ? (s.orgs ?? []) : [...bounds.keys()];
  if (merged && orgs.length === 0) return { events: [], last: null };
  const walk = (org: string) => page(org, bounds?.get(org));
  const rows =
    merged && orgs.length > 1
      ? (await sql<EventRow & { t: Date }>`select * from (${sql.join(orgs.map((org) => sql`(${walk(org)})`), sql` union all `)}) as u order by u.t desc, u.id desc limit ${limit}`.execute(db)).rows
      : await (merged ? walk(orgs[0] as string) : page()).execute();
  const lastRow = rows.at(-1);
  return { events: rows.map(toEvent), last: lastRow === undefined ? null : { time: lastRow.time_text, id: lastRow.id } };
}

export async function countEvents(db: Db, s: EventSelection): Promise<number> {
  const span = countsAnswer(s.query) ? rollupSpan(s.from, s.to) : undefined;
  if (span === undefined) return Number((await selected(db, await narrowed(db, s)).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const parts = [
    sql`select sum(e.n) as n from event_counts e where ${rollupWhere(s, span)}`,
    ...edges(s, span).map((edge) => sql`(${selected(db, edge).select((eb) => eb.fn.countAll<string>().as('n'))})`),
  ];
  const row = await sql<{ n: string | null }>`select sum(u.n) as n from (${sql.join(parts, sql` union all `)}) as u`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/**
 * The selection without the organisations whose rollups rule out a match (orgsThatMayMatch): a read
 * the rollups cannot answer still scans only the organisations that may hold its events.
 */
async function narrowed(db: Db, s: EventSelection): Promise<EventSelection> {
  if (s.orgs === undefined || s.orgs.length < 2) return s;
  const bounds = await rollupBounds(db, s.orgs, s.query, s.from, s.to);
  if (bounds === undefined) return s;
  const spans = [...bounds.values()];
  if (spans.length === 0) return { ...s, orgs: [] };
  const from = new Date(Math.min(...spans.map((b) => b.from.getTime())));
  const to = new Date(Math.max(...spans.map((b) => b.to.getTime())));
  return { ...s, orgs: [...bounds.keys()], from, to };
}

/** The rollup rows of a selection's whole buckets (alias `e`): visibility, organisations and the query's own condition. */
function rollupWhere(s: EventSelection, span: { start: Date; end: Date }) {
  const parts = [rollupVisibleTo(s.actor), sql<boolean>`e.bucket >= ${span.start} and e.bucket < ${span.end}`];
  if (s.orgs !== undefined) parts.push(sql<boolean>`e.org_id in (${sql.join(s.orgs.length === 0 ? [''] : [...s.orgs])})`);
  const condition = queryCondition(s.query);
  if (condition !== undefined) parts.push(condition);
  return sql.join(parts, sql` and `);
}

/** The partial buckets at a window's edges, read from the events: [from, start) and [end, to) when not empty. */
function edges(s: EventSelection, span: { start: Date; end: Date }): EventSelection[] {
  const out: EventSelection[] = [];
  if (s.from < span.start) out.push({ ...s, to: span.start });
  if (span.end < s.to) out.push({ ...s, from: span.end });
  return out;
}

/** Counts per bucket of `seconds`, aligned on the Unix epoch; only buckets holding events. */
export async function selectHistogram(db: Db, s: EventSelection, seconds: number): Promise<{ start: number; count: number }[]> {
  // date_bin works on the timestamp itself: far cheaper per row than numeric arithmetic on extract(epoch).
  const bin = (column: RawBuilder<Date>) => sql<Date>`date_bin(${sql.lit(`${seconds} seconds`)}::interval, ${column}, timestamptz '1970-01-01 00:00:00+00')`;
  const bucket = bin(sql<Date>`e.time`);
  const raw = (edge: EventSelection) =>
    selected(db, edge)
      .select([bucket.as('b'), (eb) => eb.fn.countAll<string>().as('n')])
      // By position: the same expression written twice would be two expressions to PostgreSQL.
      .groupBy(sql`1`);
  // Whole rollup buckets nest in the histogram's when its interval is a multiple of theirs (both epoch-aligned).
  const span = seconds % rollupSeconds === 0 && countsAnswer(s.query) ? rollupSpan(s.from, s.to) : undefined;
  const rows =
    span === undefined
      ? await raw(await narrowed(db, s)).orderBy(sql`1`).execute()
      : (
          await sql<{ b: Date; n: string }>`select u.b, sum(u.n) as n from (${sql.join(
            [sql`select ${bin(sql<Date>`e.bucket`)} as b, sum(e.n) as n from event_counts e where ${rollupWhere(s, span)} group by 1`, ...edges(s, span).map((edge) => sql`(${raw(edge)})`)],
            sql` union all `,
          )}) as u group by 1 order by 1`.execute(db)
        ).rows;
  return rows.map((r) => ({ start: new Date(r.b).getTime(), count: Number(r.n) }));
}

/** The SQL value of a field for grouping, as text; undefined for fields that cannot be grouped on. */
function groupValue(target: FieldTarget) {
  switch (target.type) {
    case 'ip':
      return target.columns.length === 1 ? sql<string>`host(${sql.ref(`e.${target.columns[0]}`)})` : undefined;
    case 'int':
    case 'text':
    case 'enum':
      return target.columns.length === 1 ? sql<string>`${sql.ref(`e.${target.columns[0]}`)}::text` : undefined;
    case 'severity':
      return sql<string>`e.severity::text`;
    case 'json':
      return sql<string>`e.fields #>> ${`{${target.path.join(',')}}`}::text[]`;
    case 'message':
      return undefined;
  }
}

export function canGroupOn(target: FieldTarget): boolean {
  return groupValue(target) !== undefined;
}

/** The most frequent values of a field, with their counts; `events` counts the events that have the field. */
export async function selectTop(db: Db, s: EventSelection, target: FieldTarget, limit: number): Promise<{ values: { value: string; count: number }[]; events: number }> {
  const value = groupValue(target);
  if (value === undefined) return { values: [], events: 0 };
  const shown = (v: string) => (target.type === 'severity' ? (eventSeverities[Number(v)] ?? v) : v);
  const grouped = (edge: EventSelection) =>
    selected(db, edge)
      .where(sql<SqlBool>`${value} is not null`)
      .select([value.as('v'), (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(sql`1`);
  const rollup = topAnswer(s.query, target);
  const span = rollup === undefined ? undefined : rollupSpan(s.from, s.to);
  if (rollup === undefined || span === undefined) {
    const rows = await grouped(await narrowed(db, s))
      .select(sql<string>`sum(count(*)) over ()`.as('total'))
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`1`)
      .limit(limit)
      .execute();
    return { values: rows.map((r) => ({ value: shown(r.v), count: Number(r.n) })), events: Number(rows[0]?.total ?? 0) };
  }
  const fromRollup =
    rollup.table === 'counts'
      ? sql`select e.${sql.raw(rollup.column)}::text as v, sum(e.n) as n from event_counts e where ${rollupWhere(s, span)} group by 1`
      : sql`select e.value as v, sum(e.n) as n from event_field_counts e where e.field = ${rollup.field} and ${rollupWhere(s, span)} group by 1`;
  const rows = (
    await sql<{ v: string; n: string; total: string }>`
      select u.v, sum(u.n) as n, sum(sum(u.n)) over () as total
      from (${sql.join([fromRollup, ...edges(s, span).map((edge) => sql`(${grouped(edge)})`)], sql` union all `)}) as u
      group by 1 order by 2 desc, 1 limit ${limit}`.execute(db)
  ).rows;
  return { values: rows.map((r) => ({ value: shown(r.v), count: Number(r.n) })), events: Number(rows[0]?.total ?? 0) };
}

/**
 * One event by id. Without a time there is no partition to prune to, so the organisations the caller may
 * read narrow the search first: the primary key (org_id, id, time) then finds it in each day's index.
 */
export async function selectEvent(db: Db, actor: Actor, id: string): Promise<SensedEvent | undefined> {
  let q = db.selectFrom('events as e').where(eventVisibleTo(actor)).where('e.id', '=', id);
  const orgs = await readableOrgs(db, actor);
  if (orgs !== undefined) q = q.where('e.org_id', 'in', orgs.length === 0 ? [''] : orgs);
  const row = await q
    .select(eventColumns)
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toEvent(row);
}

/**
 * Many events by id in one statement (an alert's linked events), those the actor may read; `within`
 * bounds the time so that only those days' partitions are scanned. Answered in the order of `ids`.
 */
export async function selectEvents(db: Db, actor: Actor, ids: readonly string[], within?: { readonly from: Date; readonly to: Date }): Promise<SensedEvent[]> {
  if (ids.length === 0) return [];
  let q = db.selectFrom('events as e').where(eventVisibleTo(actor)).where('e.id', 'in', [...ids]);
  if (within !== undefined) q = q.where('e.time', '>=', within.from).where('e.time', '<=', within.to);
  const orgs = await readableOrgs(db, actor);
  if (orgs !== undefined) q = q.where('e.org_id', 'in', orgs.length === 0 ? [''] : orgs);
  const byId = new Map((await q.select(eventColumns).execute()).map((r) => [r.id, toEvent(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Organisation paths by id, for the live tail's visibility check on events that arrive without one. */
export async function selectOrgPaths(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'path']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}
