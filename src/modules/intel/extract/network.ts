import { matches, type Candidate, type ScanText } from './candidate.js';
import { fileExtensions } from './file-names.js';
import { isDocumentationDomain, isKnownTld, notDomains, wordLikeTlds } from './tlds.js';

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// At most 126 labels, the most a 253-character name can have; also keeps the regexp stack bounded.
const hostname = `(?:${label}\\.){1,126}(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})`;
// Greedy over all labels, and never stopping before another ".label": "report.pdf.exe" is one name.
const domainRe = new RegExp(`(?<![\\w@.-])${hostname}(?![\\w-]|\\.[a-z0-9])`, 'gi');
const emailRe = new RegExp(`(?<![\\w.%+-])[a-z0-9][a-z0-9._%+-]{0,63}@(${hostname})(?![\\w-]|\\.[a-z0-9])`, 'gi');
// Control characters end a URL as whitespace does.
const urlRe =
  // eslint-disable-next-line no-control-regex
  /\b(?:https?|s?ftps?|wss?|opc\.tcp|tcp|udp|smb|rdp|ssh|telnet|ldaps?):\/\/[^\s<>"'`{}|\\^\u0000-\u001f\u007f]{1,4096}/gi;

/** Why a name that passed the TLD check is still not taken as a domain, or how sure we are. */
function domainConfidence(name: string, scan: ScanText, start: number, end: number): number | undefined {
  const labels = name.split('.');
  const tld = labels[labels.length - 1] as string;
  if (!isKnownTld(tld)) return undefined;
  const lower = name.toLowerCase();
  if (notDomains.has(lower)) return undefined;
  const defanged = scan.defangedWithin(start, end);
  if (defanged) return 0.95;
  // "the device.It stopped": a missing space after a full stop, not a domain under Italy's TLD.
  if (/^[A-Z][a-z]+$/.test(tld) && !/[A-Z]/.test(labels.slice(0, -1).join(''))) return undefined;
  // "payload.zip", "install.sh": file names unless written as hosts ("www." or defanged).
  if (fileExtensions.has(tld.toLowerCase()) && labels[0]?.toLowerCase() !== 'www') return undefined;
  if (wordLikeTlds.has(tld.toLowerCase()) && labels.length === 2) return 0.5;
  return 0.8;
}

export function domainCandidates(scan: ScanText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(domainRe, scan.text)) {
    const start = m.index;
    const end = start + m[0].length;
    const confidence = domainConfidence(m[0], scan, start, end);
    if (confidence === undefined) continue;
    const value = m[0].toLowerCase();
    out.push({ type: 'domain', value, start, end, confidence, ...(isDocumentationDomain(value) ? { documentation: true as const } : {}) });
  }
  return out;
}

export function emailCandidates(scan: ScanText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(emailRe, scan.text)) {
    const domain = m[1] as string;
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    if (!isKnownTld(tld)) continue;
    const start = m.index;
    const end = start + m[0].length;
    const value = m[0].toLowerCase();
    const documentation = isDocumentationDomain(domain.toLowerCase());
    out.push({
      type: 'email',
      value,
      start,
      end,
      confidence: scan.defangedWithin(start, end) ? 0.99 : 0.9,
      ...(documentation ? { documentation: true as const } : {}),
    });
  }
  return out;
}

const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' };

/** Drops what prose wraps around a URL: "(see http://x/a)." keeps "http://x/a". */
export function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    const last = u.charAt(u.length - 1);
    const opener = closers[last];
    if (/[.,;:!?'"*]/.test(last)) u = u.slice(0, -1);
    else if (opener !== undefined && count(u, last) > count(u, opener)) u = u.slice(0, -1);
    else return u;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

const hostPart = /^([a-z.]+):\/\/(?:[^@/?#]*@)?(\[[0-9a-f:.]+\]|[^/?#:]+)/i;

export function urlCandidates(scan: ScanText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(urlRe, scan.text)) {
    const url = trimUrl(m[0]);
    const parts = hostPart.exec(url);
    if (parts === null) continue;
    const scheme = (parts[1] as string).toLowerCase();
    const host = parts[2] as string;
    if (!validHost(host)) continue;
    const start = m.index;
    const end = start + url.length;
    const userinfo = parts[0].slice(scheme.length + 3, parts[0].length - host.length);
    const value = `${scheme}://${userinfo}${host.toLowerCase()}${url.slice(parts[0].length)}`;
    const documentation = isDocumentationDomain(host.toLowerCase()) || /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\./.test(host);
    out.push({
      type: 'url',
      value,
      start,
      end,
      confidence: scan.defangedWithin(start, end) ? 0.99 : 0.9,
      ...(documentation ? { documentation: true as const } : {}),
    });
  }
  return out;
}

// Lenient: the scheme already says it is a URL, so internal hosts ("http://hmi-01/") pass too.
function validHost(host: string): boolean {
  if (host.startsWith('[')) return host.length > 3;
  return /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i.test(host) && !host.includes('..');
}
