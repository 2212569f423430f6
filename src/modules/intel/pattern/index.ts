// STIX 2.1 patterning: parse, evaluate over observations, and match events against many indicators.
export { parsePattern } from './parser.js';
export { formatPattern, formatObjectPath, formatConstant } from './format.js';
export { evaluatePattern } from './evaluate.js';
export { observationsFromBundle } from './observations.js';
export { collectObjectPaths } from './inspect.js';
export { createMatcher } from './matcher.js';
export type { IndicatorInput, IndicatorMode, MatcherOptions, MatcherStats, PatternMatcher, AddIndicatorResult } from './matcher.js';
export type * from './types.js';
