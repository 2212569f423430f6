import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../storage/index.js';
import { requireRole, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { toIso } from '../../platform/crypto.js';
import { InputError, NotAllowedError, NotFoundError } from '../../platform/errors.js';
import type { Tlp } from '../../platform/tlp.js';
import { assetVisibleTo, type AssetService } from '../assets/index.js';
import type { Enricher } from './enrich.js';
import { createExploreService } from './explore.service.js';
import { createExposureEngine, type ExposureHooks } from './exposure-engine.js';
import { createExposureService } from './exposure.service.js';
import { claimOwnership, createImporter, isBelow, type ImportDocument, type ImportOptions, type ImportReport, type RecordOwner } from './importer.js';
import { allowEveryAddress, checkUrl, guardedFetch, refusePrivateAddress } from '../../platform/remote-fetch.js';
import type { ImportIssue, SourceFormat, SourceParser, VulnerabilityRecord } from './sources/types.js';
import { createBatchWriter, shownScheme } from './batch-writer.js';
import { refreshVulnerabilities } from './refresh.js';
import type { HazardGrade, LifecycleState, Reliability, Source, Vulnerability, VulnerabilitySummary } from './types.js';
import { FACET_LIMIT, facetVulnerabilities, searchVulnerabilities, vulnVisibleTo, type SearchFilter, type SearchSort } from './vulnerability.store.js';

export interface SearchResult {
  readonly items: VulnerabilitySummary[];
  readonly total: number;
  readonly facets: Record<string, { value: string; count: number }[]>;
}

const iso = (d: Date | string | null) => (d === null ? null : toIso(d));
const day = (d: Date | string | null) => (d === null ? null : toIso(d).slice(0, 10));

/** Who may move a vulnerability from one lifecycle state to another. */
const transitions: Record<LifecycleState, Partial<Record<LifecycleState, readonly ('admin' | 'analyst')[]>>> = {
  collected: { verified: ['admin', 'analyst'], closed: ['admin'] },
  verified: { published: ['admin'], collected: ['admin', 'analyst'], closed: ['admin'] },
  published: { remediated: ['admin', 'analyst'], closed: ['admin'] },
  remediated: { closed: ['admin', 'analyst'], published: ['admin'] },
  closed: { published: ['admin'] },
};

export interface Submission {
  readonly title: string;
  readonly description: string;
  readonly cve?: string | undefined;
  readonly vendor: string;
  readonly product: string;
  readonly versions: string;
  readonly cvssVector?: string | undefined;
  readonly cwe?: string | undefined;
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
}

/** Where an organisation's imported records go: its TLP and whether its parents may see them. */
export interface Placement {
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
}

/** What the operator allows imports to reach (BULWARK_IMPORT_DIR, BULWARK_ALLOW_PRIVATE_URLS). */
export interface ImportSettings {
  /** Server paths users (admins) may import from; unset: none, only the local operator reads server files. */
  readonly dir?: string | undefined;
  /** Let users' URL imports reach loopback, link-local and private addresses. */
  readonly allowPrivateUrls?: boolean | undefined;
}

const isUrl = (location: string) => /^https?:\/\//i.test(location);

export function createKnowledgeService(
  database: Database,
  deps: { enrich: Enricher; parsers: Record<SourceFormat, SourceParser>; assets: AssetService; imports?: ImportSettings | undefined; exposures?: ExposureHooks | undefined },
) {
  const { db } = database;
  const settings = deps.imports ?? {};

  /** Platform-wide knowledge (shared records, source reliability, global correlation) belongs to the root organisation's admins. */
  async function isRootAdmin(actor: Actor): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (actor.role !== 'admin') return false;
    const org = await db.selectFrom('organisations').select('parent_id').where('id', '=', actor.orgId).executeTakeFirst();
    return org !== undefined && org.parent_id === null;
  }

  async function requireRootAdmin(actor: Actor, what: string): Promise<void> {
    if (!(await isRootAdmin(actor))) throw new NotAllowedError(`only admins of the root organisation may ${what}`);
  }

  /** Records imported by anyone but a root admin start as their organisation's submissions. */
  async function ownerFor(actor: Actor, placement: Placement): Promise<RecordOwner | undefined> {
    if (await isRootAdmin(actor)) return undefined;
    return { orgId: actor.orgId, username: actor.username, tlp: placement.tlp ?? 'amber', sharedUpward: placement.sharedUpward ?? true };
  }

  /** A server path a user may import: below the configured directory once links and ".." are resolved. */
  async function confinedPath(location: string): Promise<{ path: string; root: string }> {
    if (settings.dir === undefined) {
      throw new NotAllowedError('server paths are imported by the local operator (bulwark kb import); BULWARK_IMPORT_DIR is not set, so the server reads none for users');
    }
    const root = await realpath(settings.dir).catch(() => {
      throw new NotAllowedError('the import directory (BULWARK_IMPORT_DIR) is not available');
    });
    const outside = new NotAllowedError(`${location} is outside the import directory (BULWARK_IMPORT_DIR)`, [{ path: 'location', message: 'outside the import directory' }]);
    // Checked before touching the file system, so nothing outside is probed for existence.
    if (!isBelow(root, resolve(root, location))) throw outside;
    const path = await realpath(resolve(root, location)).catch(() => {
      throw new NotFoundError(`${location} not found in the import directory`);
    });
    if (!isBelow(root, path)) throw outside;
    return { path, root };
  }
  const importer = createImporter(database, deps.enrich, deps.parsers);
  const exposures = createExposureEngine(database, deps.enrich, deps.exposures);

  /** Every import ends the same way: audited, and the exposures of affected vendors' assets recomputed. */
  async function finishImport(actor: Actor, location: string, report: ImportReport): Promise<ImportReport> {
    await recordAudit(db, actor, { action: 'kb.import', targetType: 'kb_import', targetId: report.runId, details: { location, ...report.stats } });
    if (report.touched.length > 0) await exposures.recomputeForVulnerabilities(report.touched);
    return report;
  }

  async function visibleRow(actor: Actor, idOrAlias: string) {
    const id = idOrAlias.toUpperCase();
    // An identifier may name the shared record and organisations' own ones: the shared record first.
    const row = await db
      .selectFrom('kb_vulnerabilities as v')
      .selectAll('v')
      .where(sql<boolean>`v.id in (select ${id}::text union select a.vuln_id from kb_aliases a where a.value = ${id})`)
      .where(vulnVisibleTo(actor))
      .orderBy(sql`v.org_id is null`, 'desc')
      .orderBy('v.id')
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`vulnerability ${idOrAlias} not found`);
    return row;
  }

  async function get(actor: Actor, idOrAlias: string): Promise<Vulnerability> {
    const v = await visibleRow(actor, idOrAlias);
    const [aliases, claims, affected, remediations, references, advisories] = await Promise.all([
      db.selectFrom('kb_aliases').select(['scheme', 'value']).where('vuln_id', '=', v.id).orderBy('scheme').orderBy('value').execute(),
      db.selectFrom('kb_claims as c').innerJoin('kb_sources as s', 's.id', 'c.source_id').select(['c.field', 'c.source_id', 's.name', 's.reliability', 'c.source_record_id', 'c.value', 'c.observed_at']).where('c.vuln_id', '=', v.id).orderBy('c.field').orderBy('s.reliability').execute(),
      db.selectFrom('kb_affected as a').innerJoin('kb_products as p', 'p.id', 'a.product_id').innerJoin('kb_vendors as ve', 've.id', 'p.vendor_id').select(['a.id', 'a.product_id', 've.name as vendor', sql<string>`coalesce(a.product_text, p.name)`.as('product'), 'p.device_type', 'a.range_text', 'a.parsed', 'a.status', 'a.source_id', 'a.grp', 'a.platform_only']).where('a.vuln_id', '=', v.id).orderBy('ve.name').orderBy('p.name').execute(),
      db.selectFrom('kb_remediations').select(['category', 'details', 'url', 'source_id', 'product_ids']).where('vuln_id', '=', v.id).orderBy('id').execute(),
      db.selectFrom('kb_references').select(['url', 'summary', 'source_id']).where('vuln_id', '=', v.id).orderBy('url').execute(),
      db.selectFrom('kb_advisories').select(['id', 'title']).where(sql<boolean>`${v.id} = any(vuln_ids)`).orderBy('id').execute(),
    ]);
    const conflicts = (typeof v.conflicts === 'string' ? JSON.parse(v.conflicts) : v.conflicts) as Vulnerability['conflicts'];
    const shown = displayedClaims(claims.map((c) => ({ field: c.field, sourceId: c.source_id, reliability: c.reliability, observedAt: new Date(c.observed_at) })));
    return {
      id: v.id,
      aliases: aliases.map((a) => ({ scheme: shownScheme(a.scheme) as VulnerabilitySummary['aliases'][number]['scheme'], value: a.value })),
      title: v.title,
      description: v.description,
      published: iso(v.published),
      modified: iso(v.modified),
      cvssScore: v.cvss_score,
      cvssVersion: v.cvss_version,
      cvssVector: v.cvss_vector,
      grade: v.grade as HazardGrade | null,
      gbtGrade: v.gbt_grade,
      causeCategory: v.cause_category,
      cwes: v.cwes,
      kev: v.kev,
      kevDateAdded: day(v.kev_date_added),
      kevDueDate: day(v.kev_due_date),
      kevRansomware: v.kev_ransomware,
      hasFix: v.has_fix,
      vendors: v.vendors,
      products: v.products,
      deviceTypes: v.device_types,
      lifecycle: v.lifecycle as LifecycleState,
      conflicts,
      claims: claims.map((c, i) => ({
        field: c.field,
        sourceId: c.source_id,
        sourceName: c.name,
        reliability: c.reliability as Reliability,
        sourceRecordId: c.source_record_id,
        value: c.value, // jsonb arrives decoded from both drivers
        observedAt: toIso(c.observed_at),
        displayed: shown.has(i),
      })),
      affected: affected.map((a) => ({ id: String(a.id), productId: a.product_id, vendor: a.vendor, product: a.product, deviceType: a.device_type, rangeText: a.range_text, parsed: a.parsed, status: a.status, sourceId: a.source_id, group: a.grp, platformOnly: a.platform_only })),
      remediations: remediations.map((r) => ({ category: r.category as Vulnerability['remediations'][number]['category'], details: r.details, url: r.url, sourceId: r.source_id, productIds: r.product_ids })),
      references: references.map((r) => ({ url: r.url, summary: r.summary, sourceId: r.source_id })),
      advisories,
      orgId: v.org_id,
      tlp: v.tlp as Tlp,
    };
  }

  return {
    get,

    async search(actor: Actor, filter: SearchFilter, options: { sort?: SearchSort | undefined; limit?: number | undefined; offset?: number | undefined } = {}): Promise<SearchResult> {
      const limit = options.limit ?? 25;
      const [rows, facetRows] = await Promise.all([
        searchVulnerabilities(db, actor, filter, options.sort ?? 'relevance', limit, options.offset ?? 0),
        facetVulnerabilities(db, actor, filter),
      ]);
      const facets: Record<string, { value: string; count: number }[]> = {};
      let total = 0;
      for (const r of facetRows) {
        if (r.facet === 'total') total = Number(r.n);
        else (facets[r.facet] ??= []).push({ value: r.value ?? '', count: Number(r.n) });
      }
      for (const key of Object.keys(facets)) facets[key] = (facets[key] ?? []).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, FACET_LIMIT);
      return {
        total,
        facets,
        items: rows.map((r) => ({
          id: r.id,
          aliases: r.aliases.map((a) => {
            const [scheme, ...rest] = a.split(':');
            return { scheme: shownScheme(scheme ?? '') as VulnerabilitySummary['aliases'][number]['scheme'], value: rest.join(':') };
          }),
          title: r.title,
          cvssScore: r.cvss_score,
          cvssVersion: r.cvss_version,
          grade: r.grade as HazardGrade | null,
          kev: r.kev,
          hasFix: r.has_fix,
          vendors: r.vendors,
          // The first products, for telling records apart in a list.
          products: r.products.slice(0, 3),
          published: iso(r.published),
          lifecycle: r.lifecycle as LifecycleState,
        })),
      };
    },

    /**
     * Imports a file, a directory or a URL (admins and analysts). Server paths are the local
     * operator's, and for admins only below BULWARK_IMPORT_DIR; URLs never reach private addresses
     * unless the operator allows it. What a non-root organisation imports becomes its submissions.
     */
    async importFrom(actor: Actor, location: string, format?: SourceFormat, placement: Placement = {}): Promise<ImportReport> {
      requireRole(actor, ['admin', 'analyst'], 'import knowledge');
      const common: ImportOptions = { format, actor: actor.username, orgId: actor.kind === 'system' ? null : actor.orgId, owner: await ownerFor(actor, placement) };
      if (isUrl(location)) {
        const policy = actor.kind === 'system' || settings.allowPrivateUrls === true ? allowEveryAddress : refusePrivateAddress;
        await checkUrl(location, policy);
        return finishImport(actor, location, await importer.run(location, { ...common, fetch: guardedFetch({ refuse: policy }) }));
      }
      const fetch = guardedFetch();
      if (actor.kind === 'system') {
        await stat(location).catch(() => {
          throw new NotFoundError(`${location} not found`);
        });
        return finishImport(actor, location, await importer.run(location, { ...common, fetch }));
      }
      requireRole(actor, ['admin'], 'import from server paths');
      const { path, root } = await confinedPath(location);
      return finishImport(actor, location, await importer.run(path, { ...common, root, fetch }));
    },

    /** Imports an uploaded document (CSAF, CVE 5, NVD, OSV, KEV, ATT&CK bundle, CNVD XML). */
    async importDocument(actor: Actor, name: string, text: string, format?: SourceFormat, placement: Placement = {}): Promise<ImportReport> {
      requireRole(actor, ['admin', 'analyst'], 'import knowledge');
      const owner = await ownerFor(actor, placement);
      return finishImport(actor, `upload:${name}`, await importer.runText(name, text, { format, actor: actor.username, orgId: actor.kind === 'system' ? null : actor.orgId, owner }));
    },

    /** Runs of one's organisation; admins also those below it; the operator's runs for root admins. */
    /**
     * Many documents in one run (an unpacked archive, a feed's fetch), under the same rules as an upload:
     * a root admin's (or the operator's) become shared knowledge, anyone else's their organisation's submissions.
     */
    async importDocuments(actor: Actor, location: string, docs: AsyncIterable<ImportDocument>, options: { format?: SourceFormat | undefined; placement?: Placement; issues?: ImportIssue[] } = {}): Promise<ImportReport> {
      requireRole(actor, ['admin', 'analyst'], 'import knowledge');
      const owner = await ownerFor(actor, options.placement ?? {});
      const report = await importer.runDocuments(docs, location, { format: options.format, actor: actor.username, orgId: actor.kind === 'system' ? null : actor.orgId, owner }, options.issues);
      return finishImport(actor, location, report);
    },
    /** Whether the actor administers platform-wide knowledge (the operator, or an admin of the root organisation). */
    isRootAdmin,
    async importRuns(actor: Actor, limit = 50) {
      requireRole(actor, ['admin', 'analyst'], 'read import runs');
      const rootAdmin = await isRootAdmin(actor);
      let query = db.selectFrom('kb_import_runs as r').selectAll('r');
      if (actor.kind !== 'system') {
        query = query.where((eb) =>
          eb.or([
            eb('r.org_id', '=', actor.orgId),
            ...(actor.role === 'admin' ? [eb.exists(eb.selectFrom('organisations as o').select('o.id').whereRef('o.id', '=', 'r.org_id').where('o.path', 'like', `${actor.orgPath}_%`))] : []),
            ...(rootAdmin ? [eb('r.org_id', 'is', null)] : []),
          ]),
        );
      }
      const rows = await query.orderBy('r.started_at', 'desc').limit(limit).execute();
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as unknown;
      return rows.map((r) => ({ id: r.id, format: r.format, location: r.location, status: r.status, actor: r.actor, startedAt: toIso(r.started_at), finishedAt: r.finished_at === null ? null : toIso(r.finished_at), stats: parse(r.stats), issues: parse(r.issues) }));
    },

    async sources(): Promise<Source[]> {
      await importer.ensureSources();
      const rows = await db.selectFrom('kb_sources').selectAll().orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, format: r.format, reliability: r.reliability as Reliability }));
    },

    /** Changing a source's reliability re-decides every displayed value it contributes to. */
    async setReliability(actor: Actor, sourceId: string, reliability: Reliability): Promise<Source> {
      await requireRootAdmin(actor, 'change source reliability');
      await importer.ensureSources();
      const updated = await db.updateTable('kb_sources').set({ reliability }).where('id', '=', sourceId).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new NotFoundError(`source ${sourceId} not found`);
      const ids = await db.selectFrom('kb_claims').select('vuln_id').distinct().where('source_id', '=', sourceId).execute();
      await db.transaction().execute(async (trx) => {
        await refreshVulnerabilities(trx, ids.map((r) => r.vuln_id), deps.enrich);
        await recordAudit(trx, actor, { action: 'kb.source.reliability', targetType: 'kb_source', targetId: sourceId, details: { reliability } });
      });
      const row = await db.selectFrom('kb_sources').selectAll().where('id', '=', sourceId).executeTakeFirstOrThrow();
      return { id: row.id, name: row.name, format: row.format, reliability: row.reliability as Reliability };
    },

    async transition(actor: Actor, idOrAlias: string, to: LifecycleState, note?: string): Promise<Vulnerability> {
      const v = await visibleRow(actor, idOrAlias);
      const from = v.lifecycle as LifecycleState;
      const allowed = transitions[from][to];
      if (allowed === undefined) {
        throw new InputError(`cannot move from ${from} to ${to}`, [{ path: 'to', message: `allowed from ${from}: ${Object.keys(transitions[from]).join(', ')}` }]);
      }
      if (actor.kind !== 'system' && !(allowed as readonly string[]).includes(actor.role)) {
        throw new NotAllowedError(`role ${actor.role} may not move a vulnerability to ${to}`);
      }
      // Submitters do not verify or publish their own findings.
      if (actor.kind !== 'system' && v.org_id === actor.orgId && (to === 'verified' || to === 'published')) {
        throw new NotAllowedError('a submission is verified and published by a coordinating organisation, not by its submitter');
      }
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('kb_vulnerabilities').set({ lifecycle: to, updated_at: new Date() }).where('id', '=', v.id).execute();
        await trx.insertInto('kb_lifecycle_events').values({ vuln_id: v.id, from_state: from, to_state: to, actor: actor.username, org_id: actor.orgId === '' ? null : actor.orgId, note: note ?? null }).execute();
        await recordAudit(trx, actor, { action: 'kb.lifecycle', targetType: 'vulnerability', targetId: v.id, details: { from, to } });
      });
      return get(actor, v.id);
    },

    async history(actor: Actor, idOrAlias: string) {
      const v = await visibleRow(actor, idOrAlias);
      const rows = await db.selectFrom('kb_lifecycle_events').selectAll().where('vuln_id', '=', v.id).orderBy('id').execute();
      return rows.map((r) => ({ from: r.from_state, to: r.to_state, actor: r.actor, orgId: r.org_id, note: r.note, at: toIso(r.at) }));
    },

    /** An organisation reports a vulnerability it found; it starts as collected, visible upward for coordination. */
    async submit(actor: Actor, input: Submission): Promise<Vulnerability> {
      requireRole(actor, ['admin', 'analyst'], 'submit vulnerabilities');
      if (actor.kind === 'system') throw new InputError('submissions come from an organisation', []);
      await importer.ensureSources();
      const recordId = `${actor.orgId}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
      const record: VulnerabilityRecord = {
        kind: 'vulnerability',
        sourceRecordId: recordId,
        aliases: input.cve === undefined ? [] : [{ scheme: 'cve', value: input.cve.toUpperCase() }],
        title: input.title,
        description: input.description,
        cwes: input.cwe === undefined ? [] : [{ id: input.cwe.toUpperCase() }],
        cvss: input.cvssVector === undefined ? [] : [{ version: input.cvssVector.startsWith('CVSS:4.0') ? '4.0' : input.cvssVector.startsWith('CVSS:3.0') ? '3.0' : input.cvssVector.startsWith('CVSS:3.1') ? '3.1' : '2.0', vector: input.cvssVector }],
        affected: [{ product: { vendor: input.vendor, product: input.product }, range: { kind: 'text', text: input.versions }, status: 'affected' }],
        remediations: [],
        references: [],
        published: new Date().toISOString(),
      };
      const writer = createBatchWriter(deps.enrich);
      const id = await db.transaction().execute(async (trx) => {
        // Scoped: a submission naming a known CVE stays its own record, owned by the submitter until
        // published, so its text never shows on (or takes over) the shared record of that CVE.
        const result = await writer.write(trx, [{ sourceId: 'submission', record, hash: recordId, scope: actor.orgId }]);
        const vulnId = result.touched[0] ?? '';
        await claimOwnership(trx, [vulnId], { orgId: actor.orgId, username: actor.username, tlp: input.tlp ?? 'amber', sharedUpward: input.sharedUpward ?? true }, 'submitted');
        await refreshVulnerabilities(trx, [vulnId], deps.enrich);
        await recordAudit(trx, actor, { action: 'kb.submit', targetType: 'vulnerability', targetId: vulnId, details: { title: input.title } });
        return vulnId;
      });
      await exposures.recomputeForVulnerabilities([id]);
      return get(actor, id);
    },

    async exposuresOf(actor: Actor, assetId: string) {
      await deps.assets.get(actor, assetId);
      return exposures.forAsset(actor, assetId);
    },

    /** Every asset: the root organisation's admins. Given assets: those of one's organisation and below. */
    async correlate(actor: Actor, assetIds?: readonly string[]) {
      requireRole(actor, ['admin', 'analyst'], 'run correlation');
      if (assetIds === undefined) {
        await requireRootAdmin(actor, 'correlate every organisation’s assets (name the assets)');
        return exposures.recomputeAssets();
      }
      if (actor.kind === 'system') return exposures.recomputeAssets(assetIds);
      const own = await db
        .selectFrom('assets as a')
        .innerJoin('organisations as o', 'o.id', 'a.org_id')
        .select('a.id')
        .where(sql<boolean>`a.id = any(${[...assetIds]}::text[])`)
        // The assets' read rule: an asset the caller may not see is neither touched nor counted.
        .where(assetVisibleTo(actor))
        .execute();
      return exposures.recomputeAssets(own.map((r) => r.id));
    },

    recomputeAssets: (ids: readonly string[]) => exposures.recomputeAssets(ids),
    explore: createExploreService(database),
    /** Exposures paged and across assets, and people's decisions on them. */
    exposures: createExposureService(database, { assets: deps.assets }),
  };
}

/** Which claims are displayed: per field, the first in reliability order (cvss: all of the top source). */
function displayedClaims(claims: readonly { field: string; sourceId: string; reliability: string; observedAt: Date }[]): Set<number> {
  const best = new Map<string, number>();
  claims.forEach((c, i) => {
    const j = best.get(c.field);
    const b = j === undefined ? undefined : claims[j];
    if (b === undefined || c.reliability < b.reliability || (c.reliability === b.reliability && c.observedAt > b.observedAt)) best.set(c.field, i);
  });
  const shown = new Set(best.values());
  const cvssTop = best.get('cvss');
  if (cvssTop !== undefined) claims.forEach((c, i) => c.field === 'cvss' && c.sourceId === claims[cvssTop]?.sourceId && shown.add(i));
  return shown;
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
