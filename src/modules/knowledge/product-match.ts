// Does an asset's model name an advisory's product? Product lines share model numbers (an S7-1500
// CPU, the S7-1500 TM MFP technology module, the S7-1500 Software Controller), so a shared number
// is not enough: module types, product-line words, order numbers and release numbers written into
// product names must agree too. Pure, so it is tested without a database; every answer says why.
import { compareVersions, nextSeries } from './versions/index.js';

// Words that say what kind of thing a product is rather than which one.
const GENERIC = new Set([
  'firmware', 'cpu', 'cpus', 'series', 'family', 'families', 'software', 'device', 'devices', 'all', 'and', 'the', 'for', 'with', 'module', 'modules', 'controller', 'controllers',
  'version', 'versions', 'products', 'product', 'system', 'systems', 'plc', 'plcs', 'hmi', 'panel', 'of', 'v', 'incl', 'including', 'variants', 'related', 'prior', 'earlier', 'later', 'or',
  'based', 'on', 'in', 'to', 'a', 'an', 'by', 'from', 'edition', 'only', 'runtime',
]);
// Not GENERIC for the whole-name test of products without model numbers ("WinCC Runtime Professional" is not "WinCC").
const NAME_WORDS_KEPT = new Set(['runtime', 'edition']);

/** Siemens order numbers (MLFB): 6ES7516-3AN02-0AB0, "6ES7 516-3AN02-0AB0", 6GK5204-2BB10-2AA3, 6AG1... for SIPLUS. */
const ORDER_NUMBER = /\b6[a-z]{2}\d\s?\d{3}-\d[a-z0-9]{4}-\d[a-z0-9]{3}\b/gi;

export function orderNumbers(text: string): string[] {
  return [...text.matchAll(ORDER_NUMBER)].map((m) => m[0].replace(/\s+/g, '').toUpperCase());
}

/** Module types that share a product line's model number with its CPUs. First match wins. */
const moduleKinds: readonly (readonly [string, RegExp])[] = [
  ['software controller', /\bsoftware controllers?\b/],
  ['open controller', /\bopen controllers?\b/],
  ['drive controller', /\bdrive controllers?\b/],
  ['simulator', /\b(plcsim\w*|simulators?|simulation)\b/],
  ['technology module', /\btm\b/],
  ['communication processor', /\bcp ?\d{3,4}\w*/],
  ['communication module', /\b(communications? modules?|1756-en\w+|1756-eweb\w*|bmx ?no\w+|bme ?no\w+)\b/],
  ['signal module', /\bsm ?\d{3,4}\b/],
  ['interface module', /\bim ?\d{3}\b/],
  ['cpu', /\b(cpus?|controllers?)\b|\b\d{4}\w*cpu\b|\br\d{2}\w*cpu\b/],
];

export function moduleKind(text: string): string | undefined {
  const t = text.toLowerCase();
  return moduleKinds.find(([, pattern]) => pattern.test(t))?.[0];
}

/** A release written into a product name: "WinCC V7.3", "S7-1200 CPU family V4.x", "WinCC V7.2 and prior", "< V4.x". */
export interface NameRelease {
  readonly version: string;
  readonly relation: 'series' | 'before' | 'up_to';
}

const isYear = (t: string) => /^(19|20)\d\d$/.test(t);
const isVersionToken = (t: string) => /^v\d+(\.(\d+|x))*$/.test(t);

export function tokens(text: string, keep: ReadonlySet<string> = new Set()): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9.+/-]+/)
    .map((t) => t.replace(/^[-./]+|[-./]+$/g, ''))
    .filter((t) => t.length > 0 && (!GENERIC.has(t) || keep.has(t)));
}

/** Model numbers: letters with digits ("s7-1500", "1756-l83e", "x204-2"), or three digits and more that are not a year ("1516-3", "5580"). */
const distinctive = (t: string) => !isVersionToken(t) && ((/\d/.test(t) && /[a-z]/.test(t)) || (/\d{3}/.test(t) && !isYear(t)));

/** The name without what qualifies it: parentheses (closed or cut off), order numbers. */
function core(text: string): string {
  return text.replace(/\([^)]*\)?/g, ' ').replace(ORDER_NUMBER, ' ');
}

export interface PreparedProduct {
  readonly name: string;
  readonly words: readonly string[];
  /** What a model must contain when the product has no model number: its words, "runtime" and "edition" included. */
  readonly nameWords: readonly string[];
  readonly keyTokens: readonly string[];
  /** Alphabetic words of three letters or more that name a product line ("guardlogix", "siplus", "mfp"). */
  readonly lineWords: readonly string[];
  readonly kind: string | undefined;
  readonly orders: readonly string[];
  readonly release: NameRelease | undefined;
  /** The range describes a part inside the product (a subsystem, a library), not its firmware. */
  readonly component: boolean;
  /** Written as a family ("CPU family", "series", "incl. ... variants"). */
  readonly family: boolean;
}

function nameRelease(text: string): NameRelease | undefined {
  const t = text.toLowerCase();
  const m = /(<\s*)?\bv(\d+(?:\.(?:\d+|x))*)\b(\s+(?:and|or)\s+(?:prior|earlier|before|older))?/.exec(t);
  if (m?.[2] === undefined) return undefined;
  const version = m[2].replace(/\.x$/, '');
  // "V2" alone is often a product generation (Software Controller V2), not a release: too vague to hold against.
  if (!version.includes('.') && version.length < 2 && m[1] === undefined && m[3] === undefined) return undefined;
  return { version, relation: m[1] !== undefined ? 'before' : m[3] !== undefined ? 'up_to' : 'series' };
}

export function prepareProduct(productName: string, vendorWords: readonly string[] = []): PreparedProduct {
  const main = core(productName);
  // Releases written into the name are checked against the asset's version, not its model.
  const words = tokens(main).filter((t) => !vendorWords.includes(t) && !isVersionToken(t));
  return {
    name: productName,
    words,
    nameWords: tokens(main, NAME_WORDS_KEPT).filter((t) => !vendorWords.includes(t) && !isVersionToken(t)),
    keyTokens: words.filter(distinctive),
    lineWords: words.filter((w) => /^[a-z]{3,}$/.test(w)),
    kind: moduleKind(main),
    orders: orderNumbers(productName),
    release: nameRelease(main),
    component: /\b(subsystem|component|library|libraries|stack|add-on|plug-?in)\b/i.test(main),
    family: /\b(family|families|series)\b|\(incl/i.test(productName),
  };
}

export interface PreparedModel {
  readonly tokens: ReadonlySet<string>;
  /** Its tokens and each token's prefixes ending before "-" or "/" ("s7-1500-cpu" offers "s7"). */
  readonly offered: ReadonlySet<string>;
  readonly keyTokens: readonly string[];
  readonly lineWords: readonly string[];
  readonly kind: string | undefined;
  readonly orders: readonly string[];
  readonly raw: string;
}

export function prepareModel(model: string, vendorWords: readonly string[] = []): PreparedModel {
  const main = core(model);
  const list = tokens(main, NAME_WORDS_KEPT).filter((t) => !vendorWords.includes(t));
  const set = new Set(list);
  const offered = new Set(set);
  for (const m of set) for (let i = 1; i < m.length; i++) if (m[i] === '-' || m[i] === '/') offered.add(m.slice(0, i));
  return { tokens: set, offered, keyTokens: list.filter(distinctive), lineWords: list.filter((w) => /^[a-z]{3,}$/.test(w) && !GENERIC.has(w)), kind: moduleKind(main), orders: orderNumbers(model), raw: model };
}

export interface ProductMatch {
  readonly match: boolean;
  /** 0..1: how sure the product is the asset's. */
  readonly confidence: number;
  /** Why, in words a person checks against the advisory. */
  readonly basis: string;
  /** The asset names only the family of the advisory's product: its version cannot be held against the product's range. */
  readonly familyOnly: boolean;
}

const no = (basis: string): ProductMatch => ({ match: false, confidence: 0, basis, familyOnly: false });
const yes = (confidence: number, basis: string, familyOnly = false): ProductMatch => ({ match: true, confidence, basis, familyOnly });

/**
 * Does this model name this product? Order numbers, when both give one, must be the same; module
 * types must agree (a CPU is not a TM, CP, SM or IM module, nor a software controller); model
 * numbers of the product must be in the model; product-line words must not contradict each other
 * ("GuardLogix" is not "ControlLogix", "SIPLUS" not "SIMATIC"). Products without model numbers
 * need every word of their name in the model.
 */
export function matchPrepared(p: PreparedProduct, m: PreparedModel): ProductMatch {
  if (p.words.length === 0 || m.tokens.size === 0) return no('nothing to compare');
  if (p.orders.length > 0 && m.orders.length > 0) {
    const same = p.orders.some((o) => m.orders.includes(o));
    if (!same) return no(`order number ${p.orders.join(', ')} is not the asset's ${m.orders.join(', ')}`);
  }
  if (p.kind !== m.kind && p.kind !== undefined && (m.kind !== undefined || p.kind !== 'cpu')) {
    return no(m.kind === undefined ? `the product is a ${p.kind}; the asset's model does not say it is one` : `the product is a ${p.kind}, the asset a ${m.kind}`);
  }
  const missingLine = p.lineWords.filter((w) => !m.tokens.has(w));
  const extraLine = m.lineWords.filter((w) => !p.words.includes(w));
  if (missingLine.length > 0 && extraLine.length > 0) return no(`product line "${missingLine.join(' ')}" is not the asset's "${extraLine.join(' ')}"`);
  // The same order number names the same hardware, whatever else the two names say.
  const sameOrder = p.orders.find((o) => m.orders.includes(o));
  if (sameOrder !== undefined) return yes(0.95, `same order number ${sameOrder}`);
  if (p.keyTokens.length > 0) {
    const missing = p.keyTokens.filter((t) => !m.offered.has(t));
    if (missing.length === 0) {
      const numbers = p.keyTokens.join(', ');
      if (p.family) return yes(0.8, `the asset is in the product family (${numbers})`);
      if (missingLine.length > 0) return yes(0.8, `model ${numbers} agrees; the product also says "${missingLine.join(' ')}"`);
      return yes(p.orders.length > 0 ? 0.85 : 0.9, `model ${numbers} agrees${p.orders.length > 0 ? ' (the asset gives no order number)' : ''}`);
    }
    // The asset names a family the product belongs to ("S7-1500 Software Controller" for "... CPU 1507S"):
    // only when every model number the asset gives is the product's.
    if (m.keyTokens.length > 0 && m.keyTokens.every((t) => p.keyTokens.includes(t)) && p.kind === m.kind && missingLine.length === 0) {
      return yes(0.5, `the asset names the family ${m.keyTokens.join(', ')}; the product is the more specific ${missing.join(', ')}`, true);
    }
    return no(`model ${missing.join(', ')} is not in the asset's model`);
  }
  const absent = p.nameWords.filter((w) => !m.tokens.has(w));
  if (absent.length > 0) return no(`"${absent.join(' ')}" is not in the asset's model`);
  return yes(0.75, 'every word of the product name is in the model');
}

/** Whether a release written into the product name ("WinCC V7.3") holds the asset's version; undefined: nothing to check. */
export function releaseAgrees(release: NameRelease | undefined, version: string | null): { agrees: boolean; basis: string } | undefined {
  if (release === undefined || version === null || !/\d/.test(version)) return undefined;
  const at = compareVersions(version, release.version);
  const next = nextSeries(release.version);
  const inSeries = at >= 0 && next !== undefined && compareVersions(version, next) < 0;
  const agrees = release.relation === 'series' ? inSeries : release.relation === 'before' ? at < 0 : inSeries || at < 0;
  const written = release.relation === 'series' ? `release V${release.version}` : release.relation === 'before' ? `releases before V${release.version}` : `V${release.version} and earlier`;
  return { agrees, basis: `the product is ${written}; the asset runs ${version}` };
}

/** Convenience for one-off checks (tests, the search): prepares both sides. */
export function productMatches(productName: string, assetModel: string, vendorWords: readonly string[] = []): boolean {
  return matchPrepared(prepareProduct(productName, vendorWords), prepareModel(assetModel, vendorWords)).match;
}
