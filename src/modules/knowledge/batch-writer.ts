import { sql } from 'kysely';
import { bulkInsert, type Db } from '../../storage/index.js';
import type { Enricher } from './enrich.js';
import { splitVendorNames } from './catalog/normalize-vendor.js';
import { productFamily } from './catalog/product-family.js';
import { jsonRows } from './json-rows.js';
import type { AdvisoryRecord, Alias, ProductRef, SourceRecord, ThreatRecord, ThreatRelationRecord, VulnerabilityRecord } from './sources/types.js';

export interface IngestItem {
  readonly sourceId: string;
  readonly record: SourceRecord;
  readonly hash: string;
  /**
   * The organisation owning this record (submission, upload): it never merges with another record
   * by its identifiers, so it neither leaks its claims into shared knowledge nor captures a public CVE.
   */
  readonly scope?: string | undefined;
}

/** Identifiers of a scoped record live in the owner's own alias space ("cve@<org>"), found by value but never merged. */
export const scopedScheme = (scheme: string, scope: string) => `${scheme}@${scope}`;
/** The scheme as shown: without the owner's suffix. */
export const shownScheme = (scheme: string) => scheme.replace(/@.*$/, '');

export interface BatchResult {
  readonly vulnerabilities: number;
  readonly advisories: number;
  readonly threats: number;
  readonly relations: number;
  readonly unchanged: number;
  /** Vulnerabilities whose displayed values must be recomputed. */
  readonly touched: readonly string[];
}

// Schemes that name exactly one vulnerability. Advisory ids (ICSA, vendor) cover several, so they
// link through advisories instead of merging records.
const identitySchemes = new Set(['cve', 'cnvd', 'cnnvd', 'ghsa', 'osv', 'bulwark']);

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Pairs travel as two array parameters: a long IN list of row constructors nests deeply enough
// in the planner to overflow PGlite's WASM stack.
const pairs = (rows: readonly (readonly [string, string])[]) =>
  sql`select * from unnest(${rows.map((r) => r[0])}::text[], ${rows.map((r) => r[1])}::text[])`;

function identityAliases(record: VulnerabilityRecord, sourceId: string, scoped: boolean): Alias[] {
  const ids = scoped ? [] : record.aliases.filter((a) => identitySchemes.has(a.scheme));
  // A record naming no identifier still needs a stable identity of its own.
  return ids.length > 0 ? ids : [{ scheme: 'bulwark', value: `${sourceId}:${record.sourceRecordId}` }];
}

/** Union-find over records that share an identifier, within the batch and with what is stored. */
function groupRecords(items: readonly { aliases: Alias[] }[], stored: ReadonlyMap<string, string>): number[] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] ?? i)));
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    for (const a of item.aliases) {
      for (const key of [`${a.scheme}:${a.value}`, `vuln:${stored.get(`${a.scheme}:${a.value}`) ?? ''}`]) {
        if (key === 'vuln:') continue;
        const j = seen.get(key);
        if (j === undefined) seen.set(key, i);
        else parent[find(i)] = find(j);
      }
    }
  });
  return items.map((_, i) => find(i));
}

export function createBatchWriter(enrich: Enricher) {
  type CatalogProduct = { readonly id: string; readonly vendorId: string; readonly vendorName: string; readonly name: string; readonly deviceType: string };
  const productCache = new Map<string, CatalogProduct>();
  // By the names as written, so the tens of thousands of references in a CSAF import skip
  // building and hashing key strings (the entries are shared with productCache).
  const byRawName = new Map<string, Map<string, CatalogProduct>>();
  const MAX_RAW_NAMES = 200_000;
  let rawNames = 0;

  /** The catalog entry of a product reference (one vendor, the family); shared, so callers must not change it. */
  function productOf(ref: ProductRef): CatalogProduct {
    let names = byRawName.get(ref.vendor);
    const known = names?.get(ref.product);
    if (known !== undefined) return known;
    const vendor = enrich.vendor(ref.vendor);
    const product = enrich.product(vendor.key, productFamily(ref.product).family);
    const id = `${vendor.key}/${product.key}`;
    let cached = productCache.get(id);
    if (cached === undefined) {
      cached = { id, vendorId: vendor.key, vendorName: vendor.display, name: product.display, deviceType: enrich.deviceType(vendor.key, product.display) };
      productCache.set(id, cached);
    }
    if (rawNames >= MAX_RAW_NAMES) {
      byRawName.clear();
      rawNames = 0;
      names = undefined;
    }
    if (names === undefined) byRawName.set(ref.vendor, (names = new Map()));
    names.set(ref.product, cached);
    rawNames++;
    return cached;
  }

  const splitCache = new Map<string, readonly string[]>();
  /**
   * A reference whose vendor string names several vendors ("ABB, Phoenix Contact, Schneider
   * Electric, Siemens, and WAGO") is a reference to the product under each of them.
   */
  function productsOf(ref: ProductRef): CatalogProduct[] {
    let vendors = splitCache.get(ref.vendor);
    if (vendors === undefined) {
      vendors = splitVendorNames(ref.vendor);
      if (splitCache.size > 10_000) splitCache.clear();
      splitCache.set(ref.vendor, vendors);
    }
    if (vendors.length <= 1) return [productOf(ref)];
    return vendors.map((vendor) => productOf({ ...ref, vendor }));
  }

  async function upsertProducts(trx: Db, refs: readonly ProductRef[]): Promise<void> {
    // The last reference to a product in the batch decides its cpe and purl; order numbers add up.
    const products = new Map<string, { product: CatalogProduct; cpe: string | null; purl: string | null; variants: Set<string> }>();
    for (const r of refs) {
      const variants = productFamily(r.product).variants;
      for (const product of productsOf(r)) {
        const seen = products.get(product.id)?.variants ?? new Set<string>();
        for (const v of variants) seen.add(v);
        products.set(product.id, { product, cpe: r.cpe ?? null, purl: r.purl ?? null, variants: seen });
      }
    }
    const vendors = new Map([...products.values()].map(({ product: p }) => [p.vendorId, p.vendorName]));
    await bulkInsert(trx, 'kb_vendors', [['id', 'text'], ['name', 'text']], [...vendors.entries()].map(([id, name]) => ({ id, name })), sql`on conflict (id) do nothing`);
    await bulkInsert(
      trx,
      'kb_products',
      [['id', 'text'], ['vendor_id', 'text'], ['name', 'text'], ['device_type', 'text'], ['cpe', 'text'], ['purl', 'text'], ['variants', 'text[]']],
      [...products.values()].map(({ product: p, cpe, purl, variants }) => ({ id: p.id, vendor_id: p.vendorId, name: p.name, device_type: p.deviceType, cpe, purl, variants: [...variants].sort() })),
      sql`on conflict (id) do update set cpe = coalesce(kb_products.cpe, excluded.cpe), purl = coalesce(kb_products.purl, excluded.purl),
        variants = array(select distinct x from unnest(kb_products.variants || excluded.variants) x order by x)`,
    );
  }

  async function writeVulnerabilities(trx: Db, items: readonly (IngestItem & { record: VulnerabilityRecord })[]): Promise<string[]> {
    if (items.length === 0) return [];
    const withIds = items.map((i) => ({ ...i, aliases: identityAliases(i.record, i.sourceId, i.scope !== undefined) }));
    const allAliases = withIds.flatMap((i) => i.aliases.map((a) => [a.scheme, a.value] as const));
    const storedRows = await jsonRows<{ scheme: string; value: string; vuln_id: string }>(
      trx,
      trx.selectFrom('kb_aliases').select(['scheme', 'value', 'vuln_id']).where(sql<boolean>`(scheme, value) in (${pairs(allAliases)})`),
    );
    const stored = new Map(storedRows.map((r) => [`${r.scheme}:${r.value}`, r.vuln_id]));
    const groups = groupRecords(withIds, stored);

    // One target vulnerability per group: the oldest stored one, or a new id. Others merge into it.
    const targetOfGroup = new Map<number, string>();
    const fresh: number[] = [];
    // Members per group in one pass (filtering the batch per group was quadratic).
    const membersOf = new Map<number, (typeof withIds)[number][]>();
    groups.forEach((root, i) => {
      const item = withIds[i];
      if (item === undefined) return;
      const members = membersOf.get(root);
      if (members === undefined) membersOf.set(root, [item]);
      else members.push(item);
    });
    for (const [root, members] of membersOf) {
      const existing = [...new Set(members.flatMap((m) => m.aliases.map((a) => stored.get(`${a.scheme}:${a.value}`)).filter((v): v is string => v !== undefined)))].sort();
      const target = existing[0];
      if (target === undefined) {
        fresh.push(root);
        continue;
      }
      for (const other of existing.slice(1)) await mergeInto(trx, other, target);
      targetOfGroup.set(root, target);
    }
    if (fresh.length > 0) {
      // New ids for the whole batch in one round trip.
      const next = await sql<{ n: string }>`select nextval('kb_vulnerability_seq')::text as n from generate_series(1, ${fresh.length})`.execute(trx);
      const ids = next.rows.map((r) => `BW-${r.n.padStart(7, '0')}`);
      fresh.forEach((root, i) => targetOfGroup.set(root, ids[i] ?? ''));
      await bulkInsert(trx, 'kb_vulnerabilities', [['id', 'text']], ids.map((id) => ({ id })));
    }
    const targets = withIds.map((_, i) => targetOfGroup.get(groups[i] ?? -1) ?? '');

    const records = withIds.map((i) => [i.sourceId, i.record.sourceRecordId] as const);
    for (const table of ['kb_claims', 'kb_affected', 'kb_remediations', 'kb_references'] as const) {
      await trx.deleteFrom(table).where(sql<boolean>`(source_id, source_record_id) in (${pairs(records)})`).execute();
    }
    const aliasRows = withIds.flatMap((item, i) =>
      item.record.aliases
        .filter((a) => identitySchemes.has(a.scheme))
        .map((a) => (item.scope === undefined ? a : { scheme: scopedScheme(a.scheme, item.scope), value: a.value }))
        .concat(item.aliases)
        .map((a) => ({ scheme: a.scheme, value: a.value, vuln_id: targets[i] ?? '' })),
    );
    await bulkInsert(trx, 'kb_aliases', [['scheme', 'text'], ['value', 'text'], ['vuln_id', 'text']], aliasRows, sql`on conflict (scheme, value) do nothing`);

    await upsertProducts(trx, withIds.flatMap((i) => [...i.record.affected.map((a) => a.product), ...i.record.remediations.flatMap((r) => r.products ?? [])]));

    const claims: Record<string, unknown>[] = [];
    const now = new Date().toISOString();
    const affected = [];
    const remediations = [];
    const references = new Map<string, { vuln_id: string; url: string; source_id: string; source_record_id: string; summary: string | null }>();
    const weaknesses = new Map<string, string | null>();
    for (const [i, item] of withIds.entries()) {
      const vulnId = targets[i] ?? '';
      const r = item.record;
      const base = { vuln_id: vulnId, source_id: item.sourceId, source_record_id: r.sourceRecordId };
      const claim = (field: string, value: unknown) => claims.push({ ...base, field, value, observed_at: now });
      if (r.title !== undefined) claim('title', r.title);
      if (r.description !== undefined) claim('description', r.description);
      if (r.published !== undefined) claim('published', r.published);
      if (r.modified !== undefined) claim('modified', r.modified);
      if (r.cwes.length > 0) claim('cwes', [...new Set(r.cwes.map((c) => c.id))].sort());
      if (r.causeType !== undefined) claim('causeType', r.causeType);
      if (r.kev !== undefined) claim('kev', r.kev);
      r.cvss.forEach((c, n) => {
        const scored = enrich.scoreCvss(c);
        if (scored !== null) claims.push({ ...base, field: 'cvss', source_record_id: `${r.sourceRecordId}#cvss${n}`, value: scored, observed_at: now });
      });
      for (const cwe of r.cwes) if (!weaknesses.get(cwe.id)) weaknesses.set(cwe.id, cwe.name ?? null);
      for (const a of r.affected) {
        const parsed = enrich.parseRange(a.range);
        // The name as written when the product is its family, so matching still sees the order number.
        const productText = productFamily(a.product.product).variants.length > 0 ? a.product.product : null;
        for (const product of productsOf(a.product)) {
          affected.push({
            vuln_id: vulnId,
            source_id: item.sourceId,
            source_record_id: r.sourceRecordId,
            product_id: product.id,
            product_text: productText,
            range_text: parsed.text,
            range: parsed.range,
            parsed: parsed.parsed,
            status: a.status,
            grp: a.group ?? null,
            platform_only: a.platformOnly ?? false,
            negate: a.negate ?? false,
          });
        }
      }
      for (const m of r.remediations) {
        remediations.push({ vuln_id: vulnId, source_id: item.sourceId, source_record_id: r.sourceRecordId, category: m.category, details: m.details, url: m.url ?? null, product_ids: [...new Set((m.products ?? []).flatMap((p) => productsOf(p).map((x) => x.id)))] });
      }
      for (const ref of r.references) {
        references.set(`${vulnId}|${ref.url}|${item.sourceId}|${r.sourceRecordId}`, { vuln_id: vulnId, source_id: item.sourceId, source_record_id: r.sourceRecordId, url: ref.url, summary: ref.summary ?? null });
      }
    }
    // The cvss claims use a per-vector record id so a source may state several versions.
    const rec = [['vuln_id', 'text'], ['source_id', 'text'], ['source_record_id', 'text']] as const;
    await bulkInsert(trx, 'kb_claims', [...rec, ['field', 'text'], ['value', 'jsonb'], ['observed_at', 'timestamptz']], claims,
      sql`on conflict (vuln_id, field, source_id, source_record_id) do update set value = excluded.value, observed_at = excluded.observed_at`);
    await bulkInsert(trx, 'kb_affected', [...rec, ['product_id', 'text'], ['product_text', 'text'], ['range_text', 'text'], ['range', 'jsonb'], ['parsed', 'boolean'], ['status', 'text'], ['grp', 'text'], ['platform_only', 'boolean'], ['negate', 'boolean']], affected);
    await bulkInsert(trx, 'kb_remediations', [...rec, ['category', 'text'], ['details', 'text'], ['url', 'text'], ['product_ids', 'text[]']], remediations);
    await bulkInsert(trx, 'kb_references', [...rec, ['url', 'text'], ['summary', 'text']], [...references.values()], sql`on conflict do nothing`);
    await bulkInsert(trx, 'kb_weaknesses', [['id', 'text'], ['name', 'text']], [...weaknesses.entries()].map(([id, name]) => ({ id, name })),
      sql`on conflict (id) do update set name = coalesce(kb_weaknesses.name, excluded.name)`);
    return [...new Set(targets)];
  }

  /** Two stored vulnerabilities turned out to be one (a new record names both): keep the older id. */
  async function mergeInto(trx: Db, from: string, into: string): Promise<void> {
    for (const table of ['kb_aliases', 'kb_claims', 'kb_affected', 'kb_remediations', 'kb_references', 'kb_lifecycle_events'] as const) {
      await trx.updateTable(table).set({ vuln_id: into }).where('vuln_id', '=', from).execute();
    }
    await trx.deleteFrom('kb_exposures').where('vuln_id', '=', from).execute();
    await sql`update kb_advisories set vuln_ids = array_replace(vuln_ids, ${from}, ${into})`.execute(trx);
    await trx.deleteFrom('kb_vulnerabilities').where('id', '=', from).execute();
  }

  async function writeAdvisories(trx: Db, items: readonly (IngestItem & { record: AdvisoryRecord })[], vulnByRecord: ReadonlyMap<string, string>): Promise<void> {
    if (items.length === 0) return;
    const cves = items.flatMap((i) => i.record.vulnerabilityAliases.filter((a) => identitySchemes.has(a.scheme)).map((a) => [a.scheme, a.value] as const));
    const found = cves.length === 0 ? [] : await jsonRows<{ scheme: string; value: string; vuln_id: string }>(trx, trx.selectFrom('kb_aliases').select(['scheme', 'value', 'vuln_id']).where(sql<boolean>`(scheme, value) in (${pairs(cves)})`));
    const byAlias = new Map(found.map((r) => [`${r.scheme}:${r.value}`, r.vuln_id]));
    await upsertProducts(trx, items.flatMap((i) => i.record.products));
    // Record ids "<advisory>#<cve>" (and "#cvssN"): index every prefix that ends before a "#",
    // so each advisory finds its vulnerabilities without scanning all of them.
    const vulnByAdvisory = new Map<string, Set<string>>();
    for (const [key, id] of vulnByRecord) {
      for (let at = key.indexOf('#'); at >= 0; at = key.indexOf('#', at + 1)) {
        const prefix = key.slice(0, at);
        const ids = vulnByAdvisory.get(prefix);
        if (ids === undefined) vulnByAdvisory.set(prefix, new Set([id]));
        else ids.add(id);
      }
    }
    const rows = items.map(({ record: a, sourceId }) => {
      const vulnIds = new Set<string>();
      for (const alias of a.vulnerabilityAliases) {
        const id = byAlias.get(`${alias.scheme}:${alias.value}`);
        if (id !== undefined) vulnIds.add(id);
      }
      for (const id of vulnByAdvisory.get(a.id) ?? []) vulnIds.add(id);
      return {
        id: a.id,
        source_id: sourceId,
        title: a.title,
        publisher: a.publisher,
        published: a.published ?? null,
        modified: a.modified ?? null,
        tlp: a.tlp ?? null,
        summary: a.summary ?? null,
        url: a.url ?? null,
        vuln_ids: [...vulnIds].sort(),
        product_ids: [...new Set(a.products.flatMap((p) => productsOf(p).map((x) => x.id)))].sort(),
      };
    });
    // The same advisory twice in one batch (two revisions): the last one wins.
    const latest = [...new Map(rows.map((r) => [r.id, r])).values()];
    await bulkInsert(
      trx,
      'kb_advisories',
      [['id', 'text'], ['source_id', 'text'], ['title', 'text'], ['publisher', 'text'], ['published', 'timestamptz'], ['modified', 'timestamptz'], ['tlp', 'text'], ['summary', 'text'], ['url', 'text'], ['vuln_ids', 'text[]'], ['product_ids', 'text[]']],
      latest,
      sql`on conflict (id) do update set source_id = excluded.source_id, title = excluded.title, publisher = excluded.publisher,
        published = excluded.published, modified = excluded.modified, tlp = excluded.tlp, summary = excluded.summary, url = excluded.url,
        vuln_ids = excluded.vuln_ids, product_ids = excluded.product_ids`,
    );
  }

  async function writeThreats(trx: Db, threats: readonly ThreatRecord[], relations: readonly ThreatRelationRecord[]): Promise<void> {
    await bulkInsert(
      trx,
      'kb_threats',
      [['id', 'text'], ['stix_type', 'text'], ['external_id', 'text'], ['name', 'text'], ['description', 'text'], ['url', 'text'], ['deprecated', 'boolean'], ['tactics', 'text[]'], ['short_name', 'text'], ['platforms', 'text[]'], ['modified', 'timestamptz']],
      threats.map((t) => ({
        id: t.sourceRecordId,
        stix_type: t.stixType,
        external_id: t.externalId ?? null,
        name: t.name,
        description: t.description ?? null,
        url: t.url ?? null,
        deprecated: t.deprecated,
        tactics: t.tactics ?? [],
        short_name: t.shortName ?? null,
        platforms: t.platforms ?? [],
        modified: t.modified ?? null,
      })),
      sql`on conflict (id) do update set stix_type = excluded.stix_type, external_id = excluded.external_id, name = excluded.name,
        description = excluded.description, url = excluded.url, deprecated = excluded.deprecated, tactics = excluded.tactics,
        short_name = excluded.short_name, platforms = excluded.platforms, modified = excluded.modified`,
    );
    await bulkInsert(
      trx,
      'kb_threat_relations',
      [['id', 'text'], ['source_ref', 'text'], ['target_ref', 'text'], ['type', 'text'], ['description', 'text']],
      relations.map((r) => ({ id: r.sourceRecordId, source_ref: r.sourceRef, target_ref: r.targetRef, type: r.relationshipType, description: r.description ?? null })),
      sql`on conflict (id) do update set source_ref = excluded.source_ref, target_ref = excluded.target_ref, type = excluded.type, description = excluded.description`,
    );
  }

  /** Writes one batch in the caller's transaction; unchanged records (same content hash) are skipped. */
  async function write(trx: Db, batch: readonly IngestItem[]): Promise<BatchResult> {
    const keys = batch.map((i) => [i.sourceId, i.record.sourceRecordId] as const);
    // Lookups read as JSON documents (jsonRows): a re-import asks for every record's hash.
    const known = keys.length === 0 ? [] : await jsonRows<{ source_id: string; record_id: string; content_hash: string }>(trx, trx.selectFrom('kb_source_records').select(['source_id', 'record_id', 'content_hash']).where(sql<boolean>`(source_id, record_id) in (${pairs(keys)})`));
    const hashes = new Map(known.map((k) => [`${k.source_id}|${k.record_id}`, k.content_hash]));
    const changed = batch.filter((i) => hashes.get(`${i.sourceId}|${i.record.sourceRecordId}`) !== i.hash);
    const of = <K extends SourceRecord['kind']>(kind: K) => changed.filter((i): i is IngestItem & { record: Extract<SourceRecord, { kind: K }> } => i.record.kind === kind);

    const vulnItems = of('vulnerability');
    const touched = await writeVulnerabilities(trx, vulnItems);
    const vulnByRecord = new Map<string, string>();
    if (vulnItems.length > 0) {
      const rows = await jsonRows<{ source_record_id: string; vuln_id: string }>(trx, trx.selectFrom('kb_claims').select(['source_record_id', 'vuln_id']).where(sql<boolean>`(source_id, source_record_id) in (${pairs(vulnItems.map((i) => [i.sourceId, i.record.sourceRecordId] as const))})`));
      for (const r of rows) vulnByRecord.set(r.source_record_id, r.vuln_id);
    }
    await writeAdvisories(trx, of('advisory'), vulnByRecord);
    await writeThreats(trx, of('threat').map((i) => i.record), of('threat-relation').map((i) => i.record));
    await bulkInsert(
      trx,
      'kb_source_records',
      [['source_id', 'text'], ['record_id', 'text'], ['content_hash', 'text']],
      changed.map((i) => ({ source_id: i.sourceId, record_id: i.record.sourceRecordId, content_hash: i.hash })),
      sql`on conflict (source_id, record_id) do update set content_hash = excluded.content_hash, imported_at = now()`,
    );
    return {
      vulnerabilities: vulnItems.length,
      advisories: of('advisory').length,
      threats: of('threat').length,
      relations: of('threat-relation').length,
      unchanged: batch.length - changed.length,
      touched,
    };
  }

  return { write };
}
