import { parse } from 'csv-parse/sync';
import type { ErrorDetail } from '../../platform/errors.js';
import { assetCsvRow } from './schemas.js';
import type { AssetInput } from './types.js';

export type CsvResult =
  | { readonly success: true; readonly data: readonly AssetInput[] }
  | { readonly success: false; readonly issues: readonly ErrorDetail[] };

export const MAX_CSV_ROWS = 50_000;

// Header spellings people use for the same column.
const headerAliases: Record<string, string> = {
  name: 'name',
  asset: 'name',
  hostname: 'name',
  zone: 'zone',
  ip: 'ip',
  ip_address: 'ip',
  mac: 'mac',
  mac_address: 'mac',
  vendor: 'vendor',
  manufacturer: 'vendor',
  model: 'model',
  product: 'model',
  firmware: 'firmware_version',
  firmware_version: 'firmware_version',
  firmwareversion: 'firmware_version',
  criticality: 'criticality',
  tlp: 'tlp',
  shared_upward: 'shared_upward',
  sharedupward: 'shared_upward',
};

function normalizeHeader(h: string): string {
  const key = h.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return headerAliases[key] ?? key;
}

/** Parses an asset inventory CSV (header row first). Reports every problem with line and column. */
export function parseAssetCsv(text: string): CsvResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true });
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return { success: false, issues: [{ path: `line ${e.lines ?? 0}`, message: e.message, code: 'csv_syntax' }] };
  }
  const [header, ...rows] = records;
  if (header === undefined) {
    return { success: false, issues: [{ path: 'line 1', message: 'empty file: expected a header row', code: 'csv_empty' }] };
  }
  const columns = header.map(normalizeHeader);
  if (!columns.includes('name')) {
    return { success: false, issues: [{ path: 'line 1', message: 'a "name" column is required', code: 'csv_header' }] };
  }
  if (rows.length > MAX_CSV_ROWS) {
    return { success: false, issues: [{ path: 'file', message: `at most ${MAX_CSV_ROWS} rows per import`, code: 'too_big' }] };
  }
  const issues: ErrorDetail[] = [];
  const data: AssetInput[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const line = index + 2;
    const record: Record<string, string> = {};
    columns.forEach((col, i) => {
      const cell = cells[i];
      if (cell !== undefined && cell !== '') record[col] = cell;
    });
    const parsed = assetCsvRow.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = issue.path.length > 0 ? issue.path.join('.') : (issue as { keys?: string[] }).keys?.join(',') ?? '';
        issues.push({ path: `line ${line}: ${column}`, message: issue.message, code: issue.code });
      }
      return;
    }
    const previous = seen.get(parsed.data.name);
    if (previous !== undefined) {
      issues.push({ path: `line ${line}: name`, message: `duplicate of line ${previous}`, code: 'duplicate' });
      return;
    }
    seen.set(parsed.data.name, line);
    const r = parsed.data;
    data.push({
      name: r.name,
      zone: r.zone ?? null,
      ip: r.ip ?? null,
      mac: r.mac ?? null,
      vendor: r.vendor ?? null,
      model: r.model ?? null,
      firmwareVersion: r.firmware_version ?? null,
      ...(r.criticality === undefined ? {} : { criticality: r.criticality }),
      ...(r.tlp === undefined ? {} : { tlp: r.tlp }),
      ...(r.shared_upward === undefined ? {} : { sharedUpward: r.shared_upward }),
    });
  });
  return issues.length > 0 ? { success: false, issues } : { success: true, data };
}
