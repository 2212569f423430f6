import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCondition } from './condition.js';
import { sensedEvent, ruleMatcher } from './test-support.js';
import type { ConditionNode } from './types.js';

const names = ['sel_a', 'sel_b', 'filter_a', 'filter_b', '_hidden'];

function evaluate(node: ConditionNode, truth: Readonly<Record<string, boolean>>): boolean {
  if (node.op === 'ref') return truth[node.name] === true;
  if (node.op === 'not') return !evaluate(node.arg, truth);
  return node.op === 'and' ? node.args.every((a) => evaluate(a, truth)) : node.args.some((a) => evaluate(a, truth));
}

const parse = (text: string) => {
  const r = parseCondition(text, names);
  if (r.node === undefined) throw new Error(JSON.stringify(r.errors));
  return r.node;
};

describe('condition grammar', () => {
  test('precedence: not binds tighter than and, and tighter than or', () => {
    const t = { sel_a: true, sel_b: false, filter_a: true, filter_b: false, _hidden: false };
    expect(evaluate(parse('sel_a or sel_b and filter_b'), t)).toBe(true);
    expect(evaluate(parse('(sel_a or sel_b) and filter_b'), t)).toBe(false);
    expect(evaluate(parse('not sel_a and filter_a'), t)).toBe(false);
    expect(evaluate(parse('not (sel_a and sel_b)'), t)).toBe(true);
    expect(evaluate(parse('not not sel_a'), t)).toBe(true);
  });

  test('1 of / all of patterns and them (them leaves out _ names)', () => {
    expect(parse('1 of sel_*')).toEqual({ op: 'or', args: [{ op: 'ref', name: 'sel_a' }, { op: 'ref', name: 'sel_b' }] });
    expect(parse('all of filter*')).toEqual({ op: 'and', args: [{ op: 'ref', name: 'filter_a' }, { op: 'ref', name: 'filter_b' }] });
    expect(parse('1 of them')).toEqual({ op: 'or', args: ['sel_a', 'sel_b', 'filter_a', 'filter_b'].map((name) => ({ op: 'ref', name })) });
    expect(parse('all of *_a')).toEqual({ op: 'and', args: [{ op: 'ref', name: 'sel_a' }, { op: 'ref', name: 'filter_a' }] });
    expect(parse('1 of sel_a')).toEqual({ op: 'ref', name: 'sel_a' });
    // `x of` binds tighter than not.
    expect(parse('not 1 of filter*')).toEqual({ op: 'not', arg: { op: 'or', args: [{ op: 'ref', name: 'filter_a' }, { op: 'ref', name: 'filter_b' }] } });
  });

  test('errors say where', () => {
    const cases: [string, number, RegExp][] = [
      ['sel_a and', 9, /ends/],
      ['sel_a and unknown', 10, /unknown selection/],
      ['(sel_a or sel_b', 15, /missing `\)`/],
      ['sel_a sel_b', 6, /expected `and` or `or`/],
      ['2 of sel_*', 0, /use `1 of` or `all of`/],
      ['1 of nothing*', 5, /matches no selection/],
      ['sel_* and sel_a', 0, /needs `1 of`/],
      ['sel_a | count() > 5', 6, /correlation/],
      ['sel_a)', 5, /unexpected `\)`/],
      ['', 0, /empty/],
    ];
    for (const [text, offset, message] of cases) {
      const r = parseCondition(text, names);
      expect(r.node, text).toBeUndefined();
      expect(r.errors[0]?.offset, text).toBe(offset);
      expect(r.errors[0]?.message, text).toMatch(message);
    }
  });
});

type Tree = { op: 'ref'; name: string } | { op: 'not'; arg: Tree } | { op: 'and' | 'or'; args: Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('s1', 's2', 's3', 's4').map((name): Tree => ({ op: 'ref', name })),
    tie('node').map((arg): Tree => ({ op: 'not', arg })),
    fc.tuple(fc.constantFrom<'and' | 'or'>('and', 'or'), fc.array(tie('node'), { minLength: 2, maxLength: 3 })).map(([op, args]): Tree => ({ op, args })),
  ),
})).node;

const precedence = { or: 1, and: 2, not: 3, ref: 4 } as const;

/** Renders with the fewest parentheses the precedence allows, or with all of them. */
function render(node: Tree, minimal: boolean, required = 0): string {
  let text: string;
  if (node.op === 'ref') return node.name;
  if (node.op === 'not') text = `not ${render(node.arg, minimal, precedence.not)}`;
  else text = node.args.map((a) => render(a, minimal, precedence[node.op] + 1)).join(` ${node.op} `);
  return !minimal || precedence[node.op] < required ? `(${text})` : text;
}

function direct(node: Tree, truth: Readonly<Record<string, boolean>>): boolean {
  if (node.op === 'ref') return truth[node.name] === true;
  if (node.op === 'not') return !direct(node.arg, truth);
  return node.op === 'and' ? node.args.every((a) => direct(a, truth)) : node.args.some((a) => direct(a, truth));
}

test('compiled conditions agree with direct boolean evaluation (property)', () => {
  fc.assert(
    fc.property(tree, fc.boolean(), fc.record({ s1: fc.boolean(), s2: fc.boolean(), s3: fc.boolean(), s4: fc.boolean() }), (t, minimal, truth) => {
      const condition = render(t, minimal);
      const rule = `title: property
logsource:
  product: ics
detection:
  s1: {f1: 'yes'}
  s2: {f2: 'yes'}
  s3: {f3: 'yes'}
  s4: {f4: 'yes'}
  condition: ${condition}
`;
      const match = ruleMatcher(rule);
      const labels = Object.fromEntries(Object.entries(truth).map(([k, v]) => [`f${k.slice(1)}`, v ? 'yes' : 'no']));
      const hits = match(sensedEvent({ fields: { ics: { protocol: 'modbus' }, labels } }));
      expect(hits.length === 1, condition).toBe(direct(t, truth));
      if (hits.length === 1) expect(hits[0]?.selections).toEqual(Object.keys(truth).filter((k) => truth[k as keyof typeof truth]));
    }),
    { numRuns: 400 },
  );
});
