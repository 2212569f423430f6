// MAC vendor lookup from the IEEE registry as Debian's ieee-data package installs it. Read at run
// time when present (never shipped with Bulwark); without it, lookups answer undefined.
import { readFile } from 'node:fs/promises';

export const defaultOuiPaths = ['/usr/share/ieee-data/oui.csv', '/usr/share/ieee-data/mam.csv', '/usr/share/ieee-data/oui36.csv'];

export interface OuiRegistry {
  /** Organization for a MAC in colon form, trying the longest registered prefix first (36, 28, 24 bits). */
  lookup(mac: string): string | undefined;
}

let shared: Promise<OuiRegistry> | undefined;

/** The registry from the default paths, loaded once per process. */
export function loadDefaultOui(): Promise<OuiRegistry> {
  shared ??= loadOui(defaultOuiPaths);
  return shared;
}

/** One registry file as bytes, with where its two columns of interest sit. */
interface RegistryFile {
  readonly bytes: Buffer;
  /** Hex digits of this file's assignments (6 for MA-L, 7 for MA-M, 9 for MA-S and IAB): one per file. */
  readonly digits: number;
  readonly assignmentAt: number;
  readonly organizationAt: number;
}

const REGISTRIES = new Set(['MA-L', 'MA-M', 'MA-S', 'IAB']);
const LF = 10;

/**
 * The registry files are kept as bytes and searched per prefix, with answers remembered: a capture
 * names a few dozen MAC prefixes, and building a map of all 40,000 rows cost ~0.5 s of every job in a
 * fresh process (the parser runs before the JIT has warmed up).
 */
export async function loadOui(paths: readonly string[]): Promise<OuiRegistry> {
  const files: RegistryFile[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      continue; // the package (or this part of it) is not installed
    }
    const firstLine = bytes.subarray(0, Math.max(0, bytes.indexOf(LF))).toString('utf8');
    const header = leadingCsvFields(firstLine, 8)[0] ?? [];
    const assignmentAt = header.indexOf('Assignment');
    const organizationAt = header.indexOf('Organization Name');
    const firstRecord = bytes.subarray(firstLine.length + 1, bytes.indexOf(LF, firstLine.length + 1)).toString('latin1');
    const digits = leadingCsvFields(firstRecord, assignmentAt + 1)[0]?.[assignmentAt]?.length ?? 0;
    if (assignmentAt >= 0 && organizationAt > assignmentAt && digits > 0) files.push({ bytes, digits, assignmentAt, organizationAt });
  }
  const known = new Map<string, string | undefined>();
  const find = (assignment: string): string | undefined => {
    if (known.has(assignment)) return known.get(assignment);
    let found: string | undefined;
    for (const file of files) {
      if (file.digits !== assignment.length) continue;
      found = findAssignment(file, assignment);
      if (found !== undefined) break;
    }
    known.set(assignment, found);
    return found;
  };
  return {
    lookup(mac: string): string | undefined {
      const hex = mac.replaceAll(':', '').toUpperCase();
      if (!/^[0-9A-F]{12}$/.test(hex)) return undefined;
      return find(hex.slice(0, 9)) ?? find(hex.slice(0, 7)) ?? find(hex.slice(0, 6));
    },
  };
}

/** The organization of the record whose assignment column is exactly `assignment`, if there is one. */
function findAssignment(file: RegistryFile, assignment: string): string | undefined {
  const needle = Buffer.from(`,${assignment},`, 'latin1');
  for (let at = file.bytes.indexOf(needle); at >= 0; at = file.bytes.indexOf(needle, at + 1)) {
    const lineStart = file.bytes.lastIndexOf(LF, at) + 1;
    // Only a record's own leading fields, unquoted registry names, may sit between the line start and
    // the match; anything else means the text matched inside some other field.
    const before = file.bytes.subarray(lineStart, at + 1).toString('latin1').split(',');
    if (before.length - 1 !== file.assignmentAt || !REGISTRIES.has(before[0] ?? '')) continue;
    const recordEnd = nextRecordEnd(file.bytes, at + needle.length);
    const fields = leadingCsvFields(file.bytes.subarray(at + needle.length, recordEnd).toString('utf8'), file.organizationAt - file.assignmentAt)[0];
    const organization = fields?.[file.organizationAt - file.assignmentAt - 1]?.trim();
    if (organization) return organization;
  }
  return undefined;
}

/** Where the record that continues at `from` ends, quoted fields (which may hold line breaks) included. */
function nextRecordEnd(bytes: Buffer, from: number): number {
  let quoted = false;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 34) quoted = !quoted;
    else if (c === LF && !quoted) return i;
  }
  return bytes.length;
}

/**
 * The first `count` fields of every CSV record (RFC 4180: quoted fields may hold commas, doubled
 * quotes and line breaks); the other fields are skipped without being built. A general CSV parser
 * was far slower on the registry's 40,000 rows; this is also used for the few records a lookup finds.
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
