export { parseCnvd } from './parse-cnvd.js';
