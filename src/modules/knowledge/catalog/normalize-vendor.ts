// Vendor names as sources write them ("Siemens AG", "SIEMENS", "schneider-electric" from a CPE,
// "Johnson Controls, Inc.", "ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO")
// → one stable key per vendor and a display name.
import { tidy, words } from './clean-text.js';
import { vendorAliases } from './vendor-aliases.js';

export interface VendorName {
  readonly key: string;
  readonly display: string;
}

export const unknownVendor: VendorName = { key: 'unknown', display: 'Unknown' };

// Legal forms, matched as whole words at the end of a name ("S.A." is the words "s", "a").
const legalSuffixes: readonly (readonly string[])[] = [
  ...['ag', 'gmbh', 'mbh', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'llp', 'plc', 'se', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'kk', 'kg', 'ab', 'oy', 'oyj', 'pty', 'pte', 'ltda', 'sro', 'ohg'].map((w) => [w]),
  ['s', 'a'], ['s', 'e'], ['b', 'v'], ['n', 'v'], ['k', 'k'], ['s', 'r', 'l'], ['s', 'p', 'a'], ['ltda', 'me'], ['and'], ['und'],
];
const placeholders = new Set(['', 'n/a', 'na', 'none', 'unknown', 'not applicable', '*', '-']);

/** How many leading words remain once legal suffixes (and a dangling "and") are cut from the end. */
function keptWords(ws: readonly string[]): number {
  let n = ws.length;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of legalSuffixes) {
      if (n > suffix.length && suffix.every((w, i) => ws[n - suffix.length + i] === w)) {
        n -= suffix.length;
        changed = true;
        break;
      }
    }
  }
  return n;
}

const cpeUnescape = (text: string) => text.replace(/\\(.)/g, '$1').replace(/_/g, ' ');
const withoutParentheses = (text: string) => text.replace(/\s*\([^)]*\)/g, '').trim();

/** Words run together after suffixes are cut: the form aliases are matched on. */
function compactOf(name: string): string {
  const ws = words(cpeUnescape(name));
  const start = ws[0] === 'the' && ws.length > 1 ? 1 : 0;
  return ws.slice(start, keptWords(ws)).join('');
}

const aliasIndex: ReadonlyMap<string, VendorName> = new Map(
  vendorAliases.flatMap((a) => a.names.map((n) => [compactOf(n), { key: a.key, display: a.display }] as const)),
);

const isAlias = (name: string) => aliasIndex.has(compactOf(withoutParentheses(name)));

// Alias names that contain list separators must survive the split ("Hirschmann Automation and Control").
const protectedNames = vendorAliases.flatMap((a) => a.names).filter((n) => /,| and | & /i.test(n));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const AND = '\u0001';
const COMMA = '\u0002';

/** Splits "A, B, and C" / "A and B" into vendor names; "Johnson Controls, Inc." stays one name. */
export function splitVendorNames(raw: string): string[] {
  if (typeof raw !== 'string') return [];
  let text = withoutParentheses(tidy(raw));
  if (text === '' || isAlias(text)) return text === '' ? [] : [text];
  for (const name of protectedNames) {
    const pattern = new RegExp(escapeRegExp(name).replace(/\s+/g, '\\s+'), 'gi');
    text = text.replace(pattern, (m) => m.replace(/ and /gi, ` ${AND} `).replace(/,/g, COMMA));
  }
  const hasList = text.includes(',');
  const pieces = text.split(/\s*[,;]\s*(?:and\s+)?/i).flatMap((piece) => {
    const halves = piece.split(/\s+and\s+/i);
    // "X and Y" is two vendors only in a list or when one side is a vendor we know.
    return halves.length > 1 && (hasList || halves.some(isAlias)) ? halves : [piece];
  });
  const merged: string[] = [];
  for (const piece of pieces.map((p) => p.trim()).filter((p) => p !== '')) {
    const ws = words(piece);
    const previous = merged.at(-1);
    // A piece that is only a legal form ("Inc.", "LLC") belongs to the name before it.
    if (previous !== undefined && keptWords(['x', ...ws]) === 1) merged[merged.length - 1] = `${previous}, ${piece}`;
    else merged.push(piece);
  }
  return merged.map((p) => p.replaceAll(AND, 'and').replaceAll(COMMA, ','));
}

/** The name without trailing legal forms, original spelling kept ("Ctek, Inc." → "Ctek"). */
function displayOf(name: string): string {
  const tokens = [...name.matchAll(/[\p{L}\p{N}]+/gu)];
  const kept = keptWords(tokens.map((t) => t[0].normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()));
  const last = tokens[kept - 1];
  return last?.index === undefined ? name : name.slice(0, last.index + last[0].length);
}

function normalizeOne(raw: string): VendorName {
  const text = cpeUnescape(withoutParentheses(tidy(raw)) || tidy(raw).replace(/[()]/g, ''));
  if (placeholders.has(text.toLowerCase())) return unknownVendor;
  const alias = aliasIndex.get(compactOf(text));
  if (alias !== undefined) return alias;
  const ws = words(text);
  const start = ws[0] === 'the' && ws.length > 1 ? 1 : 0;
  const key = ws.slice(start, keptWords(ws)).join('-');
  return key === '' ? unknownVendor : { key, display: displayOf(text) };
}

/**
 * Key and display name of a vendor. Several vendors in one string give the keys joined with "+"
 * in the order written ("iconics+mitsubishi-electric"); use splitVendorNames for each one.
 * Empty and placeholder names ("n/a") give the "unknown" vendor.
 */
export function normalizeVendorName(raw: string): VendorName {
  const seen = new Map<string, VendorName>();
  for (const name of splitVendorNames(raw)) {
    const v = normalizeOne(name);
    if (!seen.has(v.key)) seen.set(v.key, v);
  }
  const all = [...seen.values()];
  const only = all[0];
  if (only === undefined) return unknownVendor;
  if (all.length === 1) return only;
  return { key: all.map((v) => v.key).join('+'), display: all.map((v) => v.display).join(', ') };
}
