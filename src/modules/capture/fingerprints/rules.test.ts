import { describe, expect, it } from 'vitest';
import type { IdentityFact } from '../analysis/types.js';
import { builtinRules } from './builtin-rules.js';
import { compileRules, fingerprintRuleSchema, identify, type FingerprintSubject } from './rules.js';

const fact = (attribute: IdentityFact['attribute'], value: string, confidence = 0.9): IdentityFact => ({
  attribute,
  value,
  confidence,
  evidence: { protocol: 's7comm', frames: [1], count: 1 },
});

const subject = (over: Partial<FingerprintSubject>): FingerprintSubject => ({
  serves: new Set(),
  uses: new Set(),
  ports: new Set(),
  roles: new Set(),
  facts: [],
  ...over,
});

describe('fingerprint rules', () => {
  it('ships only valid built-in rules with unique ids', () => {
    for (const rule of builtinRules) expect(fingerprintRuleSchema.safeParse(rule).success, rule.id).toBe(true);
    expect(new Set(builtinRules.map((r) => r.id)).size).toBe(builtinRules.length);
  });

  it('names a Siemens S7-1500 from its order number and keeps the protocol-reported firmware', () => {
    const identity = identify(
      subject({ serves: new Set(['s7comm']), facts: [fact('order-number', '6ES7 516-3AN00-0AB0'), fact('firmware', 'V2.5.2')] }),
      compileRules(builtinRules),
    );
    expect(identity).toMatchObject({ vendor: 'Siemens', model: 'S7-1500', deviceType: 'plc', firmware: 'V2.5.2' });
    expect(identity.rules).toEqual(expect.arrayContaining(['s7.server', 's7.order.s7-1500']));
  });

  it('does not take a network card vendor for the device vendor unless a rule says so', () => {
    const pc = identify(subject({ facts: [fact('mac-vendor', 'Intel Corporate', 0.5)] }), compileRules(builtinRules));
    expect(pc.vendor).toBeUndefined();
    const plc = identify(subject({ facts: [fact('mac-vendor', 'Siemens AG', 0.5)] }), compileRules(builtinRules));
    expect(plc.vendor).toBe('Siemens');
  });

  it('rejects rules without conditions or conclusions, and invalid patterns', () => {
    const base = { id: 'x.y', name: 'n', confidence: 0.5 };
    expect(fingerprintRuleSchema.safeParse({ ...base, when: {}, then: { vendor: 'A' } }).success).toBe(false);
    expect(fingerprintRuleSchema.safeParse({ ...base, when: { serves: 'modbus' }, then: {} }).success).toBe(false);
    expect(fingerprintRuleSchema.safeParse({ ...base, when: { attribute: 'vendor', pattern: '([' }, then: { vendor: 'A' } }).success).toBe(false);
    expect(fingerprintRuleSchema.safeParse({ ...base, when: { pattern: 'a' }, then: { vendor: 'A' } }).success).toBe(false);
    expect(fingerprintRuleSchema.safeParse({ ...base, id: 'Bad Id', when: { serves: 'modbus' }, then: { vendor: 'A' } }).success).toBe(false);
  });
});
