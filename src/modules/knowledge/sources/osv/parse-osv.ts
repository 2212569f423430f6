import { issuesFromSchema, parseJson, pointer } from '../json-pointer.js';
import type { AffectedClaim, Alias, CvssClaim, ImportIssue, ParseResult, ProductRef, SourceParser, VulnerabilityRecord } from '../types.js';
import { rangeClaims } from './osv-ranges.js';
import { osvVulnerability } from './schemas.js';
import type { OsvAffected, OsvSeverity, OsvVulnerability } from './schemas.js';

type Path = (string | number)[];
type IssueSink = (issue: Omit<ImportIssue, 'file'>) => void;

/**
 * OSV JSON → one VulnerabilityRecord per vulnerability. Accepts one OSV document, an array of
 * them, or an osv.dev query answer ({"vulns": [...]}).
 */
export const parseOsv: SourceParser = (input, file) => {
  try {
    return parseDocuments(input, file);
  } catch (e) {
    // Last line of defence for the "never throws" contract.
    return { records: [], issues: [{ file, pointer: '', message: `OSV importer failed: ${String(e)}`, severity: 'error' }] };
  }
};

function parseDocuments(input: string, file: string): ParseResult {
  const json = parseJson(input, file);
  if (!json.success) return { records: [], issues: [json.issue] };
  const docs = documentsIn(json.value);
  const issues: ImportIssue[] = [];
  const records: VulnerabilityRecord[] = [];
  const seen = new Set<string>();
  for (const { value, at } of docs) {
    const doc = osvVulnerability.safeParse(value);
    if (!doc.success) {
      issues.push(...issuesFromSchema(doc.error, file, at));
      continue;
    }
    const warn: IssueSink = (issue) => issues.push({ file, ...issue });
    if (doc.data.withdrawn !== undefined) {
      warn({ pointer: pointer(...at, 'withdrawn'), message: `${doc.data.id} was withdrawn on ${doc.data.withdrawn}: skipped`, severity: 'warning' });
      continue;
    }
    if (seen.has(doc.data.id)) {
      warn({ pointer: pointer(...at, 'id'), message: `${doc.data.id} appears twice: first one kept`, severity: 'warning' });
      continue;
    }
    seen.add(doc.data.id);
    records.push(toRecord(doc.data, at, warn));
  }
  return { records, issues };
}

function documentsIn(value: unknown): { value: unknown; at: Path }[] {
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, at: [i] }));
  if (typeof value === 'object' && value !== null && !('id' in value) && 'vulns' in value && Array.isArray(value.vulns)) {
    return (value.vulns as unknown[]).map((v, i) => ({ value: v, at: ['vulns', i] }));
  }
  return [{ value, at: [] }];
}

function toRecord(v: OsvVulnerability, at: Path, warn: IssueSink): VulnerabilityRecord {
  const affected = v.affected ?? [];
  const severities = [
    ...(v.severity ?? []).map((s, i) => ({ s, at: [...at, 'severity', i] })),
    ...affected.flatMap((a, j) => (a.severity ?? []).map((s, i) => ({ s, at: [...at, 'affected', j, 'severity', i] }))),
  ];
  return {
    kind: 'vulnerability',
    sourceRecordId: v.id,
    aliases: uniqueBy([aliasOf(v.id), ...(v.aliases ?? []).map(aliasOf)], (a) => `${a.scheme}:${a.value}`),
    ...(v.summary?.trim() && { title: v.summary.trim() }),
    ...(v.details?.trim() && { description: v.details.trim() }),
    cwes: uniqueBy(
      (v.database_specific?.cwe_ids ?? []).filter((c) => /^CWE-\d+$/i.test(c.trim())).map((c) => ({ id: c.trim().toUpperCase() })),
      (c) => c.id,
    ),
    cvss: uniqueBy(
      severities.flatMap(({ s, at: p }) => cvssOf(s, p, warn)),
      (c) => `${c.version} ${c.vector}`,
    ),
    affected: affected.flatMap((a, j) => affectedOf(a, [...at, 'affected', j], warn)),
    remediations: [],
    references: (v.references ?? []).map((r) => ({ url: r.url, ...(r.type !== undefined && { tags: [r.type] }) })),
    ...(v.published !== undefined && { published: v.published }),
    modified: v.modified,
  };
}

function cvssOf(s: OsvSeverity, at: Path, warn: IssueSink): CvssClaim[] {
  const vector = s.score.trim();
  const version = s.type === 'CVSS_V2' ? '2.0' : /^CVSS:(3\.0|3\.1|4\.0)\//.exec(vector)?.[1];
  const expected = { CVSS_V2: true, CVSS_V3: version === '3.0' || version === '3.1', CVSS_V4: version === '4.0' }[s.type];
  if (version !== undefined && expected === true) return [{ version: version as CvssClaim['version'], vector }];
  // Ubuntu priorities and the like are not vectors; Bulwark grades from CVSS vectors only.
  warn({ pointer: pointer(...at), message: `severity ${s.type} "${vector}" is not a CVSS vector Bulwark reads: skipped`, severity: 'warning' });
  return [];
}

function affectedOf(a: OsvAffected, at: Path, warn: IssueSink): AffectedClaim[] {
  const repo = a.ranges?.find((r) => r.type === 'GIT')?.repo;
  const product: ProductRef = a.package
    ? { vendor: a.package.ecosystem, product: a.package.name, ...(a.package.purl !== undefined && { purl: a.package.purl }) }
    : { vendor: '', product: repo ?? '' }; // package-less entries name a repository
  const claims: AffectedClaim[] = [];
  (a.ranges ?? []).forEach((r, i) => {
    const ranges = rangeClaims(r);
    if (ranges === undefined) warn({ pointer: pointer(...at, 'ranges', i, 'type'), message: `unknown range type ${r.type}: skipped`, severity: 'warning' });
    for (const range of ranges ?? []) claims.push({ product, range, status: 'affected' });
  });
  for (const version of a.versions ?? []) claims.push({ product, range: { kind: 'exact', version }, status: 'affected' });
  if (claims.length === 0) {
    warn({ pointer: pointer(...at), message: 'affected package lists no ranges or versions', severity: 'warning' });
    claims.push({ product, range: { kind: 'text', text: 'no versions listed' }, status: 'affected' });
  }
  return claims;
}

/** OSV ids and aliases: CVE and GHSA have their own schemes; PYSEC-, GO-, RUSTSEC- and the rest are OSV database ids. */
function aliasOf(id: string): Alias {
  const t = id.trim();
  if (/^CVE-\d{4}-\d{4,}$/i.test(t)) return { scheme: 'cve', value: t.toUpperCase() };
  if (/^GHSA(-[0-9a-z]{4}){3}$/i.test(t)) return { scheme: 'ghsa', value: `GHSA${t.slice(4).toLowerCase()}` };
  if (/^CNVD-\d{4}-\d+$/i.test(t)) return { scheme: 'cnvd', value: t.toUpperCase() };
  return { scheme: 'osv', value: t };
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
