import { sql } from 'kysely';
import type { Db } from '../../storage/index.js';
import type { Enricher } from './enrich.js';
import { KEV_UNSPECIFIED_RANGE } from './sources/kev/index.js';
import { chunks } from './batch-writer.js';
import { jsonRows } from './json-rows.js';
import { resolveVulnerability, type AffectedRow, type ClaimRow } from './resolve.js';
import type { Reliability } from './types.js';

/**
 * Recomputes the displayed fields, conflicts and search text of the given vulnerabilities from
 * their claims, in a few set-based statements (one update for the whole chunk).
 */
export async function refreshVulnerabilities(trx: Db, ids: readonly string[], enrich: Enricher): Promise<void> {
  for (const chunk of chunks([...new Set(ids)], 500)) {
    // Read as JSON documents: row by row, PGlite spent most of a refresh decoding these cells.
    const claims = await jsonRows<{ vuln_id: string; field: string; source_id: string; reliability: string; source_record_id: string; value: unknown; observed_at: string }>(
      trx,
      trx
        .selectFrom('kb_claims as c')
        .innerJoin('kb_sources as s', 's.id', 'c.source_id')
        .select(['c.vuln_id', 'c.field', 'c.source_id', 's.reliability', 'c.source_record_id', 'c.value', 'c.observed_at'])
        .where('c.vuln_id', 'in', chunk),
    );
    const affected = await jsonRows<{ vuln_id: string; source_id: string; product_id: string; vendor_name: string; product_name: string; device_type: string; range_text: string; range: unknown; parsed: boolean; status: string }>(
      trx,
      trx
        .selectFrom('kb_affected as a')
        .innerJoin('kb_products as p', 'p.id', 'a.product_id')
        .innerJoin('kb_vendors as v', 'v.id', 'p.vendor_id')
        .select(['a.vuln_id', 'a.source_id', 'a.product_id', 'v.name as vendor_name', 'p.name as product_name', 'p.device_type', 'a.range_text', 'a.range', 'a.parsed', 'a.status'])
        .where('a.vuln_id', 'in', chunk),
    );
    const remediations = await jsonRows<{ vuln_id: string; category: string }>(trx, trx.selectFrom('kb_remediations').select(['vuln_id', 'category']).where('vuln_id', 'in', chunk));
    const aliases = await jsonRows<{ vuln_id: string; value: string }>(trx, trx.selectFrom('kb_aliases').select(['vuln_id', 'value']).where('vuln_id', 'in', chunk));

    const group = <T extends { vuln_id: string }>(rows: readonly T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) {
        const list = m.get(r.vuln_id);
        if (list === undefined) m.set(r.vuln_id, [r]);
        else list.push(r);
      }
      return m;
    };
    const claimsBy = group(claims);
    const affectedBy = group(affected);
    const remBy = group(remediations);
    const aliasBy = group(aliases);

    const rows = chunk.map((id) => {
      const claimRows: ClaimRow[] = (claimsBy.get(id) ?? []).map((c) => ({
        field: c.field,
        sourceId: c.source_id,
        reliability: c.reliability as Reliability,
        sourceRecordId: c.source_record_id,
        value: c.value, // jsonb arrives decoded from both drivers
        observedAt: new Date(c.observed_at),
      }));
      const affectedRows: AffectedRow[] = (affectedBy.get(id) ?? []).map((a) => ({
        sourceId: a.source_id,
        productId: a.product_id,
        vendorName: a.vendor_name,
        productName: a.product_name,
        deviceType: a.device_type,
        rangeText: a.range_text,
        rangeKey: a.parsed ? JSON.stringify(a.range) : a.range_text,
        statesNoVersions: a.range_text === KEV_UNSPECIFIED_RANGE,
        status: a.status,
      }));
      const r = resolveVulnerability(claimRows, affectedRows, (remBy.get(id) ?? []).map((x) => x.category), enrich);
      const names = (aliasBy.get(id) ?? []).map((a) => a.value);
      return {
        id,
        title: r.title,
        description: r.description,
        published: r.published,
        modified: r.modified,
        cvss_version: r.cvssVersion,
        cvss_vector: r.cvssVector,
        cvss_score: r.cvssScore,
        grade: r.grade,
        gbt_grade: r.gbtGrade,
        cause_category: r.causeCategory,
        cwes: r.cwes,
        kev: r.kev,
        kev_date_added: r.kevDateAdded,
        kev_due_date: r.kevDueDate,
        kev_ransomware: r.kevRansomware,
        has_fix: r.hasFix,
        vendors: r.vendors,
        products: r.products,
        device_types: r.deviceTypes,
        conflicts: r.conflicts,
        text_a: [id, ...names, r.title ?? ''].join(' '),
        text_b: [...r.vendors, ...r.products, ...r.cwes].join(' '),
      };
    });
    // One statement for the chunk: rows travel as one JSON parameter.
    await sql`
      update kb_vulnerabilities as v set
        title = d.title, description = d.description, published = d.published, modified = d.modified,
        cvss_version = d.cvss_version, cvss_vector = d.cvss_vector, cvss_score = d.cvss_score,
        grade = d.grade, gbt_grade = d.gbt_grade, cause_category = d.cause_category, cwes = d.cwes,
        kev = d.kev, kev_date_added = d.kev_date_added, kev_due_date = d.kev_due_date, kev_ransomware = d.kev_ransomware,
        has_fix = d.has_fix, vendors = d.vendors, products = d.products, device_types = d.device_types,
        conflicts = d.conflicts, updated_at = now(),
        search = setweight(to_tsvector('english', d.text_a), 'A')
              || setweight(to_tsvector('english', d.text_b), 'B')
              || setweight(to_tsvector('english', left(coalesce(d.description, ''), 20000)), 'C')
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as d(
        id text, title text, description text, published timestamptz, modified timestamptz,
        cvss_version text, cvss_vector text, cvss_score real, grade text, gbt_grade text, cause_category text,
        cwes text[], kev boolean, kev_date_added date, kev_due_date date, kev_ransomware boolean, has_fix boolean,
        vendors text[], products text[], device_types text[], conflicts jsonb, text_a text, text_b text)
      where v.id = d.id`.execute(trx);
  }
}
