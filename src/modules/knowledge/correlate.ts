import type { Enricher, RangeVerdict } from './enrich.js';

// Matching assets to affected products: pure, so it is tested without a database.

export interface AssetFacts {
  readonly id: string;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly firmwareVersion: string | null;
}

export interface AffectedEntry {
  readonly id: string;
  readonly vulnId: string;
  readonly sourceId: string;
  readonly sourceRecordId: string;
  readonly productId: string;
  readonly vendorId: string;
  readonly productName: string;
  readonly rangeText: string;
  readonly range: unknown;
  /** False when no source grammar understood the range (vendor prose, KEV's 'no versions'). */
  readonly parsed: boolean;
  readonly status: string;
  readonly group: string | null;
  readonly platformOnly: boolean;
  readonly negate: boolean;
}

export interface ExposureReason {
  readonly affectedId: string;
  readonly sourceId: string;
  readonly productId: string;
  readonly product: string;
  readonly rangeText: string;
  readonly version: string | null;
  readonly verdict: 'affected' | 'unknown';
  readonly why: string;
  readonly parsed: boolean;
}

export interface Exposure {
  readonly assetId: string;
  readonly vulnId: string;
  readonly verdict: 'affected' | 'unknown';
  readonly reasons: readonly ExposureReason[];
}

// Words that say what kind of thing a product is rather than which one.
const GENERIC = new Set(['firmware', 'cpu', 'series', 'family', 'software', 'device', 'devices', 'all', 'and', 'the', 'for', 'with', 'module', 'modules', 'controller', 'controllers', 'version', 'versions', 'products', 'product', 'system', 'systems', 'plc', 'hmi', 'panel', 'of', 'v']);

export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9.+/-]+/)
    .map((t) => t.replace(/^[-./]+|[-./]+$/g, ''))
    .filter((t) => t.length > 0 && !GENERIC.has(t));
}

const distinctive = (t: string) => /\d/.test(t) && /[a-z]/.test(t);

/** A product name split once into the words that identify it. */
export function prepareProduct(productName: string, vendorWords: readonly string[] = []) {
  const words = tokens(productName).filter((t) => !vendorWords.includes(t));
  return { words, keyTokens: words.filter(distinctive) };
}

function matchesPrepared(product: ReturnType<typeof prepareProduct>, model: ReadonlySet<string>): boolean {
  if (product.words.length === 0 || model.size === 0) return false;
  if (product.keyTokens.length > 0) {
    return product.keyTokens.every((t) => model.has(t) || [...model].some((m) => m.startsWith(`${t}-`) || m.startsWith(`${t}/`)));
  }
  return product.words.every((t) => model.has(t));
}

/**
 * Does the asset's model name this product? Model numbers (tokens with letters and digits, like
 * "s7-1500" or "1756-l8") must agree; products without one need all their words in the model.
 */
export function productMatches(productName: string, assetModel: string, vendorWords: readonly string[] = []): boolean {
  return matchesPrepared(prepareProduct(productName, vendorWords), new Set(tokens(assetModel)));
}

/**
 * The affected entries of a set of vendors, indexed for matching many assets: by vendor and product,
 * with product words computed once, platform entries by configuration group, and model matches cached.
 */
export function indexEntries(entries: readonly AffectedEntry[]) {
  const byVendor = new Map<string, Map<string, AffectedEntry[]>>();
  const platforms = new Map<string, AffectedEntry[]>();
  for (const e of entries) {
    const products = byVendor.get(e.vendorId) ?? new Map<string, AffectedEntry[]>();
    products.set(e.productId, [...(products.get(e.productId) ?? []), e]);
    byVendor.set(e.vendorId, products);
    if (e.platformOnly && e.group !== null) {
      const key = `${e.vulnId}|${e.sourceRecordId}|${e.group}`;
      platforms.set(key, [...(platforms.get(key) ?? []), e]);
    }
  }
  const matches = new Map<string, Set<string>>();
  const prepared = new Map<string, [string, ReturnType<typeof prepareProduct>][]>();
  /** Product ids of this vendor that the model names (cached per vendor and model). */
  function productsFor(vendorKey: string, vendorWords: readonly string[], model: string): Set<string> {
    const cacheKey = `${vendorKey}\u0000${model}`;
    let found = matches.get(cacheKey);
    if (found === undefined) {
      let list = prepared.get(vendorKey);
      if (list === undefined) {
        list = [...(byVendor.get(vendorKey) ?? [])].map(([id, es]) => [id, prepareProduct(es[0]?.productName ?? '', vendorWords)]);
        prepared.set(vendorKey, list);
      }
      const modelTokens = new Set(tokens(model));
      found = new Set(list.filter(([, p]) => matchesPrepared(p, modelTokens)).map(([id]) => id));
      matches.set(cacheKey, found);
    }
    return found;
  }
  return { byVendor, platforms, productsFor };
}

export type EntryIndex = ReturnType<typeof indexEntries>;

/** Correlates one asset against the affected entries of its vendor's products. */
export function correlateAsset(
  asset: AssetFacts,
  entries: readonly AffectedEntry[] | EntryIndex,
  enrich: Pick<Enricher, 'vendor' | 'matchRange'>,
): Exposure[] {
  if (asset.vendor === null || asset.model === null) return [];
  const index = Array.isArray(entries) ? indexEntries(entries as readonly AffectedEntry[]) : (entries as EntryIndex);
  const vendor = enrich.vendor(asset.vendor);
  const vendorWords = tokens(vendor.display).concat(tokens(vendor.key));
  const version = asset.firmwareVersion;
  const matched = index.productsFor(vendor.key, vendorWords, asset.model);
  const products = index.byVendor.get(vendor.key);
  const mine = [...matched].flatMap((id) => products?.get(id) ?? []);
  const verdictOf = (e: AffectedEntry): RangeVerdict => enrich.matchRange(e.range, version);
  const byVuln = new Map<string, ExposureReason[]>();
  const cleared = new Set<string>();
  // Vulnerabilities for which some understood range says this version is not affected.
  const parsedClear = new Set<string>();
  for (const e of mine) {
    if (e.platformOnly) continue;
    const v = verdictOf(e);
    // A source that says this version is fixed or not affected clears that source's claim for it.
    if (e.status === 'not_affected' || e.status === 'fixed') {
      if (v === 'affected') cleared.add(`${e.vulnId}|${e.sourceId}`);
      continue;
    }
    let verdict: RangeVerdict = e.negate ? (v === 'affected' ? 'not_affected' : v === 'not_affected' ? 'affected' : 'unknown') : v;
    if (verdict === 'not_affected') {
      if (e.parsed) parsedClear.add(e.vulnId);
      continue;
    }
    let why = verdict === 'affected' ? `version ${version ?? '?'} is in "${e.rangeText}"` : version === null ? 'the asset has no firmware version' : `cannot tell whether ${version} is in "${e.rangeText}"`;
    if (e.group !== null) {
      // AND configuration: the running-on platforms of the group must match the asset too.
      const platforms = index.platforms.get(`${e.vulnId}|${e.sourceRecordId}|${e.group}`) ?? [];
      if (platforms.length > 0 && !platforms.some((p) => p.vendorId === vendor.key && matched.has(p.productId))) continue;
      if (platforms.length > 0) why += ' (running on a matching platform)';
    }
    if (verdict !== 'affected') verdict = 'unknown';
    const reasons = byVuln.get(e.vulnId) ?? [];
    reasons.push({ affectedId: e.id, sourceId: e.sourceId, productId: e.productId, product: e.productName, rangeText: e.rangeText, version, verdict, why, parsed: e.parsed });
    byVuln.set(e.vulnId, reasons);
  }
  const out: Exposure[] = [];
  for (const [vulnId, reasons] of byVuln) {
    // A range that was understood and clears this version outweighs text no grammar understood.
    const kept = reasons.filter((r) => !cleared.has(`${vulnId}|${r.sourceId}`) && !(parsedClear.has(vulnId) && !r.parsed && r.verdict === 'unknown'));
    if (kept.length === 0) continue;
    out.push({ assetId: asset.id, vulnId, verdict: kept.some((r) => r.verdict === 'affected') ? 'affected' : 'unknown', reasons: kept });
  }
  return out;
}
