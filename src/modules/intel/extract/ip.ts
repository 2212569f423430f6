import { matches, type Candidate, type ScanText } from './candidate.js';

const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not glued to letters, digits or dots on either side: "v1.2.3.4" and "1.2.3.4.5" are not addresses.
const ipv4Re = new RegExp(`(?<![\\w.])${octet}(?:\\.${octet}){3}(?![\\w]|\\.\\d)`, 'g');
const prefixAfter = /^\/(\d{1,3})(?![\d.])/;

// Words after which a dotted quad is a version number ("firmware 2.1.0.4", "version 4.0.3.1") or
// a document's own numbering ("section 4.3.2.1").
const versionBefore =
  /(?:\b(?:section|chapter|clause|figure|table|step|paragraph|item)s?|\bv|\bver\.?|\bversions?|\breleases?|\brel\.?|\brev\.?|\brevisions?|\bbuilds?|\bfirmware|\bfw|\bsoftware|\bsw|\b(?:update[ds]?|upgrade[ds]?|patch(?:ed)?|fixed) (?:to|in)|\bprior to|\bbefore|\bearlier than|\bup to|\bupdate|\bpatch)\s*[:=]?\s*$/i;
// A version list goes on after a connective: "versions 2.0.0.1 through 2.0.0.9".
const versionConnective = /^\s*(?:,|and|or|to|through|thru|-|\u2013|\u2014)\s*$/i;
const versionAfter = /^\s*(?:and|or)\s+(?:later|earlier|newer|older|above|below|prior)\b/i;
// Or a few words after a strong version word on the same line ("affected builds include 5.0.1.8"),
// unless those words speak of addresses ("firmware beacons to 45.1.2.3").
const versionWord = /\b(?:versions?|builds?|releases?|firmware|revisions?)\b/gi;
const fewWordsAfter = /^[\s:=,]*(?:[a-z]+[\s:,]+){0,2}$/i;
const addressWord =
  /\b(?:ips?|address(?:es)?|hosts?|servers?|from|via|at|on|connect\w*|contact\w*|beacon\w*|c2|scan\w*|resolv\w*|listen\w*|sen[dt]\w*|reach\w*)\b/i;

function versionNearBefore(before: string): boolean {
  const line = before.slice(before.lastIndexOf('\n') + 1);
  let lastEnd = -1;
  for (const m of matches(versionWord, line)) lastEnd = m.index + m[0].length;
  if (lastEnd < 0) return false;
  const between = line.slice(lastEnd);
  return fewWordsAfter.test(between) && !addressWord.test(between);
}

const ipv4Documentation = [/^192\.0\.2\./, /^198\.51\.100\./, /^203\.0\.113\./];

export function ipv4Candidates(scan: ScanText): Candidate[] {
  const { text } = scan;
  const out: Candidate[] = [];
  let lastVersionEnd = -1;
  for (const m of matches(ipv4Re, text)) {
    const start = m.index;
    let end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 60), start);
    const chained = lastVersionEnd >= 0 && versionConnective.test(text.slice(lastVersionEnd, start));
    if (versionBefore.test(before) || chained || versionNearBefore(before) || versionAfter.test(text.slice(end, end + 30))) {
      lastVersionEnd = end;
      continue;
    }
    let value = m[0];
    const prefix = prefixAfter.exec(text.slice(end, end + 5));
    if (prefix?.[1] !== undefined && Number(prefix[1]) <= 32) {
      value += prefix[0];
      end += prefix[0].length;
    }
    const defanged = scan.defangedWithin(start, end);
    out.push({
      type: 'ipv4',
      value,
      start,
      end,
      confidence: defanged ? 0.99 : ipv4Confidence(m[0]),
      ...(ipv4Documentation.some((r) => r.test(m[0])) ? { documentation: true as const } : {}),
    });
  }
  return out;
}

function ipv4Confidence(address: string): number {
  // Unspecified, loopback and broadcast addresses are written in configuration text, rarely as indicators.
  if (address === '0.0.0.0' || address === '255.255.255.255' || address.startsWith('127.')) return 0.5;
  return 0.9;
}

// A run of hex digits, colons and dots with at least two colons; validated by parseIpv6 afterwards.
const ipv6Re = /(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?:%[\w.]+)?/gi;

export function ipv6Candidates(scan: ScanText): Candidate[] {
  const { text } = scan;
  const out: Candidate[] = [];
  for (const m of matches(ipv6Re, text)) {
    let raw = m[0];
    const zone = raw.indexOf('%');
    let body = zone >= 0 ? raw.slice(0, zone) : raw;
    // Sentence punctuation is not part of the address; "2001:db8::" keeps its double colon.
    while (body.endsWith('.') || (body.endsWith(':') && !body.endsWith('::'))) body = body.slice(0, -1);
    if (zone < 0) raw = body;
    const next = text.charAt(m.index + raw.length);
    if (/[\w:]/.test(next)) continue;
    const groups = parseIpv6(body);
    if (groups === undefined) continue;
    const start = m.index;
    let end = start + raw.length;
    let value = formatIpv6(groups);
    const prefix = zone < 0 ? prefixAfter.exec(text.slice(end, end + 5)) : null;
    if (prefix?.[1] !== undefined && Number(prefix[1]) <= 128) {
      value += prefix[0];
      end += prefix[0].length;
    }
    out.push({
      type: 'ipv6',
      value,
      start,
      end,
      confidence: scan.defangedWithin(start, end) ? 0.99 : body.includes('::') && groups.filter((g) => g !== 0).length < 2 ? 0.6 : 0.9,
      ...(isDocumentationIpv6(groups) ? { documentation: true as const } : {}),
    });
  }
  return out;
}

// 2001:db8::/32 (RFC 3849), and IPv4-mapped documentation addresses.
function isDocumentationIpv6(groups: readonly number[]): boolean {
  if (groups[0] === 0x2001 && groups[1] === 0x0db8) return true;
  if (!groups.slice(0, 5).every((g) => g === 0) || groups[5] !== 0xffff) return false;
  const [c, d] = [groups[6] as number, groups[7] as number];
  return ipv4Documentation.some((r) => r.test(`${c >> 8}.${c & 255}.${d >> 8}.${d & 255}`));
}

/** Eight 16-bit groups, or undefined when the text is not an IPv6 address (times, MAC addresses, "a::b::c"). */
export function parseIpv6(text: string): number[] | undefined {
  if (!/[0-9a-f]/i.test(text)) return undefined;
  let head = text;
  let tailV4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const v4 = text.slice(lastColon + 1);
  if (v4.includes('.')) {
    const parts = v4.split('.');
    if (parts.length !== 4 || parts.some((p) => !/^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(p))) return undefined;
    const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
    tailV4 = [(a << 8) | b, (c << 8) | d];
    // "::ffff:192.0.2.1" keeps "::ffff"; "::192.0.2.1" keeps "::".
    const prefix = text.slice(0, lastColon + 1);
    head = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':');
    if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    return groups.map((g) => parseInt(g, 16));
  };
  const want = 8 - tailV4.length;
  const left = parse(halves[0] as string);
  if (left === undefined) return undefined;
  if (halves.length === 1) {
    return left.length === want ? [...left, ...tailV4] : undefined;
  }
  const right = parse(halves[1] as string);
  if (right === undefined || left.length + right.length >= want) return undefined;
  return [...left, ...new Array<number>(want - left.length - right.length).fill(0), ...right, ...tailV4];
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
export function formatIpv6(groups: readonly number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [c, d] = [groups[6] as number, groups[7] as number];
    return `::ffff:${c >> 8}.${c & 255}.${d >> 8}.${d & 255}`;
  }
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
