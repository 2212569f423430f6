import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp.js';

describe('parseTimestamp', () => {
  it('reads the date forms the sources write', () => {
    expect(parseTimestamp('2024-03-05')).toEqual({ success: true, value: '2024-03-05T00:00:00.000Z' });
    expect(parseTimestamp('2024-03-05T07:00:00.000000Z')).toEqual({ success: true, value: '2024-03-05T07:00:00.000Z' });
    expect(parseTimestamp('2019-02-12T23:29:00.323')).toEqual({ success: true, value: '2019-02-12T23:29:00.323Z' });
    expect(parseTimestamp('2024-01-01T02:00:00+02:00')).toEqual({ success: true, value: '2024-01-01T00:00:00.000Z' });
    expect(parseTimestamp('2024-01-01T02:00:00+0200')).toEqual({ success: true, value: '2024-01-01T00:00:00.000Z' });
    expect(parseTimestamp('2024-02-29T00:00Z').success).toBe(true);
  });

  it('refuses what is not a real calendar date, with a message', () => {
    for (const bad of ['not-a-date', '2026-13-45T00:00:00Z', '2023-02-29', '2026-04-31', '2026-01-01T24:00:00Z', '2026-01-01T10:61:00Z', '0000-01-01', '2026-1-1', '']) {
      const r = parseTimestamp(bad);
      expect(r.success, bad).toBe(false);
      if (!r.success) expect(r.message).toMatch(/not a date/);
    }
  });
});
