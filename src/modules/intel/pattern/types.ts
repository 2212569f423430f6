// STIX 2.1 patterning: the syntax tree, the observations it is evaluated over, and the results.

/** Character offsets into the pattern text: start inclusive, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One step after the object type: `.name` (or `.'quoted name'`), `[3]`, `[-1]` or `[*]`. */
export type PathStep =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' };

/** `type:first.second[*].third`; the first step is always a property. */
export interface ObjectPath {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  readonly span: Span;
}

export interface StringConstant {
  readonly type: 'string';
  readonly value: string;
}
export interface IntegerConstant {
  readonly type: 'integer';
  readonly value: number;
}
export interface FloatConstant {
  readonly type: 'float';
  readonly value: number;
}
export interface BooleanConstant {
  readonly type: 'boolean';
  readonly value: boolean;
}
/** `b'...'` (base64) and `h'...'` (hex) both stand for bytes. */
export interface BinaryConstant {
  readonly type: 'binary';
  readonly value: Uint8Array;
  readonly encoding: 'base64' | 'hex';
}
/** `t'...'`: `value` as written, `key` a fixed-width form that orders like the instant, `epochMs` for arithmetic. */
export interface TimestampConstant {
  readonly type: 'timestamp';
  readonly value: string;
  readonly key: string;
  readonly epochMs: number;
}
export type Constant = StringConstant | IntegerConstant | FloatConstant | BooleanConstant | BinaryConstant | TimestampConstant;

/** The right-hand side of IN: `(...)`, possibly empty. */
export interface ConstantSet {
  readonly type: 'set';
  readonly values: readonly Constant[];
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

/** `path [NOT] operator constant`; `==` and `<>` are read as `=` and `!=`. */
export interface PropertyComparison {
  readonly type: 'comparison';
  readonly path: ObjectPath;
  readonly operator: ComparisonOperator;
  readonly negated: boolean;
  readonly value: Constant | ConstantSet;
  readonly span: Span;
}

export interface ExistsComparison {
  readonly type: 'exists';
  readonly path: ObjectPath;
  readonly span: Span;
}

export interface ComparisonAnd {
  readonly type: 'comparison-and';
  readonly operands: readonly ComparisonExpression[];
}
export interface ComparisonOr {
  readonly type: 'comparison-or';
  readonly operands: readonly ComparisonExpression[];
}
export type ComparisonExpression = PropertyComparison | ExistsComparison | ComparisonAnd | ComparisonOr;

export type Qualifier =
  | { readonly type: 'within'; readonly seconds: number; readonly span: Span }
  | { readonly type: 'repeats'; readonly times: number; readonly span: Span }
  | { readonly type: 'start-stop'; readonly start: TimestampConstant; readonly stop: TimestampConstant; readonly span: Span };

/**
 * Qualifiers apply in order, the first one innermost: `[x] WITHIN 5 SECONDS REPEATS 2 TIMES` is two
 * repetitions that each fit in 5 seconds.
 */
export interface ObservationLeaf {
  readonly type: 'observation';
  readonly comparison: ComparisonExpression;
  readonly qualifiers: readonly Qualifier[];
  readonly span: Span;
}
export interface ObservationAnd {
  readonly type: 'observation-and';
  readonly operands: readonly ObservationExpression[];
  readonly qualifiers: readonly Qualifier[];
}
export interface ObservationOr {
  readonly type: 'observation-or';
  readonly operands: readonly ObservationExpression[];
  readonly qualifiers: readonly Qualifier[];
}
export interface FollowedBy {
  readonly type: 'followed-by';
  readonly operands: readonly ObservationExpression[];
  readonly qualifiers: readonly Qualifier[];
}
export type ObservationExpression = ObservationLeaf | ObservationAnd | ObservationOr | FollowedBy;

export interface PatternAst {
  readonly type: 'pattern';
  readonly expression: ObservationExpression;
}

/** Where and why a pattern does not parse; line and column are 1-based, offset 0-based (UTF-16 units). */
export interface PatternSyntaxError {
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** What would have been accepted at `offset`, e.g. `["']'", 'AND', 'OR']`; empty for errors of meaning. */
  readonly expected: readonly string[];
}

export type PatternResult =
  | { readonly success: true; readonly pattern: PatternAst }
  | { readonly success: false; readonly error: PatternSyntaxError };

export interface ParseOptions {
  /** Longest pattern accepted, in UTF-16 units (default 1,000,000). */
  readonly maxLength?: number;
  /** Deepest nesting of brackets and parentheses accepted (default 100). */
  readonly maxDepth?: number;
}

// ---- Observations ----

/** A STIX cyber-observable object (or a legacy observed-data `objects` entry). */
export interface Sco {
  readonly type: string;
  readonly [property: string]: unknown;
}

/**
 * A Bulwark event: one observation at one instant. `objects` are keyed by reference; `_ref` and `_refs`
 * properties inside them point at those keys (or at SCO identifiers used as keys).
 */
export interface BulwarkEvent {
  readonly id?: string;
  /** A STIX/ISO 8601 timestamp, epoch milliseconds, or a Date. */
  readonly time: string | number | Date;
  readonly objects: Readonly<Record<string, Sco>>;
}

/** The parts of a STIX 2.1 observed-data object the evaluator reads. */
export interface ObservedData {
  readonly type: 'observed-data';
  readonly id: string;
  readonly first_observed: string;
  readonly last_observed: string;
  readonly number_observed: number;
  readonly object_refs?: readonly string[];
  /** Deprecated in 2.1 but still met: SCOs inline, keyed by local reference. */
  readonly objects?: Readonly<Record<string, Sco>>;
}

/** An observed-data object with the SCOs its `object_refs` (and their `_ref`s) point at, by identifier. */
export interface ObservedDataObservation {
  readonly observedData: ObservedData;
  readonly scos: ReadonlyMap<string, Sco>;
}

export type Observation = BulwarkEvent | ObservedData | ObservedDataObservation;

export interface EvaluateOptions {
  /** Stop after this many distinct bindings (default 100). */
  readonly maxBindings?: number;
  /** Give up after this many candidate steps (default 1,000,000); the result then says `truncated`. */
  readonly maxSteps?: number;
}

export interface MatchResult {
  readonly matched: boolean;
  /** Each binding lists the input indices of the observations it uses, sorted (an index repeats when one
   * observed-data with `number_observed` > 1 stands for several observations). */
  readonly bindings: readonly (readonly number[])[];
  /** Input indices of every observation in any binding found, sorted. */
  readonly observations: readonly number[];
  /** True when the search stopped on its step budget or depth: a match may exist that was not found. */
  readonly truncated: boolean;
  /** Observations left out because they are malformed (bad timestamps, number_observed below 1, ...). */
  readonly skipped: readonly { readonly index: number; readonly reason: string }[];
}
