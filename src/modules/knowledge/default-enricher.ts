import { normalizeVendorName } from './catalog/normalize-vendor.js';
import { classifyDeviceType, normalizeProductName } from './catalog/normalize-product.js';
import { causeOfRecord } from './grading/cause-category.js';
import { scoreCvss } from './grading/cvss.js';
import { gbtTechnicalGrade } from './grading/gbt-technical-grade.js';
import { hazardGradeFromScore } from './grading/hazard-grade.js';
import type { Enricher } from './enrich.js';
import type { CvssClaim } from './sources/types.js';
import { describeRangeClaim, parseRangeClaim, type VersionRange } from './versions/index.js';
import { matchNamedVersion, schemeFor } from './versions/named-release.js';

/** The production enricher: the project's own version, grading and catalog libraries. */
export function createEnricher(): Enricher {
  const vendors = new Map<string, { key: string; display: string }>();
  const products = new Map<string, { key: string; display: string }>();
  return {
    scoreCvss(claim) {
      const scored = scoreCvss(claim);
      if (!scored.success) return null;
      return {
        version: scored.value.version,
        vector: scored.value.vector,
        baseScore: scored.value.baseScore,
        printedScore: claim.baseScore ?? null,
        severity: scored.value.severity,
      };
    },
    hazardGrade: (score) => (score === null ? null : (hazardGradeFromScore(score) ?? null)),
    gbtGrade(vector, version) {
      if (vector === null || version === null) return null;
      const result = gbtTechnicalGrade({ version: version as CvssClaim['version'], vector });
      return result.success ? (result.value.grade ?? null) : null;
    },
    causeCategory(cwes, causeType) {
      if (cwes.length === 0 && causeType === undefined) return null;
      return causeOfRecord(cwes, causeType).category;
    },
    vendor(raw) {
      // Vendor names repeat across thousands of records: normalize each spelling once.
      let v = vendors.get(raw);
      if (v === undefined) {
        v = normalizeVendorName(raw);
        vendors.set(raw, v);
      }
      return v;
    },
    product(vendorKey, raw) {
      const key = `${vendorKey}\u0000${raw}`;
      let p = products.get(key);
      if (p === undefined) {
        p = normalizeProductName(vendorKey, raw);
        products.set(key, p);
      }
      return p;
    },
    deviceType: (vendorKey, product) => classifyDeviceType(vendorKey, product).type,
    parseRange(claim) {
      const parsed = parseRangeClaim(claim);
      return { range: parsed.range, parsed: parsed.parsed, text: claim.kind === 'all' ? 'all versions' : describeRangeClaim(claim) };
    },
    matchRange(range, version, product) {
      const scheme = product === undefined ? undefined : schemeFor(product.vendorKey, product.product);
      return matchNamedVersion(range as VersionRange, version, scheme);
    },
  };
}
