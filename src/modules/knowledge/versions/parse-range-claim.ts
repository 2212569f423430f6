// One entry point from what a source claimed to something matchable. Never throws; a claim that
// cannot be understood becomes an "unknown" range that keeps the source's text.
import type { RangeClaim } from '../sources/types.js';
import { parseBounds, parseExactVersion } from './parse-bounds.js';
import { parseTextRange, type RangeTextContext } from './parse-text.js';
import { parseVers } from './parse-vers.js';
import { allVersions, unknownRange, type RangeParseResult, type VersionRange } from './range.js';

export interface ParsedRangeClaim {
  readonly range: VersionRange;
  /** False when the range is "unknown": matching it always answers "unknown". */
  readonly parsed: boolean;
}

/** The claim as text, for an unknown range: what a person reads to decide by hand. */
export function describeRangeClaim(claim: RangeClaim): string {
  switch (claim.kind) {
    case 'vers':
      return claim.expression;
    case 'exact':
      return claim.version;
    case 'text':
      return claim.text;
    case 'all':
      return '*';
    case 'bounds': {
      const parts: string[] = [];
      if (claim.introduced !== undefined) parts.push(`introduced ${claim.introduced}`);
      if (claim.excludedStart !== undefined) parts.push(`after ${claim.excludedStart}`);
      if (claim.fixed !== undefined) parts.push(`fixed ${claim.fixed}`);
      if (claim.lastAffected !== undefined) parts.push(`last affected ${claim.lastAffected}`);
      return `${claim.scheme}: ${parts.join(', ')}`;
    }
  }
}

function parseClaim(claim: RangeClaim, context: RangeTextContext): RangeParseResult {
  switch (claim.kind) {
    case 'all':
      return { success: true, range: allVersions() };
    case 'exact':
      return parseExactVersion(claim.version, context);
    case 'text':
      return parseTextRange(claim.text, context);
    case 'bounds':
      return parseBounds(claim);
    case 'vers': {
      const strict = parseVers(claim.expression);
      if (strict.success || strict.code === 'unsupported_scheme') return strict;
      // CISA's CSAF writes vers-looking names that break the grammar ("vers:all/<V3.1.4").
      const lenient = parseTextRange(claim.expression, context);
      return lenient.success ? lenient : strict;
    }
  }
}

/**
 * Parses any range claim; `parsed` says whether the result is more than "unknown". The context (the
 * product the claim is about) lets vendor text that repeats the product name still be read.
 */
export function parseRangeClaim(claim: RangeClaim, context: RangeTextContext = {}): ParsedRangeClaim {
  const result = parseClaim(claim, context);
  if (result.success) return { range: result.range, parsed: true };
  return { range: unknownRange(describeRangeClaim(claim), result.reason), parsed: false };
}
