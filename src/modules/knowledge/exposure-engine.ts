import { hash } from 'node:crypto';
import { sql } from 'kysely';
import { bulkInsert, type Database, type Db } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import { chunks } from './batch-writer.js';
import { correlateAsset, groupEntries, indexEntries, type AffectedEntry, type GroupedEntries, type AssetFacts, type Exposure, type ExposureReason } from './correlate.js';
import type { Enricher } from './enrich.js';
import { jsonRows } from './json-rows.js';
import { jsonbString } from './jsonb-text.js';
import { vulnVisibleTo } from './vulnerability.store.js';

const str = jsonbString;
const strOrNull = (v: string | null) => (v === null ? 'null' : jsonbString(v));

/**
 * `reasons::text` as PostgreSQL prints the stored reasons: jsonb orders keys by length, then bytes.
 * Written out for speed (the generic jsonbText takes several times as long); a test holds the two
 * equal, and a field missing here would only make every digest differ, never one agree falsely.
 */
export function reasonsText(reasons: readonly ExposureReason[]): string {
  let out = '[';
  for (const r of reasons) {
    out += `${out.length === 1 ? '' : ', '}{"why": ${str(r.why)}, "basis": ${str(r.basis)}, "parsed": ${r.parsed ? 'true' : 'false'}, "product": ${str(r.product)}, "verdict": ${str(r.verdict)}, "version": ${strOrNull(r.version)}, "sourceId": ${str(r.sourceId)}, "productId": ${str(r.productId)}, "rangeText": ${str(r.rangeText)}, "affectedId": ${str(r.affectedId)}, "confidence": ${String(r.confidence)}}`;
  }
  return `${out}]`;
}

// One line per exposure, as JSON tokens so that no value can run into the next: the vulnerability,
// the verdict and the reasons as PostgreSQL prints them.
const exposureText = sql<string>`to_json(vuln_id)::text || ',' || to_json(verdict)::text || ',' || reasons::text`;
const byteOrder = (a: Exposure, b: Exposure) => (a.vulnId < b.vulnId ? -1 : a.vulnId > b.vulnId ? 1 : 0);

/**
 * The digest the database computes over an asset's stored exposures (exposureText, ordered by
 * vulnerability id in byte order). Ids whose UTF-16 and UTF-8 orders differ would only make the
 * digests differ, and the asset be rewritten.
 */
export function digestOf(exposures: readonly Exposure[]): string {
  const lines = [...exposures].sort(byteOrder).map((e) => `${jsonbString(e.vulnId)},${jsonbString(e.verdict)},${reasonsText(e.reasons)}`);
  return hash('md5', lines.join('\n'), 'hex');
}

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
  readonly confidence: number;
  readonly reasons: readonly ExposureReason[];
  readonly remediations: readonly { category: string; details: string; url: string | null; sourceId: string }[];
  readonly computedAt: string;
}

export interface ExposureHooks {
  /** After the exposures of these assets were recomputed and written (knowledge alerts, issue 13). */
  readonly recomputed?: ((assetIds: readonly string[]) => Promise<void>) | undefined;
}

/** Keeps kb_exposures in step with assets and knowledge: recomputed per asset, incrementally. */
export function createExposureEngine(database: Database, enrich: Enricher, hooks: ExposureHooks = {}) {
  const { db } = database;

  async function loadEntries(vendorKeys: readonly string[]): Promise<AffectedEntry[]> {
    if (vendorKeys.length === 0) return [];
    // One JSON document of positional rows: PGlite decodes result cells in JavaScript (about 1 µs
    // each) and spends most of the rest naming keys; ordered so that reasons keep their order.
    const { rows } = await sql<{ rows: string }>`
      select coalesce(json_agg(json_build_array(a.id::text, a.vuln_id, a.source_id, a.source_record_id, a.product_id, p.vendor_id, coalesce(a.product_text, p.name),
        a.range_text, a.range, a.parsed, a.status, a.grp, a.platform_only, a.negate,
        -- The CVE ids, only where a range names one ("only affected by CVE-..."): rare, so asked per entry.
        case when a.range_text ilike '%only affected by%' then (select array_agg(x.value) from kb_aliases x where x.vuln_id = a.vuln_id and x.scheme = 'cve') end) order by a.id), '[]')::text as rows
      from kb_affected a
      join kb_products p on p.id = a.product_id
      join kb_vulnerabilities v on v.id = a.vuln_id
      where p.vendor_id = any(${[...vendorKeys]}::text[]) and v.lifecycle <> 'closed'`.execute(db);
    type Row = [string, string, string, string, string, string, string, string, unknown, boolean, string, string | null, boolean, boolean, string[] | null];
    return (JSON.parse(rows[0]?.rows ?? '[]') as Row[]).map(([id, vulnId, sourceId, sourceRecordId, productId, vendorId, productName, rangeText, range, parsed, status, group, platformOnly, negate, cves]) => ({
      id,
      vulnId,
      sourceId,
      sourceRecordId,
      productId,
      vendorId,
      productName,
      rangeText,
      range,
      parsed,
      status,
      group,
      platformOnly,
      negate,
      cves: cves ?? undefined,
    }));
  }

  /**
   * A version of everything loadEntries reads: the row versions (xmin) of the affected entries,
   * products and vulnerabilities. Any insert, update or delete there, by this process or another,
   * changes it. Reading it costs a fifth of loading the entries on PGlite.
   */
  async function knowledgeVersion(): Promise<string> {
    const { rows } = await sql<{ version: string | null }>`
      select md5(concat_ws('|', (select string_agg(xmin::text, ',') from kb_affected),
        (select string_agg(xmin::text, ',') from kb_products), (select string_agg(xmin::text, ',') from kb_vulnerabilities))) as version`.execute(db);
    return rows[0]?.version ?? '';
  }

  // The grouped entries of the last load, reused while the knowledge version and the vendors are
  // the same: recomputing unchanged knowledge for changed assets is the common case.
  let lastEntries: { vendors: string; version: string; grouped: GroupedEntries } | undefined;

  async function groupedEntries(vendorKeys: readonly string[]): Promise<GroupedEntries> {
    const vendors = [...vendorKeys].sort().join('\n');
    // Read before the entries: a change committed in between only makes the next run reload.
    const version = await knowledgeVersion();
    if (lastEntries !== undefined && lastEntries.vendors === vendors && lastEntries.version === version) return lastEntries.grouped;
    const grouped = groupEntries(await loadEntries(vendorKeys));
    lastEntries = { vendors, version, grouped };
    return grouped;
  }

  /**
   * Makes the stored exposures of these assets equal to `found`, rewriting only the assets whose
   * exposures changed: rewriting unchanged rows cost most of a recomputation (two foreign-key checks
   * per row). Each asset's stored and computed exposures are compared by one digest; an asset that
   * is rewritten gets a new computed_at, the others keep theirs.
   */
  async function writeExposures(trx: Db, assetIds: readonly string[], found: readonly Exposure[]): Promise<void> {
    const byAsset = new Map<string, Exposure[]>();
    for (const e of found) {
      const list = byAsset.get(e.assetId);
      if (list === undefined) byAsset.set(e.assetId, [e]);
      else list.push(e);
    }
    const stored = new Map<string, string>();
    for (const chunk of chunks([...new Set(assetIds)], 5000)) {
      const rows = await jsonRows<{ asset_id: string; digest: string }>(
        trx,
        trx
          .selectFrom('kb_exposures')
          .select(['asset_id', sql<string>`md5(string_agg(${exposureText}, E'\n' order by vuln_id collate "C"))`.as('digest')])
          .where(sql<boolean>`asset_id = any(${chunk}::text[])`)
          .groupBy('asset_id'),
      );
      for (const r of rows) stored.set(r.asset_id, r.digest);
    }
    const changed: string[] = [];
    const rows: { asset_id: string; vuln_id: string; verdict: string; confidence: number; reasons: readonly ExposureReason[] }[] = [];
    for (const assetId of new Set(assetIds)) {
      const mine = byAsset.get(assetId) ?? [];
      const before = stored.get(assetId);
      if (before === undefined ? mine.length === 0 : mine.length > 0 && before === digestOf(mine)) continue;
      changed.push(assetId);
      for (const e of mine) rows.push({ asset_id: e.assetId, vuln_id: e.vulnId, verdict: e.verdict, confidence: e.confidence, reasons: e.reasons });
    }
    for (const chunk of chunks(changed, 5000)) await trx.deleteFrom('kb_exposures').where(sql<boolean>`asset_id = any(${chunk}::text[])`).execute();
    await bulkInsert(trx, 'kb_exposures', [['asset_id', 'text'], ['vuln_id', 'text'], ['verdict', 'text'], ['confidence', 'real'], ['reasons', 'jsonb']], rows);
  }

  async function recomputeAssets(ids?: readonly string[]): Promise<CorrelationReport> {
    const started = performance.now();
    let q = db.selectFrom('assets').select(['id', 'vendor', 'model', 'firmware_version']);
    if (ids !== undefined) {
      if (ids.length === 0) return { assets: 0, exposures: 0, affected: 0, unknown: 0, ms: 0 };
      // One array parameter: an IN list of 10,000 placeholders costs more to build than to run.
      q = q.where(sql<boolean>`id = any(${[...ids]}::text[])`);
    }
    const assets: AssetFacts[] = (await jsonRows<{ id: string; vendor: string | null; model: string | null; firmware_version: string | null }>(db, q)).map((a) => ({ id: a.id, vendor: a.vendor, model: a.model, firmwareVersion: a.firmware_version }));
    const vendorKeys = [...new Set(assets.filter((a) => a.vendor !== null).map((a) => enrich.vendor(a.vendor ?? '').key))];
    const index = indexEntries(await groupedEntries(vendorKeys));
    const found: Exposure[] = [];
    for (const asset of assets) {
      if (asset.vendor === null) continue;
      found.push(...correlateAsset(asset, index, enrich));
    }
    await db.transaction().execute((trx) => writeExposures(trx, assets.map((a) => a.id), found));
    await hooks.recomputed?.(assets.map((a) => a.id));
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
      .select(['e.vuln_id', 'e.verdict', 'e.confidence', 'e.reasons', 'e.computed_at', 'v.title', 'v.grade', 'v.cvss_score', 'v.kev',
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
      confidence: Number(r.confidence),
      reasons: (typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons) as ExposureReason[],
      remediations: remediations.filter((m) => m.vuln_id === r.vuln_id).map((m) => ({ category: m.category, details: m.details, url: m.url, sourceId: m.source_id })),
      computedAt: toIso(r.computed_at),
    }));
  }

  return { recomputeAssets, recomputeForVulnerabilities, forAsset };
}
