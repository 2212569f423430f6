export { KEV_UNSPECIFIED_RANGE, parseKev } from './parse-kev.js';
