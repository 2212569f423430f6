// The filtered inventory as CSV, every page of it, written as it is read.
import type { Asset, AssetFilter, AssetPage } from './types.js';

export const exportColumns = ['name', 'organisation', 'zone', 'ip', 'mac', 'vendor', 'model', 'firmware_version', 'criticality', 'tlp', 'shared_upward', 'exposures', 'unknown', 'kev', 'highest_grade', 'updated_at'] as const;

/**
 * One CSV field: quoted when it holds a separator, quote or line break; a leading =, +, - or @
 * gets a quote mark so that spreadsheets read a device name as text, not as a formula.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(a: Asset): string {
  const cells = [a.name, a.orgName, a.zone, a.ip, a.mac, a.vendor, a.model, a.firmwareVersion, a.criticality, a.tlp, a.sharedUpward, a.exposure.affected, a.exposure.unknown, a.exposure.kev, a.exposure.highestGrade, a.updatedAt];
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** Header, then the rows of every page the list gives for the filter. */
export async function* assetCsv(list: (filter: AssetFilter) => Promise<AssetPage>, filter: AssetFilter, pageSize = 500): AsyncGenerator<string> {
  yield `${exportColumns.join(',')}\r\n`;
  let cursor: string | undefined;
  do {
    const page = await list({ ...filter, limit: pageSize, cursor });
    yield page.items.map(csvLine).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
