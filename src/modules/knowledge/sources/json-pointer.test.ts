import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_JSON_DEPTH, escapePointerToken, issuesFromSchema, nestingBeyond, parseJson, pointer } from './json-pointer.js';

describe('pointer', () => {
  it('builds RFC 6901 pointers and escapes ~ before /', () => {
    expect(pointer()).toBe('');
    expect(pointer('vulnerabilities', 0, 'cve')).toBe('/vulnerabilities/0/cve');
    expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
    expect(pointer('~1', '')).toBe('/~01/');
  });
});

describe('parseJson', () => {
  it('returns the value of valid JSON, also after a BOM', () => {
    expect(parseJson('{"a":[1]}', 'f.json')).toEqual({ success: true, value: { a: [1] } });
    expect(parseJson('\ufeff[]', 'f.json')).toEqual({ success: true, value: [] });
  });

  it.each([
    ['{"a":1 "b":2}', 1, 8],
    ['{\n  "a": 1,\n  "b": tru\n}', 3, 8],
    ['[1,]', 1, 4],
    ['{"a":', 1, 6],
    ['"x', 1, 3],
  ])('reports %j with line %i column %i at pointer ""', (input, line, column) => {
    const r = parseJson(input, 'broken.json');
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issue).toMatchObject({ file: 'broken.json', pointer: '', severity: 'error' });
    expect(r.issue.message).toContain(`line ${line} column ${column}`);
  });

  it('never quotes the input back: a file that is not JSON stays unread', () => {
    for (const input of ['root:x:0:0:root:/root:/bin/bash', '{"a": secret-value}', '[1, 2] trailing-secret', '{"k": "unterminated secret']) {
      const r = parseJson(input, 'f.json');
      expect(r.success).toBe(false);
      if (r.success) continue;
      expect(r.issue.message, input).not.toMatch(/root|secret|trailing/);
      expect(r.issue.message).toMatch(/line 1 column \d+/);
    }
  });

  it('refuses nesting deeper than MAX_JSON_DEPTH with its location, before parsing', () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const r = parseJson(deep, 'deep.json');
    expect(r).toMatchObject({ success: false, issue: { pointer: '', severity: 'error' } });
    if (!r.success) expect(r.issue.message).toContain(`nested more than ${MAX_JSON_DEPTH} levels deep at line 1 column ${5 * MAX_JSON_DEPTH + 1}`);
    expect(parseJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`, 'ok.json').success).toBe(true);
    expect(nestingBeyond('["[[[[", "\\"]', 2)).toBeNull();
  });

  it('reports empty input', () => {
    const r = parseJson('  \n', 'empty.json');
    expect(r).toMatchObject({ success: false, issue: { pointer: '', severity: 'error' } });
  });
});

describe('issuesFromSchema', () => {
  it('prefixes each issue path with the record location', () => {
    const r = z.object({ cve: z.string(), ids: z.array(z.object({ text: z.string() })) }).safeParse({ cve: 42, ids: [{ text: 1 }] });
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = issuesFromSchema(r.error, 'a.json', ['vulnerabilities', 3]);
    expect(issues.map((i) => i.pointer)).toEqual(['/vulnerabilities/3/cve', '/vulnerabilities/3/ids/0/text']);
    expect(issues.every((i) => i.severity === 'error' && i.file === 'a.json')).toBe(true);
  });
});
