import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Alias, ImportIssue, ParseResult, ReferenceClaim, RemediationClaim, SourceParser, VulnerabilityRecord } from '../types.js';
import { dateOf, productRefOf, remediationCategoryOf, urlsIn } from './cnvd-text.js';
import { cnvdVulnerability } from './schemas.js';
import type { CnvdVulnerability } from './schemas.js';

type IssueSink = (issue: Omit<ImportIssue, 'file'>) => void;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // ids and versions stay strings ("1.10" is not 1.1)
  trimValues: true,
  htmlEntities: true, // CNVD descriptions carry &ldquo; and friends
  captureMetaData: true,
  isArray: (name) => name === 'vulnerability' || name === 'cve' || name === 'product',
});
const meta = XMLParser.getMetaDataSymbol() as unknown as PropertyKey;

/** CNVD XML export → one VulnerabilityRecord per <vulnerability>. Issues point at "line N". */
export const parseCnvd: SourceParser = (input, file) => {
  try {
    return parseExport(input, file);
  } catch (e) {
    // Last line of defence for the "never throws" contract.
    return { records: [], issues: [{ file, pointer: 'line 1', message: `CNVD importer failed: ${String(e)}`, severity: 'error' }] };
  }
};

function parseExport(input: string, file: string): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Validate first: the parser itself is forgiving, and a truncated export must not half-import.
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const at = col === undefined ? `line ${line}` : `line ${line} column ${col}`;
    return { records: [], issues: [{ file, pointer: `line ${line}`, message: `invalid XML at ${at}: ${msg}`, severity: 'error' }] };
  }
  const doc = parser.parse(text) as Record<string, unknown>;
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  const root = rootName === undefined ? undefined : doc[rootName];
  const items = typeof root === 'object' && root !== null && 'vulnerability' in root && Array.isArray(root.vulnerability) ? (root.vulnerability as unknown[]) : [];
  if (items.length === 0) {
    return { records: [], issues: [{ file, pointer: 'line 1', message: `no <vulnerability> elements under <${rootName ?? ''}>`, severity: 'warning' }] };
  }

  const lineAt = lineLocator(text);
  const issues: ImportIssue[] = [];
  const records: VulnerabilityRecord[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const start = typeof item === 'object' && item !== null ? (item as Record<PropertyKey, { startIndex?: number } | undefined>)[meta]?.startIndex : undefined;
    const where = `line ${start === undefined ? 1 : lineAt(start)}`;
    const warn: IssueSink = (issue) => issues.push({ file, ...issue });
    const v = cnvdVulnerability.safeParse(item);
    if (!v.success) {
      for (const e of v.error.issues) {
        const path = ['vulnerability', i + 1, ...e.path].map(String).join('/');
        warn({ pointer: where, message: `${path}: ${e.message}`, severity: 'error' });
      }
      return;
    }
    const record = toRecord(v.data, where, warn);
    if (seen.has(record.sourceRecordId)) {
      return void warn({ pointer: where, message: `${record.sourceRecordId} appears twice: first one kept`, severity: 'warning' });
    }
    seen.add(record.sourceRecordId);
    records.push(record);
  });
  return { records, issues };
}

function toRecord(v: CnvdVulnerability, where: string, warn: IssueSink): VulnerabilityRecord {
  const id = v.number.toUpperCase();
  const aliases: Alias[] = [{ scheme: 'cnvd', value: id }];
  for (const c of v.cves?.cve ?? []) {
    const cve = c.cveNumber?.trim() ?? '';
    if (/^CVE-\d{4}-\d{4,}$/i.test(cve)) aliases.push({ scheme: 'cve', value: cve.toUpperCase() });
    else if (cve !== '') warn({ pointer: where, message: `${id}: "${cve}" is not a CVE id: skipped`, severity: 'warning' });
  }
  const products = (v.products?.product ?? []).map((p) => p.trim()).filter((p) => p !== '');
  const published = dateOf(v.openTime) ?? dateOf(v.submitTime);
  for (const [tag, text] of [['openTime', v.openTime], ['submitTime', v.submitTime]] as const) {
    if (text !== undefined && text.trim() !== '' && dateOf(text) === undefined) warn({ pointer: where, message: `${id}: <${tag}> "${text.slice(0, 40)}" is not a date: ignored`, severity: 'warning' });
  }
  const description = v.description?.trim();
  // CNVD's 高/中/低 severity has no vector behind it; the unified grade comes from CVSS where a source has one.
  return {
    kind: 'vulnerability',
    sourceRecordId: id,
    aliases: aliases.filter((a, i) => aliases.findIndex((b) => b.value === a.value) === i),
    title: v.title,
    ...(description && { description }),
    cwes: [],
    cvss: [],
    affected: products.map((p) => ({ product: productRefOf(p), range: { kind: 'text', text: p }, status: 'affected' })),
    remediations: remediationsOf(v),
    references: referencesOf(v),
    ...(published !== undefined && { published }),
  };
}

function remediationsOf(v: CnvdVulnerability): RemediationClaim[] {
  const formal = v.formalWay?.trim() ?? '';
  const patch = [v.patchName?.trim(), v.patchDescription?.trim()].filter((s) => s !== undefined && s !== '').join(': ');
  // The patch fields only repeat the official fix, so they speak only when formalWay is silent.
  const details = formal !== '' ? formal : patch;
  if (details === '') return [];
  const url = urlsIn(details)[0];
  return [{ category: formal !== '' ? remediationCategoryOf(formal) : 'vendor_fix', details, ...(url !== undefined && { url }) }];
}

function referencesOf(v: CnvdVulnerability): ReferenceClaim[] {
  const urls = [...urlsIn(v.referenceLink), ...(v.cves?.cve ?? []).flatMap((c) => urlsIn(c.cveUrl))];
  return [...new Set(urls)].map((url) => ({ url }));
}

/** Maps a character offset to its 1-based line number. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
