// The one place the ingest reaches the pure domain libraries (versions/, grading/, catalog/),
// so their signatures can evolve without touching the merge logic.
import type { CvssClaim, RangeClaim } from './sources/types.js';
import type { HazardGrade } from './types.js';

export interface ScoredCvss {
  readonly version: string;
  readonly vector: string;
  readonly baseScore: number;
  readonly printedScore: number | null;
  readonly severity: string;
}

export interface ParsedRange {
  readonly range: unknown;
  readonly parsed: boolean;
  readonly text: string;
}

export type RangeVerdict = 'affected' | 'not_affected' | 'unknown';

export interface RangeMatchResult {
  readonly verdict: RangeVerdict;
  /** How the version was read, or why it could not be compared. */
  readonly note?: string;
}

export interface Enricher {
  scoreCvss(claim: CvssClaim): ScoredCvss | null;
  hazardGrade(score: number | null): HazardGrade | null;
  gbtGrade(vector: string | null, version: string | null): string | null;
  causeCategory(cwes: readonly string[], causeType: string | undefined): string | null;
  vendor(raw: string): { key: string; display: string };
  product(vendorKey: string, raw: string): { key: string; display: string };
  deviceType(vendorKey: string, product: string): string;
  parseRange(claim: RangeClaim): ParsedRange;
  /** The product (vendor key and name) lets release names and numbers be compared through the product line's table. */
  matchRange(range: unknown, version: string | null, product?: { readonly vendorKey: string; readonly product: string }): RangeMatchResult;
}
