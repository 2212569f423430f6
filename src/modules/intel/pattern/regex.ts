// MATCHES and LIKE as JavaScript regular expressions, with limits: JavaScript's engine backtracks, so
// the pattern length and the subject length are bounded to keep one evaluation cheap.
import { setFlagsFromString } from 'node:v8';

export const MAX_REGEX_LENGTH = 4096;
/** Longer property values are not tested against MATCHES (the comparison is false). */
export const MAX_MATCH_SUBJECT = 65_536;

export type RegexCompileResult = { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly message: string };

const cache = new Map<string, RegexCompileResult>();
let guarded = false;

/**
 * Indicator regexes come from outside: one like `(a+)+$` would backtrack for ages. V8 can switch such a
 * match to its linear-time engine after too many backtracks; the switch is process-wide and changes no
 * result, only the time a pathological match takes. Case-insensitive regexes cannot use the linear engine.
 */
function guardBacktracking(): void {
  if (guarded) return;
  guarded = true;
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
}

/**
 * PCRE-style source to a RegExp. A leading inline flag group such as `(?i)` or `(?is)` becomes JavaScript
 * flags; other PCRE-only syntax (possessive quantifiers, `\A`, `(?x)`) is reported as unsupported.
 */
export function compileStixRegex(source: string): RegexCompileResult {
  guardBacktracking();
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const result = compile(source);
  if (cache.size > 10_000) cache.clear();
  cache.set(source, result);
  return result;
}

function compile(source: string): RegexCompileResult {
  if (source.length > MAX_REGEX_LENGTH) return { ok: false, message: `regular expression longer than ${MAX_REGEX_LENGTH} characters` };
  let body = source;
  let flags = '';
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline !== null) {
    for (const f of inline[1] as string) {
      if (f !== 'i' && f !== 'm' && f !== 's') return { ok: false, message: `inline flag (?${f}) is not supported` };
      if (!flags.includes(f)) flags += f;
    }
    body = source.slice(inline[0].length);
  }
  try {
    return { ok: true, regex: new RegExp(body, flags) };
  } catch (error) {
    return { ok: false, message: `not a supported regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A LIKE pattern (`%` any run, `_` one character) as a test; plain prefix, suffix and infix forms skip RegExp. */
export function likeTester(pattern: string): (value: string) => boolean {
  if (!/[%_]/.test(pattern)) return (v) => v === pattern;
  const inner = pattern.slice(1, -1);
  if (pattern.length >= 2 && pattern.startsWith('%') && pattern.endsWith('%') && !/[%_]/.test(inner)) return (v) => v.includes(inner);
  const head = pattern.slice(0, -1);
  if (pattern.endsWith('%') && !/[%_]/.test(head)) return (v) => v.startsWith(head);
  const tail = pattern.slice(1);
  if (pattern.startsWith('%') && !/[%_]/.test(tail)) return (v) => v.endsWith(tail);
  let source = '^';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  // `s` so that wildcards cross newlines, `u` so that `_` is one character even above U+FFFF.
  const regex = new RegExp(`${source}$`, 'su');
  return (v) => regex.test(v);
}

/** The literal text before the first wildcard and after the last one, for the matcher's prefix/suffix index. */
export function likeAffixes(pattern: string): { readonly prefix: string; readonly suffix: string; readonly wildcards: boolean } {
  const first = pattern.search(/[%_]/);
  if (first === -1) return { prefix: pattern, suffix: pattern, wildcards: false };
  let last = pattern.length - 1;
  while (last >= 0 && pattern[last] !== '%' && pattern[last] !== '_') last--;
  return { prefix: pattern.slice(0, first), suffix: pattern.slice(last + 1), wildcards: true };
}
