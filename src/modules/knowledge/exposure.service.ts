import { sql } from 'kysely';
import type { Database, Db } from '../../storage/index.js';
import { requireRole, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { toIso } from '../../platform/crypto.js';
import { NotAllowedError, NotFoundError } from '../../platform/errors.js';
import { assetVisibleTo, type AssetService } from '../assets/index.js';
import type { ExposureReason } from './correlate.js';
import { vulnVisibleTo } from './vulnerability.store.js';

// Exposures as people work with them: one asset's, paged, known-exploited first and "unknown" apart
// from "affected"; every asset's a reader may see (which of my assets are exposed to KEV entries);
// and the decisions people of the asset's organisation take on a match (confirm, reject), stored
// apart from the exposures correlation rewrites, so they hold across recorrelation.

export const exposureDecisions = ['confirmed', 'rejected'] as const;
export type ExposureDecision = (typeof exposureDecisions)[number];
/** "open": no decision yet; "kept": everything but rejected (the default view). */
export type DecisionFilter = ExposureDecision | 'open' | 'kept' | 'any';

export interface ExposureFilter {
  readonly verdict?: 'affected' | 'unknown' | undefined;
  readonly kev?: boolean | undefined;
  readonly grade?: string | undefined;
  /** Lowest confidence, 0..1. */
  readonly minConfidence?: number | undefined;
  readonly decision?: DecisionFilter | undefined;
  /** Text in the vulnerability id, CVE, title, or the asset's name. */
  readonly q?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export interface ExposureItem {
  readonly assetId: string;
  readonly assetName: string;
  readonly orgId: string;
  readonly vulnId: string;
  readonly cve: string | null;
  readonly title: string | null;
  readonly grade: string | null;
  readonly cvssScore: number | null;
  readonly kev: boolean;
  readonly verdict: 'affected' | 'unknown';
  readonly confidence: number;
  readonly reasons: readonly ExposureReason[];
  readonly decision: { readonly decision: ExposureDecision; readonly comment: string; readonly by: string; readonly at: string } | null;
  readonly remediations: readonly { readonly category: string; readonly details: string; readonly url: string | null; readonly sourceId: string }[];
  readonly computedAt: string;
}

export interface ExposurePage {
  readonly items: ExposureItem[];
  /** Rows matching the filter. */
  readonly total: number;
  /** Counts over the same rows without the verdict, KEV and decision filters: what the groups and tabs show. */
  readonly counts: { readonly affected: number; readonly unknown: number; readonly kev: number; readonly confirmed: number; readonly rejected: number; readonly open: number };
}

/** Exposures joined with their asset (and its organisation), vulnerability and decision, as the actor may read them. */
function visibleExposures(db: Db, actor: Actor) {
  return db
    .selectFrom('kb_exposures as e')
    .innerJoin('assets as a', 'a.id', 'e.asset_id')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .innerJoin('kb_vulnerabilities as v', 'v.id', 'e.vuln_id')
    .leftJoin('kb_exposure_decisions as d', (j) => j.onRef('d.asset_id', '=', 'e.asset_id').onRef('d.vuln_id', '=', 'e.vuln_id'))
    .where(assetVisibleTo(actor))
    .where(vulnVisibleTo(actor));
}

type Q = ReturnType<typeof visibleExposures>;

export function createExposureService(database: Database, deps: { assets: Pick<AssetService, 'get'> }) {
  const { db } = database;

  const base = (actor: Actor): Q => visibleExposures(db, actor);

  /** The filters that narrow within the groups (text, grade, confidence), applied to rows and counts. */
  function narrowed(q: Q, f: ExposureFilter): Q {
    let out = q;
    if (f.grade !== undefined) out = out.where('v.grade', '=', f.grade);
    if (f.minConfidence !== undefined) out = out.where('e.confidence', '>=', f.minConfidence);
    if (f.q !== undefined && f.q.trim() !== '') {
      const like = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      out = out.where((eb) =>
        eb.or([
          eb('e.vuln_id', 'ilike', like),
          eb('v.title', 'ilike', like),
          eb('a.name', 'ilike', like),
          eb.exists(eb.selectFrom('kb_aliases as x').select('x.vuln_id').whereRef('x.vuln_id', '=', 'e.vuln_id').where('x.value', 'ilike', like)),
        ]),
      );
    }
    return out;
  }

  function grouped(q: Q, f: ExposureFilter): Q {
    let out = q;
    if (f.verdict !== undefined) out = out.where('e.verdict', '=', f.verdict);
    if (f.kev !== undefined) out = out.where('v.kev', '=', f.kev);
    const decision = f.decision ?? 'kept';
    if (decision === 'kept') out = out.where((eb) => eb.or([eb('d.decision', 'is', null), eb('d.decision', '<>', 'rejected')]));
    else if (decision === 'open') out = out.where('d.decision', 'is', null);
    else if (decision !== 'any') out = out.where('d.decision', '=', decision);
    return out;
  }

  async function page(actor: Actor, f: ExposureFilter, scope: (q: Q) => Q): Promise<ExposurePage> {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const all = narrowed(scope(base(actor)), f);
    const rows = await grouped(all, f)
      .select([
        'e.asset_id', 'a.name as asset_name', 'a.org_id', 'e.vuln_id', 'e.verdict', 'e.confidence', 'e.reasons', 'e.computed_at', 'v.title', 'v.grade', 'v.cvss_score', 'v.kev',
        'd.decision', 'd.comment', 'd.decided_by', 'd.decided_at',
        sql<string | null>`(select min(x.value) from kb_aliases x where x.vuln_id = e.vuln_id and x.scheme = 'cve')`.as('cve'),
        sql<string>`count(*) over ()`.as('total'),
      ])
      // Known-exploited first, then what is affected before what cannot be told, surest and worst first.
      .orderBy('v.kev', 'desc')
      .orderBy(sql`case e.verdict when 'affected' then 0 else 1 end`)
      .orderBy('e.confidence', 'desc')
      .orderBy(sql`v.cvss_score desc nulls last`)
      .orderBy('a.name')
      .orderBy('e.vuln_id')
      .limit(limit)
      .offset(offset)
      .execute();
    const [c] = await all
      .select([
        sql<string>`count(*) filter (where e.verdict = 'affected' and (d.decision is null or d.decision <> 'rejected'))`.as('affected'),
        sql<string>`count(*) filter (where e.verdict = 'unknown' and (d.decision is null or d.decision <> 'rejected'))`.as('unknown'),
        sql<string>`count(*) filter (where v.kev and (d.decision is null or d.decision <> 'rejected'))`.as('kev'),
        sql<string>`count(*) filter (where d.decision = 'confirmed')`.as('confirmed'),
        sql<string>`count(*) filter (where d.decision = 'rejected')`.as('rejected'),
        sql<string>`count(*) filter (where d.decision is null)`.as('open'),
      ])
      .execute();
    const vulnIds = [...new Set(rows.map((r) => r.vuln_id))];
    const remediations = vulnIds.length === 0 ? [] : await db.selectFrom('kb_remediations').select(['vuln_id', 'category', 'details', 'url', 'source_id']).where(sql<boolean>`vuln_id = any(${vulnIds}::text[])`).orderBy('id').execute();
    const total = rows.length > 0 ? Number(rows[0]?.total) : offset === 0 ? 0 : Number((await grouped(all, f).select(sql<string>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
    return {
      total,
      counts: {
        affected: Number(c?.affected ?? 0),
        unknown: Number(c?.unknown ?? 0),
        kev: Number(c?.kev ?? 0),
        confirmed: Number(c?.confirmed ?? 0),
        rejected: Number(c?.rejected ?? 0),
        open: Number(c?.open ?? 0),
      },
      items: rows.map((r) => ({
        assetId: r.asset_id,
        assetName: r.asset_name,
        orgId: r.org_id,
        vulnId: r.vuln_id,
        cve: r.cve,
        title: r.title,
        grade: r.grade,
        cvssScore: r.cvss_score,
        kev: r.kev,
        verdict: r.verdict as 'affected' | 'unknown',
        confidence: Number(r.confidence),
        reasons: (typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons) as ExposureReason[],
        decision: r.decision === null ? null : { decision: r.decision as ExposureDecision, comment: r.comment ?? '', by: r.decided_by ?? '', at: r.decided_at === null ? '' : toIso(r.decided_at) },
        remediations: remediations.filter((m) => m.vuln_id === r.vuln_id).map((m) => ({ category: m.category, details: m.details, url: m.url, sourceId: m.source_id })),
        computedAt: toIso(r.computed_at),
      })),
    };
  }

  /** The asset must be one the actor may read (404 otherwise), and a decision its own organisation's. */
  async function decidable(actor: Actor, assetId: string, vulnId: string) {
    requireRole(actor, ['admin', 'analyst'], 'decide on exposures');
    const asset = await deps.assets.get(actor, assetId);
    if (actor.kind !== 'system' && asset.orgId !== actor.orgId) throw new NotAllowedError('decisions on an exposure are taken by the asset’s own organisation');
    const row = await base(actor).select(['e.vuln_id', 'a.org_id']).where('e.asset_id', '=', assetId).where((eb) => eb.or([eb('e.vuln_id', '=', vulnId.toUpperCase()), eb.exists(eb.selectFrom('kb_aliases as x').select('x.vuln_id').whereRef('x.vuln_id', '=', 'e.vuln_id').where('x.value', '=', vulnId.toUpperCase()))])).executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`asset ${assetId} has no exposure ${vulnId}`);
    return { vulnId: row.vuln_id, orgId: row.org_id };
  }

  return {
    /** One asset's exposures (the asset's read rule first: 404 when it may not be seen). */
    async forAsset(actor: Actor, assetId: string, f: ExposureFilter = {}): Promise<ExposurePage> {
      await deps.assets.get(actor, assetId);
      return page(actor, f, (q) => q.where('e.asset_id', '=', assetId));
    },

    /** Every exposure of the assets the actor may see. */
    list: (actor: Actor, f: ExposureFilter = {}) => page(actor, f, (q) => q),

    async decide(actor: Actor, assetId: string, vulnIdOrAlias: string, decision: ExposureDecision, comment: string): Promise<ExposureItem> {
      const { vulnId, orgId } = await decidable(actor, assetId, vulnIdOrAlias);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('kb_exposure_decisions')
          .values({ asset_id: assetId, vuln_id: vulnId, org_id: orgId, decision, comment, decided_by: actor.username })
          .onConflict((oc) => oc.columns(['asset_id', 'vuln_id']).doUpdateSet({ decision, comment, decided_by: actor.username, decided_at: sql`now()` }))
          .execute();
        await recordAudit(trx, actor, { action: `kb.exposure.${decision === 'confirmed' ? 'confirm' : 'reject'}`, targetType: 'asset', targetId: assetId, orgId, details: { vulnId, comment } });
      });
      const shown = await page(actor, { decision: 'any', limit: 1 }, (q) => q.where('e.asset_id', '=', assetId).where('e.vuln_id', '=', vulnId));
      const item = shown.items[0];
      if (item === undefined) throw new NotFoundError(`asset ${assetId} has no exposure ${vulnIdOrAlias}`);
      return item;
    },

    async clearDecision(actor: Actor, assetId: string, vulnIdOrAlias: string): Promise<void> {
      const { vulnId, orgId } = await decidable(actor, assetId, vulnIdOrAlias);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('kb_exposure_decisions').where('asset_id', '=', assetId).where('vuln_id', '=', vulnId).execute();
        await recordAudit(trx, actor, { action: 'kb.exposure.undecide', targetType: 'asset', targetId: assetId, orgId, details: { vulnId } });
      });
    },
  };
}

export type ExposureService = ReturnType<typeof createExposureService>;
