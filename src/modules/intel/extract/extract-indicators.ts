import type { Candidate, ScanText } from './candidate.js';
import { attackCandidates, cveCandidates, hashCandidates } from './codes.js';
import { listPhrases, PhraseMatcher, protocolPhrases } from './context-terms.js';
import { fileNameCandidates } from './file-names.js';
import { ipv4Candidates, ipv6Candidates } from './ip.js';
import { domainCandidates, emailCandidates, urlCandidates } from './network.js';
import { refang } from './refang.js';
import type { ExtractContext, Extraction, Finding, IndicatorType, Occurrence } from './types.js';

/** Longer texts are examined up to this many characters and the extraction says it was truncated. */
export const maxExtractChars = 8 * 1024 * 1024;
/** A finding keeps this many occurrences; `count` says how many there were. */
export const maxOccurrences = 50;

const protocolMatcher = new PhraseMatcher(protocolPhrases);

// When spans of network observables overlap, the earlier wins and then the longer: a URL over the
// domain and file name inside it, an e-mail address over its domain, an IPv6 address over an
// embedded IPv4 one, a domain over a dotted quad at its start.
const spanRank: Partial<Record<IndicatorType, number>> = { url: 0, email: 1, ipv6: 2 };

/** Finds indicators and industrial context in report text; never throws on any string. */
export function extractIndicators(text: string, context: ExtractContext = {}): Extraction {
  const truncated = text.length > maxExtractChars;
  const examined = truncated ? cut(text, maxExtractChars) : text;
  const refanged = refang(examined);
  const scan: ScanText = { text: refanged.text, defangedWithin: (s, e) => refanged.defangedWithin(s, e) };

  const observables = nonOverlapping([
    ...urlCandidates(scan),
    ...emailCandidates(scan),
    ...ipv6Candidates(scan),
    ...ipv4Candidates(scan),
    ...domainCandidates(scan),
    ...fileNameCandidates(scan),
  ]);
  // Hashes, CVE and technique IDs count even inside URLs ("https://nvd.nist.gov/vuln/detail/CVE-...").
  const codes = [...hashCandidates(scan), ...cveCandidates(scan), ...attackCandidates(scan)];
  const matcher =
    context.vendors === undefined && context.products === undefined
      ? protocolMatcher
      : new PhraseMatcher([
          ...protocolPhrases,
          ...listPhrases('vendor', context.vendors ?? []),
          ...listPhrases('product', context.products ?? []),
        ]);
  // A vendor name inside "siemens.com" or a URL is part of the indicator, not a mention.
  const terms = matcher.candidates(scan).filter((c) => !inside(c, observables));

  const all = [...observables, ...codes, ...terms].sort((a, b) => a.start - b.start || b.end - a.end);
  const findings = group(all, (c) => {
    const start = refanged.toOriginalStart(c.start);
    const end = refanged.toOriginalEnd(c.end);
    return { start, end, original: examined.slice(start, end), defanged: refanged.defangedWithin(c.start, c.end) };
  });
  return { findings, examinedChars: examined.length, truncated };
}

function cut(text: string, max: number): string {
  // End at whitespace near the limit so that no indicator is cut in half, and never inside a surrogate pair.
  const space = text.lastIndexOf(' ', max);
  let end = space > max - 1000 ? space : max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

function nonOverlapping(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) => a.start - b.start || (spanRank[a.type] ?? 9) - (spanRank[b.type] ?? 9) || b.end - a.end,
  );
  const kept: Candidate[] = [];
  let lastEnd = -1;
  for (const c of sorted) {
    if (c.start < lastEnd) continue;
    kept.push(c);
    lastEnd = c.end;
  }
  return kept;
}

/** True when c lies within one of the spans (sorted by start, not overlapping each other). */
function inside(c: Candidate, spans: readonly Candidate[]): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let best: Candidate | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid] as Candidate;
    if (s.start <= c.start) {
      best = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best !== undefined && c.end <= best.end && c.start < best.end;
}

interface Group {
  type: IndicatorType;
  value: string;
  confidence: number;
  count: number;
  occurrences: Occurrence[];
  documentation: boolean;
  attackDomain: 'enterprise' | 'ics' | undefined;
}

function group(sorted: readonly Candidate[], locate: (c: Candidate) => Occurrence): Finding[] {
  const groups = new Map<string, Group>();
  for (const c of sorted) {
    const key = `${c.type}\u0000${c.value}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { type: c.type, value: c.value, confidence: 0, count: 0, occurrences: [], documentation: false, attackDomain: c.attackDomain };
      groups.set(key, g);
    }
    g.count++;
    g.confidence = Math.max(g.confidence, c.confidence);
    g.documentation ||= c.documentation === true;
    if (g.occurrences.length < maxOccurrences) g.occurrences.push(locate(c));
  }
  return [...groups.values()].map((g) => ({
    type: g.type,
    value: g.value,
    confidence: g.confidence,
    count: g.count,
    occurrences: g.occurrences,
    ...(g.documentation ? { documentation: true as const } : {}),
    ...(g.attackDomain !== undefined ? { attackDomain: g.attackDomain } : {}),
  }));
}
