import { describe, expect, it } from 'vitest';
import { parsePattern } from './parser.js';
import type { PatternSyntaxError } from './types.js';

function error(text: string, options?: Parameters<typeof parsePattern>[1]): PatternSyntaxError {
  const r = parsePattern(text, options);
  if (r.success) throw new Error(`expected a syntax error for ${text}`);
  return r.error;
}

describe('parsePattern: syntax errors say what was expected, where', () => {
  it.each([
    // [pattern, offset, expected (subset), message fragment]
    ["[ipv4-addr:value = '10.0.0.1'", 29, ["']'", 'AND', 'OR'], 'end of pattern'],
    ["[ipv4-addr:value '10.0.0.1']", 17, ["'='", 'IN', 'NOT', 'LIKE'], "found '''"],
    ["[ipv4-addr:value NOT '10.0.0.1']", 21, ["'='", 'MATCHES'], ''],
    ["[ipv4-addr value = '1']", 11, ["':'"], "found 'value'"],
    ["[ipv4-addr: = '1']", 12, ['property name'], ''],
    ['[a:b = ]', 7, ['string', 'integer', 'true'], "found ']'"],
    ['[a:b > true]', 7, ['string', 'integer'], 'booleans can only be compared'],
    ['[a:b LIKE 5]', 10, ['string'], ''],
    ["[a:b IN 'x']", 8, ["'(' starting a set"], ''],
    ["[a:b IN ('x' 'y')]", 13, ["','", "')'"], ''],
    ["[a:b = 'x'] [a:b = 'y']", 12, ['end of pattern', 'AND', 'OR', 'FOLLOWEDBY', 'WITHIN', 'REPEATS', 'START'], ''],
    ["[a:b = 'x'] and [a:b = 'y']", 12, ['AND'], 'keywords are upper case: AND'],
    ["[a:b = 'x'] WITHIN SECONDS", 19, ['positive integer', 'positive float'], ''],
    ["[a:b = 'x'] WITHIN 5 MINUTES", 21, ['SECONDS'], "found 'MINUTES'"],
    ["[a:b = 'x'] REPEATS 2.5 TIMES", 20, ['positive integer'], 'REPEATS takes a positive integer'],
    ["[a:b = 'x'] START '2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'", 18, ["timestamp t'…'"], ''],
    ["([a:b = 'x']", 12, ["')'", 'FOLLOWEDBY'], 'end of pattern'],
    ["[(a:b = 'x']", 11, ["')'", 'AND', 'OR'], ''],
    ["[a:b[x] = 1]", 5, ["'*'", 'list index'], ''],
    ["[a:b[1.5] = 1]", 5, ["'*'", 'list index'], 'whole number'],
    ['[a:b = 007]', 7, [], 'leading zero'],
    ["file:name = 'x'", 0, ["'['", "'('"], 'square brackets'],
    ["[file:name = 'x']]", 17, ['end of pattern'], "found ']'"],
    ['[AND:x = 1]', 1, ['object path'], ''],
  ])('%s', (text, offset, expected, fragment) => {
    const e = error(text);
    expect(e.offset).toBe(offset);
    expect(e.column).toBe(offset + 1);
    expect(e.line).toBe(1);
    for (const x of expected) expect(e.expected).toContain(x);
    expect(e.message).toContain(fragment);
    expect(e.message).toContain(`column ${offset + 1}`);
  });

  it('reports lines and columns on multi-line patterns', () => {
    const e = error("[file:name = 'a']\nAND\r\n  [file:size >> 3]");
    expect(e).toMatchObject({ line: 3, column: 15, offset: 37, expected: expect.arrayContaining(["integer"]) });
  });

  it('rejects malformed constants at the constant', () => {
    expect(error("[a:b = 'unterminated]")).toMatchObject({ offset: 7, message: expect.stringContaining('unterminated string') });
    expect(error("[a:b = 'tab\\t']")).toMatchObject({ offset: 11, expected: ["\\'", '\\\\'], message: expect.stringContaining("'\\t'") });
    expect(error("[a:b = h'abc']").message).toContain('pairs of hexadecimal digits');
    expect(error("[a:b = h'zz']").offset).toBe(9);
    expect(error("[a:b = b'TW9']").message).toContain('base64');
    expect(error("[a:b = b'']").message).toContain('base64');
    expect(error("[a:b = b'T=9k']").message).toContain('base64');
    expect(error("[a:b = t'2023-02-29T00:00:00Z']")).toMatchObject({ offset: 9, message: expect.stringContaining('invalid timestamp') });
    expect(error("[a:b = t'2023-01-01 00:00:00Z']").message).toContain('invalid timestamp');
    expect(error("[a:b = t'2023-01-01T24:00:00Z']").message).toContain('invalid timestamp');
    expect(error("[a:b = t'2023-01-01T00:00:00z']").message).toContain('invalid timestamp');
    expect(error("[a:b = t'2023-01-01T00:00:00+01:00']").message).toContain('invalid timestamp');
    expect(error("[a:b = 1] /* open comment").message).toContain('unterminated comment');
  });

  it('checks meaning where the grammar cannot', () => {
    expect(error("[a:b ISSUBSET 'not-a-subnet']")).toMatchObject({ offset: 14, message: expect.stringContaining('not an IPv4 or IPv6') });
    expect(error("[a:b ISSUPERSET '10.0.0.0/33']").message).toContain('not an IPv4 or IPv6');
    expect(error("[a:b MATCHES '(unclosed']").message).toContain('not a supported regular expression');
    expect(error("[a:b MATCHES '(?x) spaced out']").message).toContain('(?x)');
    expect(error(`[a:b MATCHES '${'a'.repeat(5000)}']`).message).toContain('longer than');
    expect(error('[a:b = 1] WITHIN 0 SECONDS').message).toContain('positive');
    expect(error('[a:b = 1] WITHIN -5 SECONDS').message).toContain('positive');
    expect(error('[a:b = 1] REPEATS 0 TIMES').message).toContain('positive');
    expect(error("[a:b = 1] START t'2024-01-02T00:00:00Z' STOP t'2024-01-01T00:00:00Z'").message).toContain('STOP must be later');
    expect(error("[a:b = 1] START t'2024-01-01T00:00:00Z' STOP t'2024-01-01T00:00:00.000Z'").message).toContain('STOP must be later');
    const dup = error('[a:b = 1] WITHIN 5 SECONDS REPEATS 2 TIMES WITHIN 6 SECONDS');
    expect(dup).toMatchObject({ offset: 43, expected: [], message: expect.stringContaining('WITHIN is already applied') });
    expect(error("[file:my-name = 'x']").message).toContain('must be quoted');
    expect(error("[file:IN = 'x']").message).toContain('reserved word');
  });

  it('fails cleanly on empty, blank, non-string, huge and deeply nested input', () => {
    expect(error('')).toMatchObject({ offset: 0, line: 1, column: 1, message: expect.stringContaining('empty pattern') });
    expect(error(' \n\t /* nothing */ ').message).toContain('empty pattern');
    expect(error(undefined as unknown as string).message).toContain('must be a string');
    expect(error('[a:b = 1]'.padEnd(2_000_000, ' ')).message).toContain('longer than 1000000 characters');
    expect(error('[a:b = 1]'.padEnd(200, ' '), { maxLength: 100 }).offset).toBe(100);

    const deepObservation = `${'('.repeat(50_000)}[a:b = 1]${')'.repeat(50_000)}`;
    expect(error(deepObservation)).toMatchObject({ offset: 100, message: expect.stringContaining('nesting deeper than 100 levels') });
    const deepComparison = `[${'('.repeat(50_000)}a:b = 1${')'.repeat(50_000)}]`;
    expect(error(deepComparison).message).toContain('nesting deeper');
    expect(parsePattern(`${'('.repeat(40)}[${'('.repeat(40)}a:b = 1${')'.repeat(40)}]${')'.repeat(40)}`).success).toBe(true);
    expect(error(`${'('.repeat(5)}[a:b = 1]${')'.repeat(5)}`, { maxDepth: 3 }).message).toContain('deeper than 3');
  });

  it('never throws on random input', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = "[]()':.,=!<>*%_-+ \\aAbBhHtTIN0123456789NOTANDORFOLLOWEDBYWITHINSECONDS/";
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(next() * 60);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      const r = parsePattern(text);
      if (!r.success) {
        expect(r.error.offset).toBeGreaterThanOrEqual(0);
        expect(r.error.offset).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
