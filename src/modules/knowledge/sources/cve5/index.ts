export { parseCve5 } from './parse-cve5.js';
