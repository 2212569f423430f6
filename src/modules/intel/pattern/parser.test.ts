import { describe, expect, it } from 'vitest';
import { formatPattern } from './format.js';
import { collectObjectPaths } from './inspect.js';
import { parsePattern } from './parser.js';
import type { ComparisonExpression, ObservationExpression, PatternAst, PropertyComparison } from './types.js';

function parse(text: string): PatternAst {
  const r = parsePattern(text);
  if (!r.success) throw new Error(`${text}: ${r.error.message}`);
  return r.pattern;
}

function leafComparison(text: string): ComparisonExpression {
  const e = parse(text).expression;
  if (e.type !== 'observation') throw new Error('not a single observation expression');
  return e.comparison;
}

function single(text: string): PropertyComparison {
  const c = leafComparison(text);
  if (c.type !== 'comparison') throw new Error(`not a comparison: ${c.type}`);
  return c;
}

describe('parsePattern: comparison expressions', () => {
  it('reads every operator, with and without NOT', () => {
    const operators = [
      ['=', "'plc-7'"], ['!=', "'plc-7'"], ['<', '10'], ['<=', '10'], ['>', '10'], ['>=', '10'],
      ['IN', "('a', 'b')"], ['LIKE', "'plc-%'"], ['MATCHES', "'^plc-[0-9]+$'"], ['ISSUBSET', "'10.0.0.0/8'"], ['ISSUPERSET', "'10.1.2.0/24'"],
    ] as const;
    for (const [op, value] of operators) {
      for (const not of [false, true]) {
        const c = single(`[x-ot-device:name ${not ? 'NOT ' : ''}${op} ${value}]`);
        expect(c.operator).toBe(op);
        expect(c.negated).toBe(not);
      }
    }
    expect(single("[file:name == 'a']").operator).toBe('=');
    expect(single("[file:name <> 'a']").operator).toBe('!=');
    expect(leafComparison('[EXISTS windows-registry-key:values]')).toMatchObject({ type: 'exists', path: { objectType: 'windows-registry-key' } });
  });

  it('reads every kind of constant', () => {
    expect(single("[a:b = 'it\\'s a \\\\ path']").value).toEqual({ type: 'string', value: "it's a \\ path" });
    expect(single('[a:b = 42]').value).toEqual({ type: 'integer', value: 42 });
    expect(single('[a:b = -7]').value).toEqual({ type: 'integer', value: -7 });
    expect(single('[a:b = +7]').value).toEqual({ type: 'integer', value: 7 });
    expect(single('[a:b = 0]').value).toEqual({ type: 'integer', value: 0 });
    expect(single('[a:b = 7.25]').value).toEqual({ type: 'float', value: 7.25 });
    expect(single('[a:b = -.5]').value).toEqual({ type: 'float', value: -0.5 });
    expect(single('[a:b = true]').value).toEqual({ type: 'boolean', value: true });
    expect(single('[a:b != false]').value).toEqual({ type: 'boolean', value: false });
    expect(single("[a:b = h'00ff10']").value).toEqual({ type: 'binary', value: new Uint8Array([0, 255, 16]), encoding: 'hex' });
    expect(single("[a:b = h'']").value).toEqual({ type: 'binary', value: new Uint8Array([]), encoding: 'hex' });
    expect(single("[a:b = b'TW9kYnVz']").value).toEqual({ type: 'binary', value: new Uint8Array(Buffer.from('Modbus')), encoding: 'base64' });
    expect(single("[a:b = b'TW9kYg==']").value).toMatchObject({ type: 'binary', encoding: 'base64' });
    const ts = single("[a:b > t'2023-04-05T06:07:08.120Z']").value;
    expect(ts).toEqual({ type: 'timestamp', value: '2023-04-05T06:07:08.120Z', key: '2023-04-05T06:07:08.120000000', epochMs: Date.UTC(2023, 3, 5, 6, 7, 8, 120) });
    expect(single("[a:b IN ()]").value).toEqual({ type: 'set', values: [] });
    expect(single("[a:b IN ('x', 2, 3.5, true, h'01')]").value).toMatchObject({ type: 'set', values: [{ type: 'string' }, { type: 'integer' }, { type: 'float' }, { type: 'boolean' }, { type: 'binary' }] });
  });

  it('reads object paths: quoted names, extensions, list indexes, [*] and references', () => {
    const path = (text: string) => single(`[${text} = 1]`).path;
    expect(path("file:hashes.'SHA-256'")).toMatchObject({ objectType: 'file', steps: [{ kind: 'property', name: 'hashes' }, { kind: 'property', name: 'SHA-256' }] });
    expect(path("file:extensions.'windows-pebinary-ext'.sections[*].entropy").steps).toEqual([
      { kind: 'property', name: 'extensions' },
      { kind: 'property', name: 'windows-pebinary-ext' },
      { kind: 'property', name: 'sections' },
      { kind: 'any' },
      { kind: 'property', name: 'entropy' },
    ]);
    expect(path('network-traffic:protocols[0]').steps).toEqual([{ kind: 'property', name: 'protocols' }, { kind: 'index', index: 0 }]);
    expect(path('network-traffic:protocols[-1]').steps[1]).toEqual({ kind: 'index', index: -1 });
    expect(path("email-message:'from_ref'.value").steps[0]).toEqual({ kind: 'property', name: 'from_ref' });
    expect(path('x-ics-plc:modules[2].slots[*][0].firmware').steps).toHaveLength(6);
    expect(path('x_custom-type_2:_hidden').objectType).toBe('x_custom-type_2');
  });

  it('skips whitespace of every kind and comments between tokens', () => {
    const c = single("[ file : hashes . 'MD5'\u00a0/* note */ =\t// to the end of the line\n 'abc' ]");
    expect(c.path.steps).toHaveLength(2);
    expect(c.value).toEqual({ type: 'string', value: 'abc' });
  });

  it('gives AND precedence over OR, and OR over FOLLOWEDBY, at both levels', () => {
    const c = leafComparison("[a:x = 1 OR a:y = 2 AND a:z = 3]");
    expect(c).toMatchObject({ type: 'comparison-or', operands: [{ type: 'comparison' }, { type: 'comparison-and' }] });
    const grouped = leafComparison("[(a:x = 1 OR a:y = 2) AND a:z = 3]");
    expect(grouped).toMatchObject({ type: 'comparison-and', operands: [{ type: 'comparison-or' }, { type: 'comparison' }] });
    const e = parse('[a:x = 1] OR [a:x = 2] AND [a:x = 3] FOLLOWEDBY [a:x = 4]').expression;
    expect(e.type).toBe('followed-by');
    const fb = e as Extract<ObservationExpression, { type: 'followed-by' }>;
    expect(fb.operands[0]).toMatchObject({ type: 'observation-or', operands: [{ type: 'observation' }, { type: 'observation-and' }] });
  });

  it('keeps chains flat and reads long ones without deep recursion', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `ipv4-addr:value = '10.0.${i >> 8}.${i & 255}'`).join(' OR ');
    const c = leafComparison(`[${many}]`);
    expect(c.type === 'comparison-or' && c.operands.length).toBe(20_000);
    const obs = Array.from({ length: 5_000 }, (_, i) => `[a:b = ${i}]`).join(' FOLLOWEDBY ');
    const e = parse(obs).expression;
    expect(e.type === 'followed-by' && e.operands.length).toBe(5_000);
    expect(parse('([a:b = 1] AND [a:b = 2]) AND [a:b = 3]').expression).toMatchObject({ type: 'observation-and', operands: [{}, {}, {}] });
  });

  it('reads qualifiers in order, on observation expressions and groups', () => {
    const e = parse("[a:b = 1] WITHIN 2.5 SECONDS REPEATS 3 TIMES START t'2024-01-01T00:00:00Z' STOP t'2024-01-02T00:00:00Z'").expression;
    expect(e.qualifiers.map((q) => q.type)).toEqual(['within', 'repeats', 'start-stop']);
    expect(e.qualifiers[0]).toMatchObject({ seconds: 2.5 });
    expect(e.qualifiers[1]).toMatchObject({ times: 3 });
    const g = parse('([a:b = 1] FOLLOWEDBY [a:b = 2]) WITHIN 60 SECONDS').expression;
    expect(g).toMatchObject({ type: 'followed-by', qualifiers: [{ type: 'within', seconds: 60 }] });
    // The same kind twice is allowed when a group separates them.
    const nested = parse('([a:b = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS').expression;
    expect(nested.qualifiers.map((q) => q.type)).toEqual(['within', 'within']);
    expect(parse('[a:b = 1] WITHIN +5 SECONDS').expression.qualifiers[0]).toMatchObject({ seconds: 5 });
  });

  it('formats back to text that parses to the same tree', () => {
    const samples = [
      "[file:hashes.'SHA-256' = 'aa' OR file:hashes.MD5 = 'bb'] AND [file:name NOT LIKE '%.tmp']",
      "([a:b = 1] OR [a:b = 2]) FOLLOWEDBY [a:c IN (1, 2.5, 'x', true, h'ff', b'AAEC', t'2020-02-29T23:59:60.5Z')] WITHIN 10 SECONDS",
      "[(a:b = 1 OR a:c = 2) AND a:d != 'it\\'s'] REPEATS 2 TIMES",
      "([a:b = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS",
      "[EXISTS a:'AND'.x[*][-2] AND a:y MATCHES '(?i)^x'] START t'2020-01-01T00:00:00Z' STOP t'2020-01-01T00:00:01Z'",
      '(([a:b = 1] AND [a:b = 2]) OR [a:b = 3]) REPEATS 4 TIMES',
    ];
    for (const text of samples) {
      const ast = parse(text);
      const again = parse(formatPattern(ast));
      expect(JSON.stringify(again, stripSpans)).toBe(JSON.stringify(ast, stripSpans));
    }
  });

  it('lists object paths for validators', () => {
    const paths = collectObjectPaths(parse("[file:name = 'a' AND file:size > 3] FOLLOWEDBY [EXISTS process:pid]"));
    expect(paths.map((p) => `${p.objectType}:${p.steps.map((s) => (s.kind === 'property' ? s.name : '?')).join('.')}`)).toEqual(['file:name', 'file:size', 'process:pid']);
  });
});

function stripSpans(key: string, value: unknown): unknown {
  if (key === 'span') return undefined;
  if (value instanceof Uint8Array) return [...value];
  return value;
}
