// Queries on baselines, their items, versions, deviations and the organisations' learning periods;
// nothing else touches these tables. Learning writes set-based: one upsert per batch, never a row per event.
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { upwardReaderRoles, type Actor } from '../../../platform/access.js';
import { newId, toIso } from '../../../platform/crypto.js';
import { tlpShareableUpward, type Tlp } from '../../../platform/tlp.js';
import type { Db, Tables } from '../../../storage/index.js';
import type { ItemRecord } from './model.js';
import { DEFAULT_LEARNING_MS, type Baseline, type BaselineDeviation, type BaselineItem, type BaselineListFilter, type BaselineState, type BaselineVersion, type DeviationKind, type ItemKind } from './types.js';

type BaselineRow = Selectable<Tables['baselines']>;
type From = ExpressionBuilder<Tables, 'baselines'>;

/** Rows per statement: well under the parameter limit of both backends. */
const CHUNK = 1_000;
/** Event ids kept per deviation: the first ones. */
export const MAX_DEVIATION_EVENTS = 20;

/** ADR 002, as for alerts: the owner's members; analysts, responders and admins above when shared upward with a TLP that travels. */
export function baselineVisibleTo(actor: Actor) {
  return (eb: From) => {
    if (actor.kind === 'system') return eb.val(true);
    const own = eb('baselines.org_id', '=', actor.orgId);
    if (!upwardReaderRoles.includes(actor.role)) return own;
    return eb.or([own, eb.and([eb('baselines.org_path', 'like', `${actor.orgPath}%`), eb('baselines.shared_upward', '=', true), eb('baselines.tlp', 'in', [...tlpShareableUpward])])]);
  };
}

const isoOrNull = (d: Date | null) => (d === null ? null : toIso(d));

export function toBaseline(r: BaselineRow): Baseline {
  return {
    id: r.id,
    orgId: r.org_id,
    zone: r.zone,
    state: r.state as BaselineState,
    learningMs: Number(r.learning_ms),
    learnStart: isoOrNull(r.learn_start),
    learnedThrough: isoOrNull(r.learned_through),
    activatedAt: isoOrNull(r.activated_at),
    version: r.version,
    tlp: r.tlp as Tlp,
    sharedUpward: r.shared_upward,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

export async function selectBaselinesOfOrgs(db: Db, orgIds: readonly string[]): Promise<Baseline[]> {
  if (orgIds.length === 0) return [];
  return (await db.selectFrom('baselines').selectAll().where('org_id', 'in', [...orgIds]).execute()).map(toBaseline);
}

/** Creates the baselines of these organisations and zones that do not exist yet, with each organisation's learning period. */
export async function ensureBaselines(db: Db, keys: readonly { orgId: string; zone: string }[]): Promise<void> {
  if (keys.length === 0) return;
  const values = sql.join(keys.map((k) => sql`(${newId()}::text, ${k.orgId}::text, ${k.zone}::text)`));
  await sql`insert into baselines (id, org_id, org_path, zone, learning_ms)
    select v.id, o.id, o.path, v.zone, coalesce(s.learning_ms, ${DEFAULT_LEARNING_MS})
    from (values ${values}) as v(id, org_id, zone)
    join organisations o on o.id = v.org_id
    left join baseline_settings s on s.org_id = v.org_id
    on conflict (org_id, zone) do nothing`.execute(db);
}

/** Where learning has got to: the first event time (kept once set) and the latest. */
export async function updateLearning(db: Db, updates: readonly { id: string; start: number; through: number }[]): Promise<void> {
  if (updates.length === 0) return;
  const values = sql.join(updates.map((u) => sql`(${u.id}::text, ${new Date(u.start).toISOString()}::timestamptz, ${new Date(u.through).toISOString()}::timestamptz)`));
  await sql`update baselines set learn_start = coalesce(least(baselines.learn_start, v.s), v.s),
      learned_through = greatest(baselines.learned_through, v.t), updated_at = now()
    from (values ${values}) as v(id, s, t) where baselines.id = v.id and baselines.state = 'learning'`.execute(db);
}

/** Merges a batch's learnt items into the stored ones: counts add, times and ranges widen, interval sums add. */
export async function upsertItems(db: Db, items: readonly (ItemRecord & { baselineId: string })[], origin: 'learned' | 'accepted' = 'learned', version = 0): Promise<void> {
  for (let at = 0; at < items.length; at += CHUNK) {
    await db
      .insertInto('baseline_items')
      .values(
        items.slice(at, at + CHUNK).map((i) => ({
          baseline_id: i.baselineId,
          kind: i.kind,
          key: i.key,
          origin,
          version_added: version,
          count: i.count,
          first_seen: new Date(i.first).toISOString(),
          last_seen: new Date(i.last).toISOString(),
          lo: i.lo,
          hi: i.hi,
          iv_n: i.ivN,
          iv_sum: i.ivSum,
          iv_sumsq: i.ivSumsq,
          iv_min: i.ivMin,
          iv_max: i.ivMax,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['baseline_id', 'kind', 'key']).doUpdateSet({
          count: sql`baseline_items.count + excluded.count`,
          first_seen: sql`least(baseline_items.first_seen, excluded.first_seen)`,
          last_seen: sql`greatest(baseline_items.last_seen, excluded.last_seen)`,
          lo: sql`least(baseline_items.lo, excluded.lo)`,
          hi: sql`greatest(baseline_items.hi, excluded.hi)`,
          iv_n: sql`baseline_items.iv_n + excluded.iv_n`,
          iv_sum: sql`baseline_items.iv_sum + excluded.iv_sum`,
          iv_sumsq: sql`baseline_items.iv_sumsq + excluded.iv_sumsq`,
          iv_min: sql`least(baseline_items.iv_min, excluded.iv_min)`,
          iv_max: sql`greatest(baseline_items.iv_max, excluded.iv_max)`,
        }),
      )
      .execute();
  }
}

type ItemRow = Selectable<Tables['baseline_items']>;

export const toRecord = (r: ItemRow): ItemRecord => ({
  kind: r.kind as ItemKind,
  key: r.key,
  count: Number(r.count),
  first: r.first_seen.getTime(),
  last: r.last_seen.getTime(),
  lo: r.lo === null ? null : Number(r.lo),
  hi: r.hi === null ? null : Number(r.hi),
  ivN: Number(r.iv_n),
  ivSum: Number(r.iv_sum),
  ivSumsq: Number(r.iv_sumsq),
  ivMin: r.iv_min === null ? null : Number(r.iv_min),
  ivMax: r.iv_max === null ? null : Number(r.iv_max),
});

export async function selectItemRows(db: Db, baselineId: string): Promise<ItemRow[]> {
  return db.selectFrom('baseline_items').selectAll().where('baseline_id', '=', baselineId).orderBy('kind').orderBy('key').execute();
}

export function toItem(r: ItemRow): BaselineItem {
  const n = Number(r.iv_n);
  const mean = n > 0 ? Number(r.iv_sum) / n : 0;
  const jitter = n > 0 ? Math.sqrt(Math.max(0, Number(r.iv_sumsq) / n - mean * mean)) : 0;
  return {
    kind: r.kind as ItemKind,
    key: r.key,
    origin: r.origin as 'learned' | 'accepted',
    versionAdded: r.version_added,
    count: Number(r.count),
    firstSeen: toIso(r.first_seen),
    lastSeen: toIso(r.last_seen),
    lo: r.lo === null ? null : Number(r.lo),
    hi: r.hi === null ? null : Number(r.hi),
    interval: r.kind === 'polling' ? { n, meanMs: Math.round(mean * 10) / 10, jitterMs: Math.round(jitter * 10) / 10, minMs: r.iv_min === null ? null : Number(r.iv_min), maxMs: r.iv_max === null ? null : Number(r.iv_max) } : null,
  };
}

/** Ends learning: the baseline is active at `at` (event time) as a new version. */
export async function activateBaseline(db: Db, id: string, at: number): Promise<number> {
  const row = await db
    .updateTable('baselines')
    .set({ state: 'active', activated_at: new Date(at).toISOString(), version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('state', '=', 'learning')
    .returning(['version'])
    .executeTakeFirst();
  if (row === undefined) return 0;
  const items = await countItems(db, id);
  await db.insertInto('baseline_versions').values({ baseline_id: id, version: row.version, change: 'learned', actor: 'detector', details: JSON.stringify({ at: new Date(at).toISOString() }), items }).onConflict((oc) => oc.doNothing()).execute();
  return row.version;
}

export async function countItems(db: Db, id: string): Promise<number> {
  const r = await db.selectFrom('baseline_items').select((eb) => eb.fn.countAll<string>().as('n')).where('baseline_id', '=', id).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function itemCounts(db: Db, ids: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('baseline_items').select(['baseline_id', 'kind', (eb) => eb.fn.countAll<string>().as('n')]).where('baseline_id', 'in', [...ids]).groupBy(['baseline_id', 'kind']).execute();
  for (const r of rows) out.set(r.baseline_id, { ...(out.get(r.baseline_id) ?? {}), [r.kind]: Number(r.n) });
  return out;
}

export async function openDeviationCounts(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('baseline_deviations').select(['baseline_id', (eb) => eb.fn.countAll<string>().as('n')]).where('baseline_id', 'in', [...ids]).where('status', '=', 'open').groupBy('baseline_id').execute();
  return new Map(rows.map((r) => [r.baseline_id, Number(r.n)]));
}

export async function selectVisibleBaselines(db: Db, actor: Actor, f: BaselineListFilter): Promise<Baseline[]> {
  let q = db.selectFrom('baselines').selectAll().where(baselineVisibleTo(actor));
  if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
  if (f.zone !== undefined) q = q.where('zone', '=', f.zone);
  if (f.state !== undefined) q = q.where('state', '=', f.state);
  return (await q.orderBy('org_id').orderBy('zone').limit(1000).execute()).map(toBaseline);
}

export async function selectVisibleBaseline(db: Db, actor: Actor, id: string): Promise<Baseline | undefined> {
  const row = await db.selectFrom('baselines').selectAll().where(baselineVisibleTo(actor)).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toBaseline(row);
}

export interface DeviationDraft {
  readonly baselineId: string;
  readonly orgId: string;
  readonly kind: DeviationKind;
  readonly key: string;
  readonly expected: string;
  readonly seen: string;
  readonly techniques: readonly string[];
  readonly eventIds: readonly string[];
  readonly adds: readonly AcceptItem[];
  readonly count: number;
  readonly first: number;
  readonly last: number;
}

/** One item an accept adds (a range's addresses, a polling interval seen). */
export interface AcceptItem {
  readonly kind: ItemKind;
  readonly key: string;
  readonly lo?: number;
  readonly hi?: number;
  readonly intervalMs?: number;
}

/** A batch's deviations in one statement: new ones inserted, known ones counted (and reopened after a relearn). */
export async function upsertDeviations(db: Db, drafts: readonly DeviationDraft[]): Promise<void> {
  for (let at = 0; at < drafts.length; at += CHUNK) {
    await db
      .insertInto('baseline_deviations')
      .values(
        drafts.slice(at, at + CHUNK).map((d) => ({
          id: newId(),
          baseline_id: d.baselineId,
          org_id: d.orgId,
          kind: d.kind,
          key: d.key,
          expected: d.expected,
          seen: d.seen,
          techniques: [...d.techniques],
          event_ids: d.eventIds.slice(0, MAX_DEVIATION_EVENTS),
          adds: JSON.stringify(d.adds),
          count: d.count,
          first_seen: new Date(d.first).toISOString(),
          last_seen: new Date(d.last).toISOString(),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['baseline_id', 'kind', 'key']).doUpdateSet({
          status: 'open',
          count: sql`case when baseline_deviations.status = 'open' then baseline_deviations.count + excluded.count else excluded.count end`,
          seen: sql`excluded.seen`,
          expected: sql`excluded.expected`,
          adds: sql`excluded.adds`,
          last_seen: sql`greatest(baseline_deviations.last_seen, excluded.last_seen)`,
          event_ids: sql`(baseline_deviations.event_ids || excluded.event_ids)[1:${sql.lit(MAX_DEVIATION_EVENTS)}]`,
          accepted_by: null,
          accepted_at: null,
          accepted_version: null,
        }),
      )
      .execute();
  }
}

type DeviationRow = Selectable<Tables['baseline_deviations']>;

const toDeviation = (r: DeviationRow): BaselineDeviation => ({
  id: r.id,
  baselineId: r.baseline_id,
  orgId: r.org_id,
  kind: r.kind as DeviationKind,
  key: r.key,
  status: r.status as 'open' | 'accepted',
  expected: r.expected,
  seen: r.seen,
  techniques: r.techniques,
  eventIds: r.event_ids,
  count: Number(r.count),
  firstSeen: toIso(r.first_seen),
  lastSeen: toIso(r.last_seen),
  acceptedBy: r.accepted_by,
  acceptedAt: isoOrNull(r.accepted_at),
  acceptedVersion: r.accepted_version,
});

/** What accepting these deviations adds to the baseline. */
export async function selectAdds(db: Db, ids: readonly string[]): Promise<AcceptItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('baseline_deviations').select('adds').where('id', 'in', [...ids]).execute();
  return rows.flatMap((r) => (typeof r.adds === 'string' ? (JSON.parse(r.adds) as AcceptItem[]) : (r.adds as AcceptItem[])));
}

export async function selectDeviations(db: Db, baselineId: string, ids?: readonly string[]): Promise<BaselineDeviation[]> {
  let q = db.selectFrom('baseline_deviations').selectAll().where('baseline_id', '=', baselineId);
  if (ids !== undefined) q = q.where('id', 'in', ids.length === 0 ? [''] : [...ids]);
  return (await q.orderBy('status', 'desc').orderBy('last_seen', 'desc').limit(500).execute()).map(toDeviation);
}

export async function markAccepted(db: Db, ids: readonly string[], actor: string, version: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('baseline_deviations').set({ status: 'accepted', accepted_by: actor, accepted_at: new Date(), accepted_version: version }).where('id', 'in', [...ids]).execute();
}

export async function selectVersions(db: Db, baselineId: string): Promise<BaselineVersion[]> {
  const rows = await db.selectFrom('baseline_versions').selectAll().where('baseline_id', '=', baselineId).orderBy('version', 'desc').limit(200).execute();
  return rows.map((r) => ({ version: r.version, change: r.change as BaselineVersion['change'], actor: r.actor, details: r.details, items: r.items, createdAt: toIso(r.created_at) }));
}

/** One more version of a baseline; answers its number. */
export async function bumpVersion(db: Db, id: string, change: BaselineVersion['change'], actor: string, details: unknown): Promise<number> {
  const row = await db.updateTable('baselines').set({ version: sql`version + 1`, updated_at: new Date() }).where('id', '=', id).returning(['version']).executeTakeFirstOrThrow();
  const items = await countItems(db, id);
  await db.insertInto('baseline_versions').values({ baseline_id: id, version: row.version, change, actor, details: JSON.stringify(details), items }).execute();
  return row.version;
}

/** Starts over: the learnt items go (the accepted ones stay), open deviations are dropped, learning restarts at the next event. */
export async function resetBaseline(db: Db, id: string): Promise<void> {
  await db.deleteFrom('baseline_items').where('baseline_id', '=', id).where('origin', '=', 'learned').execute();
  await db.deleteFrom('baseline_deviations').where('baseline_id', '=', id).where('status', '=', 'open').execute();
  await db.updateTable('baselines').set({ state: 'learning', learn_start: null, learned_through: null, activated_at: null, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function updateBaselineSettings(db: Db, id: string, change: { learningMs?: number | undefined; tlp?: Tlp | undefined; sharedUpward?: boolean | undefined }): Promise<void> {
  await db
    .updateTable('baselines')
    .set({
      ...(change.learningMs === undefined ? {} : { learning_ms: change.learningMs }),
      ...(change.tlp === undefined ? {} : { tlp: change.tlp }),
      ...(change.sharedUpward === undefined ? {} : { shared_upward: change.sharedUpward }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function selectOrgLearningMs(db: Db, orgId: string): Promise<number> {
  const row = await db.selectFrom('baseline_settings').select('learning_ms').where('org_id', '=', orgId).executeTakeFirst();
  return row === undefined ? DEFAULT_LEARNING_MS : Number(row.learning_ms);
}

export async function upsertOrgLearningMs(db: Db, orgId: string, learningMs: number, actor: string): Promise<void> {
  await db
    .insertInto('baseline_settings')
    .values({ org_id: orgId, learning_ms: learningMs, updated_by: actor })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ learning_ms: learningMs, updated_by: actor, updated_at: new Date() }))
    .execute();
}

/** Zones of these assets (null: the asset carries none). */
export async function selectAssetZones(db: Db, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('assets').select(['id', 'zone']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.zone]));
}
