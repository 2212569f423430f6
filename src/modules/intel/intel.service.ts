// The intelligence store's domain logic: imports (imports.service.ts), listing and reading under the
// visibility rule with corroborated confidence, exports with dependencies, feeds for TAXII, drafts
// from reports.
import type { Readable } from 'node:stream';
import type { Database } from '../../storage/index.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import type { Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import { InputError, NotFoundError } from '../../platform/errors.js';
import type { Tlp } from '../../platform/tlp.js';
import { BundleSyntaxError, readBundle } from './bundle-reader.js';
import { corroborate, voiceKey } from './corroboration.js';
import type { ExtractContext } from './extract/index.js';
import { extractReport, type ExtractRequest, type ExtractResponse } from './extract-report.js';
import { bundleText, exportObjects } from './exporter.js';
import { deleteFromFeed, feedHas, selectFeed, type FeedQuery, type FeedRow, type FeedScope, type VersionMatch } from './feed.store.js';
import { createImportService, MAX_REPORTED_ISSUES, type ImportServiceOptions } from './imports.service.js';
import { selectIndicatedTechniques, selectIndicatorChanges, selectIndicatorCount } from './indicator-feed.store.js';
import {
  allowedTlp,
  refreshLatest,
  selectConflictsOf,
  selectFacets,
  selectPage,
  selectRelationshipsOf,
  selectVersionsOf,
  selectVoices,
  type ListFilter,
  type StoredRow,
} from './intel.store.js';
import { endpointsOf, microsToTimestamp, timestampToMicros, type StixObject } from './stix-facts.js';
import { checkObject, redactFor } from './stix-port.js';
import type {
  ExportFilter,
  ImportIssue,
  IntelConflict,
  IntelListQuery,
  IntelObjectDetail,
  IntelObjectPage,
  IntelObjectSummary,
  Reliability,
} from './types.js';

export type { RequestDetail, RequestRecord } from './imports.service.js';

export interface IntelServiceOptions extends ImportServiceOptions {
  /** Vendor and product names known to the knowledge base, for report extraction (cached a while). */
  readonly extractContext?: (() => Promise<ExtractContext>) | undefined;
}

const CONTEXT_TTL_MS = 5 * 60_000;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const refType = (v: unknown): string => (typeof v === 'string' ? v.slice(0, Math.max(0, v.indexOf('--'))) || 'object' : 'object');

/** What a list shows for an object: its name or value, or for objects without one a phrase from their properties. */
export function displayName(object: StixObject): string | null {
  const named = text(object['name']) ?? text(object['value']);
  if (named !== undefined) return named;
  switch (object['type']) {
    case 'relationship':
      return `${refType(object['source_ref'])} ${text(object['relationship_type']) ?? 'related-to'} ${refType(object['target_ref'])}`;
    case 'sighting': {
      const count = typeof object['count'] === 'number' ? ` (${object['count']}×)` : '';
      return `sighting of ${refType(object['sighting_of_ref'])}${count}`;
    }
    case 'note':
      return text(object['abstract']) ?? 'note';
    case 'opinion':
      return text(object['opinion']) === undefined ? 'opinion' : `opinion: ${String(object['opinion'])}`;
    case 'observed-data':
      return typeof object['number_observed'] === 'number' ? `observed ${object['number_observed']}×` : 'observed data';
    case 'file': {
      const hashes = object['hashes'];
      const first = hashes !== null && typeof hashes === 'object' ? Object.entries(hashes as Record<string, unknown>)[0] : undefined;
      return first === undefined ? null : `${first[0]} ${String(first[1])}`;
    }
    default:
      return null;
  }
}

export function createIntelService(database: Database, options: IntelServiceOptions) {
  const { db } = database;
  const imports = createImportService(database, options);
  let context: { at: number; value: ExtractContext } | undefined;

  async function corroborated(actor: Actor, rows: readonly StoredRow[]): Promise<Map<StoredRow, { confidence: number; sources: number }>> {
    const ids = [...new Set(rows.map((r) => r.id))];
    const patterns = [...new Set(rows.map((r) => r.pattern_key).filter((p): p is string => p !== null))];
    const voices = await selectVoices(db, actor, ids, patterns);
    const out = new Map<StoredRow, { confidence: number; sources: number }>();
    for (const r of rows) {
      const claims = voices
        .filter((v) => v.id === r.id || (r.pattern_key !== null && v.pattern_key === r.pattern_key))
        .map((v) => ({ voice: voiceKey(v.org_id, v.source), confidence: v.confidence, reliability: v.reliability as Reliability, revoked: v.revoked }));
      out.set(r, corroborate({ voice: voiceKey(r.org_id, r.source), confidence: r.confidence }, claims));
    }
    return out;
  }

  function summaryOf(row: StoredRow, c: { confidence: number; sources: number }): IntelObjectSummary {
    const object = row.object as StixObject;
    return {
      id: row.id,
      type: row.type,
      name: displayName(object),
      version: row.version,
      orgId: row.org_id,
      orgName: row.org_name,
      tlp: row.tlp as Tlp,
      sharedUpward: row.shared_upward,
      confidence: row.confidence,
      displayedConfidence: c.confidence,
      sources: c.sources,
      source: row.source,
      reliability: row.reliability as Reliability,
      revoked: row.revoked,
      labels: row.labels,
      dateAdded: microsToTimestamp(Number(row.added_us)),
      ...endpointsOf(object),
      createdByRef: typeof object['created_by_ref'] === 'string' ? object['created_by_ref'] : null,
    };
  }

  function decodeCursor(cursor: string | undefined): number | undefined {
    if (cursor === undefined) return undefined;
    const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(n) || n <= 0) throw new InputError('invalid cursor', [{ path: 'cursor', message: 'pass back nextCursor unchanged' }]);
    return n;
  }

  function timestampParam(value: string | undefined, path: string): number | undefined {
    if (value === undefined) return undefined;
    const us = timestampToMicros(value);
    if (us === undefined) throw new InputError(`${path} is not a timestamp`, [{ path, message: 'RFC 3339 UTC timestamp, e.g. 2024-01-31T12:00:00Z' }]);
    return us;
  }

  function listFilter(query: IntelListQuery): ListFilter {
    return {
      types: query.type?.split(',').filter(Boolean),
      ids: query.id?.split(',').filter(Boolean),
      labels: query.label?.split(',').filter(Boolean),
      tlp: query.tlp === undefined ? undefined : [query.tlp],
      orgId: query.orgId,
      revoked: query.revoked,
      q: query.q,
      addedAfterUs: timestampParam(query.addedAfter, 'addedAfter'),
    };
  }

  return {
    ...imports,

    async list(actor: Actor, query: IntelListQuery = {}): Promise<IntelObjectPage> {
      const limit = query.limit ?? 50;
      const rows = await selectPage(db, actor, { ...listFilter(query), beforeUs: decodeCursor(query.cursor) }, limit + 1);
      const page = rows.slice(0, limit);
      const c = await corroborated(actor, page);
      const last = page.at(-1);
      return {
        items: page.map((r) => summaryOf(r, c.get(r) ?? { confidence: 0, sources: 0 })),
        nextCursor: rows.length > limit && last !== undefined ? Buffer.from(String(last.added_us)).toString('base64url') : null,
      };
    },

    /** How the objects the same filters select divide by type, TLP and label. */
    facets(actor: Actor, query: Omit<IntelListQuery, 'limit' | 'cursor'> = {}) {
      return selectFacets(db, actor, listFilter(query));
    },

    async get(actor: Actor, id: string): Promise<IntelObjectDetail> {
      const versions = await selectVersionsOf(db, actor, id);
      // Prefer the reader's own holding, then the newest version.
      const head = versions.find((v) => v.latest && v.org_id === actor.orgId) ?? versions.find((v) => v.latest);
      if (head === undefined) throw new NotFoundError(`intelligence object ${id} not found`);
      const c = await corroborated(actor, [head]);
      const relationships = await selectRelationshipsOf(db, actor, id, 500);
      const conflicts = await selectConflictsOf(db, actor, id);
      return {
        summary: summaryOf(head, c.get(head) ?? { confidence: 0, sources: 0 }),
        object: redactFor(head.object as StixObject, allowedTlp(actor, head.org_id)),
        versions: versions.map((v) => ({
          version: v.version,
          dateAdded: microsToTimestamp(Number(v.added_us)),
          orgId: v.org_id,
          orgName: v.org_name,
          source: v.source,
          reliability: v.reliability as Reliability,
          revoked: v.revoked,
          object: redactFor(v.object as StixObject, allowedTlp(actor, v.org_id)),
        })),
        relationships: relationships.map((r) => {
          const o = r.object as StixObject;
          const sourceRef = typeof o['source_ref'] === 'string' ? o['source_ref'] : typeof o['sighting_of_ref'] === 'string' ? o['sighting_of_ref'] : null;
          return {
            id: r.id,
            type: r.type,
            relationshipType: typeof o['relationship_type'] === 'string' ? o['relationship_type'] : null,
            sourceRef,
            targetRef: typeof o['target_ref'] === 'string' ? o['target_ref'] : null,
            direction: sourceRef === id ? ('outgoing' as const) : ('incoming' as const),
            orgId: r.org_id,
            revoked: r.revoked,
          };
        }),
        conflicts: conflicts.map(
          (x): IntelConflict => ({
            kind: x.kind as IntelConflict['kind'],
            version: x.version,
            orgId: x.org_id,
            source: x.source,
            otherOrgId: x.other_org_id,
            otherSource: x.other_source,
            detail: x.detail,
            detectedAt: toIso(x.detected_at),
          }),
        ),
      };
    },

    /** The selected objects and their dependencies, as the actor may receive them. */
    exportObjects(actor: Actor, filter: ExportFilter = {}): AsyncGenerator<StixObject, void, void> {
      timestampParam(filter.addedAfter, 'addedAfter');
      return exportObjects(db, actor, filter);
    },

    /** The same as a bundle's JSON text, chunk by chunk. */
    exportBundle(actor: Actor, filter: ExportFilter = {}): AsyncGenerator<string, void, void> {
      timestampParam(filter.addedAfter, 'addedAfter');
      return bundleText(exportObjects(db, actor, filter));
    },

    /** Checks a bundle without storing anything: every problem with the index and path of its object. */
    async validateBundle(input: Readable | AsyncIterable<Uint8Array | string>): Promise<{ valid: boolean; objects: number; issues: ImportIssue[]; issuesTruncated: boolean }> {
      const issues: ImportIssue[] = [];
      let count = 0;
      let objects = 0;
      const note = (i: ImportIssue) => {
        count++;
        if (issues.length < MAX_REPORTED_ISSUES) issues.push(i);
      };
      try {
        const reader = readBundle(input);
        for (;;) {
          const next = await reader.next();
          if (next.done === true) {
            const h = next.value;
            if (h.type !== undefined && h.type !== 'bundle') note({ index: -1, path: 'type', code: 'bundle', message: 'a bundle has type "bundle"' });
            break;
          }
          for (const item of next.value) {
            objects++;
            if (item.kind === 'skipped') {
              note({ index: item.index, path: '', code: 'depth', message: item.message });
              continue;
            }
            const checked = checkObject(item.value);
            if (!checked.success) {
              const id = (item.value as { id?: unknown } | null)?.id;
              for (const i of checked.issues) note({ index: item.index, id: typeof id === 'string' ? id : undefined, ...i });
            }
          }
        }
      } catch (e) {
        if (!(e instanceof BundleSyntaxError)) throw e;
        note({ index: -1, path: '', code: 'syntax', message: e.message });
      }
      return { valid: count === 0, objects, issues, issuesTruncated: count > issues.length };
    },

    /** An organisation's store as a date_added-ordered feed (TAXII collections). */
    feed: {
      /** A page of rows and whether more follow; objects as JSON text, granular parts the scope's TLP excludes removed. */
      async page(scope: FeedScope, query: FeedQuery, withObjects = true): Promise<{ rows: FeedRow[]; more: boolean }> {
        const rows = await selectFeed(db, scope, query, withObjects);
        const more = rows.length > query.limit;
        const page = rows.slice(0, query.limit).map((r) =>
          r.granular ? { ...r, text: JSON.stringify(redactFor(JSON.parse(r.text) as StixObject, scope.tlp)) } : r,
        );
        return { rows: page, more };
      },
      has: (scope: FeedScope, id: string) => feedHas(db, scope, id),
      /** Deletes matching versions of an object; the caller has authorized it (a collection's writers). */
      async remove(actor: Actor, scope: FeedScope, id: string, versions: VersionMatch, specVersions?: readonly string[]): Promise<number> {
        return db.transaction().execute(async (trx) => {
          const n = await deleteFromFeed(trx, scope, id, versions, specVersions);
          if (n > 0) {
            await refreshLatest(trx, scope.orgId, [id]);
            await recordAudit(trx, actor, { action: 'intel.delete', targetType: 'intel-object', targetId: id, orgId: scope.orgId, details: { versions: n } });
          }
          return n;
        });
      },
    },

    /** What detection's indicator stage reads (system use, no actor): changes after a cursor, the live count, indicated techniques. */
    indicatorFeed: {
      changes: (afterUs: number, limit: number) => selectIndicatorChanges(db, afterUs, limit),
      count: () => selectIndicatorCount(db),
      techniques: (orgId: string, ids: readonly string[]) => selectIndicatedTechniques(db, orgId, ids),
    },

    /** A draft STIX report from a plain-text, HTML or PDF report; nothing is stored. */
    async extract(actor: Actor, request: ExtractRequest): Promise<ExtractResponse> {
      void actor;
      if (options.extractContext !== undefined && (context === undefined || context.at + CONTEXT_TTL_MS < Date.now())) {
        context = { at: Date.now(), value: await options.extractContext() };
      }
      return extractReport(request, context?.value ?? {});
    },

  };
}

export type IntelService = ReturnType<typeof createIntelService>;
