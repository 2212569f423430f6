export { parseOsv } from './parse-osv.js';
