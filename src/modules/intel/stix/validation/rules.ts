// Cross-property rules that a per-property check cannot see.
import type { Rule } from './checks.js';
import { compareTimestamps, parseTimestamp } from './formats.js';

function validTimestamp(v: unknown): v is string {
  return typeof v === 'string' && parseTimestamp(v) !== null;
}

/** `later` must not be before `earlier` (or must be strictly after it when `strict`). */
export function ordered(earlier: string, later: string, strict = false): Rule {
  return (o, path, ctx) => {
    const a = o[earlier];
    const b = o[later];
    if (!validTimestamp(a) || !validTimestamp(b)) return;
    const c = compareTimestamps(b, a);
    if (c < 0 || (strict && c === 0)) {
      ctx.error(`${path}/${later}`, 'timestamp-order', `${later} (${b}) must be ${strict ? 'later than' : 'equal to or later than'} ${earlier} (${a})`);
    }
  };
}

export function atLeastOne(names: readonly string[], what = names.join(', ')): Rule {
  return (o, path, ctx) => {
    for (const n of names) if (o[n] !== undefined) return;
    ctx.error(path, 'at-least-one', `at least one of ${what} must be present`);
  };
}

export function conflicts(a: string, b: string): Rule {
  return (o, path, ctx) => {
    if (o[a] !== undefined && o[b] !== undefined) ctx.error(`${path}/${b}`, 'conflict', `"${b}" must not be present together with "${a}"`);
  };
}

/** When `property` is present, `needed` must be too. */
export function requires(property: string, needed: string): Rule {
  return (o, path, ctx) => {
    if (o[property] !== undefined && o[needed] === undefined) ctx.error(`${path}/${needed}`, 'dependency', `"${needed}" is required when "${property}" is present`);
  };
}
