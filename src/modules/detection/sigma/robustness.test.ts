import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compileRules } from './compile.js';
import { parseSigma } from './parse-sigma.js';

const valid = `title: t
logsource:
  product: ics
detection:
  selection:
    ics.function|contains: stop
    source.ip|cidr: 10.0.0.0/8
  condition: selection
`;

test('any text gives a result, never an exception, and problems are located (property)', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      const r = parseSigma(text, { file: 'x.yml' });
      for (const p of r.problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.column).toBeGreaterThanOrEqual(1);
        expect(p.file).toBe('x.yml');
      }
      compileRules(r.rules, { filters: r.filters });
    }),
    { numRuns: 500 },
  );
});

test('a valid rule cut or changed anywhere gives a result, never an exception (property)', () => {
  fc.assert(
    fc.property(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 6 }), (at, cut, insert) => {
      const text = valid.slice(0, at) + insert + valid.slice(Math.min(valid.length, at + (cut % 8)));
      const r = parseSigma(text);
      expect(r.rules.length + r.problems.filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
      const { matcher } = compileRules(r.rules);
      expect(matcher.size).toBeLessThanOrEqual(r.rules.length);
    }),
    { numRuns: 500 },
  );
});
