export { mmsDissector } from './mms.js';
export { mmsOracleSpec } from './oracle.js';
export type { MmsState } from './mms-pdu.js';
export { summarizeDataList } from './data-values.js';
