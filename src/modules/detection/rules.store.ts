// Queries on detection_rules; nothing else touches the table.
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import type { Db, Tables } from '../../storage/index.js';
import type { ParsedDocument } from './engine.js';
import type { DetectionRule, RuleKind, RuleLevel } from './types.js';

type RuleRow = Selectable<Tables['detection_rules']>;
type From = ExpressionBuilder<Tables, 'detection_rules'>;

/** Readable: the platform's rules by everyone signed in; an organisation's rules by its members. */
export function ruleVisibleTo(actor: Actor) {
  return (eb: From) => (actor.kind === 'system' ? eb.val(true) : eb.or([eb('org_id', 'is', null), eb('org_id', '=', actor.orgId)]));
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function toRule(r: RuleRow): DetectionRule {
  return {
    id: r.id,
    orgId: r.org_id,
    sigmaId: r.sigma_id,
    kind: r.kind as RuleKind,
    title: r.title,
    level: r.level as RuleLevel,
    status: r.status,
    tags: r.tags,
    techniques: r.techniques,
    logsource: json<Record<string, string>>(r.logsource),
    source: r.source,
    enabled: r.enabled,
    version: r.version,
    importedBy: r.imported_by,
    createdAt: toIso(r.created_at),
    modifiedAt: toIso(r.modified_at),
    hitCount: Number(r.hit_count),
    lastHitAt: r.last_hit_at === null ? null : toIso(r.last_hit_at),
  };
}

export interface RuleListFilter {
  readonly technique?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly orgId?: string | undefined;
  readonly platform?: boolean | undefined;
}

export async function selectVisibleRules(db: Db, actor: Actor, filter: RuleListFilter = {}): Promise<DetectionRule[]> {
  let q = db.selectFrom('detection_rules').selectAll().where(ruleVisibleTo(actor));
  if (filter.technique !== undefined) q = q.where(sql<boolean>`techniques @> array[${filter.technique.toUpperCase()}]::text[]`);
  if (filter.enabled !== undefined) q = q.where('enabled', '=', filter.enabled);
  if (filter.orgId !== undefined) q = q.where('org_id', '=', filter.orgId);
  if (filter.platform === true) q = q.where('org_id', 'is', null);
  return (await q.orderBy('title').orderBy('id').execute()).map(toRule);
}

export async function selectVisibleRule(db: Db, actor: Actor, id: string): Promise<DetectionRule | undefined> {
  const row = await db.selectFrom('detection_rules').selectAll().where(ruleVisibleTo(actor)).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toRule(row);
}

/** The enabled rules of every owner, for the detector. */
export async function selectEnabledRules(db: Db): Promise<DetectionRule[]> {
  return (await db.selectFrom('detection_rules').selectAll().where('enabled', '=', true).orderBy('id').execute()).map(toRule);
}

/** Changes when any rule does: how many there are and the latest change. */
export async function rulesVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('detection_rules').select([sql<string>`count(*)::text`.as('n'), sql<string>`coalesce(max(modified_at)::text, '')`.as('at')]).executeTakeFirst();
  return `${row?.n ?? 0}@${row?.at ?? ''}`;
}

export async function selectBySigmaIds(db: Db, orgId: string | null, sigmaIds: readonly string[]): Promise<DetectionRule[]> {
  if (sigmaIds.length === 0) return [];
  const q = db.selectFrom('detection_rules').selectAll().where('sigma_id', 'in', [...sigmaIds]);
  return (await (orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId)).execute()).map(toRule);
}

export async function insertRules(db: Db, rows: readonly { id: string; orgId: string | null; doc: ParsedDocument; enabled: boolean; importedBy: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('detection_rules')
    .values(rows.map((r) => ({ id: r.id, org_id: r.orgId, ...docColumns(r.doc), enabled: r.enabled, imported_by: r.importedBy })))
    .execute();
}

const docColumns = (d: ParsedDocument) => ({ sigma_id: d.sigmaId, kind: d.kind, title: d.title, level: d.level, status: d.status, tags: [...d.tags], techniques: [...d.techniques], logsource: JSON.stringify(d.logsource), source: d.source });

/** A new version of a rule: its text and what was parsed from it. */
export async function updateRuleDocument(db: Db, id: string, doc: ParsedDocument, importedBy: string): Promise<void> {
  await db
    .updateTable('detection_rules')
    .set({ ...docColumns(doc), imported_by: importedBy, version: sql<number>`version + 1`, modified_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setRuleEnabled(db: Db, id: string, enabled: boolean): Promise<void> {
  await db.updateTable('detection_rules').set({ enabled, modified_at: new Date() }).where('id', '=', id).execute();
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  await db.deleteFrom('detection_rules').where('id', '=', id).execute();
}

/** Adds hits to the rules' counters, one statement for the batch. */
export async function addRuleHits(db: Db, hits: ReadonlyMap<string, { count: number; last: string }>): Promise<void> {
  if (hits.size === 0) return;
  const values = sql.join([...hits].map(([id, h]) => sql`(${id}::text, ${h.count}::bigint, ${h.last}::timestamptz)`));
  await sql`update detection_rules r set hit_count = r.hit_count + v.n, last_hit_at = greatest(r.last_hit_at, v.t)
    from (values ${values}) as v(id, n, t) where r.id = v.id`.execute(db);
}
