// COPY ... FROM STDIN in PostgreSQL's text format: the fastest way to load many rows, on the server
// (through pg-copy-streams) and on PGlite (COPY FROM '/dev/blob' with the text as a blob).
import type { Database } from './database.js';

/** A value COPY can carry: null, text, numbers, booleans, text arrays, or JSON (objects, other arrays). */
export type CopyValue = string | number | bigint | boolean | null | undefined | readonly string[] | object;

const IDENT = /^[a-z_][a-z0-9_]*$/;
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Text made safe for one COPY field: backslash, tab and line breaks escaped. NUL cannot be stored in text. */
export function escapeCopyText(value: string): string {
  if (value.includes('\u0000')) throw new Error('COPY text cannot carry NUL characters');
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : value;
}

/** A text[] literal: every element quoted, quotes and backslashes escaped inside. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** How a column's values are written: as they are, as a text[] literal, or as JSON (json, jsonb). */
export type CopyKind = 'plain' | 'text[]' | 'json';

/** One field in COPY text format; objects in a plain column are written as JSON. */
export function copyField(value: CopyValue, kind: CopyKind = 'plain'): string {
  if (value === null || value === undefined) return '\\N';
  if (kind === 'json') return escapeCopyText(JSON.stringify(value));
  if (kind === 'text[]' && Array.isArray(value)) return escapeCopyText(arrayLiteral(value as readonly string[]));
  switch (typeof value) {
    case 'string':
      return escapeCopyText(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`COPY cannot carry the number ${value}`);
      return String(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      return escapeCopyText(JSON.stringify(value));
  }
}

/** Column names, and the columns that are text[] or JSON (the others take values as they are). */
export interface CopyColumns {
  readonly names: readonly string[];
  readonly textArrays?: readonly string[];
  readonly json?: readonly string[];
}

/** Rows (values in column order) as COPY text: one line per row, fields separated by tabs. */
export function copyText(columns: CopyColumns, rows: Iterable<readonly CopyValue[]>): string {
  const kinds = columns.names.map((n): CopyKind => (columns.textArrays?.includes(n) ? 'text[]' : columns.json?.includes(n) ? 'json' : 'plain'));
  const lines: string[] = [];
  for (const row of rows) {
    if (row.length !== columns.names.length) throw new Error(`COPY row has ${row.length} values for ${columns.names.length} columns`);
    lines.push(row.map((v, i) => copyField(v, kinds[i])).join('\t'));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The COPY statement for a table and its columns (identifiers checked, never quoted from input). */
export function copyStatement(table: string, names: readonly string[], source: 'stdin' | 'blob'): string {
  if (!IDENT.test(table) || names.some((n) => !IDENT.test(n))) throw new Error(`COPY: unsafe identifier in ${table}`);
  return `copy ${table} (${names.join(', ')}) from ${source === 'stdin' ? 'stdin' : `'/dev/blob'`}`;
}

/** Loads rows into a table with COPY (outside any open Kysely transaction: COPY uses its own connection). */
export async function copyRows(database: Database, table: string, columns: CopyColumns, rows: Iterable<readonly CopyValue[]>): Promise<void> {
  const text = copyText(columns, rows);
  if (text !== '') await database.copyFrom(table, columns.names, text);
}
