import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recognise } from './recognise.js';

describe('recognise', () => {
  it('tells the kinds of identifier apart', () => {
    expect(recognise(' 10.0.0.3 ')).toEqual({ kind: 'ip', value: '10.0.0.3' });
    expect(recognise('FE80::1')).toEqual({ kind: 'ip', value: 'fe80::1' });
    expect(recognise('00-02-B3-CE-70-51')).toEqual({ kind: 'mac', value: '00:02:b3:ce:70:51' });
    expect(recognise('0002b3ce7051')).toEqual({ kind: 'mac', value: '00:02:b3:ce:70:51' });
    expect(recognise('cve-2019-7256')).toEqual({ kind: 'cve', value: 'CVE-2019-7256' });
    expect(recognise('ICSA-24-065-01')).toEqual({ kind: 'advisory', value: 'ICSA-24-065-01' });
    expect(recognise('ssa-123456')).toEqual({ kind: 'advisory', value: 'SSA-123456' });
    expect(recognise('CNVD-2023-12345')).toEqual({ kind: 'advisory', value: 'CNVD-2023-12345' });
    expect(recognise('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f')).toEqual({ kind: 'stix', value: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' });
    expect(recognise('hmi-01.plant.local')).toEqual({ kind: 'hostname', value: 'hmi-01.plant.local' });
    expect(recognise('Pump PLC')).toEqual({ kind: 'text', value: 'Pump PLC' });
    // Not an address: four numbers out of range, or too few.
    expect(recognise('999.1.1.1').kind).toBe('text');
    expect(recognise('10.0.0').kind).toBe('text');
    expect(recognise('CVE-19-1').kind).toBe('text');
  });

  it('recognises every IPv4 address and MAC address, however written', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => recognise(ip).kind === 'ip'),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }), fc.constantFrom(':', '-', ''), fc.boolean(), (bytes, sep, upper) => {
        const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
        const text = hex.join(sep);
        const shape = recognise(upper ? text.toUpperCase() : text);
        return shape.kind === 'mac' && shape.value === hex.join(':');
      }),
    );
  });

  it('never throws and always keeps the trimmed text', () => {
    fc.assert(fc.property(fc.string(), (s) => recognise(s).value.toLowerCase() === s.trim().toLowerCase() || recognise(s).kind === 'mac'));
  });
});
