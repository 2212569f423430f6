import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseResult, SourceParser } from './types.js';

export interface ImporterCase {
  readonly name: string;
  readonly parse: SourceParser;
  /** Real input files (from ../shared/data) the parser must read without errors. */
  readonly validFiles: readonly string[];
  /** Takes a valid input and breaks exactly one record in it (wrong type, missing required field). */
  readonly corruptOneRecord: (input: string) => string;
  /** Gives one record of a valid input an impossible date (2026-13-45); formats without dates per record omit it. */
  readonly corruptOneDate?: ((input: string) => string) | undefined;
}

/**
 * The conformance suite every importer runs (as Hono's routers share one): valid input, malformed,
 * truncated, empty, random bytes, deterministic output, and one bad record that does not sink the rest.
 */
export function runImporterConformance(c: ImporterCase): void {
  const first = c.validFiles[0];
  if (first === undefined) throw new Error(`${c.name}: conformance needs at least one valid file`);
  const read = (file: string) => readFileSync(file, 'utf8');
  const noThrow = (input: string, file = 'input'): ParseResult => {
    let result: ParseResult | undefined;
    expect(() => {
      result = c.parse(input, file);
    }).not.toThrow();
    return result as ParseResult;
  };

  describe(`${c.name} importer conformance`, () => {
    it('reads the valid files with records and no errors', () => {
      for (const file of c.validFiles) {
        const result = noThrow(read(file), file);
        expect(result.records.length, file).toBeGreaterThan(0);
        expect(result.issues.filter((i) => i.severity === 'error'), file).toEqual([]);
      }
    });

    it('reports malformed input with the file and a location, and yields nothing', () => {
      const result = noThrow('{"not": "closed"', 'broken.json');
      expect(result.records).toEqual([]);
      expect(result.issues.length).toBeGreaterThan(0);
      expect(result.issues[0]).toMatchObject({ file: 'broken.json', severity: 'error' });
      expect(result.issues[0]?.pointer).toEqual(expect.any(String));
    });

    it('reports a truncated file instead of half-reading it', () => {
      const text = read(first);
      const result = noThrow(text.slice(0, Math.floor(text.length / 2)), basename(first));
      expect(result.records).toEqual([]);
      expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
    });

    it('survives empty input and random bytes', () => {
      expect(noThrow('').issues.length).toBeGreaterThan(0);
      let seed = 7;
      const noise = Array.from({ length: 2000 }, () => String.fromCharCode(((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 94) + 32)).join('');
      expect(noThrow(noise).records).toEqual([]);
      expect(noThrow('[]').records).toEqual([]);
      expect(noThrow('null').records).toEqual([]);
    });

    it('is deterministic: the same input gives the same records', () => {
      const text = read(first);
      expect(noThrow(text, first)).toEqual(noThrow(text, first));
    });

    it('refuses input nested beyond any real document with a location, without exhausting the stack', () => {
      for (const deep of [`${'['.repeat(100_000)}${']'.repeat(100_000)}`, `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`]) {
        const result = noThrow(deep, 'deep.json');
        expect(result.records).toEqual([]);
        expect(result.issues.some((i) => i.severity === 'error' && i.file === 'deep.json')).toBe(true);
      }
    });

    const corruptOneDate = c.corruptOneDate;
    if (corruptOneDate !== undefined) {
      it('reports an impossible date as a located issue, and the other records still come out', () => {
        const text = read(first);
        const broken = noThrow(corruptOneDate(text), first);
        const dated = broken.issues.filter((i) => /date/.test(i.message));
        expect(dated.length, JSON.stringify(broken.issues.slice(0, 3))).toBeGreaterThan(0);
        expect(dated[0]?.pointer).toMatch(/^(\/|line )/);
        expect(broken.records.length).toBeGreaterThan(0);
        expect(broken.records.length).toBeLessThan(noThrow(text, first).records.length);
      });
    }

    it('isolates one bad record: it is reported, the others still come out', () => {
      const text = read(first);
      const good = noThrow(text, first);
      const broken = noThrow(c.corruptOneRecord(text), first);
      const errors = broken.issues.filter((i) => i.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]?.pointer).toMatch(/^(\/|line )/);
      expect(broken.records.length).toBeGreaterThan(0);
      expect(broken.records.length).toBeLessThan(good.records.length);
    });
  });
}
