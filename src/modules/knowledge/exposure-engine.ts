import { sql } from 'kysely';
import { bulkInsert, type Database } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import { chunks } from './batch-writer.js';
import { correlateAsset, indexEntries, type AffectedEntry, type AssetFacts, type Exposure, type ExposureReason } from './correlate.js';
import type { Enricher } from './enrich.js';
import { vulnVisibleTo } from './vulnerability.store.js';

export interface CorrelationReport {
  readonly assets: number;
  readonly exposures: number;
  readonly affected: number;
  readonly unknown: number;
  readonly ms: number;
}

export interface AssetExposure {
  readonly vulnId: string;
  readonly title: string | null;
  readonly aliases: readonly string[];
  readonly grade: string | null;
  readonly cvssScore: number | null;
  readonly kev: boolean;
  readonly verdict: 'affected' | 'unknown';
  readonly reasons: readonly ExposureReason[];
  readonly remediations: readonly { category: string; details: string; url: string | null; sourceId: string }[];
  readonly computedAt: string;
}

/** Keeps kb_exposures in step with assets and knowledge: recomputed per asset, incrementally. */
export function createExposureEngine(database: Database, enrich: Enricher) {
  const { db } = database;

  async function loadEntries(vendorKeys: readonly string[]): Promise<AffectedEntry[]> {
    if (vendorKeys.length === 0) return [];
    const rows = await db
      .selectFrom('kb_affected as a')
      .innerJoin('kb_products as p', 'p.id', 'a.product_id')
      .innerJoin('kb_vulnerabilities as v', 'v.id', 'a.vuln_id')
      .select(['a.id', 'a.vuln_id', 'a.source_id', 'a.source_record_id', 'a.product_id', 'p.vendor_id', 'p.name', 'a.range_text', 'a.range', 'a.parsed', 'a.status', 'a.grp', 'a.platform_only', 'a.negate'])
      .where('p.vendor_id', 'in', [...vendorKeys])
      .where('v.lifecycle', '<>', 'closed')
      .execute();
    return rows.map((r) => ({
      id: String(r.id),
      vulnId: r.vuln_id,
      sourceId: r.source_id,
      sourceRecordId: r.source_record_id,
      productId: r.product_id,
      vendorId: r.vendor_id,
      productName: r.name,
      rangeText: r.range_text,
      range: r.range,
      parsed: r.parsed,
      status: r.status,
      group: r.grp,
      platformOnly: r.platform_only,
      negate: r.negate,
    }));
  }

  async function recomputeAssets(ids?: readonly string[]): Promise<CorrelationReport> {
    const started = performance.now();
    let q = db.selectFrom('assets').select(['id', 'vendor', 'model', 'firmware_version']);
    if (ids !== undefined) {
      if (ids.length === 0) return { assets: 0, exposures: 0, affected: 0, unknown: 0, ms: 0 };
      q = q.where('id', 'in', [...ids]);
    }
    const assets: AssetFacts[] = (await q.execute()).map((a) => ({ id: a.id, vendor: a.vendor, model: a.model, firmwareVersion: a.firmware_version }));
    const vendorKeys = [...new Set(assets.filter((a) => a.vendor !== null).map((a) => enrich.vendor(a.vendor ?? '').key))];
    const index = indexEntries(await loadEntries(vendorKeys));
    const found: Exposure[] = [];
    for (const asset of assets) {
      if (asset.vendor === null) continue;
      found.push(...correlateAsset(asset, index, enrich));
    }
    await db.transaction().execute(async (trx) => {
      for (const chunk of chunks(assets.map((a) => a.id), 1000)) await trx.deleteFrom('kb_exposures').where('asset_id', 'in', chunk).execute();
      await bulkInsert(
        trx,
        'kb_exposures',
        [['asset_id', 'text'], ['vuln_id', 'text'], ['verdict', 'text'], ['reasons', 'jsonb']],
        found.map((e) => ({ asset_id: e.assetId, vuln_id: e.vulnId, verdict: e.verdict, reasons: e.reasons })),
      );
    });
    return {
      assets: assets.length,
      exposures: found.length,
      affected: found.filter((e) => e.verdict === 'affected').length,
      unknown: found.filter((e) => e.verdict === 'unknown').length,
      ms: Math.round(performance.now() - started),
    };
  }

  /** New knowledge about some vulnerabilities: only assets of the vendors involved are recomputed. */
  async function recomputeForVulnerabilities(vulnIds: readonly string[]): Promise<CorrelationReport> {
    const vendors = new Set<string>();
    for (const chunk of chunks([...vulnIds], 1000)) {
      const rows = await db.selectFrom('kb_affected as a').innerJoin('kb_products as p', 'p.id', 'a.product_id').select('p.vendor_id').distinct().where('a.vuln_id', 'in', chunk).execute();
      for (const r of rows) vendors.add(r.vendor_id);
    }
    if (vendors.size === 0) return { assets: 0, exposures: 0, affected: 0, unknown: 0, ms: 0 };
    const assets = await db.selectFrom('assets').select(['id', 'vendor']).where('vendor', 'is not', null).execute();
    const ids = assets.filter((a) => vendors.has(enrich.vendor(a.vendor ?? '').key)).map((a) => a.id);
    return recomputeAssets(ids);
  }

  async function forAsset(actor: Actor, assetId: string): Promise<AssetExposure[]> {
    const rows = await db
      .selectFrom('kb_exposures as e')
      .innerJoin('kb_vulnerabilities as v', 'v.id', 'e.vuln_id')
      .select(['e.vuln_id', 'e.verdict', 'e.reasons', 'e.computed_at', 'v.title', 'v.grade', 'v.cvss_score', 'v.kev',
        sql<string[]>`(select coalesce(array_agg(a.value order by a.value), '{}') from kb_aliases a where a.vuln_id = v.id)`.as('aliases')])
      .where('e.asset_id', '=', assetId)
      .where(vulnVisibleTo(actor))
      .orderBy(sql`case e.verdict when 'affected' then 0 else 1 end`)
      .orderBy(sql`v.cvss_score desc nulls last`)
      .execute();
    const vulnIds = rows.map((r) => r.vuln_id);
    const remediations = vulnIds.length === 0 ? [] : await db.selectFrom('kb_remediations').select(['vuln_id', 'category', 'details', 'url', 'source_id']).where('vuln_id', 'in', vulnIds).orderBy('id').execute();
    return rows.map((r) => ({
      vulnId: r.vuln_id,
      title: r.title,
      aliases: r.aliases,
      grade: r.grade,
      cvssScore: r.cvss_score,
      kev: r.kev,
      verdict: r.verdict as 'affected' | 'unknown',
      reasons: (typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons) as ExposureReason[],
      remediations: remediations.filter((m) => m.vuln_id === r.vuln_id).map((m) => ({ category: m.category, details: m.details, url: m.url, sourceId: m.source_id })),
      computedAt: toIso(r.computed_at),
    }));
  }

  return { recomputeAssets, recomputeForVulnerabilities, forAsset };
}
