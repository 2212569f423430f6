// The TAXII 2.1 server's logic: collections over organisations' intelligence stores, read and write
// rights by organisation and role, filters and paging by date_added, add-objects with a status resource.
import type { Database } from '../../../storage/index.js';
import { requireRole, writerRoles, type Actor } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { newId, toIso } from '../../../platform/crypto.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../../platform/errors.js';
import { selectOrgById } from '../../../platform/orgs/org.store.js';
import { tlpLevels, tlpShareableUpward, type Tlp } from '../../../platform/tlp.js';
import { microsToTimestamp, timestampToMicros, type FeedQuery, type FeedScope, type IntelService, type RequestDetail, type StixObject, type VersionMatch } from '../index.js';
import { deleteCollection, insertCollection, selectCollection, selectCollections, selectOrgPaths, type CollectionRow } from './collection.store.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import { createFeedService } from './feeds.service.js';
import { STIX_MEDIA_TYPE } from './media.js';
import { allowEveryAddress, checkUrl, guardedWebFetch, refusePrivateAddress } from '../../../platform/remote-fetch.js';
import { createRemoteTaxii } from './remote.js';
import type { Collection, CollectionAccess, CollectionFilter, CollectionGrant, CollectionInput } from './types.js';

/** Query parameters as Fastify hands them over: a value, or several when repeated. */
export type TaxiiQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface TaxiiPage {
  /** The response body, already JSON text. */
  readonly body: string;
  readonly first: string | null;
  readonly last: string | null;
}

export interface TaxiiStatus {
  readonly id: string;
  readonly status: 'complete' | 'pending';
  readonly request_timestamp: string;
  readonly total_count: number;
  readonly success_count: number;
  readonly successes: readonly RequestDetail[];
  readonly failure_count: number;
  readonly failures: readonly RequestDetail[];
  readonly pending_count: number;
  readonly pendings: readonly RequestDetail[];
}

export interface TaxiiServiceOptions {
  /** Largest page served; larger `limit`s are cut to it. */
  readonly maxPageSize?: number | undefined;
  /** How feeds reach remote servers (tests pass their own). */
  readonly fetch?: typeof fetch | undefined;
  /** Whether URLs organisations give (feeds, remote browsing) may reach private and loopback addresses. */
  readonly allowPrivateUrls?: boolean | undefined;
  /** Seals feed credentials at rest. */
  readonly secrets: SecretBox;
}

const ALL_TLP = tlpLevels;

function values(query: TaxiiQuery, key: string): string[] | undefined {
  const raw = query[key];
  if (raw === undefined) return undefined;
  const list = (typeof raw === 'string' ? [raw] : [...raw]).flatMap((v) => v.split(',')).map((v) => v.trim());
  if (list.some((v) => v === '')) throw new InputError(`${key} has an empty value`, [{ path: key, message: 'comma-separated values, none empty' }]);
  return list;
}

function single(query: TaxiiQuery, key: string): string | undefined {
  const raw = query[key];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new InputError(`${key} is given more than once`, [{ path: key, message: 'give it once' }]);
  return raw;
}

function timestamp(value: string, path: string): number {
  const us = timestampToMicros(value);
  if (us === undefined) throw new InputError(`${path} is not a timestamp`, [{ path, message: 'RFC 3339 UTC timestamp, e.g. 2024-01-31T12:00:00.000Z' }]);
  return us;
}

function versionMatch(query: TaxiiQuery, fallback: 'last' | 'all'): VersionMatch {
  const list = values(query, 'match[version]') ?? [fallback];
  const at: number[] = [];
  let all = false;
  let last = false;
  let first = false;
  for (const v of list) {
    if (v === 'all') all = true;
    else if (v === 'last') last = true;
    else if (v === 'first') first = true;
    else at.push(timestamp(v, 'match[version]'));
  }
  return { all, last, first, at };
}

const encodeNext = (us: number) => Buffer.from(`n:${us}`).toString('base64url');

function decodeNext(token: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const n = text.startsWith('n:') ? Number(text.slice(2)) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new InputError('next is not a token this server gave', [{ path: 'next', message: 'pass back the next value of the previous page' }]);
  return n;
}

function tlpUpTo(max: Tlp | undefined): readonly Tlp[] {
  return max === undefined ? ALL_TLP : ALL_TLP.slice(0, ALL_TLP.indexOf(max) + 1);
}

function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    title: row.title,
    description: row.description,
    alias: row.alias,
    filter: parseJson<CollectionFilter>(row.filter),
    readers: parseJson<CollectionGrant[]>(row.readers),
    writers: parseJson<CollectionGrant[]>(row.writers),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
  };
}

export function createTaxiiService(database: Database, intel: IntelService, options: TaxiiServiceOptions) {
  const { db } = database;
  const maxPage = options.maxPageSize ?? 1000;

  function granted(actor: Actor, grants: readonly CollectionGrant[], paths: ReadonlyMap<string, string>): boolean {
    return grants.some((g) => {
      if (!g.roles.includes(actor.role)) return false;
      if (g.orgId === actor.orgId) return true;
      const path = paths.get(g.orgId);
      return g.descendants && path !== undefined && actor.orgPath.startsWith(path);
    });
  }

  async function accessAll(actor: Actor, rows: readonly CollectionRow[]): Promise<CollectionAccess[]> {
    const collections = rows.map(toCollection);
    const paths = await selectOrgPaths(db, [...new Set(collections.flatMap((c) => [...c.readers, ...c.writers].map((g) => g.orgId)))]);
    return collections.map((collection) => {
      const own = actor.kind === 'system' || actor.orgId === collection.orgId;
      const canRead = own || granted(actor, collection.readers, paths);
      const canWrite = (own && writerRoles.includes(actor.role)) || granted(actor, collection.writers, paths);
      // Other organisations never receive AMBER+STRICT or RED (ADR 002), whatever the grant says.
      const allowed = own ? ALL_TLP : tlpShareableUpward;
      const tlp = tlpUpTo(collection.filter.tlpMax).filter((t) => allowed.includes(t));
      return { collection, canRead, canWrite, tlp };
    });
  }

  /** The collection as the actor may use it; one they can neither read nor write does not exist for them. */
  async function access(actor: Actor, idOrAlias: string): Promise<CollectionAccess> {
    const row = await selectCollection(db, idOrAlias);
    const found = row === undefined ? undefined : (await accessAll(actor, [row]))[0];
    if (found === undefined || (!found.canRead && !found.canWrite)) throw new NotFoundError(`collection ${idOrAlias} not found`);
    return found;
  }

  async function readable(actor: Actor, idOrAlias: string): Promise<CollectionAccess> {
    const a = await access(actor, idOrAlias);
    if (!a.canRead) throw new NotAllowedError('you may not read this collection');
    return a;
  }

  function scopeOf(a: CollectionAccess): FeedScope {
    const f = a.collection.filter;
    return { orgId: a.collection.orgId, tlp: a.tlp, types: f.types, labels: f.labels, minConfidence: f.minConfidence, excludeRevoked: f.excludeRevoked };
  }

  function paging(query: TaxiiQuery): { afterUs: number | undefined; limit: number } {
    const addedAfter = single(query, 'added_after');
    const next = single(query, 'next');
    const limitText = single(query, 'limit');
    let limit = maxPage;
    if (limitText !== undefined) {
      const n = Number(limitText);
      if (!/^\d+$/.test(limitText) || !Number.isSafeInteger(n) || n < 1) throw new InputError('limit must be a positive whole number', [{ path: 'limit', message: 'e.g. limit=100' }]);
      limit = Math.min(n, maxPage);
    }
    const fromAdded = addedAfter === undefined ? undefined : timestamp(addedAfter, 'added_after');
    const fromNext = next === undefined ? undefined : decodeNext(next);
    const afterUs = fromAdded === undefined ? fromNext : fromNext === undefined ? fromAdded : Math.max(fromAdded, fromNext);
    return { afterUs, limit };
  }

  function feedQuery(query: TaxiiQuery, extra: Partial<FeedQuery>, versions: VersionMatch): FeedQuery {
    const { afterUs, limit } = paging(query);
    return { ids: values(query, 'match[id]'), types: values(query, 'match[type]'), versions, specVersions: values(query, 'match[spec_version]'), afterUs, limit, ...extra };
  }

  function envelope(rows: readonly { text: string }[], more: boolean, lastUs: number | undefined): string {
    const parts: string[] = [`"more":${more}`];
    if (more && lastUs !== undefined) parts.push(`"next":"${encodeNext(lastUs)}"`);
    if (rows.length > 0) parts.push(`"objects":[${rows.map((r) => r.text).join(',')}]`);
    return `{${parts.join(',')}}`;
  }

  function bounds(rows: readonly { added_us: string | number }[]): { first: string | null; last: string | null; lastUs: number | undefined } {
    const a = rows[0];
    const b = rows.at(-1);
    return {
      first: a === undefined ? null : microsToTimestamp(Number(a.added_us)),
      last: b === undefined ? null : microsToTimestamp(Number(b.added_us)),
      lastUs: b === undefined ? undefined : Number(b.added_us),
    };
  }

  function objectFilter(object: StixObject, tlp: Tlp, a: CollectionAccess): string | null {
    const f = a.collection.filter;
    if (f.types !== undefined && !f.types.includes(String(object['type']))) return `this collection takes ${f.types.join(', ')} only`;
    if (f.labels !== undefined) {
      const labels = Array.isArray(object['labels']) ? (object['labels'] as unknown[]) : [];
      if (!f.labels.some((l) => labels.includes(l))) return `this collection takes objects labelled ${f.labels.join(' or ')} only`;
    }
    if (!tlpUpTo(f.tlpMax).includes(tlp)) return `this collection takes TLP ${f.tlpMax ?? ''} or lower only`;
    return null;
  }

  async function ownerOrg(actor: Actor, orgId: string | undefined): Promise<string> {
    if (actor.kind === 'system') {
      if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation that owns the collection' }]);
      if ((await selectOrgById(db, orgId)) === undefined) throw new NotFoundError(`organisation ${orgId} not found`);
      return orgId;
    }
    if (orgId !== undefined && orgId !== actor.orgId) throw new NotAllowedError('collections are defined by your own organisation');
    return actor.orgId;
  }

  return {
    /** Remote collections this node pulls from or pushes to. */
    feeds: createFeedService(
      database,
      intel,
      {
        // The operator's own feeds go anywhere; an organisation's reach public addresses only (SSRF).
        operator: createRemoteTaxii(options.fetch),
        organisation: createRemoteTaxii(options.fetch ?? guardedWebFetch({ refuse: options.allowPrivateUrls === true ? allowEveryAddress : refusePrivateAddress })),
        check: options.fetch !== undefined || options.allowPrivateUrls === true ? async () => undefined : (url: string) => checkUrl(url, refusePrivateAddress),
      },
      options.secrets,
    ),

    /** Collections the actor can read or write. */
    async collections(actor: Actor): Promise<CollectionAccess[]> {
      return (await accessAll(actor, await selectCollections(db))).filter((a) => a.canRead || a.canWrite);
    },

    collection: access,

    async objects(actor: Actor, collectionId: string, query: TaxiiQuery): Promise<TaxiiPage> {
      const a = await readable(actor, collectionId);
      const { rows, more } = await intel.feed.page(scopeOf(a), feedQuery(query, {}, versionMatch(query, 'last')));
      const b = bounds(rows);
      return { body: envelope(rows, more, b.lastUs), first: b.first, last: b.last };
    },

    async object(actor: Actor, collectionId: string, objectId: string, query: TaxiiQuery): Promise<TaxiiPage> {
      const a = await readable(actor, collectionId);
      const scope = scopeOf(a);
      if (!(await intel.feed.has(scope, objectId))) throw new NotFoundError(`object ${objectId} not found in this collection`);
      const { rows, more } = await intel.feed.page(scope, feedQuery(query, { ids: [objectId], types: undefined }, versionMatch(query, 'last')));
      const b = bounds(rows);
      return { body: envelope(rows, more, b.lastUs), first: b.first, last: b.last };
    },

    async manifest(actor: Actor, collectionId: string, query: TaxiiQuery): Promise<TaxiiPage> {
      const a = await readable(actor, collectionId);
      const { rows, more } = await intel.feed.page(scopeOf(a), feedQuery(query, {}, versionMatch(query, 'last')), false);
      const b = bounds(rows);
      const records = rows.map((r) => ({ id: r.id, date_added: microsToTimestamp(Number(r.added_us)), version: r.version, media_type: STIX_MEDIA_TYPE }));
      const body: Record<string, unknown> = { more };
      if (more && b.lastUs !== undefined) body['next'] = encodeNext(b.lastUs);
      if (records.length > 0) body['objects'] = records;
      return { body: JSON.stringify(body), first: b.first, last: b.last };
    },

    async versions(actor: Actor, collectionId: string, objectId: string, query: TaxiiQuery): Promise<TaxiiPage> {
      const a = await readable(actor, collectionId);
      const scope = scopeOf(a);
      if (!(await intel.feed.has(scope, objectId))) throw new NotFoundError(`object ${objectId} not found in this collection`);
      const all: VersionMatch = { all: true, last: false, first: false, at: [] };
      const { rows, more } = await intel.feed.page(scope, feedQuery(query, { ids: [objectId], types: undefined }, all), false);
      const b = bounds(rows);
      const body: Record<string, unknown> = { more };
      if (more && b.lastUs !== undefined) body['next'] = encodeNext(b.lastUs);
      if (rows.length > 0) body['versions'] = rows.map((r) => r.version);
      return { body: JSON.stringify(body), first: b.first, last: b.last };
    },

    /** Adds the envelope's objects to the collection's organisation; answers with the status resource. */
    async add(actor: Actor, collectionId: string, body: unknown): Promise<TaxiiStatus> {
      const a = await access(actor, collectionId);
      if (!a.canWrite) throw new NotAllowedError('you may not write to this collection');
      const objects = (body as { objects?: unknown } | null)?.objects;
      if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(objects)) {
        throw new InputError('the body is a TAXII envelope with an objects list', [{ path: 'objects', message: 'send {"objects": [ ... ]}' }]);
      }
      const requestedAt = new Date();
      const { outcomes } = await intel.ingestObjects(actor, a.collection.orgId, objects, {
        // What another organisation pushes is that organisation's word.
        source: actor.orgId === a.collection.orgId ? '' : `taxii:${actor.orgId}`,
        accept: (object, tlp) => objectFilter(object, tlp, a),
      });
      const successes: RequestDetail[] = [];
      const failures: RequestDetail[] = [];
      for (const o of outcomes) {
        const detail = { id: o.id ?? '', version: o.version ?? '' };
        if (o.status === 'stored' || o.status === 'duplicate') successes.push(o.status === 'duplicate' ? { ...detail, message: 'already held' } : detail);
        else failures.push({ ...detail, message: (o.issues ?? []).map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ') || o.status });
      }
      const id = await intel.recordRequest(actor, { name: `taxii add to ${a.collection.title}`, collectionId: a.collection.id, total: objects.length, successes, failures, requestedAt });
      await recordAudit(db, actor, {
        action: 'taxii.add',
        targetType: 'taxii-collection',
        targetId: a.collection.id,
        orgId: a.collection.orgId,
        details: { status: id, total: objects.length, succeeded: successes.length, failed: failures.length },
      });
      return {
        id,
        status: 'complete',
        request_timestamp: requestedAt.toISOString(),
        total_count: objects.length,
        success_count: successes.length,
        successes,
        failure_count: failures.length,
        failures,
        pending_count: 0,
        pendings: [],
      };
    },

    async remove(actor: Actor, collectionId: string, objectId: string, query: TaxiiQuery): Promise<void> {
      const a = await access(actor, collectionId);
      if (!a.canWrite) throw new NotAllowedError('you may not delete from this collection');
      const scope = scopeOf(a);
      if (!(await intel.feed.has(scope, objectId))) throw new NotFoundError(`object ${objectId} not found in this collection`);
      await intel.feed.remove(actor, scope, objectId, versionMatch(query, 'all'), values(query, 'match[spec_version]'));
    },

    async status(actor: Actor, id: string): Promise<TaxiiStatus> {
      const r = await intel.getRequest(actor, id);
      return {
        id: r.id,
        status: r.status === 'pending' ? 'pending' : 'complete',
        request_timestamp: r.requestedAt.toISOString(),
        total_count: r.total,
        success_count: r.successes.length,
        successes: r.successes,
        failure_count: r.failures.length,
        failures: r.failures,
        pending_count: 0,
        pendings: [],
      };
    },

    // ---- defining collections (Bulwark's own API) ----

    async createCollection(actor: Actor, input: CollectionInput): Promise<Collection> {
      requireRole(actor, ['admin'], 'define TAXII collections');
      const orgId = await ownerOrg(actor, input.orgId);
      const grants = [...(input.readers ?? []), ...(input.writers ?? [])];
      const known = await selectOrgPaths(db, [...new Set(grants.map((g) => g.orgId))]);
      const unknown = grants.findIndex((g) => !known.has(g.orgId));
      if (unknown >= 0) throw new InputError('a grant names an unknown organisation', [{ path: 'readers/writers', message: `organisation ${grants[unknown]?.orgId ?? ''} does not exist` }]);
      if (input.alias !== undefined && (await selectCollection(db, input.alias)) !== undefined) throw new ConflictError(`a collection called ${input.alias} exists`);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await insertCollection(trx, {
          id,
          org_id: orgId,
          title: input.title,
          description: input.description ?? null,
          alias: input.alias ?? null,
          filter: JSON.stringify(input.filter ?? {}),
          readers: JSON.stringify(input.readers ?? []),
          writers: JSON.stringify(input.writers ?? []),
          created_by: actor.username,
        });
        await recordAudit(trx, actor, { action: 'taxii.collection.create', targetType: 'taxii-collection', targetId: id, orgId, details: { title: input.title } });
      });
      return (await access(actor, id)).collection;
    },

    async deleteCollection(actor: Actor, id: string): Promise<void> {
      requireRole(actor, ['admin'], 'remove TAXII collections');
      const a = await access(actor, id);
      if (actor.kind !== 'system' && a.collection.orgId !== actor.orgId) throw new NotAllowedError('only the owning organisation removes a collection');
      await db.transaction().execute(async (trx) => {
        await deleteCollection(trx, a.collection.id);
        await recordAudit(trx, actor, { action: 'taxii.collection.delete', targetType: 'taxii-collection', targetId: a.collection.id, orgId: a.collection.orgId, details: { title: a.collection.title } });
      });
    },
  };
}

export type TaxiiService = ReturnType<typeof createTaxiiService>;
