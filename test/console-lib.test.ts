// The console's pure helpers (web/src/lib): durations, CSV, validator messages, navigation fitting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fittingCount } from '../web/src/components/nav-items.js';
import { csvCell, toCsv } from '../web/src/lib/csv.js';
import { humanErrorMap, humanMessage } from '../web/src/lib/form-messages.js';
import { formatDurationBetween, formatSeconds } from '../web/src/lib/format.js';

/** Reads "1 h 5 min" / "2 min 3 s" / "4.52 s" back into seconds and its units. */
function parts(text: string): Array<[number, string]> {
  return [...text.matchAll(/([\d.]+) (h|min|s)\b/g)].map((m) => [Number(m[1]), m[2] ?? '']);
}
const unitSeconds: Record<string, number> = { h: 3600, min: 60, s: 1 };

describe('formatSeconds', () => {
  it('never shows 60 in a unit below the hour, and stays within rounding of the truth', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30 * 86_400, noNaN: true }), (seconds) => {
        const text = formatSeconds(seconds);
        const read = parts(text);
        expect(read.length).toBeGreaterThan(0);
        for (const [value, unit] of read) if (unit !== 'h' && read.length > 1) expect(value).toBeLessThan(60);
        if (read.length === 2) expect(read[1]?.[0]).toBeGreaterThan(0);
        const back = read.reduce((sum, [v, u]) => sum + v * (unitSeconds[u] ?? 0), 0);
        const step = seconds < 10 ? 0.005 : seconds < 3600 ? 0.5 : 30;
        expect(Math.abs(back - seconds)).toBeLessThanOrEqual(step + 1e-9);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds 179.79 s to 3 min and 3599.6 s to 1 h, not "2 min 60 s" or "59 min 60 s"', () => {
    expect(formatSeconds(179.79)).toBe('3 min');
    expect(formatSeconds(3599.6)).toBe('1 h');
    expect(formatSeconds(7199)).toBe('2 h');
    expect(formatSeconds(3600 + 59.7 * 60)).toBe('2 h');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatSeconds(4.523)).toBe('4.52 s');
    expect(formatDurationBetween('2026-01-01T00:00:00Z', '2026-01-01T00:02:59.790Z')).toBe('3 min');
    expect(formatDurationBetween(null, '2026-01-01T00:00:00Z')).toBe('—');
  });
});

describe('CSV export', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['Name', 'IP'], [['PLC-1', '10.0.0.1'], ['line\nbreak', null]])).toBe('Name,IP\r\nPLC-1,10.0.0.1\r\n"line\nbreak",\r\n');
  });

  it('round-trips any text through a CSV cell', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = csvCell(text);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
        expect(unquoted.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(text);
      }),
    );
  });
});

describe('validator messages', () => {
  it('turns the API validator texts into sentences', () => {
    expect(humanMessage('Too small: expected string to have >=1 characters')).toBe('Required.');
    expect(humanMessage('Invalid input: expected string, received undefined')).toBe('Required.');
    expect(humanMessage('Too small: expected string to have >=12 characters')).toBe('At least 12 characters.');
    expect(humanMessage('Too big: expected string to have <=200 characters')).toBe('At most 200 characters.');
    expect(humanMessage('Invalid option: expected one of "clear"|"green"|"amber"')).toBe('Choose one of: clear, green, amber.');
    expect(humanMessage('not an IPv4 or IPv6 address')).toBe('not an IPv4 or IPv6 address');
  });

  it('gives the console forms human messages for zod issues', () => {
    const schema = z.object({ name: z.string().min(1), password: z.string().min(12), port: z.number().max(65535), email: z.email() });
    const result = schema.safeParse({ name: '', password: 'short', port: 70000, email: 'nope' }, { error: humanErrorMap });
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({ name: 'Required.', password: 'At least 12 characters.', port: 'Must be at most 65535.', email: 'Enter an e-mail address.' });
    const missing = z.object({ name: z.string() }).safeParse({}, { error: humanErrorMap });
    expect(missing.error?.issues[0]?.message).toBe('Required.');
  });
});

describe('top navigation fitting', () => {
  it('shows every item when all fit, else as many as fit beside "More"', () => {
    expect(fittingCount([80, 80, 80], 60, 300)).toBe(3);
    expect(fittingCount([80, 80, 80], 60, 200)).toBe(1);
    expect(fittingCount([80, 80, 80], 60, 50)).toBe(0);
  });
});
