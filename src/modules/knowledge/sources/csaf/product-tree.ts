import type { AffectedClaim, ProductRef, RangeClaim } from '../types.js';
import type { CsafBranch, CsafFullProductName, CsafProductStatusList, CsafProductTree } from './schemas.js';

// Resolves CSAF product_ids to vendor/product names and version ranges by walking the product tree.

export interface ProductEntry {
  readonly ref: ProductRef;
  readonly range: RangeClaim;
  /** The product_version branch name, when the product is one exact version. */
  readonly exactVersion?: string | undefined;
  /** No version branch above it: a product or device model as such. */
  readonly versionless?: boolean | undefined;
}

interface Relationship {
  readonly category: string;
  readonly component: string;
  readonly platform: string;
}

export interface ProductIndex {
  readonly products: ReadonlyMap<string, ProductEntry>;
  readonly relationships: ReadonlyMap<string, Relationship>;
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** Every named product once, in tree order, for the advisory. */
  readonly refs: readonly ProductRef[];
}

interface Context {
  readonly vendor?: string;
  readonly family?: string;
  readonly productName?: string;
  readonly version?: { readonly category: string; readonly name: string };
}

export function indexProductTree(tree: CsafProductTree | undefined): ProductIndex {
  const products = new Map<string, ProductEntry>();
  const add = (p: CsafFullProductName, entry: ProductEntry) => {
    if (!products.has(p.product_id)) products.set(p.product_id, entry);
  };
  const walk = (branches: readonly CsafBranch[] | undefined, ctx: Context) => {
    for (const b of branches ?? []) {
      const next = step(ctx, b);
      if (b.product !== undefined) add(b.product, entryFor(b.product, next));
      walk(b.branches, next);
    }
  };
  walk(tree?.branches, {});
  for (const p of tree?.full_product_names ?? []) add(p, entryFor(p, {}));

  const relationships = new Map<string, Relationship>();
  for (const r of tree?.relationships ?? []) {
    const rel = { category: r.category, component: r.product_reference, platform: r.relates_to_product_reference };
    relationships.set(r.full_product_name.product_id, rel);
  }
  const groups = new Map((tree?.product_groups ?? []).map((g) => [g.group_id, g.product_ids] as const));
  return { products, relationships, groups, refs: uniqueRefs([...products.values()].map((e) => e.ref)) };
}

function step(ctx: Context, b: CsafBranch): Context {
  switch (b.category) {
    case 'vendor':
      return { ...ctx, vendor: b.name };
    case 'product_family':
      return ctx.productName === undefined ? { ...ctx, family: b.name } : ctx;
    case 'product_name':
      return { ...ctx, productName: b.name };
    case 'product_version':
    case 'product_version_range':
      return { ...ctx, version: { category: b.category, name: b.name } };
    default:
      return ctx; // architecture, language, patch_level, service_pack...: not part of the name
  }
}

function entryFor(p: CsafFullProductName, ctx: Context): ProductEntry {
  const helper = p.product_identification_helper;
  const ref: ProductRef = {
    vendor: ctx.vendor ?? '',
    product: productName(ctx, p.name),
    ...(helper?.cpe !== undefined && { cpe: helper.cpe }),
    ...(helper?.purl !== undefined && { purl: helper.purl }),
  };
  const v = ctx.version;
  if (v?.category === 'product_version') return { ref, range: { kind: 'exact', version: v.name }, exactVersion: v.name };
  if (v !== undefined) {
    const name = v.name.trim();
    return { ref, range: name.startsWith('vers:') ? { kind: 'vers', expression: name } : { kind: 'text', text: v.name } };
  }
  // No version branch: the name is all there is; only an explicit "all versions" means all.
  return { ref, range: /\ball versions\W*$/i.test(p.name) ? { kind: 'all' } : { kind: 'text', text: p.name }, versionless: true };
}

function productName(ctx: Context, fullName: string): string {
  const { family, productName: name } = ctx;
  if (name === undefined) return family ?? fullName;
  // "P3" > "D24M" reads as "P3 D24M"; "SIMATIC" > "SIMATIC S7-1500" is already complete.
  if (family === undefined || name.toLowerCase().startsWith(family.toLowerCase())) return name;
  return `${family} ${name}`;
}

const statusOf: Record<CsafProductStatusList, AffectedClaim['status']> = {
  first_affected: 'affected',
  known_affected: 'affected',
  last_affected: 'affected',
  known_not_affected: 'not_affected',
  first_fixed: 'fixed',
  fixed: 'fixed',
  under_investigation: 'unknown',
};

/** first_/last_ lists turn one exact version into a bound: "first affected V2" means V2 and later. */
function rangeIn(list: CsafProductStatusList, entry: ProductEntry): RangeClaim {
  const v = entry.exactVersion;
  if (v === undefined) return entry.range;
  if (list === 'first_affected' || list === 'first_fixed') return { kind: 'bounds', scheme: 'generic', introduced: v };
  if (list === 'last_affected') return { kind: 'bounds', scheme: 'generic', lastAffected: v };
  return entry.range;
}

/**
 * The claims one product_id in one status list stands for, or undefined if the id is unknown.
 * A relationship ("firmware X installed on device Y") becomes an AND group: the component
 * claim plus the platform as a platform-only requirement.
 */
export function claimsFor(index: ProductIndex, productId: string, list: CsafProductStatusList): AffectedClaim[] | undefined {
  const status = statusOf[list];
  const entry = index.products.get(productId);
  if (entry !== undefined) return [{ product: entry.ref, range: rangeIn(list, entry), status }];
  const rel = index.relationships.get(productId);
  const component = rel && index.products.get(rel.component);
  const platform = rel && index.products.get(rel.platform);
  if (rel === undefined || component === undefined || platform === undefined) return undefined;
  return [
    { product: component.ref, range: rangeIn(list, component), status, group: productId },
    // "installed on D24M" names a device model, whatever its version.
    { product: platform.ref, range: platform.versionless ? { kind: 'all' } : platform.range, status, group: productId, platformOnly: true },
  ];
}

/** Product refs for remediation product_ids/group_ids; relationships count as their component. */
export function refsFor(index: ProductIndex, productIds: readonly string[], groupIds: readonly string[]): ProductRef[] {
  const ids = [...productIds, ...groupIds.flatMap((g) => index.groups.get(g) ?? [])];
  const refs = ids.flatMap((id) => {
    const rel = index.relationships.get(id);
    const entry = index.products.get(rel?.component ?? id);
    return entry === undefined ? [] : [entry.ref];
  });
  return uniqueRefs(refs);
}

export function uniqueRefs(refs: readonly ProductRef[]): ProductRef[] {
  const seen = new Map<string, ProductRef>();
  for (const r of refs) {
    const key = JSON.stringify([r.vendor, r.product, r.cpe ?? null, r.purl ?? null]);
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}
