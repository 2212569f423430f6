import { describe, expect, it } from 'vitest';
import { compareTimestamps, identifierType, isIpv4Cidr, isIpv6Cidr, isLanguageTag, isMac48, parseTimestamp } from './formats.js';

describe('timestamps', () => {
  it('accepts RFC 3339 UTC timestamps on real calendar dates', () => {
    expect(parseTimestamp('2024-02-29T23:59:59Z')).toEqual({ fractionDigits: 0 });
    expect(parseTimestamp('2000-02-29T00:00:00.1234567Z')).toEqual({ fractionDigits: 7 });
    expect(parseTimestamp('2016-12-31T23:59:60.000Z')).toEqual({ fractionDigits: 3 });
  });

  it.each([
    '2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:60:00Z',
    '2024-01-01T00:00:61Z', '2024-01-01T00:00:00.Z', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00z', '2024-01-01T00:00:00',
    '2024-1-01T00:00:00Z', '',
  ])('rejects %s', (value) => {
    expect(parseTimestamp(value)).toBeNull();
  });

  it('orders by instant whatever the precision', () => {
    expect(compareTimestamps('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z')).toBe(0);
    expect(compareTimestamps('2024-01-01T00:00:00.1Z', '2024-01-01T00:00:00.09Z')).toBe(1);
    expect(compareTimestamps('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000001Z')).toBe(-1);
    expect(compareTimestamps('2023-12-31T23:59:59.999Z', '2024-01-01T00:00:00Z')).toBe(-1);
  });
});

describe('identifiers', () => {
  it('returns the type of a valid identifier only', () => {
    expect(identifierType('x-mitre-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a')).toBe('x-mitre-tactic');
    expect(identifierType('indicator--8F2C6A41-3D5E-4B7F-A019-6C4E2D8B1F57')).toBe('indicator');
    for (const bad of ['indicator-8f2c6a41-3d5e-4b7f-a019-6c4e2d8b1f57', 'indicator--8f2c6a41-3d5e-6b7f-a019-6c4e2d8b1f57', 'indicator--8f2c6a41-3d5e-4b7f-c019-6c4e2d8b1f57', 'a--b--8f2c6a41-3d5e-4b7f-a019-6c4e2d8b1f57', 'Indicator--8f2c6a41-3d5e-4b7f-a019-6c4e2d8b1f57']) {
      expect(identifierType(bad), bad).toBeNull();
    }
  });
});

describe('addresses and tags', () => {
  it('checks IPv4 and IPv6 with optional CIDR suffixes', () => {
    expect(['10.0.0.1', '192.168.0.0/16', '0.0.0.0/0'].every(isIpv4Cidr)).toBe(true);
    expect(['10.0.0.256', '10.0.0', '10.0.0.1/33', '010.0.0.1'].some(isIpv4Cidr)).toBe(false);
    expect(['::', '::1', '2001:db8::/32', 'fe80::1:2:3:4', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '::ffff:192.0.2.1', '2001:db8::7/128'].every(isIpv6Cidr)).toBe(true);
    expect(['2001:db8::1::2', '2001:db8:1', ':1::2', '1:2:3:4:5:6:7:8:9', '2001:db8::/129', 'g::1', '::ffff:192.0.2.256'].some(isIpv6Cidr)).toBe(false);
  });

  it('checks MAC-48 and language tags', () => {
    expect(isMac48('00:1b:1b:0a:2c:3d')).toBe(true);
    expect(['00-1b-1b-0a-2c-3d', '0:1b:1b:a:2c:3d', '00:1B:1B:0A:2C:3D'].some(isMac48)).toBe(false);
    expect(['en', 'de-CH', 'zh-Hans-CN', 'sr-Latn-RS'].every(isLanguageTag)).toBe(true);
    expect(['english!', 'e', 'en_US', ''].some(isLanguageTag)).toBe(false);
  });
});
