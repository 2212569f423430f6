// The write path: validated objects in, batches of versions out (one jsonb_to_recordset insert per
// batch), with deduplication, provenance, contradictions and the latest-version flag kept up to date.
import { refreshStatistics, type Database, type Db } from '../../storage/index.js';
import type { Tlp } from '../../platform/tlp.js';
import type { BundleItem } from './bundle-reader.js';
import {
  insertConflicts,
  beginBatch,
  insertProvenance,
  insertVersions,
  refreshLatest,
  reserveAddedUs,
  selectHoldings,
  type ConflictRow,
  type Holding,
  type ProvenanceRow,
  type VersionRow,
} from './intel.store.js';
import {
  confidenceOf,
  contentHash,
  endpointsOf,
  labelsOf,
  microsToTimestamp,
  patternKey,
  referencesOf,
  timestampToMicros,
  versionOf,
  type StixObject,
} from './stix-facts.js';
import { claimConflicts } from './contradictions.js';
import { voiceKey } from './corroboration.js';
import { checkObject, tlpOf } from './stix-port.js';
import type { Reliability } from './types.js';

export interface IngestOptions {
  readonly orgId: string;
  /** TLP of objects that carry no TLP marking. */
  readonly defaultTlp: Tlp;
  readonly sharedUpward: boolean;
  /** A named feed or source; '' when the organisation speaks for itself. */
  readonly source: string;
  readonly reliability: Reliability;
  /** Confidence of objects that state none. */
  readonly confidence: number | null;
  readonly createdBy: string;
  readonly batchSize?: number | undefined;
  /** Refuse objects the target does not accept (a TAXII collection's filter), with a reason. */
  readonly accept?: ((object: StixObject, tlp: Tlp) => string | null) | undefined;
}

export type OutcomeStatus = 'stored' | 'duplicate' | 'invalid' | 'contradiction' | 'refused';

export interface Outcome {
  readonly index: number;
  readonly status: OutcomeStatus;
  readonly id?: string | undefined;
  readonly version?: string | undefined;
  readonly issues?: readonly { readonly path: string; readonly code: string; readonly message: string }[] | undefined;
}

export interface IngestStats {
  objects: number;
  stored: number;
  duplicates: number;
  invalid: number;
  refused: number;
  contradictions: number;
  conflictsFlagged: number;
}

interface Candidate {
  readonly index: number;
  readonly object: StixObject;
  readonly id: string;
  readonly type: string;
  readonly version: string | undefined;
  readonly versionUs: number | undefined;
  readonly hash: string;
  readonly tlp: Tlp;
  readonly revoked: boolean;
  readonly labels: string[];
  readonly patternKey: string | null;
  readonly sourceRef: string | null;
  readonly targetRef: string | null;
  readonly refs: string[];
}

const ANALYZE_FIRST = 5000;
const YIELD_EVERY = 64;

const voiceOf = voiceKey;

/** Marking definitions are public definitions, whatever marks the objects that use them. */
function tlpFor(object: StixObject, fallback: Tlp): Tlp {
  if (object['type'] === 'marking-definition') return 'clear';
  return tlpOf(object) ?? fallback;
}

function candidateOf(index: number, value: unknown, options: IngestOptions): Candidate | Outcome {
  const checked = checkObject(value);
  if (!checked.success) {
    const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined;
    return { index, status: 'invalid', id, issues: checked.issues };
  }
  const object = checked.data;
  const id = object['id'] as string;
  const version = versionOf(object);
  const versionUs = version === undefined ? undefined : timestampToMicros(version);
  const tlp = tlpFor(object, options.defaultTlp);
  const refusal = options.accept?.(object, tlp) ?? null;
  if (refusal !== null) return { index, status: 'refused', id, version, issues: [{ path: '', code: 'refused', message: refusal }] };
  return {
    index,
    object,
    id,
    type: object['type'] as string,
    version,
    versionUs,
    hash: contentHash(object),
    tlp,
    revoked: object['revoked'] === true,
    // Worked out here, while the previous batch is being written, not inside the transaction.
    labels: labelsOf(object),
    patternKey: patternKey(object),
    ...endpointsOf(object),
    refs: referencesOf(object),
  };
}

function isOutcome(value: Candidate | Outcome): value is Outcome {
  return 'status' in value;
}

/** Writes one batch in one transaction; returns an outcome per candidate. */
async function writeBatch(db: Db, batch: readonly Candidate[], options: IngestOptions, stats: IngestStats): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await db.transaction().execute(async (trx) => {
    // Batches that write serialize on the clock row from here on, so what they read next is settled.
    await beginBatch(trx);
    const ids = [...new Set(batch.map((c) => c.id))];
    const holdings = await selectHoldings(trx, ids);
    const byId = new Map<string, Holding[]>();
    for (const h of holdings) {
      const list = byId.get(h.id);
      if (list === undefined) byId.set(h.id, [h]);
      else list.push(h);
    }
    const myVoice = voiceOf(options.orgId, options.source);
    const fresh: Candidate[] = [];
    const provenance: ProvenanceRow[] = [];
    const conflicts: ConflictRow[] = [];
    // Within the batch, the first occurrence of a version wins, like a stored one would.
    const seen = new Map<string, string>();
    for (const c of batch) {
      const held = byId.get(c.id) ?? [];
      const own = held.filter((h) => h.orgId === options.orgId);
      const key = c.versionUs === undefined ? `${c.id}#${c.hash}` : `${c.id}@${c.versionUs}`;
      const inBatch = seen.get(key);
      if (c.versionUs === undefined) {
        // Unversioned objects (most SCOs): the same content is the same object.
        if (inBatch !== undefined || own.some((h) => h.contentHash === c.hash)) {
          outcomes.push({ index: c.index, status: 'duplicate', id: c.id });
          const same = own.find((h) => h.contentHash === c.hash);
          if (same !== undefined && same.source !== options.source) provenance.push(provenanceRow(c.id, same.versionUs, options, c.object));
          continue;
        }
      } else {
        const mine = own.find((h) => h.versionUs === c.versionUs);
        const earlier = mine?.contentHash ?? inBatch;
        if (earlier !== undefined) {
          if (earlier === c.hash) {
            outcomes.push({ index: c.index, status: 'duplicate', id: c.id, version: c.version });
            // Another source confirming a version already held is kept for corroboration.
            if (mine !== undefined && mine.source !== options.source) provenance.push(provenanceRow(c.id, c.versionUs, options, c.object));
          } else {
            outcomes.push({
              index: c.index,
              status: 'contradiction',
              id: c.id,
              version: c.version,
              issues: [{ path: '', code: 'contradiction', message: `version ${c.version ?? ''} is already held with different content; kept the first` }],
            });
            conflicts.push({
              kind: 'content',
              object_id: c.id,
              version: c.version ?? '',
              org_id: options.orgId,
              source: options.source,
              other_org_id: options.orgId,
              other_source: mine?.source ?? options.source,
              detail: 'same id and modified with different content',
            });
          }
          continue;
        }
        // Another organisation holds this version with other content: both are kept, and flagged.
        for (const h of held) {
          if (h.orgId !== options.orgId && h.versionUs === c.versionUs && h.contentHash !== c.hash) {
            conflicts.push({
              kind: 'content',
              object_id: c.id,
              version: c.version ?? '',
              org_id: options.orgId,
              source: options.source,
              other_org_id: h.orgId,
              other_source: h.source,
              detail: 'same id and modified with different content',
            });
          }
        }
      }
      seen.set(key, c.hash);
      // One voice says revoked, an independent one holds it live.
      for (const h of held) {
        if (h.latest && voiceOf(h.orgId, h.source) !== myVoice && h.revoked !== c.revoked) {
          conflicts.push({
            kind: 'revoked',
            object_id: c.id,
            version: c.version ?? '',
            org_id: options.orgId,
            source: options.source,
            other_org_id: h.orgId,
            other_source: h.source,
            detail: c.revoked ? 'revoked here, held as valid elsewhere' : 'held as valid here, revoked elsewhere',
          });
        }
      }
      fresh.push(c);
    }

    const rows: VersionRow[] = [];
    if (fresh.length > 0) {
      const start = await reserveAddedUs(trx, fresh.length);
      // The newest version of each id, among what the organisation holds and what arrives now.
      const newest = new Map<string, number>();
      for (const h of holdings) if (h.orgId === options.orgId) newest.set(h.id, Math.max(newest.get(h.id) ?? -Infinity, h.versionUs));
      const heldBefore = new Set(newest.keys());
      const versionAt = fresh.map((c, i) => c.versionUs ?? start + i);
      fresh.forEach((c, i) => newest.set(c.id, Math.max(newest.get(c.id) ?? -Infinity, versionAt[i] ?? 0)));
      fresh.forEach((c, i) => {
        const added = start + i;
        const versionUs = versionAt[i] ?? added;
        const version = c.version ?? microsToTimestamp(added);
        rows.push({
          org_id: options.orgId,
          id: c.id,
          type: c.type,
          version,
          version_us: versionUs,
          added_us: added,
          spec_version: typeof c.object['spec_version'] === 'string' ? c.object['spec_version'] : '2.1',
          tlp: c.tlp,
          shared_upward: options.sharedUpward,
          confidence: confidenceOf(c.object) ?? options.confidence,
          source: options.source,
          reliability: options.reliability,
          revoked: c.revoked,
          latest: newest.get(c.id) === versionUs,
          labels: c.labels,
          pattern_key: c.patternKey,
          source_ref: c.sourceRef,
          target_ref: c.targetRef,
          refs: c.refs,
          content_hash: c.hash,
          object: c.object,
          created_by: options.createdBy,
        });
        outcomes.push({ index: c.index, status: 'stored', id: c.id, version });
      });
      await insertVersions(trx, rows);
      // Only ids the organisation held before can have an older version still marked latest.
      const older = [...new Set(rows.filter((r) => heldBefore.has(r.id)).map((r) => r.id))];
      if (older.length > 0) await refreshLatest(trx, options.orgId, older);
      conflicts.push(...(await claimConflicts(trx, rows, options)));
    }
    await insertProvenance(trx, provenance);
    await insertConflicts(trx, conflicts);
    stats.conflictsFlagged += conflicts.length;
  });
  return outcomes;
}

function provenanceRow(id: string, versionUs: number, options: IngestOptions, object: StixObject): ProvenanceRow {
  return {
    org_id: options.orgId,
    id,
    version_us: versionUs,
    source: options.source,
    reliability: options.reliability,
    confidence: confidenceOf(object) ?? options.confidence,
  };
}

export function emptyStats(): IngestStats {
  return { objects: 0, stored: 0, duplicates: 0, invalid: 0, refused: 0, contradictions: 0, conflictsFlagged: 0 };
}

/**
 * Validates and stores every object of the stream, in batches; invalid objects are reported with
 * their index and the rest goes on. Parsing the next batch overlaps writing the current one.
 * `stats` fills as it goes, so a caller still has the counts when the input breaks off.
 */
export async function ingest(
  database: Database,
  items: AsyncIterable<readonly BundleItem[]> | Iterable<readonly BundleItem[]>,
  options: IngestOptions,
  onOutcome: (outcome: Outcome) => void,
  stats: IngestStats = emptyStats(),
): Promise<IngestStats> {
  const size = options.batchSize ?? 4000;
  let batch: Candidate[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const report = (o: Outcome) => {
    if (o.status === 'stored') stats.stored++;
    else if (o.status === 'duplicate') stats.duplicates++;
    else if (o.status === 'invalid') stats.invalid++;
    else if (o.status === 'refused') stats.refused++;
    else stats.contradictions++;
    onOutcome(o);
  };
  // The planner's picture of a table that grows from empty goes stale fast; refresh it as it grows.
  let analyzeAt = ANALYZE_FIRST;
  const flush = async () => {
    const current = batch;
    batch = [];
    await inFlight;
    if (stats.stored >= analyzeAt) {
      analyzeAt *= 10;
      await refreshStatistics(database, ['intel_objects']);
    }
    inFlight = writeBatch(database.db, current, options, stats).then((outcomes) => outcomes.forEach(report));
    // Surface a failure on the next await rather than as an unhandled rejection.
    inFlight.catch(() => undefined);
  };
  try {
    let sinceYield = 0;
    for await (const group of items) {
      for (const item of group) {
        stats.objects++;
        // Let the batch being written take its turn: each of its round trips resumes on this thread.
        if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (item.kind === 'skipped') {
          report({ index: item.index, status: 'invalid', issues: [{ path: '', code: 'depth', message: item.message }] });
          continue;
        }
        const c = candidateOf(item.index, item.value, options);
        if (isOutcome(c)) report(c);
        else batch.push(c);
        if (batch.length >= size) await flush();
      }
    }
  } finally {
    // What was read before a broken input still goes in; the reader's error follows.
    if (batch.length > 0) await flush();
    await inFlight;
  }
  return stats;
}
