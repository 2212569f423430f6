// Per-run validation state: collected issues and resolved options.
import { parsePattern } from '../../pattern/index.js';
import type { StixIssue, StixIssueCode } from './issues.js';

interface PatternProblem {
  readonly message?: string;
  readonly offset?: number;
}

/** What a STIX pattern parser returns; `parsePattern` of intel/pattern fits as it is. */
export interface PatternParseOutcome {
  readonly success: boolean;
  readonly error?: PatternProblem;
  readonly issues?: readonly PatternProblem[];
}

export type PatternParser = (pattern: string) => PatternParseOutcome;

export interface StixValidationOptions {
  /**
   * Syntax check for indicators whose pattern_type is `stix`. Defaults to the parser registered
   * with `registerPatternParser`; `null` turns the check off.
   */
  readonly patternParser?: PatternParser | null;
  /** Compare UUIDv5 ids of SCOs with their ID contributing properties (a warning on mismatch). Default true. */
  readonly checkScoIds?: boolean;
  /** Collect warnings (vocabularies, prefixes, deprecations) as well as errors. Default true. */
  readonly warnings?: boolean;
  /** JSON Pointer prefix for every path, e.g. `/objects/3` when validating one object of a stream. */
  readonly basePath?: string;
}

/** The STIX patterning parser of intel/pattern: the default syntax check of indicator patterns. */
export const stixPatternParser: PatternParser = parsePattern;

let registeredParser: PatternParser | null = stixPatternParser;

/** Replaces the default pattern parser for every later validation (`null` turns the check off). */
export function registerPatternParser(parser: PatternParser | null): void {
  registeredParser = parser;
}

export class ValidationContext {
  readonly issues: StixIssue[] = [];
  errors = 0;
  /** Set per object: a toplevel-property-extension allows unprefixed custom properties. */
  toplevelExtension = false;
  readonly warnings: boolean;
  readonly checkScoIds: boolean;
  readonly patternParser: PatternParser | null;

  constructor(options: StixValidationOptions = {}) {
    this.warnings = options.warnings ?? true;
    this.checkScoIds = options.checkScoIds ?? true;
    this.patternParser = options.patternParser === undefined ? registeredParser : options.patternParser;
  }

  error(path: string, code: StixIssueCode, message: string): void {
    this.errors += 1;
    this.issues.push({ path, code, severity: 'error', message });
  }

  warn(path: string, code: StixIssueCode, message: string): void {
    if (this.warnings) this.issues.push({ path, code, severity: 'warning', message });
  }
}
