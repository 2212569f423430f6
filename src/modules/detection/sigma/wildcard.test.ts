import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compilePattern, escapeWildcards, hasWildcard, testPattern, unescape } from './wildcard.js';

const matches = (pattern: string, text: string) => testPattern(compilePattern(pattern), text);

/** Reference: the escaping rules of the specification written as one regex translation. */
function reference(pattern: string): RegExp {
  const source = pattern.replace(/\\[*?\\]|\\|\*|\?|[^\\*?]/g, (t) => {
    if (t === '*') return '.*';
    if (t === '?') return '.';
    const literal = t.length === 2 ? t[1] as string : t;
    return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  });
  return new RegExp(`^${source}$`, 's');
}

describe('Sigma wildcards', () => {
  test('* matches any run, ? one character', () => {
    expect(matches('prog?.exe', 'progA.exe')).toBe(true);
    expect(matches('prog?.exe', 'prog.exe')).toBe(false);
    expect(matches('antivirus_V*.exe', 'antivirus_V21.2.1.exe')).toBe(true);
    expect(matches('antivirus_V*.exe', 'antivirus_X1.exe')).toBe(false);
    expect(matches('*', '')).toBe(true);
    expect(matches('a*b*c', 'a-x-b-y-c')).toBe(true);
    expect(matches('a*b*c', 'a-x-c-y-b')).toBe(false);
  });

  test('escaping follows the specification', () => {
    // \* is a star, \\* a backslash then any run, \\\* a backslash then a star.
    expect(matches('a\\*', 'a*')).toBe(true);
    expect(matches('a\\*', 'ab')).toBe(false);
    expect(matches('a\\\\*', 'a\\anything')).toBe(true);
    expect(matches('a\\\\*', 'a*')).toBe(false);
    expect(matches('a\\\\\\*', 'a\\*')).toBe(true);
    expect(matches('a\\\\\\*', 'a\\b')).toBe(false);
    // A backslash before anything else is itself; four backslashes are two.
    expect(matches('C:\\Windows\\cmd.exe', 'C:\\Windows\\cmd.exe')).toBe(true);
    expect(matches('\\\\\\\\', '\\\\')).toBe(true);
    expect(matches('a\\?', 'a?')).toBe(true);
    expect(matches('a\\?', 'ab')).toBe(false);
  });

  test('simple shapes become exact, prefix, suffix and substring tests', () => {
    expect(compilePattern('abc').kind).toBe('exact');
    expect(compilePattern('abc*').kind).toBe('prefix');
    expect(compilePattern('*abc').kind).toBe('suffix');
    expect(compilePattern('*abc*').kind).toBe('contains');
    expect(compilePattern('a*c').kind).toBe('regex');
    expect(compilePattern('\\*abc').kind).toBe('exact');
  });

  test('escape and unescape round-trip', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeWildcards(text);
        expect(hasWildcard(escaped)).toBe(false);
        expect(unescape(escaped)).toBe(text);
        expect(matches(escaped, text)).toBe(true);
      }),
    );
  });

  test('matching agrees with a reference regex translation (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?', '\\', '.');
    const pattern = fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '*', '?', '\\', '.', '\n'), { maxLength: 10 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(matches(p, t)).toBe(reference(p).test(t));
      }),
      { numRuns: 3000 },
    );
  });
});
