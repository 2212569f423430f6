// Rollups of the events table (ADR 017): counts per organisation and five-minute bucket, kept in the same
// transaction as the events they count, so histograms, counts and top-N over a day read thousands of
// rollup rows instead of a million events. Two tables:
//   event_counts        (org, bucket, org_path, upward, kind, severity) → n
//   event_field_counts  (org, field, bucket, org_path, upward, value) → n, for the fields in rollupFields
// `upward` is the visibility rule's part of the marking (shared upward with a TLP that travels, ADR 002)
// folded into one boolean, so the rollups keep one row where the events have ten markings.
// A query reads the rollups only when every clause names a column the rollup table has (the same SQL
// condition then holds on both, see rollupAnswers) and the histogram's interval is whole buckets; the
// partial buckets at the window's edges are counted on the events themselves.
import { sql, type RawBuilder } from 'kysely';
import { upwardReaderRoles, type Actor } from '../../platform/access.js';
import { tlpShareableUpward } from '../../platform/tlp.js';
import type { Db } from '../../storage/index.js';
import type { EventQuery, FieldClause, FieldTarget } from './query-language.js';
import { jsonCandidates, queryCondition } from './query-sql.js';

/** The rollup bucket: five minutes, aligned on the Unix epoch (as the histogram's date_bin). */
export const rollupSeconds = 300;
const bucketMs = rollupSeconds * 1000;

/** Fields whose values are counted per bucket (query names), with the SQL of their value on a new-event row `r`. */
export const rollupFields: Readonly<Record<string, string>> = {
  'source.ip': 'host(r.source_ip)',
  'destination.ip': 'host(r.destination_ip)',
  protocol: 'r.protocol',
  action: 'r.action',
  'ics.operation': 'r.ics_operation',
  'ics.protocol': 'r.ics_protocol',
  'network.protocol': 'r.network_protocol',
};

/**
 * What an insert into `events` returns for the rollups (and the writer): `returning` this, and name the
 * result `ins`; rollupStatements then adds the rows to the rollups.
 */
export const rollupReturning = sql.raw(
  `org_id, id, org_path, time, tlp, shared_upward, kind, severity, source_ip, destination_ip, protocol, action,
   fields #>> '{ics,operation}' as ics_operation, fields #>> '{ics,protocol}' as ics_protocol, fields #>> '{network,protocol}' as network_protocol`,
);

const upwardSql = `(r.shared_upward and r.tlp in (${tlpShareableUpward.map((t) => `'${t}'`).join(', ')}))`;
const bucketSql = `date_bin('${rollupSeconds} seconds', r.time, timestamptz '1970-01-01 00:00:00+00')`;

/**
 * The CTEs (after `ins`) that add the rows of `ins` to both rollups. Rows are grouped and sorted by key, so
 * concurrent writers lock the rollup rows they share in the same order (no deadlock between them).
 */
export function rollupStatements(source = 'ins'): RawBuilder<unknown> {
  const fields = Object.entries(rollupFields)
    .map(([name, value]) => `('${name}', ${value})`)
    .join(', ');
  return sql.raw(`
    rollup_counts as (
      insert into event_counts (org_id, bucket, org_path, upward, kind, severity, n)
      select r.org_id, ${bucketSql}, r.org_path, ${upwardSql}, r.kind, r.severity, count(*)
      from ${source} r group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
      on conflict (org_id, bucket, org_path, upward, kind, severity) do update set n = event_counts.n + excluded.n
      returning 1
    ), rollup_fields as (
      insert into event_field_counts (org_id, field, bucket, org_path, upward, value, n)
      select r.org_id, f.field, ${bucketSql}, r.org_path, ${upwardSql}, f.value, count(*)
      from ${source} r cross join lateral (values ${fields}) as f(field, value)
      where f.value is not null
      group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
      on conflict (org_id, field, bucket, org_path, upward, value) do update set n = event_field_counts.n + excluded.n
      returning 1
    )`);
}

/**
 * Recomputes the rollups of [from, to) from the events (whole buckets: the bounds are rounded outwards).
 * For data loaded around the writer (benchmarks, repairs); the writer keeps them itself.
 */
export async function rebuildRollups(db: Db, from: Date, to: Date): Promise<void> {
  const start = new Date(Math.floor(from.getTime() / bucketMs) * bucketMs);
  const end = new Date(Math.ceil(to.getTime() / bucketMs) * bucketMs);
  await db.transaction().execute(async (trx) => {
    await sql`delete from event_counts where bucket >= ${start} and bucket < ${end}`.execute(trx);
    await sql`delete from event_field_counts where bucket >= ${start} and bucket < ${end}`.execute(trx);
    await sql`
      with ins as (select ${rollupReturning} from events where time >= ${start} and time < ${end}), ${rollupStatements()}
      select (select count(*) from rollup_counts) as counts, (select count(*) from rollup_fields) as fields`.execute(trx);
  });
}

/** Deletes rollup rows before `before` (all organisations, or these), which must be on a bucket boundary. */
export async function deleteRollups(db: Db, before: Date, orgs?: { readonly in?: readonly string[]; readonly notIn?: readonly string[] }): Promise<void> {
  if (before.getTime() % bucketMs !== 0) throw new Error(`rollups are deleted by whole buckets, not before ${before.toISOString()}`);
  const orgCondition =
    orgs?.in !== undefined
      ? sql` and org_id in (${sql.join(orgs.in.length === 0 ? [''] : [...orgs.in])})`
      : orgs?.notIn !== undefined && orgs.notIn.length > 0
        ? sql` and org_id not in (${sql.join([...orgs.notIn])})`
        : sql``;
  await sql`delete from event_counts where bucket < ${before}${orgCondition}`.execute(db);
  await sql`delete from event_field_counts where bucket < ${before}${orgCondition}`.execute(db);
}

/** The start of the bucket holding `ms` (retention rounds its cutoffs down to it, so a bucket goes whole). */
export function bucketFloor(ms: number): number {
  return Math.floor(ms / bucketMs) * bucketMs;
}

/** The visibility rule on a rollup row (alias `e`): eventVisibleTo with `upward` for its marking part. */
export function rollupVisibleTo(actor: Actor): RawBuilder<boolean> {
  if (actor.kind === 'system') return sql<boolean>`true`;
  const own = sql<boolean>`e.org_id = ${actor.orgId}`;
  if (!upwardReaderRoles.includes(actor.role)) return own;
  return sql<boolean>`(${own} or (e.org_path like ${`${actor.orgPath}%`} and e.upward))`;
}

/** Columns each rollup table shares with `events` (same names, same values): the ones a filter may name. */
const countColumns = new Set(['kind', 'org_id']);
const fieldColumns = new Set(['org_id']);

/** Whether every clause of the query can be evaluated on this rollup's rows with the events' own SQL. */
function clausesOn(query: EventQuery, columns: ReadonlySet<string>, severity: boolean): boolean {
  return query.clauses.every((clause) => {
    if (clause.type !== 'field') return false;
    const t = clause.target;
    if (t.type === 'severity') return severity;
    return (t.type === 'enum' || t.type === 'text') && t.columns.every((c) => columns.has(c));
  });
}

/** Which rollup answers a histogram or count of this query: the counts table, or none. */
export function countsAnswer(query: EventQuery): boolean {
  return clausesOn(query, countColumns, true);
}

/** The rollup that answers a top-N on this field for this query: the counts table's column, a field key, or none. */
export function topAnswer(query: EventQuery, target: FieldTarget): { table: 'counts'; column: 'kind' | 'severity' } | { table: 'fields'; field: string } | undefined {
  if (target.type === 'severity' || (target.type === 'enum' && target.columns.length === 1 && target.columns[0] === 'kind')) {
    return countsAnswer(query) ? { table: 'counts', column: target.type === 'severity' ? 'severity' : 'kind' } : undefined;
  }
  if (!clausesOn(query, fieldColumns, false)) return undefined;
  const key = fieldKey(target);
  return key === undefined ? undefined : { table: 'fields', field: key };
}

function fieldKey(target: FieldTarget): string | undefined {
  let key: string | undefined;
  if (target.type === 'json') key = target.path.join('.');
  else if (target.type === 'ip' && target.columns.length === 1) key = target.columns[0]?.replace('_ip', '.ip');
  else if (target.type === 'text' && target.columns.length === 1) key = target.columns[0];
  return key !== undefined && key in rollupFields ? key : undefined;
}

/**
 * The window split for a rollup read: whole buckets [start, end) from the rollup, and the edges
 * [from, start) and [end, to) from the events. Undefined when no whole bucket fits.
 */
export function rollupSpan(from: Date, to: Date): { start: Date; end: Date } | undefined {
  const start = Math.ceil(from.getTime() / bucketMs) * bucketMs;
  const end = Math.floor(to.getTime() / bucketMs) * bucketMs;
  return end > start ? { start: new Date(start), end: new Date(end) } : undefined;
}

/**
 * A clause as a condition on rollup rows (alias `e`) that every bucket holding a matching event meets, or
 * undefined when the rollups cannot tell. Used to skip organisations with nothing to find (a page's walk
 * of such an organisation's index would otherwise read its whole window).
 */
function clauseOnRollup(clause: FieldClause): { table: 'event_counts' | 'event_field_counts'; condition: RawBuilder<boolean> } | undefined {
  if (clause.negated) return undefined;
  const t = clause.target;
  if (t.type === 'severity' || (t.type === 'enum' && t.columns.length === 1 && t.columns[0] === 'kind')) {
    const condition = queryCondition({ clauses: [clause] });
    return condition === undefined ? undefined : { table: 'event_counts', condition };
  }
  const field = fieldKey(t);
  if (field === undefined) return undefined;
  const values: RawBuilder<boolean>[] = [];
  for (const v of clause.values) {
    if (v.exists) values.push(sql<boolean>`true`);
    else if (t.type === 'ip') values.push(sql<boolean>`e.value::inet <<= ${v.text}::inet`);
    else if (t.type === 'text') values.push(v.prefix ? sql<boolean>`e.value like ${`${v.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql<boolean>`e.value = ${v.text}`);
    // A JSON field with an implied column is matched on that column first (query-sql.ts), for a string value only.
    else if (t.type === 'json' && t.implied !== undefined && !v.prefix && jsonCandidates(v.text).length === 1) values.push(sql<boolean>`e.value = ${v.text}`);
    else return undefined;
  }
  const key = t.type === 'json' && t.implied !== undefined ? t.implied : field;
  return { table: 'event_field_counts', condition: sql<boolean>`e.field = ${key} and (${sql.join(values, sql` or `)})` };
}

/**
 * Where events matching the query may be, by the rollups: for each organisation (of `orgs`) that may hold
 * some in [from, to), the part of the window between the first and the last bucket meeting every clause.
 * An organisation without a bucket meeting some clause has none. Undefined when no clause can be checked.
 */
export async function rollupBounds(db: Db, orgs: readonly string[], query: EventQuery, from: Date, to: Date): Promise<Map<string, { from: Date; to: Date }> | undefined> {
  const checks = query.clauses.flatMap((c) => (c.type === 'field' ? (clauseOnRollup(c) ?? []) : []));
  if (checks.length === 0) return undefined;
  if (orgs.length === 0) return new Map();
  const start = new Date(bucketFloor(from.getTime()));
  const edge = (c: (typeof checks)[number], fn: 'min' | 'max') =>
    sql`(select ${sql.raw(fn)}(e.bucket) from ${sql.table(c.table)} e where e.org_id = o.id and e.bucket >= ${start} and e.bucket < ${to} and ${c.condition})`;
  // per clause, its first and last bucket (null: never met, so the organisation has nothing to find)
  const columns = checks.flatMap((c, i) => [sql`${edge(c, 'min')} as ${sql.ref(`lo${i}`)}`, sql`${edge(c, 'max')} as ${sql.ref(`hi${i}`)}`]);
  const rows = await sql<Record<string, string | Date | null>>`
    select o.id, ${sql.join(columns)} from (values ${sql.join(orgs.map((id) => sql`(${id})`))}) as o(id)`.execute(db);
  const bounds = new Map<string, { from: Date; to: Date }>();
  for (const r of rows.rows) {
    const times = (prefix: string) => checks.map((_c, i) => r[`${prefix}${i}`]).map((v) => (v === null || v === undefined ? Number.NaN : new Date(v).getTime()));
    const los = times('lo');
    const his = times('hi');
    if ([...los, ...his].some(Number.isNaN)) continue;
    // an event meets every clause in its own bucket: between the latest first bucket and the earliest last one
    const lo = Math.max(from.getTime(), ...los);
    const hi = Math.min(to.getTime(), ...his.map((h) => h + bucketMs));
    if (hi > lo) bounds.set(String(r['id']), { from: new Date(lo), to: new Date(hi) });
  }
  return bounds;
}
