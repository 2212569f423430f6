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

/** matchesPrepared with the model's offered tokens computed once: "t-"/"t/" prefixes become set lookups. */
function matchesOffered(product: ReturnType<typeof prepareProduct>, model: ReadonlySet<string>, offered: ReadonlySet<string>): boolean {
  if (product.words.length === 0 || model.size === 0) return false;
  if (product.keyTokens.length > 0) return product.keyTokens.every((t) => offered.has(t));
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
 * What a model offers to key tokens: its tokens, and each token's prefixes that end before a "-" or
 * "/" ("s7-1500-cpu" offers "s7" and "s7-1500"), since a key token t is satisfied by a model token m
 * when m is t or starts with "t-" or "t/".
 */
function offeredTokens(model: ReadonlySet<string>): Set<string> {
  const offered = new Set(model);
  for (const m of model) {
    for (let i = 1; i < m.length; i++) if (m[i] === '-' || m[i] === '/') offered.add(m.slice(0, i));
  }
  return offered;
}

interface PreparedProducts {
  readonly list: readonly (readonly [string, ReturnType<typeof prepareProduct>])[];
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
    const key = keyed ? p.keyTokens[0] : p.words[0];
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
    const list = products.get(e.productId);
    if (list === undefined) products.set(e.productId, [e]);
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
  const matches = new Map<string, Set<string>>();
  const prepared = new Map<string, PreparedProducts>();
  const wordsOfVendor = new Map<string, string[]>();
  /** The words of a vendor's name and key, which product names may repeat (cached per spelling). */
  function vendorWordsOf(vendor: { readonly key: string; readonly display: string }): string[] {
    const key = `${vendor.key}\u0000${vendor.display}`;
    let words = wordsOfVendor.get(key);
    if (words === undefined) wordsOfVendor.set(key, (words = tokens(vendor.display).concat(tokens(vendor.key))));
    return words;
  }
  /** Product ids of this vendor that the model names (cached per vendor and model). */
  function productsFor(vendorKey: string, vendorWords: readonly string[], model: string): Set<string> {
    const cacheKey = `${vendorKey}\u0000${model}`;
    let found = matches.get(cacheKey);
    if (found === undefined) {
      let vendor = prepared.get(vendorKey);
      if (vendor === undefined) {
        vendor = prepareVendor(byVendor.get(vendorKey), vendorWords);
        prepared.set(vendorKey, vendor);
      }
      const modelTokens = new Set(tokens(model));
      const offered = offeredTokens(modelTokens);
      // Only products whose indexed token the model offers can match; the full test decides.
      const candidates = new Set<number>();
      for (const t of offered) for (const i of vendor.byKeyToken.get(t) ?? []) candidates.add(i);
      for (const t of modelTokens) for (const i of vendor.byWord.get(t) ?? []) candidates.add(i);
      found = new Set();
      // In the vendor's product order, as a scan of every product would find them.
      for (const i of [...candidates].sort((a, b) => a - b)) {
        const [id, p] = vendor.list[i] ?? [];
        if (id !== undefined && p !== undefined && matchesOffered(p, modelTokens, offered)) found.add(id);
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
  for (const id of matched) for (const e of products?.get(id) ?? []) mine.push(e);
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
