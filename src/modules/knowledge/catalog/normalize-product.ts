// Product names: one spelling per product under a vendor ("Siemens SIMATIC S7-1500" under
// siemens → "simatic s7-1500"), and the OT device class the name suggests.
import { fixMojibake, fold, tidy, words } from './clean-text.js';
import { deviceTypeRules } from './device-type-rules.js';
import type { DeviceType } from './device-type-rules.js';
import { vendorAliases } from './vendor-aliases.js';

export { deviceTypeRules, deviceTypes } from './device-type-rules.js';
export type { DeviceType, DeviceTypeRule } from './device-type-rules.js';

export interface ProductName {
  /** Lower case, no diacritics, single spaces, vendor prefix removed; "" when there is no name. */
  readonly key: string;
  /** The name as written, tidied, vendor prefix removed. */
  readonly display: string;
}

/** Names a product may start with when it repeats its vendor: alias spellings and the key's words. */
function vendorPrefixes(vendorKey: string): string[] {
  const prefixes = new Set<string>();
  for (const key of vendorKey.split('+')) {
    prefixes.add(key.replace(/-/g, ' '));
    for (const a of vendorAliases) if (a.key === key) for (const n of [a.display, ...a.names]) prefixes.add(words(n).join(' '));
  }
  return [...prefixes].filter((p) => p !== '').sort((a, b) => b.length - a.length);
}

// A prefix match returns the length of the vendor name at the start of the folded text, or -1.
type PrefixMatcher = (folded: string) => number;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const isLetterOrDigit = (text: string, at: number) => LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at) ?? 0));

/**
 * The prefix's words in order, apart by anything but letters and digits, then a word boundary:
 * what the pattern `^w1[^\p{L}\p{N}]+w2…(?=[^\p{L}\p{N}]|$)` matches, without compiling one Unicode
 * RegExp per vendor (about 0.7 ms each, which dominated import profiles).
 */
function wordMatcher(ws: readonly string[]): PrefixMatcher {
  return (folded) => {
    let at = 0;
    for (const [i, w] of ws.entries()) {
      if (i > 0) {
        const start = at;
        while (at < folded.length && !isLetterOrDigit(folded, at)) at += (folded.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
        if (at === start) return -1;
      }
      if (!folded.startsWith(w, at)) return -1;
      at += w.length;
    }
    return at < folded.length && isLetterOrDigit(folded, at) ? -1 : at;
  };
}

function regexMatcher(prefix: string): PrefixMatcher {
  // Match word by word so "Allen-Bradley" and "allen bradley" both count.
  const pattern = new RegExp(`^${prefix.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+')}(?=[^\\p{L}\\p{N}]|$)`, 'u');
  return (folded) => pattern.exec(folded)?.[0].length ?? -1;
}

const ALNUM_WORD = /^[\p{L}\p{N}]+$/u;
const prefixMatchers = new Map<string, readonly PrefixMatcher[]>();
const MAX_CACHED_VENDORS = 10_000;

/** Matchers for a vendor key's prefixes, longest first; built once per key. */
function vendorPrefixMatchers(vendorKey: string): readonly PrefixMatcher[] {
  let matchers = prefixMatchers.get(vendorKey);
  if (matchers === undefined) {
    matchers = vendorPrefixes(vendorKey).map((prefix) => {
      const ws = prefix.split(' ');
      // Words of letters and digits only (all real vendor names) take the fast path.
      return ws.every((w) => ALNUM_WORD.test(w)) ? wordMatcher(ws) : regexMatcher(prefix);
    });
    if (prefixMatchers.size >= MAX_CACHED_VENDORS) prefixMatchers.clear();
    prefixMatchers.set(vendorKey, matchers);
  }
  return matchers;
}

/** Removes a leading vendor name when something is left after it ("Siemens SIMATIC" → "SIMATIC"). */
function withoutVendor(display: string, vendorKey: string): string {
  const matchers = vendorPrefixMatchers(vendorKey);
  if (matchers.length === 0) return display;
  const folded = fold(display);
  for (const matcher of matchers) {
    const length = matcher(folded);
    if (length < 0) continue;
    const rest = display.slice(length).replace(/^[\s\-_:/,.]+/, '');
    if (rest !== '') return rest;
  }
  return display;
}

/** Key and display name of a product under a vendor key (from normalizeVendorName). Never throws. */
export function normalizeProductName(vendorKey: string, raw: string): ProductName {
  if (typeof raw !== 'string') return { key: '', display: '' };
  // Marks go before NFKC would turn "™" into the letters "TM".
  const display = withoutVendor(tidy(fixMojibake(raw).replace(/[®™©]/g, '')), typeof vendorKey === 'string' ? vendorKey : '');
  const key = fold(display)
    .replace(/_/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-:,.;]+|[\s\-:,.;]+$/g, '');
  return { key, display };
}

export interface DeviceClassification {
  readonly type: DeviceType;
  /** 0: nothing matched; otherwise the matching rule's confidence. */
  readonly confidence: number;
  /** Id of the rule that matched. */
  readonly rule: string | undefined;
}

const noMatch: DeviceClassification = { type: 'unknown', confidence: 0, rule: undefined };

/** OT device class of a product, by the first rule of deviceTypeRules that matches its name. */
export function classifyDeviceType(vendorKey: string, productName: string): DeviceClassification {
  if (typeof productName !== 'string') return noMatch;
  const vendor = typeof vendorKey === 'string' ? vendorKey : '';
  const name = normalizeProductName(vendor, productName).key;
  if (name === '') return noMatch;
  // The vendor prefix is sometimes the product line itself ("CODESYS Control" under codesys).
  const names = [name, normalizeProductName('', productName).key];
  const vendors = vendor.split('+');
  for (const rule of deviceTypeRules) {
    if (rule.vendors !== undefined && !rule.vendors.some((v) => vendors.includes(v))) continue;
    if (names.some((n) => rule.pattern.test(n))) return { type: rule.type, confidence: rule.confidence, rule: rule.id };
  }
  return noMatch;
}
