export { attackThreatTypes, parseAttack } from './parse-attack.js';
