// One detection item (`field|modifiers: values`) compiled into a test over an event view: values are
// transformed once (expand, windash, UTF-16, base64, contains ...), patterns and regexes compiled once,
// and case-insensitive patterns lowered once. Lists of values are OR, or AND with `all`.
import { cidrContains, parseCidr, type Cidr } from './cidr.js';
import { KEYWORDS, type EventView, type Leaf } from './event-view.js';
import { base64OffsetValues, base64Value, regexFlags, windashVariants, type TextEncoding } from './modifiers.js';
import type { DetectionItem, SigmaModifier, SourcePos } from './types.js';
import { compilePattern, hasWildcard, testPattern, unescape, type StringMatcher } from './wildcard.js';

export type ItemTest = (view: EventView) => boolean;

export interface CompiledItem {
  readonly test: ItemTest;
  /** Set when the item can only match if the field equals one of these (lower-case) texts. */
  readonly anchor?: Anchor;
}

/** A value the field must have (`equal`), end with (`suffix`) or begin with (`prefix`), lower case. */
export interface Anchor {
  readonly slot: number;
  readonly kind: 'equal' | 'suffix' | 'prefix';
  readonly values: readonly string[];
}

export interface ItemContext {
  slot(field: string): number;
  readonly placeholders: Readonly<Record<string, readonly string[]>>;
  problem(message: string, pos: SourcePos): void;
}

const comparisons = ['lt', 'lte', 'gt', 'gte'] as const;
const timeParts = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
type Comparison = (typeof comparisons)[number] | 'eq';

function compare(op: Comparison, a: number, b: number): boolean {
  switch (op) {
    case 'lt': return a < b;
    case 'lte': return a <= b;
    case 'gt': return a > b;
    case 'gte': return a >= b;
    case 'eq': return a === b;
  }
}

function toNumber(leaf: Leaf): number {
  if (typeof leaf === 'number') return leaf;
  if (typeof leaf === 'string' && leaf.trim() !== '') return Number(leaf);
  return Number.NaN;
}

function isoWeek(d: Date): number {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const weekday = (d.getUTCDay() + 6) % 7;
  const thursday = day - weekday * 86_400_000 + 3 * 86_400_000;
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / 604_800_000) + 1;
}

function timePart(part: (typeof timeParts)[number], leaf: Leaf): number {
  const ms = typeof leaf === 'number' ? leaf : typeof leaf === 'string' ? Date.parse(leaf) : Number.NaN;
  if (Number.isNaN(ms)) return Number.NaN;
  const d = new Date(ms);
  switch (part) {
    case 'minute': return d.getUTCMinutes();
    case 'hour': return d.getUTCHours();
    case 'day': return d.getUTCDate();
    case 'week': return isoWeek(d);
    case 'month': return d.getUTCMonth() + 1;
    case 'year': return d.getUTCFullYear();
  }
}

/** Combines per-value tests: OR, or AND with `all`; `neq` asks for a present field matching none. */
function combine(slot: number, groups: readonly ((view: EventView) => boolean)[], all: boolean, neq: boolean): ItemTest {
  let test: ItemTest;
  if (groups.length === 1) test = groups[0] as ItemTest;
  else if (all) {
    test = (v) => {
      for (let i = 0; i < groups.length; i++) if (!(groups[i] as ItemTest)(v)) return false;
      return true;
    };
  } else {
    test = (v) => {
      for (let i = 0; i < groups.length; i++) if ((groups[i] as ItemTest)(v)) return true;
      return false;
    };
  }
  if (!neq) return test;
  return (v) => v.leaves(slot).length > 0 && !test(v);
}

/** Loops instead of some(): a closure per call would be garbage per event and rule. */
function anyText(texts: readonly string[], m: StringMatcher): boolean {
  for (let i = 0; i < texts.length; i++) if (testPattern(m, texts[i] as string)) return true;
  return false;
}

function anyTextOf(texts: readonly string[], matchers: readonly StringMatcher[]): boolean {
  for (let i = 0; i < texts.length; i++) for (let j = 0; j < matchers.length; j++) if (testPattern(matchers[j] as StringMatcher, texts[i] as string)) return true;
  return false;
}

export function compileItem(item: DetectionItem, ctx: ItemContext): CompiledItem | undefined {
  const mods = new Set<SigmaModifier>(item.modifiers);
  const slot = item.field === null ? KEYWORDS : ctx.slot(item.field);
  const all = mods.has('all');
  const neq = mods.has('neq');
  if (mods.has('exists')) {
    const want = item.values[0] === true;
    return { test: (v) => (v.raw(slot) !== undefined) === want };
  }
  const values = item.values.filter((x) => x !== null);
  const tests: ItemTest[] = [];
  if (values.length < item.values.length) tests.push((v) => v.raw(slot) === undefined || v.raw(slot) === null);
  if (values.length === 0) return { test: combine(slot, tests, false, false) };

  if (mods.has('fieldref')) {
    const cased = mods.has('cased');
    const rel = mods.has('contains') ? 'contains' : mods.has('startswith') ? 'startswith' : mods.has('endswith') ? 'endswith' : 'eq';
    for (const name of values) {
      const ref = ctx.slot(String(name));
      tests.push((v) => {
        const lefts = cased ? v.texts(slot) : v.lowers(slot);
        const rights = cased ? v.texts(ref) : v.lowers(ref);
        for (const l of lefts) for (const r of rights) {
          if (rel === 'eq' ? l === r : rel === 'contains' ? l.includes(r) : rel === 'startswith' ? l.startsWith(r) : l.endsWith(r)) return true;
        }
        return false;
      });
    }
    return { test: combine(slot, tests, all, neq) };
  }

  const part = timeParts.find((p) => mods.has(p));
  const cmp = comparisons.find((c) => mods.has(c));
  if (part !== undefined || cmp !== undefined) {
    const op: Comparison = cmp ?? 'eq';
    for (const value of values) {
      const n = Number(value);
      tests.push((v) => v.leaves(slot).some((leaf) => compare(op, part !== undefined ? timePart(part, leaf) : toNumber(leaf), n)));
    }
    return { test: combine(slot, tests, all, neq) };
  }

  if (mods.has('cidr')) {
    const cidrs = values.map((x) => parseCidr(String(x))).filter((c): c is Cidr => c !== null);
    for (const cidr of cidrs) {
      tests.push((v) => {
        const texts = v.texts(slot);
        for (let i = 0; i < texts.length; i++) if (cidrContains(cidr, texts[i] as string)) return true;
        return false;
      });
    }
    return { test: combine(slot, tests, all, neq) };
  }

  if (mods.has('re')) {
    const flags = regexFlags(item.modifiers);
    for (const value of values) {
      const re = new RegExp(String(value), flags);
      tests.push((v) => {
        const texts = v.texts(slot);
        for (let i = 0; i < texts.length; i++) if (re.test(texts[i] as string)) return true;
        return false;
      });
    }
    return { test: combine(slot, tests, all, neq) };
  }

  const groups = stringGroups(item, values.map(patternText), ctx);
  if (groups === undefined) return undefined;
  const cased = mods.has('cased') || mods.has('base64') || mods.has('base64offset');
  for (const group of groups) {
    const matchers: StringMatcher[] = group.map((p) => compilePattern(cased ? p : p.toLowerCase()));
    if (matchers.length === 1) {
      const m = matchers[0] as StringMatcher;
      tests.push(cased ? (v) => anyText(v.texts(slot), m) : (v) => anyText(v.lowers(slot), m));
    } else {
      tests.push(cased ? (v) => anyTextOf(v.texts(slot), matchers) : (v) => anyTextOf(v.lowers(slot), matchers));
    }
  }
  const test = combine(slot, tests, all, neq);
  const affix = item.modifiers.filter((m) => m === 'endswith' || m === 'startswith');
  const anchorable =
    item.field !== null &&
    !neq &&
    affix.length <= 1 &&
    item.modifiers.every((m) => m === 'cased' || m === 'all' || m === 'endswith' || m === 'startswith') &&
    values.every((x) => typeof x !== 'string' || !hasWildcard(x));
  if (!anchorable || tests.length !== values.length) return { test };
  const texts = values.map((x) => unescape(patternText(x)).toLowerCase());
  const kind = affix[0] === 'endswith' ? 'suffix' : affix[0] === 'startswith' ? 'prefix' : 'equal';
  return { test, anchor: { slot, kind, values: all ? texts.slice(0, 1) : texts } };
}

function patternText(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/** Each value becomes a group of alternative patterns (windash spellings, placeholder values, base64 offsets). */
function stringGroups(item: DetectionItem, values: readonly string[], ctx: ItemContext): string[][] | undefined {
  let groups = values.map((v) => [v]);
  let encoding: TextEncoding = 'utf8';
  for (const m of item.modifiers) {
    if (m === 'expand') {
      const expanded: string[][] = [];
      for (const group of groups) {
        const out: string[] = [];
        for (const v of group) {
          const result = expandPlaceholders(v, ctx.placeholders);
          if (typeof result === 'string') {
            ctx.problem(result, item.pos);
            return undefined;
          }
          out.push(...result);
        }
        expanded.push(out);
      }
      groups = expanded;
    } else if (m === 'windash') groups = groups.map((g) => g.flatMap(windashVariants));
    else if (m === 'utf16le' || m === 'wide') encoding = 'utf16le';
    else if (m === 'utf16be') encoding = 'utf16be';
    else if (m === 'utf16') encoding = 'utf16';
    else if (m === 'base64') groups = groups.map((g) => g.map((v) => base64Value(v, encoding)));
    else if (m === 'base64offset') groups = groups.map((g) => g.flatMap((v) => base64OffsetValues(v, encoding)));
    else if (m === 'contains') groups = groups.map((g) => g.map((v) => `*${v}*`));
    else if (m === 'startswith') groups = groups.map((g) => g.map((v) => `${v}*`));
    else if (m === 'endswith') groups = groups.map((g) => g.map((v) => `*${v}`));
  }
  // Keywords are searched inside the event's texts.
  if (item.field === null && !item.modifiers.some((m) => m === 'contains' || m === 'startswith' || m === 'endswith')) {
    groups = groups.map((g) => g.map((v) => `*${v}*`));
  }
  return groups.map((g) => [...new Set(g)]);
}

/**
 * `%name%` placeholders replaced by the values the compiler was given (several values: alternatives);
 * `\%` is a plain percent sign. A placeholder without values is an error: the rule cannot be used.
 */
export function expandPlaceholders(value: string, placeholders: Readonly<Record<string, readonly string[]>>): string[] | string {
  const parts: (string | readonly string[])[] = [];
  let text = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\' && value[i + 1] === '%') {
      text += '%';
      i++;
    } else if (c === '%') {
      const close = value.indexOf('%', i + 1);
      if (close === -1) {
        text += c;
        continue;
      }
      const name = value.slice(i + 1, close);
      const replacement = placeholders[name];
      if (replacement === undefined || replacement.length === 0) return `placeholder %${name}% has no values (give it to the compiler)`;
      parts.push(text, replacement);
      text = '';
      i = close;
    } else text += c;
  }
  parts.push(text);
  let out = [''];
  for (const part of parts) out = typeof part === 'string' ? out.map((o) => o + part) : out.flatMap((o) => part.map((p) => o + p));
  return out;
}
