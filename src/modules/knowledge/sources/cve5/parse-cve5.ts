import { z } from 'zod';
import { parseJson, pointer } from '../json-pointer.js';
import type { AffectedClaim, CvssClaim, KevClaim, ReferenceClaim, RemediationCategory, RemediationClaim, SourceParser, VulnerabilityRecord } from '../types.js';
import { affectedClaims } from './affected.js';
import { mergeReferences, uniqueBy, utc } from './claims.js';
import { type IssueSink, parseElements, report, reportZod } from './parse-elements.js';
import {
  cveAffectedSchema,
  cveContainerSchema,
  cveContainersSchema,
  cveKevContentSchema,
  cveMetricSchema,
  cveProblemTypeSchema,
  cveRecordHeadSchema,
  cveReferenceSchema,
  cveTextSchema,
  cveVersionSchema,
} from './schemas.js';

type Cwe = VulnerabilityRecord['cwes'][number];
type Text = z.infer<typeof cveTextSchema>;

/** What one container (the CNA's or an ADP's) says. */
interface ContainerClaims {
  readonly title: string | undefined;
  readonly descriptions: readonly Text[];
  readonly cwes: readonly Cwe[];
  readonly cvss: readonly CvssClaim[];
  readonly affected: readonly AffectedClaim[];
  readonly references: readonly ReferenceClaim[];
  readonly remediations: readonly RemediationClaim[];
  readonly kev: KevClaim | undefined;
}

const cvssKeys = [
  ['cvssV4_0', '4.0'],
  ['cvssV3_1', '3.1'],
  ['cvssV3_0', '3.0'],
  ['cvssV2_0', '2.0'],
] as const;

const isEnglish = (lang: string) => /^en(-|$)/i.test(lang);

function english(texts: readonly Text[]): string | undefined {
  return (texts.find((t) => isEnglish(t.lang)) ?? texts[0])?.value.trim();
}

function cweOf(d: z.infer<typeof cveProblemTypeSchema>['descriptions'][number]): Cwe[] {
  const fromText = d.type === 'CWE' ? /^CWE-\d+/.exec(d.description ?? '')?.[0] : undefined;
  const id = d.cweId !== undefined && /^CWE-\d+$/.test(d.cweId) ? d.cweId : fromText;
  if (id === undefined) return []; // "CWE-noinfo", free-text problem types
  // "CWE-502 Deserialization of Untrusted Data" carries the name; other texts describe the impact instead.
  const name = d.description?.startsWith(`${id} `) ? d.description.slice(id.length + 1).trim() : undefined;
  return [name ? { id, name } : { id }];
}

function cvssOf(metric: z.infer<typeof cveMetricSchema>): CvssClaim[] {
  return cvssKeys.flatMap(([key, version]) => {
    const m = metric[key];
    return m === undefined ? [] : [{ version, vector: m.vectorString, baseScore: m.baseScore, severity: m.baseSeverity }];
  });
}

function kevOf(metrics: readonly { data: z.infer<typeof cveMetricSchema>; at: string }[], sink: IssueSink): KevClaim | undefined {
  for (const m of metrics) {
    if (m.data.other?.type !== 'kev') continue;
    const content = cveKevContentSchema.safeParse(m.data.other.content);
    if (content.success) return { dateAdded: content.data.dateAdded.slice(0, 10), knownRansomwareCampaignUse: 'Unknown' };
    report(sink, `${m.at}/other/content`, `KEV metric without a dateAdded: ${content.error.issues[0]?.message ?? ''}`, 'warning');
  }
  return undefined;
}

function remediationsOf(value: unknown, at: string, category: RemediationCategory, sink: IssueSink): RemediationClaim[] {
  const texts = parseElements(value, at, cveTextSchema, sink, 'remediation text').map((t) => t.data);
  return texts.filter((t) => isEnglish(t.lang)).map((t) => ({ category, details: t.value }));
}

function readContainer(raw: unknown, at: string, sink: IssueSink): ContainerClaims | undefined {
  const parsed = cveContainerSchema.safeParse(raw);
  if (!parsed.success) {
    reportZod(sink, at, parsed.error, 'container');
    return undefined;
  }
  const c = parsed.data;
  const metrics = parseElements(c.metrics, `${at}/metrics`, cveMetricSchema, sink, 'metric');
  const affected = parseElements(c.affected, `${at}/affected`, cveAffectedSchema, sink, 'affected entry').flatMap((entry) => {
    const versions = parseElements(entry.data.versions, `${entry.at}/versions`, cveVersionSchema, sink, 'version');
    return affectedClaims(entry.data, versions.map((v) => v.data));
  });
  return {
    title: c.title,
    descriptions: parseElements(c.descriptions, `${at}/descriptions`, cveTextSchema, sink, 'description').map((d) => d.data),
    cwes: parseElements(c.problemTypes, `${at}/problemTypes`, cveProblemTypeSchema, sink, 'problem type').flatMap((p) =>
      p.data.descriptions.flatMap(cweOf),
    ),
    cvss: metrics.flatMap((m) => cvssOf(m.data)),
    affected,
    references: parseElements(c.references, `${at}/references`, cveReferenceSchema, sink, 'reference').map(({ data }) => ({
      url: data.url,
      summary: data.name !== undefined && data.name !== data.url ? data.name : undefined,
      tags: data.tags,
    })),
    remediations: [
      ...remediationsOf(c.solutions, `${at}/solutions`, 'vendor_fix', sink),
      ...remediationsOf(c.workarounds, `${at}/workarounds`, 'workaround', sink),
    ],
    kev: kevOf(metrics, sink),
  };
}

function readRecord(value: unknown, at: string, sink: IssueSink): VulnerabilityRecord | undefined {
  const head = cveRecordHeadSchema.safeParse(value);
  if (!head.success) {
    reportZod(sink, at, head.error, 'CVE record');
    return undefined;
  }
  const meta = head.data.cveMetadata;
  if (meta.state.toUpperCase() === 'REJECTED') {
    report(sink, `${at}/cveMetadata/state`, `${meta.cveId} is REJECTED: no vulnerability record`, 'warning');
    return undefined;
  }
  const containers = cveContainersSchema.safeParse(head.data.containers);
  if (!containers.success) {
    reportZod(sink, `${at}/containers`, containers.error, `CVE record ${meta.cveId}`);
    return undefined;
  }
  const cna = readContainer(containers.data.cna, `${at}/containers/cna`, sink);
  if (cna === undefined) return undefined;
  // ADP containers (CISA Vulnrichment, the CVE Program) add CVSS, CWE, CPE-named products and references.
  const adp = parseElements(containers.data.adp, `${at}/containers/adp`, z.unknown(), sink, 'ADP container').flatMap(
    (a) => readContainer(a.data, a.at, sink) ?? [],
  );
  const all = [cna, ...adp];
  return {
    kind: 'vulnerability',
    sourceRecordId: meta.cveId,
    aliases: [{ scheme: 'cve', value: meta.cveId }],
    title: cna.title,
    description: english(cna.descriptions) ?? english(adp.flatMap((c) => c.descriptions)),
    cwes: uniqueBy(all.flatMap((c) => c.cwes), (c) => c.id),
    cvss: uniqueBy(all.flatMap((c) => c.cvss), (c) => JSON.stringify(c)),
    affected: uniqueBy(all.flatMap((c) => c.affected), (c) => JSON.stringify(c)),
    remediations: all.flatMap((c) => c.remediations),
    references: mergeReferences(all.flatMap((c) => c.references)),
    kev: all.find((c) => c.kev !== undefined)?.kev,
    published: utc(meta.datePublished),
    modified: utc(meta.dateUpdated),
  };
}

/**
 * Parses a CVE JSON 5 record, or a JSON array of them (bulk exports). Each record, container and list
 * element is validated on its own: a bad one is reported with its JSON pointer and skipped.
 */
export const parseCve5: SourceParser = (input, file) => {
  const json = parseJson(input, file);
  if (!json.success) return { records: [], issues: [json.issue] };
  const sink: IssueSink = { file, issues: [] };
  const records: VulnerabilityRecord[] = [];
  const read = (value: unknown, at: string) => {
    const record = readRecord(value, at, sink);
    if (record !== undefined) records.push(record);
  };
  if (Array.isArray(json.value)) {
    if (json.value.length === 0) report(sink, '', 'empty array: no CVE records', 'warning');
    json.value.forEach((v: unknown, i) => read(v, pointer(i)));
  } else if (typeof json.value === 'object' && json.value !== null) {
    read(json.value, '');
  } else {
    report(sink, '', 'expected a CVE JSON 5 record (an object) or an array of records');
  }
  return { records, issues: sink.issues };
};
