import type { Conflict, HazardGrade, Reliability } from './types.js';
import type { Enricher, ScoredCvss } from './enrich.js';

/** A stored claim as the resolver needs it. */
export interface ClaimRow {
  readonly field: string;
  readonly sourceId: string;
  readonly reliability: Reliability;
  readonly sourceRecordId: string;
  readonly value: unknown;
  readonly observedAt: Date;
}

export interface AffectedRow {
  readonly sourceId: string;
  readonly productId: string;
  readonly vendorName: string;
  readonly productName: string;
  readonly deviceType: string;
  readonly rangeText: string;
  /** What the range means when parsed (so equal ranges written differently agree), else its text. */
  readonly rangeKey: string;
  /** A source that states no versions at all (KEV) makes no range claim to disagree with. */
  readonly statesNoVersions: boolean;
  readonly status: string;
}

export interface Resolved {
  readonly title: string | null;
  readonly description: string | null;
  readonly published: string | null;
  readonly modified: string | null;
  readonly cvssVersion: string | null;
  readonly cvssVector: string | null;
  readonly cvssScore: number | null;
  readonly grade: HazardGrade | null;
  readonly gbtGrade: string | null;
  readonly causeCategory: string | null;
  readonly cwes: string[];
  readonly kev: boolean;
  readonly kevDateAdded: string | null;
  readonly kevDueDate: string | null;
  readonly kevRansomware: boolean | null;
  readonly hasFix: boolean;
  readonly vendors: string[];
  readonly products: string[];
  readonly deviceTypes: string[];
  readonly conflicts: Conflict[];
  /** Keys "field|sourceId|sourceRecordId" of the claims whose values are displayed. */
  readonly displayed: string[];
}

const versionRank: Record<string, number> = { '4.0': 4, '3.1': 3.1, '3.0': 3, '2.0': 2 };

/** Most reliable source first (Admiralty A before B ...), then the newest observation. */
export function byReliability(a: ClaimRow, b: ClaimRow): number {
  if (a.reliability !== b.reliability) return a.reliability < b.reliability ? -1 : 1;
  return b.observedAt.getTime() - a.observedAt.getTime();
}

const claimKey = (c: ClaimRow) => `${c.field}|${c.sourceId}|${c.sourceRecordId}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Values from different sources that disagree; the same source repeating itself is no conflict. */
function conflictOf(field: string, claims: readonly ClaimRow[], valueOf: (c: ClaimRow) => unknown): Conflict | null {
  const bySource = new Map<string, unknown>();
  for (const c of claims) if (!bySource.has(c.sourceId)) bySource.set(c.sourceId, valueOf(c));
  const values = [...bySource.entries()].map(([sourceId, value]) => ({ sourceId, value }));
  const first = values[0];
  if (first === undefined || values.every((v) => same(v.value, first.value))) return null;
  return { field, values };
}

/**
 * Computes what a vulnerability page shows from every claim about it: the most reliable
 * source wins each field, and every disagreement between sources is kept as a conflict.
 */
export function resolveVulnerability(
  claims: readonly ClaimRow[],
  affected: readonly AffectedRow[],
  remediationCategories: readonly string[],
  enrich: Pick<Enricher, 'hazardGrade' | 'gbtGrade' | 'causeCategory'>,
): Resolved {
  const sorted = [...claims].sort(byReliability);
  const field = (name: string) => sorted.filter((c) => c.field === name);
  const displayed: string[] = [];
  const conflicts: Conflict[] = [];
  const pick = <T>(name: string): T | null => {
    const top = field(name)[0];
    if (top === undefined) return null;
    displayed.push(claimKey(top));
    return top.value as T;
  };

  const title = pick<string>('title');
  const description = pick<string>('description');
  const dates = (name: string) => field(name).map((c) => String(c.value)).sort();
  const published = dates('published')[0] ?? null;
  const modified = dates('modified').at(-1) ?? null;

  // CVSS: the most reliable source decides; within it, the newest CVSS version.
  const cvssClaims = field('cvss');
  let cvss: ScoredCvss | null = null;
  const topSource = cvssClaims[0]?.sourceId;
  for (const c of cvssClaims.filter((x) => x.sourceId === topSource)) {
    const v = c.value as ScoredCvss;
    if (cvss === null || (versionRank[v.version] ?? 0) > (versionRank[cvss.version] ?? 0)) {
      cvss = v;
      displayed.push(claimKey(c));
    }
  }
  for (const family of ['2', '3', '4']) {
    const inFamily = cvssClaims.filter((c) => (c.value as ScoredCvss).version.startsWith(family));
    const conflict = conflictOf(`cvss_v${family}`, inFamily, (c) => (c.value as ScoredCvss).baseScore);
    if (conflict !== null) conflicts.push(conflict);
  }
  const cvssScore = cvss?.baseScore ?? null;
  const grade = enrich.hazardGrade(cvssScore);
  const gradesBySource = cvssClaims.map((c) => ({ ...c, value: enrich.hazardGrade((c.value as ScoredCvss).baseScore) }));
  const gradeConflict = conflictOf('grade', gradesBySource, (c) => c.value);
  if (gradeConflict !== null) conflicts.push(gradeConflict);

  const cweClaims = field('cwes');
  const cwes = (pick<string[]>('cwes') ?? []).slice().sort();
  const cweConflict = conflictOf('cwes', cweClaims, (c) => [...(c.value as string[])].sort());
  if (cweConflict !== null) conflicts.push(cweConflict);
  const causeType = pick<string>('causeType') ?? undefined;

  const kev = pick<{ dateAdded: string; dueDate?: string; knownRansomwareCampaignUse: string }>('kev');

  // Affected ranges: two sources naming the same product with different ranges is a conflict.
  const byProduct = new Map<string, Map<string, string>>();
  const texts = new Map<string, string>();
  for (const a of affected) {
    if (a.statesNoVersions) continue;
    const sources = byProduct.get(a.productId) ?? new Map<string, string>();
    const prior = sources.get(a.sourceId);
    sources.set(a.sourceId, prior === undefined ? a.rangeKey : [prior, a.rangeKey].sort().join(' | '));
    byProduct.set(a.productId, sources);
    const priorText = texts.get(`${a.productId}|${a.sourceId}`);
    texts.set(`${a.productId}|${a.sourceId}`, priorText === undefined ? a.rangeText : [priorText, a.rangeText].sort().join(' | '));
  }
  for (const [productId, sources] of byProduct) {
    if (sources.size > 1 && new Set(sources.values()).size > 1) {
      conflicts.push({ field: `affected:${productId}`, values: [...sources.keys()].map((sourceId) => ({ sourceId, value: texts.get(`${productId}|${sourceId}`) ?? '' })) });
    }
  }

  const uniq = (xs: readonly string[]) => [...new Set(xs)].sort();
  const vulnerable = affected.filter((a) => a.status !== 'not_affected');
  return {
    title,
    description,
    published,
    modified,
    cvssVersion: cvss?.version ?? null,
    cvssVector: cvss?.vector ?? null,
    cvssScore,
    grade,
    gbtGrade: cvss === null ? null : enrich.gbtGrade(cvss.vector, cvss.version),
    causeCategory: enrich.causeCategory(cwes, causeType),
    cwes,
    kev: kev !== null,
    kevDateAdded: kev?.dateAdded ?? null,
    kevDueDate: kev?.dueDate ?? null,
    kevRansomware: kev === null ? null : kev.knownRansomwareCampaignUse === 'Known',
    hasFix: remediationCategories.includes('vendor_fix'),
    vendors: uniq(vulnerable.map((a) => a.vendorName)),
    products: uniq(vulnerable.map((a) => a.productName)),
    deviceTypes: uniq(vulnerable.map((a) => a.deviceType).filter((t) => t !== 'unknown')),
    conflicts,
    displayed,
  };
}
