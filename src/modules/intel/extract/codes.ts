import { matches, type Candidate, type ScanText } from './candidate.js';
import type { IndicatorType } from './types.js';

// A whole run of hex digits: a hash is never a slice of a longer hex string or of a word.
const hexRunRe = /(?<![0-9a-z])[0-9a-f]{32,128}(?![0-9a-z])/gi;
const hashTypes: Readonly<Record<number, IndicatorType>> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

export function hashCandidates(scan: ScanText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(hexRunRe, scan.text)) {
    const type = hashTypes[m[0].length];
    if (type === undefined) continue;
    // Long decimal numbers and fillers ("000...0") are not digests.
    if (/^\d+$/.test(m[0]) || /^(.)\1+$/.test(m[0])) continue;
    // "0x" + 32 hex digits is a number literal.
    if (scan.text.slice(Math.max(0, m.index - 2), m.index).toLowerCase() === '0x') continue;
    out.push({ type, value: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length, confidence: 0.9 });
  }
  return out;
}

// Any dash-like character between the parts, and lower case too: "cve-2021-44228", "CVE‑2021‑44228".
const cveRe = /(?<![\w-])cve[-_\u2010-\u2013 ]?(\d{4})[-_\u2010-\u2013](\d{4,7})(?![\w])/gi;
const firstCveYear = 1999;

export function cveCandidates(scan: ScanText, now: Date = new Date()): Candidate[] {
  const out: Candidate[] = [];
  const lastYear = now.getUTCFullYear() + 1;
  for (const m of matches(cveRe, scan.text)) {
    const year = Number(m[1]);
    const sequence = m[2] as string;
    if (year < firstCveYear || year > lastYear) continue;
    // Sequences of five or more digits never start with zero.
    if (sequence.length > 4 && sequence.startsWith('0')) continue;
    out.push({ type: 'cve', value: `CVE-${year}-${sequence}`, start: m.index, end: m.index + m[0].length, confidence: 0.99 });
  }
  return out;
}

// ICS techniques are T0800-T0899 without sub-techniques; Enterprise ones are T1000-T1999 with ".NNN".
const techniqueRe = /(?<![\w-])T(08\d{2}|1\d{3})(\.\d{3})?(?![\w-]|\.\d)/g;

export function attackCandidates(scan: ScanText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(techniqueRe, scan.text)) {
    const ics = (m[1] as string).startsWith('08');
    if (ics && m[2] !== undefined) continue;
    out.push({
      type: 'attack-technique',
      value: m[0],
      start: m.index,
      end: m.index + m[0].length,
      confidence: 0.85,
      attackDomain: ics ? 'ics' : 'enterprise',
    });
  }
  return out;
}
