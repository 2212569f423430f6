import { describe, expect, it } from 'vitest';
import { microsToTimestamp, timestampToMicros } from './stix-facts.js';

describe('STIX timestamps', () => {
  it('reads RFC 3339 UTC timestamps to the microsecond', () => {
    expect(timestampToMicros('2024-01-31T12:00:00Z')).toBe(Date.UTC(2024, 0, 31, 12) * 1000);
    expect(timestampToMicros('2024-02-29T23:59:59.1234567Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59) * 1000 + 123_456);
    expect(microsToTimestamp(timestampToMicros('0099-03-01T00:00:00.5Z') ?? 0)).toBe('0099-03-01T00:00:00.500000Z');
  });

  it('refuses dates and times that do not exist instead of rolling them over', () => {
    for (const bad of ['2026-13-45T00:00:00Z', '2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2026-01-01T25:00:00Z', '2026-01-01T23:61:00Z', '2026-01-01T23:59:60Z', '2026-13-45', 'yesterday']) {
      expect(timestampToMicros(bad), bad).toBeUndefined();
    }
  });
});
