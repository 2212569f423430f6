// The Sigma engine as the detection module uses it: parse rule files, compile rules (with filters)
// into an indexed matcher, and correlate rule hits over the event stream.
export * from './types.js';
export { parseSigma, type ParseOptions } from './parse-sigma.js';
export { compileRules, ruleKey, type CompileOptions, type CompileResult, type SigmaMatcher } from './compile.js';
export { createCorrelator, type Correlator, type CorrelatorOptions } from './correlation.js';
export { parseTimespan } from './correlation-parse.js';
export { eventLogsource } from './logsource-map.js';
