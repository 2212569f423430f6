import type { z } from 'zod';
import { issuesFromSchema, parseJson, pointer } from '../json-pointer.js';
import { remediationCategories } from '../types.js';
import type {
  AdvisoryRecord,
  AffectedClaim,
  Alias,
  CvssClaim,
  ImportIssue,
  ParseResult,
  RemediationCategory,
  RemediationClaim,
  SourceParser,
  SourceRecord,
  VulnerabilityRecord,
} from '../types.js';
import { claimsFor, indexProductTree, refsFor } from './product-tree.js';
import type { ProductIndex } from './product-tree.js';
import { csafDocument, csafProductStatusLists, csafProductTree, csafVulnerability } from './schemas.js';
import type { CsafVulnerability, csafDocumentMeta, csafNote } from './schemas.js';

type Meta = z.infer<typeof csafDocumentMeta>;
type Note = z.infer<typeof csafNote>;

/** CSAF 2.0 advisory → one AdvisoryRecord plus one VulnerabilityRecord per vulnerabilities[] entry. */
export const parseCsaf: SourceParser = (input, file) => {
  try {
    return parseDocument(input, file);
  } catch (e) {
    // Last line of defence for the "never throws" contract; a bug here must not stop an import run.
    return { records: [], issues: [{ file, pointer: '', message: `CSAF importer failed: ${String(e)}`, severity: 'error' }] };
  }
};

function parseDocument(input: string, file: string): ParseResult {
  const json = parseJson(input, file);
  if (!json.success) return { records: [], issues: [json.issue] };
  const doc = csafDocument.safeParse(json.value);
  if (!doc.success) return { records: [], issues: issuesFromSchema(doc.error, file, []) };

  const issues: ImportIssue[] = [];
  const meta = doc.data.document;
  let index = indexProductTree(undefined);
  if (doc.data.product_tree !== undefined) {
    const tree = csafProductTree.safeParse(doc.data.product_tree);
    if (tree.success) index = indexProductTree(tree.data);
    else issues.push(...issuesFromSchema(tree.error, file, ['product_tree']));
  }

  const vulnerabilities: VulnerabilityRecord[] = [];
  (doc.data.vulnerabilities ?? []).forEach((raw, i) => {
    const v = csafVulnerability.safeParse(raw);
    if (!v.success) issues.push(...issuesFromSchema(v.error, file, ['vulnerabilities', i]));
    else vulnerabilities.push(toVulnerability(v.data, i, meta, index, (issue) => issues.push({ file, ...issue })));
  });

  const advisoryAlias = advisoryAliasOf(meta.tracking.id);
  const aliases = uniqueAliases(vulnerabilities.flatMap((v) => v.aliases)).filter((a) => a.value !== advisoryAlias.value);
  const records: SourceRecord[] = [toAdvisory(meta, aliases, index), ...vulnerabilities];
  return { records, issues };
}

function toAdvisory(meta: Meta, vulnerabilityAliases: readonly Alias[], index: ProductIndex): AdvisoryRecord {
  const id = meta.tracking.id;
  const self = (meta.references ?? []).filter((r) => r.category === 'self');
  // The canonical URL is the self reference to the JSON document itself (CSAF names it after the id).
  const canonical =
    self.find((r) => r.url.toLowerCase().endsWith(`/${id.toLowerCase()}.json`)) ?? self.find((r) => r.url.endsWith('.json')) ?? self[0];
  return compact({
    kind: 'advisory',
    sourceRecordId: id,
    id,
    title: meta.title,
    publisher: meta.publisher.name,
    published: meta.tracking.initial_release_date,
    modified: meta.tracking.current_release_date,
    tlp: meta.distribution?.tlp?.label,
    summary: notesText(meta.notes, ['summary']),
    url: canonical?.url,
    vulnerabilityAliases,
    products: index.refs,
  });
}

type IssueSink = (issue: Omit<ImportIssue, 'file'>) => void;

/**
 * A vulnerability's own title when it has one that says more than its CVE id; otherwise the
 * advisory's title (vendor and product) with the weakness: most CISA advisories give no title per
 * vulnerability, or repeat the CVE id.
 */
function titleOf(v: CsafVulnerability, cve: string | undefined, meta: Meta): string | undefined {
  const own = v.title?.trim();
  if (own !== undefined && own !== '' && own.toUpperCase() !== cve) return own;
  const weakness = v.cwe?.name?.trim();
  return weakness === undefined || weakness === '' ? meta.title : `${meta.title}: ${weakness}`;
}

function toVulnerability(v: CsafVulnerability, i: number, meta: Meta, index: ProductIndex, warn: IssueSink): VulnerabilityRecord {
  const id = meta.tracking.id;
  const cve = v.cve?.toUpperCase();
  // The advisory id is an alias as the contract asks, though it names the advisory, not this one flaw.
  const aliases = uniqueAliases([
    ...(cve !== undefined ? [{ scheme: 'cve', value: cve } as const] : []),
    advisoryAliasOf(id),
    ...(v.ids ?? []).map((x) => aliasOfId(x.text)),
  ]);
  return compact({
    kind: 'vulnerability',
    sourceRecordId: `${id}#${cve ?? i}`,
    aliases,
    title: titleOf(v, cve, meta),
    description: notesText(v.notes, ['description']) ?? notesText(v.notes, ['summary']),
    cwes: v.cwe === undefined ? [] : [compact({ id: v.cwe.id.toUpperCase(), name: v.cwe.name })],
    cvss: cvssOf(v),
    affected: affectedOf(v, i, index, warn),
    remediations: remediationsOf(v, i, index, warn),
    references: (v.references ?? []).map((r) => compact({ url: r.url, summary: r.summary, tags: r.category === undefined ? undefined : [r.category] })),
    // A vulnerability's own release date is more precise than the advisory's, when given.
    published: v.release_date ?? meta.tracking.initial_release_date,
    modified: meta.tracking.current_release_date,
    advisoryId: id,
  });
}

function cvssOf(v: CsafVulnerability): CvssClaim[] {
  const claims: CvssClaim[] = [];
  for (const s of v.scores ?? []) {
    if (s.cvss_v4) claims.push(compact({ version: '4.0', vector: s.cvss_v4.vectorString, baseScore: s.cvss_v4.baseScore, severity: s.cvss_v4.baseSeverity }));
    if (s.cvss_v3) {
      const version = s.cvss_v3.vectorString.startsWith('CVSS:3.1/') ? '3.1' : '3.0';
      claims.push(compact({ version, vector: s.cvss_v3.vectorString, baseScore: s.cvss_v3.baseScore, severity: s.cvss_v3.baseSeverity }));
    }
    if (s.cvss_v2) claims.push(compact({ version: '2.0', vector: s.cvss_v2.vectorString, baseScore: s.cvss_v2.baseScore }));
  }
  // Scores repeat per product set; the contract keeps one claim per vector.
  return unique(claims, (c) => `${c.version} ${c.vector}`);
}

function affectedOf(v: CsafVulnerability, i: number, index: ProductIndex, warn: IssueSink): AffectedClaim[] {
  const claims: AffectedClaim[] = [];
  for (const list of csafProductStatusLists) {
    (v.product_status?.[list] ?? []).forEach((productId, j) => {
      const found = claimsFor(index, productId, list);
      if (found !== undefined) claims.push(...found);
      else
        warn({
          pointer: pointer('vulnerabilities', i, 'product_status', list, j),
          message: `product_id ${productId} is not in the product tree: skipped`,
          severity: 'warning',
        });
    });
  }
  return unique(claims, (c) => JSON.stringify(c));
}

function remediationsOf(v: CsafVulnerability, i: number, index: ProductIndex, warn: IssueSink): RemediationClaim[] {
  const out: RemediationClaim[] = [];
  (v.remediations ?? []).forEach((r, j) => {
    if (!(remediationCategories as readonly string[]).includes(r.category)) {
      warn({ pointer: pointer('vulnerabilities', i, 'remediations', j, 'category'), message: `unknown remediation category "${r.category}": skipped`, severity: 'warning' });
      return;
    }
    const products = refsFor(index, r.product_ids ?? [], r.group_ids ?? []);
    out.push(compact({ category: r.category as RemediationCategory, details: r.details, url: r.url, products: products.length > 0 ? products : undefined }));
  });
  return out;
}

function notesText(notes: readonly Note[] | undefined, categories: readonly string[]): string | undefined {
  const texts = (notes ?? []).filter((n) => categories.includes(n.category)).map((n) => n.text.replace(/\r\n?/g, '\n').trim());
  const text = texts.filter((t) => t !== '').join('\n\n');
  return text === '' ? undefined : text;
}

function advisoryAliasOf(trackingId: string): Alias {
  return /^ICSM?A-\d/i.test(trackingId) ? { scheme: 'icsa', value: trackingId.toUpperCase() } : { scheme: 'vendor', value: trackingId };
}

/** CSAF ids[] entries (system_name/text): known id shapes get their scheme, the rest are vendor ids. */
function aliasOfId(text: string): Alias {
  const t = text.trim();
  const known: [RegExp, Alias['scheme']][] = [
    [/^CVE-\d{4}-\d+$/i, 'cve'],
    [/^CNVD-\d{4}-\d+$/i, 'cnvd'],
    [/^CNNVD-\d{6}-\d+$/i, 'cnnvd'],
    [/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i, 'ghsa'],
    [/^ICSM?A-\d/i, 'icsa'],
  ];
  const scheme = known.find(([re]) => re.test(t))?.[1];
  if (scheme === undefined) return { scheme: 'vendor', value: t };
  return { scheme, value: scheme === 'ghsa' ? `GHSA${t.slice(4).toLowerCase()}` : t.toUpperCase() };
}

function uniqueAliases(aliases: readonly Alias[]): Alias[] {
  return unique(aliases, (a) => `${a.scheme}:${a.value}`);
}

function unique<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** Drops undefined properties so records compare and serialize cleanly. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
