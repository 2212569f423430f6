import type { Enricher, RangeVerdict } from './enrich.js';
import { matchPrepared, prepareModel, prepareProduct, releaseAgrees, tokens, type PreparedProduct, type ProductMatch } from './product-match.js';

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
  /** The CVE ids of the vulnerability, for ranges a source wrote for one of several CVEs. */
  readonly cves?: readonly string[] | undefined;
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
  /** Why the product is taken to be the asset's (model numbers, order number, module type). */
  readonly basis: string;
  /** 0..1: how sure this reason is, product match and version together. */
  readonly confidence: number;
}

export interface Exposure {
  readonly assetId: string;
  readonly vulnId: string;
  readonly verdict: 'affected' | 'unknown';
  /** The surest reason's confidence. */
  readonly confidence: number;
  readonly reasons: readonly ExposureReason[];
}

export { tokens };

interface PreparedProducts {
  readonly list: readonly (readonly [string, PreparedProduct])[];
  /** Positions in list by the first key token (products with one) or the first word (the others). */
  readonly byKeyToken: ReadonlyMap<string, readonly number[]>;
  readonly byWord: ReadonlyMap<string, readonly number[]>;
}

function prepareVendor(products: ReadonlyMap<string, readonly AffectedEntry[]> | undefined, vendorWords: readonly string[]): PreparedProducts {
  const list = [...(products ?? [])].map(([id, es]) => [id, prepareProduct(es[0]?.productName ?? '', vendorWords)] as const);
  const byKeyToken = new Map<string, number[]>();
  const byWord = new Map<string, number[]>();
  list.forEach(([, p], i) => {
    // A product with no words matches no model; one with key tokens needs its first in the model.
    const keyed = p.keyTokens.length > 0;
    const key = keyed ? p.keyTokens[0] : p.nameWords[0];
    if (key === undefined) return;
    const index = keyed ? byKeyToken : byWord;
    const at = index.get(key);
    if (at === undefined) index.set(key, [i]);
    else at.push(i);
  });
  return { list, byKeyToken, byWord };
}

/** Affected entries by vendor and product, and platform entries by configuration group. */
export function groupEntries(entries: readonly AffectedEntry[]) {
  const byVendor = new Map<string, Map<string, AffectedEntry[]>>();
  const platforms = new Map<string, AffectedEntry[]>();
  for (const e of entries) {
    let products = byVendor.get(e.vendorId);
    if (products === undefined) byVendor.set(e.vendorId, (products = new Map()));
    // By the name as written: a product family's entries may each name an order number of their own.
    const list = products.get(e.productName);
    if (list === undefined) products.set(e.productName, [e]);
    else list.push(e);
    if (e.platformOnly && e.group !== null) {
      const key = `${e.vulnId}|${e.sourceRecordId}|${e.group}`;
      const group = platforms.get(key);
      if (group === undefined) platforms.set(key, [e]);
      else group.push(e);
    }
  }
  return { byVendor, platforms };
}

export type GroupedEntries = ReturnType<typeof groupEntries>;

/**
 * The affected entries of a set of vendors, indexed for matching many assets: grouped (or already
 * grouped, so a caller may keep the grouping across runs), with product words computed once and
 * indexed by the token a model must contain, and model matches cached for this index's lifetime.
 */
export function indexEntries(entries: readonly AffectedEntry[] | GroupedEntries) {
  const { byVendor, platforms } = Array.isArray(entries) ? groupEntries(entries as readonly AffectedEntry[]) : (entries as GroupedEntries);
  const matches = new Map<string, Map<string, ProductMatch & { readonly product: PreparedProduct }>>();
  const prepared = new Map<string, PreparedProducts>();
  const wordsOfVendor = new Map<string, string[]>();
  /** The words of a vendor's name and key, which product names may repeat (cached per spelling). */
  function vendorWordsOf(vendor: { readonly key: string; readonly display: string }): string[] {
    const key = `${vendor.key}\u0000${vendor.display}`;
    let words = wordsOfVendor.get(key);
    if (words === undefined) wordsOfVendor.set(key, (words = tokens(vendor.display).concat(tokens(vendor.key))));
    return words;
  }
  /** Products of this vendor that the model names, each with why (cached per vendor and model). */
  function productsFor(vendorKey: string, vendorWords: readonly string[], model: string): Map<string, ProductMatch & { readonly product: PreparedProduct }> {
    const cacheKey = `${vendorKey}\u0000${model}`;
    let found = matches.get(cacheKey);
    if (found === undefined) {
      let vendor = prepared.get(vendorKey);
      if (vendor === undefined) {
        vendor = prepareVendor(byVendor.get(vendorKey), vendorWords);
        prepared.set(vendorKey, vendor);
      }
      const m = prepareModel(model, vendorWords);
      // Only products whose indexed token the model offers can match; the full test decides.
      const candidates = new Set<number>();
      for (const t of m.offered) for (const i of vendor.byKeyToken.get(t) ?? []) candidates.add(i);
      for (const t of m.tokens) for (const i of vendor.byWord.get(t) ?? []) candidates.add(i);
      found = new Map();
      // In the vendor's product order, as a scan of every product would find them.
      for (const i of [...candidates].sort((a, b) => a - b)) {
        const [id, p] = vendor.list[i] ?? [];
        if (id === undefined || p === undefined) continue;
        const result = matchPrepared(p, m);
        if (result.match) found.set(id, { ...result, product: p });
      }
      matches.set(cacheKey, found);
    }
    return found;
  }
  return { byVendor, platforms, productsFor, vendorWordsOf };
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
  const vendorWords = index.vendorWordsOf(vendor);
  const version = asset.firmwareVersion;
  const matched = index.productsFor(vendor.key, vendorWords, asset.model);
  const products = index.byVendor.get(vendor.key);
  // The matched products' entries in product order (a flatMap here dominated correlation profiles).
  const mine: AffectedEntry[] = [];
  for (const id of matched.keys()) for (const e of products?.get(id) ?? []) mine.push(e);
  const byVuln = new Map<string, ExposureReason[]>();
  const cleared = new Set<string>();
  // Vulnerabilities for which some understood range says this version is not affected.
  const parsedClear = new Set<string>();
  for (const e of mine) {
    if (e.platformOnly) continue;
    const match = matched.get(e.productName);
    if (match === undefined) continue;
    // "(only affected by CVE-2019-10943)": a range a source wrote for one of the CVEs it lists.
    const only = /only affected by (CVE-\d{4}-\d+)/i.exec(e.rangeText)?.[1]?.toUpperCase();
    if (only !== undefined && e.cves !== undefined && e.cves.length > 0 && !e.cves.includes(only)) continue;
    const release = releaseAgrees(match.product.release, version);
    if (release !== undefined && !release.agrees) continue;
    const ranged = enrich.matchRange(e.range, version, { vendorKey: vendor.key, product: e.productName });
    const v = ranged.verdict;
    // A source that says this version is fixed or not affected clears that source's claim for it.
    if (e.status === 'not_affected' || e.status === 'fixed') {
      if (v === 'affected') cleared.add(`${e.vulnId}|${e.sourceId}`);
      continue;
    }
    let verdict: RangeVerdict = e.negate ? (v === 'affected' ? 'not_affected' : v === 'not_affected' ? 'affected' : 'unknown') : v;
    if (verdict === 'not_affected') {
      if (e.parsed && !match.familyOnly) parsedClear.add(e.vulnId);
      continue;
    }
    let why = verdict === 'affected' ? `version ${version ?? '?'} is in "${e.rangeText}"` : version === null ? 'the asset has no firmware version' : `cannot tell whether ${version} is in "${e.rangeText}"`;
    if (ranged.note !== undefined) why += ` (${ranged.note})`;
    const allVersions = (e.range as { kind?: string } | null)?.kind === 'all';
    if (verdict === 'affected' && !allVersions && match.product.component && !/\b(subsystem|component|library|stack|add-on|plug-?in)\b/i.test(asset.model)) {
      // The range is the version of a part inside the product, not of the firmware the asset reports.
      verdict = 'unknown';
      why = `"${e.rangeText}" is the version of a part of ${e.productName}, not the firmware ${version ?? '?'} of the asset`;
    }
    if (verdict === 'affected' && match.familyOnly && !allVersions) {
      verdict = 'unknown';
      why = `the asset names only the family; cannot tell whether ${version ?? 'its version'} is in "${e.rangeText}" for ${e.productName}`;
    }
    if (e.group !== null) {
      // AND configuration: the running-on platforms of the group must match the asset too.
      const platforms = index.platforms.get(`${e.vulnId}|${e.sourceRecordId}|${e.group}`) ?? [];
      if (platforms.length > 0 && !platforms.some((p) => p.vendorId === vendor.key && matched.has(p.productName))) continue;
      if (platforms.length > 0) why += ' (running on a matching platform)';
    }
    if (verdict !== 'affected') verdict = 'unknown';
    const confidence = Math.round(match.confidence * (verdict === 'affected' ? 100 : 60)) / 100;
    const basis = release === undefined ? match.basis : `${match.basis}; ${release.basis}`;
    const reasons = byVuln.get(e.vulnId) ?? [];
    reasons.push({ affectedId: e.id, sourceId: e.sourceId, productId: e.productId, product: e.productName, rangeText: e.rangeText, version, verdict, why, parsed: e.parsed, basis, confidence });
    byVuln.set(e.vulnId, reasons);
  }
  const out: Exposure[] = [];
  for (const [vulnId, reasons] of byVuln) {
    // A range that was understood and clears this version outweighs text no grammar understood.
    const kept = reasons.filter((r) => !cleared.has(`${vulnId}|${r.sourceId}`) && !(parsedClear.has(vulnId) && !r.parsed && r.verdict === 'unknown'));
    if (kept.length === 0) continue;
    const verdict = kept.some((r) => r.verdict === 'affected') ? 'affected' : 'unknown';
    const confidence = Math.max(...kept.filter((r) => r.verdict === verdict).map((r) => r.confidence));
    out.push({ assetId: asset.id, vulnId, verdict, confidence, reasons: kept });
  }
  return out;
}
