// MAC vendor lookup from the IEEE registry as Debian's ieee-data package installs it. Read at run
// time when present (never shipped with Bulwark); without it, lookups answer undefined.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

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
    const rows = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
    for (const row of rows) {
      const assignment = row['Assignment']?.trim().toUpperCase();
      const organization = row['Organization Name']?.trim();
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
