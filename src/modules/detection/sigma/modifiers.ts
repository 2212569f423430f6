// Value modifiers: which chains make sense (the validator reports the others at the modifier's column),
// and the transformations that run once at compile time (base64, base64offset, UTF-16, windash).
import { hasWildcard, unescape, escapeWildcards } from './wildcard.js';
import { parseCidr } from './cidr.js';
import { modifierNames, type SigmaModifier, type SigmaScalar } from './types.js';

export interface ModifierProblem {
  /** Index of the modifier the problem is about; -1 for the values. */
  readonly index: number;
  readonly message: string;
}

const known = new Set<string>(modifierNames);
export const isModifier = (name: string): name is SigmaModifier => known.has(name);

const placement = new Set<SigmaModifier>(['contains', 'startswith', 'endswith']);
const encodings = new Set<SigmaModifier>(['utf16le', 'utf16be', 'utf16', 'wide']);
const base64s = new Set<SigmaModifier>(['base64', 'base64offset']);
const comparisons = new Set<SigmaModifier>(['lt', 'lte', 'gt', 'gte']);
const timeParts = new Set<SigmaModifier>(['minute', 'hour', 'day', 'week', 'month', 'year']);
const reFlags = new Set<SigmaModifier>(['i', 'm', 's']);
/** Modifiers that decide how values are compared; at most one of these per item. */
const types = new Set<SigmaModifier>(['re', 'cidr', 'exists', 'fieldref', 'lt', 'lte', 'gt', 'gte']);

const timeRange: Readonly<Record<string, readonly [number, number]>> = {
  minute: [0, 59], hour: [0, 23], day: [1, 31], week: [1, 53], month: [1, 12], year: [0, 9999],
};

/** Problems of one item's modifier chain against its values; empty when the chain is valid. */
export function checkModifiers(mods: readonly SigmaModifier[], values: readonly SigmaScalar[], keyword: boolean): ModifierProblem[] {
  const problems: ModifierProblem[] = [];
  const at = (m: SigmaModifier) => mods.indexOf(m);
  const has = (m: SigmaModifier) => mods.includes(m);
  const say = (index: number, message: string) => problems.push({ index, message });
  mods.forEach((m, index) => {
    if (mods.indexOf(m) !== index) say(index, `\`${m}\` is given twice`);
  });
  const typed = mods.filter((m) => types.has(m));
  if (typed.length > 1) say(at(typed[1] as SigmaModifier), `\`${typed[1]}\` cannot be combined with \`${typed[0]}\``);
  const placed = mods.filter((m) => placement.has(m));
  if (placed.length > 1) say(at(placed[1] as SigmaModifier), `\`${placed[1]}\` cannot be combined with \`${placed[0]}\``);
  const strings = values.filter((v) => v !== null);
  if (values.includes(null) && mods.some((m) => m !== 'all')) say(-1, 'null cannot take modifiers (null means the field is absent)');

  if (keyword) {
    const bad = mods.find((m) => m === 'exists' || m === 'fieldref' || m === 'cidr' || comparisons.has(m) || timeParts.has(m) || m === 'neq');
    if (bad) say(at(bad), `\`${bad}\` needs a field; keywords search the whole event`);
  }
  if (has('all')) {
    if (values.length < 2) say(at('all'), '`all` needs a list of two or more values (use another selection to repeat a field)');
  }
  if (has('exists')) {
    if (mods.length > 1) say(at(mods.find((m) => m !== 'exists') as SigmaModifier), '`exists` cannot be combined with other modifiers');
    if (values.length !== 1 || typeof values[0] !== 'boolean') say(-1, '`exists` takes true or false');
  }
  // Regular expressions: i, m and s are the regex's flags and only follow `re`.
  for (const flag of mods.filter((m) => reFlags.has(m))) {
    if (!has('re') || at(flag) < at('re')) say(at(flag), `\`${flag}\` is a flag of \`re\` and must follow it`);
  }
  if (has('re')) {
    const bad = mods.find((m) => m !== 're' && !reFlags.has(m) && m !== 'all' && m !== 'neq');
    if (bad) say(at(bad), `\`${bad}\` cannot be combined with \`re\`${bad === 'cased' ? ' (regular expressions are case-sensitive; `re|i` ignores case)' : ''}`);
    for (const v of strings) {
      if (typeof v !== 'string') say(-1, '`re` takes strings');
      else {
        const flags = regexFlags(mods);
        try {
          new RegExp(v, flags);
        } catch (error) {
          say(-1, `invalid regular expression: ${(error as Error).message}`);
        }
      }
    }
  }
  if (has('cidr')) {
    const bad = mods.find((m) => m !== 'cidr' && m !== 'neq');
    if (bad) say(at(bad), `\`${bad}\` cannot be combined with \`cidr\``);
    for (const v of strings) if (typeof v !== 'string' || parseCidr(v) === null) say(-1, `\`${String(v)}\` is not an IPv4 or IPv6 network (CIDR)`);
  }
  const comparison = mods.find((m) => comparisons.has(m));
  const time = mods.filter((m) => timeParts.has(m));
  if (time.length > 1) say(at(time[1] as SigmaModifier), 'only one time part per item');
  if (comparison) {
    const bad = mods.find((m) => m !== comparison && !timeParts.has(m));
    if (bad) say(at(bad), `\`${bad}\` cannot be combined with \`${comparison}\``);
    for (const v of strings) if (typeof v !== 'number') say(-1, `\`${comparison}\` compares numbers; \`${String(v)}\` is not one`);
  }
  if (time.length > 0) {
    const part = time[0] as SigmaModifier;
    const bad = mods.find((m) => m !== part && !comparisons.has(m));
    if (bad) say(at(bad), `\`${bad}\` cannot be combined with \`${part}\``);
    if (comparison && at(comparison) < at(part)) say(at(comparison), `\`${comparison}\` must follow \`${part}\``);
    const [lo, hi] = timeRange[part] as readonly [number, number];
    for (const v of strings) if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) say(-1, `\`${part}\` takes a whole number from ${lo} to ${hi}`);
  }
  if (has('fieldref')) {
    const bad = mods.find((m) => m !== 'fieldref' && m !== 'neq' && m !== 'cased' && m !== 'all' && !placement.has(m));
    if (bad) say(at(bad), `\`${bad}\` cannot be combined with \`fieldref\``);
    for (const v of strings) if (typeof v !== 'string' || v === '') say(-1, '`fieldref` takes field names');
  }
  if (has('neq') && has('all')) say(at('all'), '`all` cannot be combined with `neq` (neq already excludes every value)');
  // Encodings: UTF-16 only means something as the input of base64; base64 encodes text, not patterns.
  const encoding = mods.filter((m) => encodings.has(m));
  if (encoding.length > 1) say(at(encoding[1] as SigmaModifier), `\`${encoding[1]}\` cannot be combined with \`${encoding[0]}\``);
  for (const e of encoding) {
    const next = mods[at(e) + 1];
    if (next === undefined || !base64s.has(next)) say(at(e), `\`${e}\` must be followed by \`base64\` or \`base64offset\``);
  }
  const b64 = mods.filter((m) => base64s.has(m));
  if (b64.length > 1) say(at(b64[1] as SigmaModifier), `\`${b64[1]}\` cannot be combined with \`${b64[0]}\``);
  if (b64.length > 0) {
    const b = b64[0] as SigmaModifier;
    const before = mods.slice(0, at(b)).find((m) => placement.has(m));
    if (before) say(at(before), `\`${before}\` before \`${b}\` would encode its wildcards; put it after (\`${b}|${before}\`)`);
    if (b === 'base64offset' && !mods.slice(at(b)).includes('contains')) say(at(b), '`base64offset` gives fragments found inside longer text: follow it with `contains`');
    for (const v of strings) if (typeof v === 'string' && hasWildcard(v)) say(-1, `\`${b}\` cannot encode wildcards in \`${v}\` (escape them with \\)`);
  }
  if (has('windash')) {
    for (const v of strings) if (typeof v === 'string' && countDashes(v) > 4) say(-1, `\`windash\` on \`${v}\`: more than four dashes make too many variants`);
  }
  return problems;
}

export function regexFlags(mods: readonly SigmaModifier[]): string {
  return `${mods.includes('i') ? 'i' : ''}${mods.includes('m') ? 'm' : ''}${mods.includes('s') ? 's' : ''}`;
}

const dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];
const dashRe = /[-/\u2013\u2014\u2015]/g;

function countDashes(text: string): number {
  return (text.match(dashRe) ?? []).length;
}

/** Every spelling of a command-line flag: each dash-like character replaced by each of the others. */
export function windashVariants(value: string): string[] {
  let variants = [''];
  for (const c of value) {
    const choices = dashes.includes(c) ? dashes : [c];
    variants = variants.flatMap((prefix) => choices.map((choice) => prefix + choice));
  }
  return variants;
}

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf16';

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf16le') return le;
  const be = Buffer.from(le);
  be.swap16();
  if (encoding === 'utf16be') return be;
  return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
}

/** A Sigma pattern value encoded as base64; the result is a literal pattern. */
export function base64Value(pattern: string, encoding: TextEncoding): string {
  return escapeWildcards(encodeText(unescape(pattern), encoding).toString('base64'));
}

/**
 * The three base64 spellings of a value at byte offsets 0, 1 and 2 of a longer text: the characters
 * that depend on the unknown neighbouring bytes are cut off at both ends.
 */
export function base64OffsetValues(pattern: string, encoding: TextEncoding): string[] {
  const bytes = encodeText(unescape(pattern), encoding);
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    const start = [0, 2, 3][shift] as number;
    const total = padded.length;
    // The last group is complete (cut nothing), or ends with 1 or 2 bytes whose last character also depends on the next byte.
    const cut = [0, 1, 1][total % 3] as number;
    out.push(escapeWildcards(encoded.slice(start, encoded.length - cut)));
  }
  return out;
}
