import { type IssueSink, report, reportZod } from '../cve5/parse-elements.js';
import { parseJson } from '../json-pointer.js';
import type { SourceParser, SourceRecord, ThreatRecord, ThreatRelationRecord } from '../types.js';
import { type AttackObject, attackObjectSchema, stixBundleSchema, stixObjectHeadSchema, stixRelationshipSchema } from './schemas.js';

/** STIX types that become ThreatRecords. */
export const attackThreatTypes: ReadonlySet<string> = new Set([
  'attack-pattern',
  'x-mitre-tactic',
  'course-of-action',
  'intrusion-set',
  'malware',
  'tool',
  'x-mitre-asset',
  'x-mitre-data-source',
  'x-mitre-data-component',
  'campaign',
  // ATT&CK v18 detection model: relationships "detects" start from detection strategies.
  'x-mitre-detection-strategy',
  'x-mitre-analytic',
]);

/** Bundle bookkeeping, not knowledge: skipped without an issue. */
const bookkeepingTypes: ReadonlySet<string> = new Set(['identity', 'marking-definition', 'x-mitre-matrix', 'x-mitre-collection']);

const KILL_CHAIN = 'mitre-ics-attack';

/** ATT&CK ids live in the "mitre-attack" reference; some deprecated ICS objects still use "mitre-ics-attack". */
function attackReference(o: AttackObject) {
  const refs = o.external_references ?? [];
  return refs.find((r) => r.source_name === 'mitre-attack') ?? refs.find((r) => r.source_name === 'mitre-ics-attack');
}

function threatOf(o: AttackObject): ThreatRecord {
  const ref = attackReference(o);
  const phases = o.kill_chain_phases?.filter((p) => p.kill_chain_name === KILL_CHAIN).map((p) => p.phase_name);
  return {
    kind: 'threat',
    sourceRecordId: o.id,
    stixType: o.type,
    externalId: ref?.external_id,
    name: o.name,
    description: o.description,
    url: ref?.url,
    deprecated: o.x_mitre_deprecated === true || o.revoked === true,
    tactics: phases,
    shortName: o.x_mitre_shortname,
    platforms: o.x_mitre_platforms,
    modified: o.modified,
  };
}

function readObject(value: unknown, at: string, sink: IssueSink): SourceRecord | undefined {
  const head = stixObjectHeadSchema.safeParse(value);
  if (!head.success) {
    reportZod(sink, at, head.error, 'STIX object');
    return undefined;
  }
  const { type } = head.data;
  if (type === 'relationship') {
    const rel = stixRelationshipSchema.safeParse(value);
    if (!rel.success) {
      reportZod(sink, at, rel.error, 'relationship');
      return undefined;
    }
    // A withdrawn relationship no longer asserts anything, and ThreatRelationRecord cannot say "withdrawn".
    if (rel.data.revoked === true || rel.data.x_mitre_deprecated === true) return undefined;
    const record: ThreatRelationRecord = {
      kind: 'threat-relation',
      sourceRecordId: rel.data.id,
      sourceRef: rel.data.source_ref,
      targetRef: rel.data.target_ref,
      relationshipType: rel.data.relationship_type,
      description: rel.data.description,
    };
    return record;
  }
  if (bookkeepingTypes.has(type)) return undefined;
  if (!attackThreatTypes.has(type)) {
    report(sink, at, `unknown STIX type "${type}" skipped`, 'warning');
    return undefined;
  }
  const parsed = attackObjectSchema.safeParse(value);
  if (!parsed.success) {
    reportZod(sink, at, parsed.error, type);
    return undefined;
  }
  return threatOf(parsed.data);
}

/**
 * Parses a STIX 2.1 bundle of ATT&CK for ICS: objects become ThreatRecords, relationships
 * ThreatRelationRecords. Each object is validated on its own and reported at `/objects/<i>`.
 */
export const parseAttack: SourceParser = (input, file) => {
  const json = parseJson(input, file);
  if (!json.success) return { records: [], issues: [json.issue] };
  const sink: IssueSink = { file, issues: [] };
  const bundle = stixBundleSchema.safeParse(json.value);
  if (!bundle.success) {
    reportZod(sink, '', bundle.error, 'STIX bundle');
    return { records: [], issues: sink.issues };
  }
  const records: SourceRecord[] = [];
  bundle.data.objects.forEach((value: unknown, i) => {
    const record = readObject(value, `/objects/${i}`, sink);
    if (record !== undefined) records.push(record);
  });
  return { records, issues: sink.issues };
};
