// A synthetic plant inventory built from the imported knowledge: real vendor and product names,
// and firmware versions just below, on and above the bounds of the ranges the advisories state.

/** A product in the knowledge base with the distinct range texts stated for it (empty when none). */
export interface KnownProduct {
  readonly vendor: string;
  readonly product: string;
  readonly ranges: readonly string[];
}

/** The columns correlation reads, plus what the assets table requires. */
export interface GeneratedAsset {
  readonly name: string;
  readonly zone: string;
  readonly ip: string;
  readonly vendor: string;
  readonly model: string;
  readonly firmwareVersion: string | null;
  readonly criticality: 'low' | 'medium' | 'high' | 'critical';
}

/** Share of assets whose inventory has no firmware version (correlation can only say "unknown"). */
const NO_VERSION_SHARE = 0.08;
/** Share of assets drawn from products that some source states a range for; the rest from any product. */
const WITH_RANGE_SHARE = 0.75;
const zones = ['Level 0 - Field', 'Level 1 - Control', 'Level 2 - Supervisory', 'Level 3 - Operations', 'Level 3.5 - DMZ'] as const;
const criticalities = ['low', 'medium', 'medium', 'high', 'high', 'critical'] as const;

// mulberry32, as in asset-inventory.ts: seeded, so every run builds the same inventory.
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

// A version as advisories write it: an optional short prefix ("V", "SV", "R", "FW_") and dotted numbers.
const VERSION = /(?<![A-Za-z0-9.])([A-Za-z]{0,3}_?)(\d+(?:\.\d+){0,4})(?![A-Za-z0-9])/g;

/**
 * Versions around each bound named in a range text: the bound, one step below and the next minor
 * ("<V4.1.3" gives V4.1.3, V4.1.2 and V4.2). Empty when the text names no version ("all versions").
 */
export function versionsAround(rangeText: string): string[] {
  const out = new Set<string>();
  for (const m of rangeText.matchAll(VERSION)) {
    const prefix = m[1] ?? '';
    const parts = (m[2] ?? '').split('.').map(Number);
    if (parts.length === 0 || parts.some((p) => !Number.isSafeInteger(p))) continue;
    const show = (ps: readonly number[]) => `${prefix}${ps.join('.')}`;
    out.add(show(parts));
    const last = parts.length - 1;
    const below = [...parts];
    if ((below[last] ?? 0) > 0) below[last] = (below[last] ?? 0) - 1;
    else if (last > 0) {
      below[last - 1] = Math.max(0, (below[last - 1] ?? 0) - 1);
      below[last] = 9;
    }
    out.add(show(below));
    out.add(show(parts.length === 1 ? [(parts[0] ?? 0) + 1] : [parts[0] ?? 0, (parts[1] ?? 0) + 1]));
  }
  return [...out];
}

function randomVersion(random: () => number): string {
  const n = () => Math.floor(random() * 10);
  return `${random() < 0.5 ? 'V' : ''}${1 + Math.floor(random() * 5)}.${n()}.${n()}`;
}

function firmwareFor(random: () => number, product: KnownProduct): string | null {
  if (random() < NO_VERSION_SHARE) return null;
  if (product.ranges.length === 0) return randomVersion(random);
  const candidates = versionsAround(pick(random, product.ranges));
  return candidates.length === 0 ? randomVersion(random) : pick(random, candidates);
}

/** `count` assets over the given products, the same ones for the same products and seed. */
export function generateAssets(products: readonly KnownProduct[], count: number, seed = 20261124): GeneratedAsset[] {
  // The asset columns hold at most 200 characters; the CSV import would refuse longer names.
  const usable = products.filter((p) => p.vendor.length <= 200 && p.product.length <= 200);
  if (usable.length === 0) throw new Error('no products to build assets from: was the import empty?');
  const withRanges = usable.filter((p) => p.ranges.length > 0);
  const random = seededRandom(seed);
  const assets: GeneratedAsset[] = [];
  for (let i = 0; i < count; i++) {
    const product = withRanges.length > 0 && random() < WITH_RANGE_SHARE ? pick(random, withRanges) : pick(random, usable);
    assets.push({
      name: `KB-${String(i + 1).padStart(5, '0')} ${product.product}`.slice(0, 200),
      zone: pick(random, zones),
      ip: `10.${1 + Math.floor(i / 62_500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
      vendor: product.vendor,
      model: product.product,
      firmwareVersion: firmwareFor(random, product),
      criticality: pick(random, criticalities),
    });
  }
  return assets;
}

/** The same assets as CSV, in the column layout of `asset import`. */
export function assetsCsv(assets: readonly GeneratedAsset[]): string {
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const lines = ['name,zone,ip,vendor,model,firmware_version,criticality,tlp'];
  for (const a of assets) {
    lines.push([a.name, a.zone, a.ip, a.vendor, a.model, a.firmwareVersion ?? '', a.criticality, 'amber'].map(quote).join(','));
  }
  return `${lines.join('\n')}\n`;
}
