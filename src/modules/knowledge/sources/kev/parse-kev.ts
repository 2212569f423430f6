import { issuesFromSchema, parseJson } from '../json-pointer.js';
import type { ImportIssue, ParseResult, ReferenceClaim, SourceParser, VulnerabilityRecord } from '../types.js';
import { kevCatalog, kevEntry } from './schemas.js';
import type { KevEntry } from './schemas.js';

/** KEV names products but no versions; correlation must report such a match as "unknown". */
export const KEV_UNSPECIFIED_RANGE = 'unspecified (KEV lists no versions)';

/** CISA KEV catalog (one document, all entries) → one VulnerabilityRecord per entry. */
export const parseKev: SourceParser = (input, file) => {
  try {
    return parseCatalog(input, file);
  } catch (e) {
    // Last line of defence for the "never throws" contract.
    return { records: [], issues: [{ file, pointer: '', message: `KEV importer failed: ${String(e)}`, severity: 'error' }] };
  }
};

function parseCatalog(input: string, file: string): ParseResult {
  const json = parseJson(input, file);
  if (!json.success) return { records: [], issues: [json.issue] };
  const catalog = kevCatalog.safeParse(json.value);
  if (!catalog.success) return { records: [], issues: issuesFromSchema(catalog.error, file, []) };

  const issues: ImportIssue[] = [];
  const records: VulnerabilityRecord[] = [];
  const seen = new Set<string>();
  const entries = catalog.data.vulnerabilities;
  entries.forEach((raw, i) => {
    const entry = kevEntry.safeParse(raw);
    if (!entry.success) return void issues.push(...issuesFromSchema(entry.error, file, ['vulnerabilities', i]));
    const record = toRecord(entry.data);
    if (seen.has(record.sourceRecordId)) {
      const message = `${record.sourceRecordId} is listed twice: first entry kept`;
      return void issues.push({ file, pointer: `/vulnerabilities/${i}/cveID`, message, severity: 'warning' });
    }
    seen.add(record.sourceRecordId);
    records.push(record);
  });
  const { count } = catalog.data;
  if (count !== undefined && count !== entries.length) {
    issues.push({ file, pointer: '/count', message: `catalog says ${count} entries but lists ${entries.length}`, severity: 'warning' });
  }
  return { records, issues };
}

function toRecord(e: KevEntry): VulnerabilityRecord {
  const cve = e.cveID.toUpperCase();
  const notes = e.notes?.trim() || undefined;
  return {
    kind: 'vulnerability',
    sourceRecordId: cve,
    aliases: [{ scheme: 'cve', value: cve }],
    title: e.vulnerabilityName,
    description: e.shortDescription,
    cwes: [...new Set((e.cwes ?? []).map((c) => c.toUpperCase()))].map((id) => ({ id })),
    cvss: [],
    affected: [{ product: { vendor: e.vendorProject, product: e.product }, range: { kind: 'text', text: KEV_UNSPECIFIED_RANGE }, status: 'affected' }],
    remediations: [],
    references: referencesIn(notes),
    kev: {
      dateAdded: e.dateAdded,
      knownRansomwareCampaignUse: e.knownRansomwareCampaignUse,
      requiredAction: e.requiredAction,
      ...(e.dueDate !== undefined && { dueDate: e.dueDate }),
      ...(notes !== undefined && { notes }),
    },
    published: e.dateAdded,
  };
}

/** KEV notes are mostly URLs separated by " ; " (sometimes ", "); each becomes a reference. */
function referencesIn(notes: string | undefined): ReferenceClaim[] {
  const urls = ((notes ?? '').match(/https?:\/\/[^\s;]+/g) ?? []).map(trimUrl);
  return [...new Set(urls)].map((url) => ({ url }));
}

/** Drops punctuation that ends the sentence, not the URL; a ")" stays when the URL opened one. */
function trimUrl(url: string): string {
  let u = url.replace(/[.,"'\]>]+$/, '');
  while (u.endsWith(')') && (u.match(/\(/g) ?? []).length < (u.match(/\)/g) ?? []).length) u = u.slice(0, -1).replace(/[.,"']+$/, '');
  return u;
}
