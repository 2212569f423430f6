import { mergeReferences, uniqueBy, utc } from '../cve5/claims.js';
import { type IssueSink, parseElements, report, reportZod } from '../cve5/parse-elements.js';
import { parseJson } from '../json-pointer.js';
import type { CvssClaim, KevClaim, SourceParser, VulnerabilityRecord } from '../types.js';
import { configurationClaims } from './configurations.js';
import {
  type NvdCve,
  type NvdCvssMetric,
  nvdCveSchema,
  nvdCvssMetricSchema,
  nvdEntrySchema,
  nvdPageSchema,
  nvdReferenceSchema,
  nvdTextSchema,
  nvdWeaknessSchema,
} from './schemas.js';

type Cwe = VulnerabilityRecord['cwes'][number];

// Newest CVSS version first; within one version the Primary (NVD's own) score comes first.
const metricKeys = [
  ['cvssMetricV40', '4.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV2', '2.0'],
] as const;

const primaryFirst = <T extends { readonly type?: string | undefined }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => Number(b.type === 'Primary') - Number(a.type === 'Primary'));

function cvssOf(cve: NvdCve, at: string, sink: IssueSink): CvssClaim[] {
  const metrics = cve.metrics ?? {};
  const claims = metricKeys.flatMap(([key, version]) => {
    const parsed = parseElements(metrics[key], `${at}/metrics/${key}`, nvdCvssMetricSchema, sink, 'CVSS metric');
    return primaryFirst(parsed.map((m) => m.data)).map(
      (m: NvdCvssMetric): CvssClaim => ({
        version,
        vector: m.cvssData.vectorString,
        baseScore: m.cvssData.baseScore,
        severity: m.cvssData.baseSeverity ?? m.baseSeverity,
      }),
    );
  });
  // Primary and Secondary sources often print the same vector and score: one claim says it.
  return uniqueBy(claims, (c) => JSON.stringify(c));
}

function cwesOf(cve: NvdCve, at: string, sink: IssueSink): Cwe[] {
  const weaknesses = parseElements(cve.weaknesses, `${at}/weaknesses`, nvdWeaknessSchema, sink, 'weakness').map((w) => w.data);
  const ids = primaryFirst(weaknesses).flatMap((w) => w.description.map((d) => d.value));
  // NVD-CWE-noinfo / NVD-CWE-Other say "no CWE"; they are not CWE ids.
  return uniqueBy(ids.filter((id) => /^CWE-\d+$/.test(id)), (id) => id).map((id) => ({ id }));
}

function kevOf(cve: NvdCve): KevClaim | undefined {
  if (cve.cisaExploitAdd === undefined) return undefined;
  return {
    dateAdded: cve.cisaExploitAdd,
    dueDate: cve.cisaActionDue,
    requiredAction: cve.cisaRequiredAction,
    knownRansomwareCampaignUse: 'Unknown', // NVD does not carry KEV's ransomware flag
  };
}

function readCve(value: unknown, at: string, sink: IssueSink): VulnerabilityRecord | undefined {
  const parsed = nvdCveSchema.safeParse(value);
  if (!parsed.success) {
    reportZod(sink, at, parsed.error, 'NVD CVE record');
    return undefined;
  }
  const cve = parsed.data;
  if (cve.vulnStatus === 'Rejected') {
    report(sink, `${at}/vulnStatus`, `${cve.id} is Rejected: no vulnerability record`, 'warning');
    return undefined;
  }
  const descriptions = parseElements(cve.descriptions, `${at}/descriptions`, nvdTextSchema, sink, 'description').map((d) => d.data);
  return {
    kind: 'vulnerability',
    sourceRecordId: cve.id,
    aliases: [{ scheme: 'cve', value: cve.id }],
    // NVD has no title; the KEV vulnerability name is the only one it carries.
    title: cve.cisaVulnerabilityName,
    description: (descriptions.find((d) => d.lang === 'en') ?? descriptions[0])?.value.trim(),
    cwes: cwesOf(cve, at, sink),
    cvss: cvssOf(cve, at, sink),
    // Records awaiting analysis have no configurations: no affected claims, and that is no error.
    affected: configurationClaims(cve.configurations, `${at}/configurations`, sink),
    remediations: [],
    // The same URL comes once per submitting source (CNA, CISA ADP); ReferenceClaim has no place for the source.
    references: mergeReferences(
      parseElements(cve.references, `${at}/references`, nvdReferenceSchema, sink, 'reference').map(({ data }) => ({ url: data.url, tags: data.tags })),
    ),
    kev: kevOf(cve),
    published: utc(cve.published),
    modified: utc(cve.lastModified),
  };
}

/**
 * Parses NVD CVE API 2.0 data: one `cve` object (as the fkie-cad feeds store it), one
 * `vulnerabilities[]` entry (`{cve}`), or a whole API response page. Each record and list element
 * is validated on its own: a bad one is reported with its JSON pointer and skipped.
 */
export const parseNvd2: SourceParser = (input, file) => {
  const json = parseJson(input, file);
  if (!json.success) return { records: [], issues: [json.issue] };
  const sink: IssueSink = { file, issues: [] };
  const records: VulnerabilityRecord[] = [];
  const read = (value: unknown, at: string) => {
    const record = readCve(value, at, sink);
    if (record !== undefined) records.push(record);
  };
  const root = json.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    report(sink, '', 'expected an NVD CVE object or an NVD API response page (an object)');
  } else if ('vulnerabilities' in root) {
    const page = nvdPageSchema.safeParse(root);
    if (!page.success) reportZod(sink, '', page.error, 'NVD API page');
    else {
      const entries = parseElements(page.data.vulnerabilities, '/vulnerabilities', nvdEntrySchema, sink, 'vulnerability entry');
      for (const entry of entries) read(entry.data.cve, `${entry.at}/cve`);
    }
  } else if ('cve' in root) read(root.cve, '/cve');
  else read(root, '');
  return { records, issues: sink.issues };
};
