import { describe, expect, it } from 'vitest';
import { compareCpe, compareCpeValues, cpeMatches, cpeProduct, formatCpe, parseCpe, type Cpe, type CpeValue } from './cpe.js';

function cpe(s: string): Cpe {
  const r = parseCpe(s);
  if (!r.success) throw new Error(`${s}: ${r.reason}`);
  return r.cpe;
}

const fs = (vendor: string, product: string, version = '*', update = '*', edition = '*') =>
  `cpe:2.3:a:${vendor}:${product}:${version}:${update}:${edition}:*:*:*:*:*`;

function value(raw: string): CpeValue {
  return cpe(`cpe:2.3:a:${raw}:x:*:*:*:*:*:*:*:*`).vendor;
}

describe('parseCpe', () => {
  it('reads the eleven attributes, ANY and NA', () => {
    const c = cpe('cpe:2.3:o:siemens:simatic_s7-1500_firmware:2.9.4:-:*:*:*:*:*:*');
    expect(c.part).toMatchObject({ kind: 'value', text: 'o' });
    expect(c.vendor).toMatchObject({ kind: 'value', text: 'siemens' });
    expect(c.version).toMatchObject({ kind: 'value', text: '2.9.4', leading: 0, trailing: 0 });
    expect(c.update).toEqual({ kind: 'na' });
    expect(c.edition).toEqual({ kind: 'any' });
  });

  it('unescapes quoted characters and keeps quoted wildcards literal', () => {
    const c = cpe('cpe:2.3:a:acme:prod\\:uct\\+\\+:1\\.0\\*:*:*:*:*:*:*:*');
    expect(c.product).toMatchObject({ text: 'prod:uct++' });
    expect(c.version).toMatchObject({ text: '1.0*', leading: 0, trailing: 0 });
  });

  it('reads leading and trailing wildcards', () => {
    expect(value('*soft')).toMatchObject({ text: 'soft', leading: -1, trailing: 0 });
    expect(value('micro*')).toMatchObject({ text: 'micro', leading: 0, trailing: -1 });
    expect(value('??cro')).toMatchObject({ text: 'cro', leading: 2, trailing: 0 });
    expect(value('sp?')).toMatchObject({ text: 'sp', leading: 0, trailing: 1 });
  });

  it('binds back to the same string', () => {
    for (const s of ['cpe:2.3:a:acme:prod\\:uct:1\\.0:*:*:*:*:*:*:*', 'cpe:2.3:h:siemens:*:-:sp?:*:*:*:*:*:*']) expect(formatCpe(cpe(s))).toBe(s);
  });

  it.each([
    ['cpe:/a:siemens:simatic', 'not a CPE 2.3'],
    ['cpe:2.3:a:siemens:simatic', 'expected 11 components'],
    ['cpe:2.3:a:siemens:simatic:1.0:*:*:*:*:*:*:*:*', 'expected 11 components'],
    ['cpe:2.3:a:siemens:simatic:8.*.1:*:*:*:*:*:*:*', 'unquoted "*" inside'],
    ['cpe:2.3:a:siemens:simatic:1.0:*:*:*:*:*:*:\\', 'dangling'],
    ['cpe:2.3:a:siemens::1.0:*:*:*:*:*:*:*', 'empty component'],
    ['cpe:2.3:x:siemens:simatic:1.0:*:*:*:*:*:*:*', 'part must be'],
    ['cpe:2.3:a:siemens:simatic wincc:1.0:*:*:*:*:*:*:*', 'whitespace'],
    ['cpe:2.3:a:**:simatic:1.0:*:*:*:*:*:*:*', 'only wildcards'],
  ])('refuses %s', (input, reason) => {
    const r = parseCpe(input);
    expect(r.success).toBe(false);
    expect(r.success === false && r.reason).toContain(reason);
  });

  it('says which attribute is wrong', () => {
    expect(parseCpe('cpe:2.3:a:siemens:simatic:8.*.1:*:*:*:*:*:*:*')).toMatchObject({ success: false, attribute: 'version' });
  });
});

describe('compareCpeValues: the NISTIR 7696 attribute table', () => {
  const ANY = value('*');
  const NA: CpeValue = { kind: 'na' };
  const i = value('wincc');
  const other = value('step7');
  const wild = value('win*');
  it.each([
    ['ANY', ANY, 'ANY', ANY, 'EQUAL'],
    ['ANY', ANY, 'NA', NA, 'SUPERSET'],
    ['ANY', ANY, 'i', i, 'SUPERSET'],
    ['ANY', ANY, 'm+wild', wild, 'UNDEFINED'],
    ['NA', NA, 'ANY', ANY, 'SUBSET'],
    ['NA', NA, 'NA', NA, 'EQUAL'],
    ['NA', NA, 'i', i, 'DISJOINT'],
    ['NA', NA, 'm+wild', wild, 'UNDEFINED'],
    ['i', i, 'ANY', ANY, 'SUBSET'],
    ['i', i, 'NA', NA, 'DISJOINT'],
    ['i', i, 'i (same, other case)', value('WinCC'), 'EQUAL'],
    ['i', i, 'k (different)', other, 'DISJOINT'],
    ['i', i, 'm+wild', wild, 'UNDEFINED'],
    ['m+wild', wild, 'ANY', ANY, 'SUBSET'],
    ['m+wild', wild, 'NA', NA, 'DISJOINT'],
    ['m+wild', wild, 'i (matching)', i, 'SUPERSET'],
    ['m+wild', wild, 'k (not matching)', other, 'DISJOINT'],
    ['m+wild', wild, 'm+wild', value('*cc'), 'UNDEFINED'],
  ])('source %s vs target %s', (_s, source, _t, target, expected) => {
    expect(compareCpeValues(source, target)).toBe(expected);
  });

  it('lets a run of "?" match up to that many characters, like the NIST reference implementation', () => {
    expect(compareCpeValues(value('sp?'), value('sp2'))).toBe('SUPERSET');
    expect(compareCpeValues(value('sp?'), value('sp'))).toBe('SUPERSET');
    expect(compareCpeValues(value('sp?'), value('sp10'))).toBe('DISJOINT');
    expect(compareCpeValues(value('??10'), value('sp10'))).toBe('SUPERSET');
    expect(compareCpeValues(value('*10'), value('update_10'))).toBe('SUPERSET');
    expect(compareCpeValues(value('???'), value('abcd'))).toBe('DISJOINT');
  });
});

describe('compareCpe and cpeMatches', () => {
  it('a criteria with ANY version covers every version of the product', () => {
    const criteria = fs('siemens', 'simatic_wincc');
    const candidate = fs('siemens', 'simatic_wincc', '7.4', 'sp1');
    expect(compareCpe(cpe(criteria), cpe(candidate)).relation).toBe('SUPERSET');
    expect(cpeMatches(criteria, candidate)).toBe(true);
    expect(compareCpe(cpe(candidate), cpe(criteria)).relation).toBe('SUBSET');
    expect(cpeMatches(candidate, criteria)).toBe(false);
  });

  it('equal names match, other products do not', () => {
    expect(compareCpe(cpe(fs('Siemens', 'SIMATIC_WinCC', '7.4')), cpe(fs('siemens', 'simatic_wincc', '7.4'))).relation).toBe('EQUAL');
    expect(cpeMatches(fs('siemens', 'simatic_wincc'), fs('siemens', 'simatic_step7'))).toBe(false);
  });

  it('matches version wildcards in the criteria', () => {
    expect(cpeMatches(fs('microsoft', 'internet_explorer', '8.*'), fs('microsoft', 'internet_explorer', '8.0.6001'))).toBe(true);
    expect(cpeMatches(fs('microsoft', 'internet_explorer', '8.*'), fs('microsoft', 'internet_explorer', '9.0'))).toBe(false);
  });

  it('a more specific source is a subset of an all-ANY target (NISTIR 7696 example)', () => {
    const source = cpe('cpe:2.3:a:microsoft:internet_explorer:8\\.0\\.6001:beta:*:sp2:*:*:*:*');
    const target = cpe(fs('microsoft', 'internet_explorer'));
    const result = compareCpe(source, target);
    expect(result.relation).toBe('SUBSET');
    expect(result.attributes.version).toBe('SUBSET');
    expect(result.attributes.product).toBe('EQUAL');
  });

  it('one disjoint attribute makes the names disjoint (NISTIR 7696 example)', () => {
    const source = cpe('cpe:2.3:a:adobe:*:9.*:*:PalmOS:*:*:*:*:*');
    const target = cpe('cpe:2.3:a:*:reader:9.3.2:-:-:*:*:*:*:*');
    const result = compareCpe(source, target);
    expect(result.relation).toBe('DISJOINT');
    expect(result.attributes).toMatchObject({ vendor: 'SUBSET', product: 'SUPERSET', version: 'SUPERSET', update: 'SUPERSET', edition: 'DISJOINT' });
  });

  it('is undefined when the target has wildcards or the attributes pull both ways', () => {
    expect(compareCpe(cpe(fs('siemens', '*')), cpe(fs('siemens', 'simatic', '7.*'))).relation).toBe('UNDEFINED');
    expect(compareCpe(cpe(fs('siemens', '*', '7.4')), cpe(fs('siemens', 'simatic'))).relation).toBe('UNDEFINED');
    expect(cpeMatches(fs('siemens', '*'), fs('siemens', 'simatic', '7.*'))).toBe(false);
  });

  it('NA in the criteria does not cover a candidate that says ANY', () => {
    expect(cpeMatches(fs('siemens', 'simatic', '*', '-'), fs('siemens', 'simatic'))).toBe(false);
    expect(cpeMatches(fs('siemens', 'simatic', '*', '-'), fs('siemens', 'simatic', '1.0', '-'))).toBe(true);
  });

  it('unparseable names match nothing', () => {
    expect(cpeMatches('not a cpe', fs('siemens', 'simatic'))).toBe(false);
    expect(cpeMatches(fs('siemens', 'simatic'), 'cpe:2.3:a:siemens')).toBe(false);
  });
});

describe('cpeProduct', () => {
  it('extracts vendor, product and version as plain text', () => {
    expect(cpeProduct(cpe('cpe:2.3:o:siemens:simatic_s7-1500_firmware:2\\.9\\.4:*:*:*:*:*:*:*'))).toEqual({
      vendor: 'siemens',
      product: 'simatic_s7-1500_firmware',
      version: '2.9.4',
    });
  });

  it('leaves out ANY, NA and wildcard values', () => {
    expect(cpeProduct(cpe('cpe:2.3:a:*:reader:9.*:*:*:*:*:*:*:*'))).toEqual({ product: 'reader' });
    expect(cpeProduct(cpe('cpe:2.3:h:siemens:scalance:-:*:*:*:*:*:*:*'))).toEqual({ vendor: 'siemens', product: 'scalance' });
  });
});
