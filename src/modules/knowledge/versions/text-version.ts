// Reading one version out of vendor free text: "V2.0 SP1", "2014 R2 SP1 P02", "V4.1.1 Patch 05",
// "3.3.4 Build 16102416", "R511.5 TCU4 HF4". Input is already prepared (single spaces, no "_").

export type VersionRead =
  | { readonly ok: true; readonly version: string; readonly series: boolean; readonly rest: string }
  | { readonly ok: false; readonly code: 'syntax' | 'date_bound' | 'invalid_version' | 'ambiguous'; readonly reason: string };

const months =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

// Qualifier words that may follow a base version, fused with their number ("SP1") or apart ("Update 4").
const qualifierWord = 'sp|upd|update|hf|hotfix|patch|p|build|bn|release|rel|r|fp|u|sr|tcu|uc|cu';
const fusedQualifier = new RegExp(`^(?:${qualifierWord})\\d[\\w.\\-]*$`, 'i');
const bareQualifier = new RegExp(`^(?:${qualifierWord})$`, 'i');
const twoWordQualifier = /^(?:service|feature) pack$/i;

// A version word: letters, digits and the punctuation vendors put inside versions ("02.07.07(10)").
const coreToken = /^[a-z0-9][a-z0-9.\-+()/~]*$/i;

function isQualifierToken(token: string): boolean {
  return fusedQualifier.test(token) || bareQualifier.test(token);
}

function startsWithNumber(token: string | undefined): token is string {
  return token !== undefined && /^\d[\w.-]*$/.test(token);
}

function looksLikeDate(tokens: readonly string[]): boolean {
  const first = tokens[0] ?? '';
  return months.test(first) || /^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(first);
}

function isProductWord(token: string, productWords: ReadonlySet<string>): boolean {
  const t = token.toLowerCase();
  return t === 'firmware' || t === 'software' || t === 'fw' || productWords.has(t);
}

/** The words of a product name, for recognizing "< WinCC 7.2" under "SIMATIC WinCC V7.2". */
export function productWordsOf(productName: string | undefined): ReadonlySet<string> {
  if (productName === undefined) return new Set();
  return new Set(productName.toLowerCase().split(/[\s_/(),]+/).filter((w) => w !== '' && !/\d/.test(w)));
}

function unwrapToken(token: string): string {
  return token.replace(/^"(.*)"$/, '$1').replace(/^\((.*)\)$/, '$1');
}

/** Reads qualifier groups from `tokens[i]` on; returns the index after the last one consumed. */
function readQualifiers(tokens: readonly string[], start: number, allowVTail: boolean): number {
  let i = start;
  for (;;) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t === undefined) return i;
    if (fusedQualifier.test(t)) i += 1;
    else if (bareQualifier.test(t) && startsWithNumber(next)) i += 2;
    else if (next !== undefined && twoWordQualifier.test(`${t} ${next}`) && startsWithNumber(tokens[i + 2])) i += 3;
    // Build numbers and dates glued with "_" ("8.2_20170817", "2.11 R3 2259").
    else if (startsWithNumber(t)) i += 1;
    // Vendor suffixes of a few letters and a number ("15.3(3) JC1"), but never a second "V1.2".
    else if (/^[a-z]{1,3}\d+[a-z]?$/i.test(t) && !/^v\d/i.test(t)) i += 1;
    // "3.2.0-12_v1": a v-number inside a version that started with a digit.
    else if (allowVTail && /^v\d[\w.-]*$/i.test(t)) i += 1;
    else return i;
  }
}

/**
 * Reads a version at the start of `text` and returns it with the text after it. Rejects dates,
 * CVE ids, wildcards in the middle ("V3.X.14") and anything that does not start like a version.
 */
export function readVersion(text: string, productWords: ReadonlySet<string> = new Set()): VersionRead {
  const tokens = text.split(' ').filter((t) => t !== '');
  if (tokens.length === 0) return { ok: false, code: 'syntax', reason: 'a version is missing' };
  if (looksLikeDate(tokens)) return { ok: false, code: 'date_bound', reason: `"${text}" is a date, not a version` };
  // "firmware FullImg-1023-...", "< WinCC 7.2 Upd 15" for SIMATIC WinCC: words naming what the
  // version is of (the product itself), not which version it is.
  let start = 0;
  while (start < tokens.length - 1 && !/\d/.test(tokens[start] ?? '') && isProductWord(tokens[start] ?? '', productWords)) start += 1;
  // "(R4.02)", "\"05\"": the version itself, wrapped.
  const first = unwrapToken(tokens[start] ?? '');
  tokens[start] = first;

  let end: number;
  if (isQualifierToken(first) || twoWordQualifier.test(`${first} ${tokens[start + 1] ?? ''}`)) {
    // A version that is only a service pack or update ("SP1", "Update 19", "SP3 Update 1").
    end = readQualifiers(tokens, start, false);
    if (end === start) return { ok: false, code: 'syntax', reason: `"${first}" needs a number` };
  } else {
    if (!coreToken.test(first)) return { ok: false, code: 'syntax', reason: `expected a version, found "${first}"` };
    if (!/\d/.test(first) && !/^[a-z]$/i.test(first)) return { ok: false, code: 'syntax', reason: `expected a version, found "${first}"` };
    if (/^cve-\d{4}-\d+$/i.test(first)) return { ok: false, code: 'syntax', reason: `"${first}" is a CVE id, not a version` };
    end = readQualifiers(tokens, start + 1, /^\d/.test(first));
  }
  const words = tokens.slice(start, end);
  const version = words.join(' ');
  const rest = tokens.slice(end).join(' ');

  // "3.x", "V7.x", "2.001.*": a series. A wildcard anywhere else is not a version we can order.
  const series = /^(.*\d)\.[x*]$/i.exec(version);
  if (series !== null && words.length === 1) {
    const prefix = series[1] ?? '';
    if (/(?:^|\.)[x*](?:\.|$)/i.test(prefix)) {
      return { ok: false, code: 'ambiguous', reason: `"${version}" has a wildcard in the middle` };
    }
    return { ok: true, version: prefix, series: true, rest };
  }
  if (/(?:^|[.\s])[x*?](?:[.\s]|$)/i.test(version) || /\dx$/i.test(version)) {
    return { ok: false, code: 'ambiguous', reason: `"${version}" contains a wildcard that is not a trailing ".x"` };
  }
  return { ok: true, version, series: false, rest };
}
