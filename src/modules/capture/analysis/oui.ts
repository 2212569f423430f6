// MAC vendor lookup from the IEEE registry as Debian's ieee-data package installs it. Read at run
// time when present (never shipped with Bulwark); without it, lookups answer undefined.
import { readFile } from 'node:fs/promises';

export const defaultOuiPaths = ['/usr/share/ieee-data/oui.csv', '/usr/share/ieee-data/mam.csv', '/usr/share/ieee-data/oui36.csv'];

export interface OuiRegistry {
  /** Organization for a MAC in colon form, trying the longest registered prefix first (36, 28, 24 bits). */
  lookup(mac: string): string | undefined;
  readonly size: number;
}

let shared: Promise<OuiRegistry> | undefined;

/** The registry from the default paths, loaded once per process. */
export function loadDefaultOui(): Promise<OuiRegistry> {
  shared ??= loadOui(defaultOuiPaths);
  return shared;
}

export async function loadOui(paths: readonly string[]): Promise<OuiRegistry> {
  const prefixes = new Map<string, string>();
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      continue; // the package (or this part of it) is not installed
    }
    const records = leadingCsvFields(text, 3);
    const header = records[0] ?? [];
    const assignmentAt = header.indexOf('Assignment');
    const organizationAt = header.indexOf('Organization Name');
    if (assignmentAt < 0 || organizationAt < 0) continue;
    for (let i = 1; i < records.length; i++) {
      const row = records[i] as string[];
      const assignment = row[assignmentAt]?.trim().toUpperCase();
      const organization = row[organizationAt]?.trim();
      if (assignment && organization && /^[0-9A-F]{6,9}$/.test(assignment)) prefixes.set(assignment, organization);
    }
  }
  return {
    size: prefixes.size,
    lookup(mac: string): string | undefined {
      const hex = mac.replaceAll(':', '').toUpperCase();
      if (hex.length !== 12) return undefined;
      return prefixes.get(hex.slice(0, 9)) ?? prefixes.get(hex.slice(0, 7)) ?? prefixes.get(hex.slice(0, 6));
    },
  };
}

/**
 * The first `count` fields of every CSV record (RFC 4180: quoted fields may hold commas, doubled
 * quotes and line breaks); the other fields are skipped without being built. A general CSV parser
 * took ~0.5 s of every capture job for the registry's 40,000 rows; this takes a few milliseconds.
 */
export function leadingCsvFields(text: string, count: number): string[][] {
  const records: string[][] = [];
  const QUOTE = 34;
  const COMMA = 44;
  const LF = 10;
  const CR = 13;
  let pos = 0;
  const end = text.length;
  while (pos < end) {
    const record: string[] = [];
    let field = 0;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        let close = text.indexOf('"', pos + 1);
        while (close >= 0 && text.charCodeAt(close + 1) === QUOTE) close = text.indexOf('"', close + 2);
        if (close < 0) close = end;
        value = field < count ? text.slice(pos + 1, close).replaceAll('""', '"') : '';
        pos = close + 1;
        // anything between the closing quote and the delimiter belongs to the field, as lenient parsers read it
        while (pos < end && text.charCodeAt(pos) !== COMMA && text.charCodeAt(pos) !== LF && text.charCodeAt(pos) !== CR) pos++;
      } else {
        const start = pos;
        while (pos < end) {
          const c = text.charCodeAt(pos);
          if (c === COMMA || c === LF || c === CR) break;
          pos++;
        }
        value = field < count ? text.slice(start, pos) : '';
      }
      if (field < count) record.push(value);
      field++;
      if (pos < end && text.charCodeAt(pos) === COMMA) {
        pos++;
        continue;
      }
      // end of record: CRLF, LF, CR or end of text
      if (text.charCodeAt(pos) === CR) pos++;
      if (text.charCodeAt(pos) === LF) pos++;
      break;
    }
    if (!(record.length === 1 && record[0] === '')) records.push(record);
  }
  return records;
}
