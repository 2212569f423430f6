import { v4 as uuidv4, validate as validUuid } from 'uuid';
import { InputError } from '../../../platform/errors.js';
import type {
  DraftAttackPattern,
  DraftBundle,
  DraftIndicator,
  DraftMeta,
  DraftNote,
  DraftObject,
  DraftOptions,
  DraftReport,
  DraftVulnerability,
  ExtractionTrace,
  IndustrialContext,
} from './draft-types.js';
import { stixPattern } from './stix-pattern.js';
import type { Extraction, Finding, IndicatorType } from './types.js';

const typeNames: Readonly<Record<IndicatorType, string>> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  domain: 'Domain',
  url: 'URL',
  email: 'E-mail address',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  cve: 'Vulnerability',
  'attack-technique': 'ATT&CK technique',
  'file-name': 'File name',
  vendor: 'Vendor',
  product: 'Product',
  protocol: 'Protocol',
};

// STIX timestamps: RFC 3339 in UTC with a "Z".
const stixTimestamp = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;

/** A STIX 2.1 bundle with a report and its indicators, vulnerabilities and attack patterns, all drafts. */
export function toDraftReport(extraction: Extraction, meta: DraftMeta, options: DraftOptions = {}): DraftBundle {
  const now = (options.now ?? new Date()).toISOString();
  const published = publishedTimestamp(meta.published, now);
  const createdBy = meta.createdBy;
  if (createdBy !== undefined && !isIdentityRef(createdBy)) {
    throw new InputError('createdBy must be a STIX identity id', [
      { path: 'createdBy', message: 'expected "identity--" followed by a UUID', code: 'invalid_ref' },
    ]);
  }
  if (meta.name.trim() === '') {
    throw new InputError('the report needs a name', [{ path: 'name', message: 'must not be empty', code: 'too_small' }]);
  }
  const common = (type: string): Common => ({
    spec_version: '2.1' as const,
    id: `${type}--${uuidv4()}`,
    created: now,
    modified: now,
    ...(createdBy !== undefined ? { created_by_ref: createdBy } : {}),
    x_bulwark_draft: true as const,
  });

  const objects: DraftObject[] = [];
  for (const f of extraction.findings) {
    const object = objectFor(f, common, now);
    if (object !== undefined) objects.push(object);
  }
  const context = industrialContext(extraction.findings);
  const reportCommon = common('report');
  if (objects.length === 0) {
    // A report must refer to at least one object: say that nothing was found.
    const note: DraftNote = {
      type: 'note',
      ...common('note'),
      abstract: 'No indicators found',
      content: 'Indicator extraction found no network, file, vulnerability or technique indicators in this report.',
      object_refs: [reportCommon.id],
    };
    objects.push(note);
  }
  const labels = [
    ...context.vendors.map((v) => `vendor:${v}`),
    ...context.products.map((p) => `product:${p}`),
    ...context.protocols.map((p) => `protocol:${p}`),
  ];
  const report: DraftReport = {
    type: 'report',
    ...reportCommon,
    name: meta.name.trim(),
    description:
      meta.description ?? 'Draft made by automatic indicator extraction: review every object before publishing.',
    report_types: ['threat-report'],
    published,
    object_refs: objects.map((o) => o.id),
    ...(labels.length > 0 ? { labels } : {}),
    x_bulwark_context: context,
    ...(extraction.truncated ? { x_bulwark_extraction_truncated: true as const } : {}),
  };
  return { type: 'bundle', id: `bundle--${uuidv4()}`, objects: [report, ...objects] };
}

/** The properties every drafted object shares. */
interface Common {
  readonly spec_version: '2.1';
  readonly id: string;
  readonly created: string;
  readonly modified: string;
  readonly created_by_ref?: string;
  readonly x_bulwark_draft: true;
}

function objectFor(
  f: Finding,
  common: (type: string) => Common,
  now: string,
): DraftIndicator | DraftVulnerability | DraftAttackPattern | undefined {
  const confidence = Math.round(f.confidence * 100);
  const trace = traceOf(f);
  if (f.type === 'cve') {
    return {
      type: 'vulnerability',
      ...common('vulnerability'),
      name: f.value,
      external_references: [{ source_name: 'cve', external_id: f.value }],
      confidence,
      x_bulwark_extraction: trace,
    };
  }
  if (f.type === 'attack-technique') {
    const ics = f.attackDomain === 'ics';
    return {
      type: 'attack-pattern',
      ...common('attack-pattern'),
      name: f.value,
      external_references: [
        {
          source_name: ics ? 'mitre-ics-attack' : 'mitre-attack',
          external_id: f.value,
          url: `https://attack.mitre.org/techniques/${f.value.replace('.', '/')}/`,
        },
      ],
      confidence,
      x_bulwark_extraction: trace,
    };
  }
  const pattern = stixPattern(f.type, f.value);
  if (pattern === undefined) return undefined;
  const original = f.occurrences[0]?.original ?? f.value;
  return {
    type: 'indicator',
    ...common('indicator'),
    name: `${typeNames[f.type]} ${f.value}`,
    description:
      `Extracted from the report text, written there as "${original}"` +
      (f.count > 1 ? ` (${f.count} mentions)` : '') +
      (f.documentation === true ? '; the value is in a range reserved for documentation.' : '.'),
    indicator_types: ['unknown'],
    pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: now,
    confidence,
    ...(f.documentation === true ? { labels: ['documentation-range'] } : {}),
    x_bulwark_extraction: trace,
  };
}

function traceOf(f: Finding): ExtractionTrace {
  return {
    finding_type: f.type,
    value: f.value,
    original: f.occurrences[0]?.original ?? f.value,
    offsets: f.occurrences.map((o) => [o.start, o.end] as const),
    count: f.count,
    defanged: f.occurrences.some((o) => o.defanged),
    ...(f.documentation === true ? { documentation: true as const } : {}),
  };
}

function industrialContext(findings: readonly Finding[]): IndustrialContext {
  const of = (type: IndicatorType) => findings.filter((f) => f.type === type).map((f) => f.value);
  return { vendors: of('vendor'), products: of('product'), protocols: of('protocol') };
}

function isIdentityRef(ref: string): boolean {
  return ref.startsWith('identity--') && validUuid(ref.slice('identity--'.length));
}

function publishedTimestamp(published: string | Date | undefined, now: string): string {
  if (published === undefined) return now;
  if (published instanceof Date) {
    if (Number.isNaN(published.getTime())) throw invalidPublished();
    return published.toISOString();
  }
  if (!stixTimestamp.test(published)) throw invalidPublished();
  return published;
}

function invalidPublished(): InputError {
  return new InputError('published must be a STIX timestamp', [
    { path: 'published', message: 'expected an RFC 3339 UTC timestamp such as 2024-05-01T12:00:00Z', code: 'invalid_timestamp' },
  ]);
}
