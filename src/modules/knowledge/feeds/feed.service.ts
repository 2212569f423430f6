// Scheduled knowledge feeds (ADR 010). Shared knowledge is the root organisation's: its admins (and the
// local operator) define and run feeds, its members see them, other organisations are refused. A run
// fetches through the guarded client, hands what is new to the importer as one import run, and keeps
// the feed's new position only when the whole run succeeded.
import { sql } from 'kysely';
import type { Database } from '../../../storage/index.js';
import type { Actor } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { newId, toIso } from '../../../platform/crypto.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { allowEveryAddress, checkUrl, guardedWebFetch, refusePrivateAddress } from '../../../platform/remote-fetch.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import type { ImportDocument } from '../importer.js';
import type { KnowledgeService } from '../knowledge.service.js';
import { NVD_CVES_PATH } from '../sources/nvd2/nvd-client.js';
import type { ImportIssue } from '../sources/types.js';
import { createFeedHttp } from './http.js';
import { feedReaders, type FeedRun } from './kinds.js';
import type { FeedKind, KbFeed, KbFeedInput, KbFeedOptions, KbFeedProgress, KbFeedRunResult, KbFeedState } from './types.js';

export interface KbFeedServiceOptions {
  readonly secrets: SecretBox;
  /** Let feeds reach loopback and private addresses (BULWARK_ALLOW_PRIVATE_URLS). */
  readonly allowPrivateUrls?: boolean | undefined;
  /** Largest response a feed accepts (an OSV ecosystem archive is the largest). */
  readonly maxBytes?: number | undefined;
  readonly logger?: Logger | undefined;
  /** Tests: the NVD rate limiter's clock and sleep. */
  readonly now?: (() => number) | undefined;
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** A run that has said nothing for this long is taken to have died with its process. */
const STALE_RUN_MS = 2 * 3_600_000;
const PROGRESS_EVERY_MS = 500;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

type Row = Awaited<ReturnType<ReturnType<typeof rowQuery>['executeTakeFirstOrThrow']>>;
const rowQuery = (database: Database) => database.db.selectFrom('kb_feeds').selectAll();

export function createKbFeedService(database: Database, knowledge: KnowledgeService, options: KbFeedServiceOptions) {
  const { db } = database;
  const now = options.now ?? Date.now;
  const policy = options.allowPrivateUrls === true ? allowEveryAddress : refusePrivateAddress;
  const webFetch = guardedWebFetch({ refuse: policy, maxBytes: options.maxBytes ?? 512 * 1024 * 1024, timeoutMs: 120_000 });
  /** Runs started in the background by this process (the console's "Run now"). */
  const background = new Set<Promise<unknown>>();

  async function inRootOrg(actor: Actor): Promise<boolean> {
    if (actor.kind === 'system') return true;
    const org = await db.selectFrom('organisations').select('parent_id').where('id', '=', actor.orgId).executeTakeFirst();
    return org !== undefined && org.parent_id === null;
  }

  async function requireReader(actor: Actor): Promise<void> {
    if (!(await inRootOrg(actor))) throw new NotAllowedError('knowledge feeds fill the shared knowledge base and belong to the root organisation; import documents or archives to submit your own');
  }

  async function requireAdmin(actor: Actor, what: string): Promise<void> {
    if (!(await knowledge.isRootAdmin(actor))) throw new NotAllowedError(`only admins of the root organisation may ${what}`);
  }

  async function load(name: string): Promise<Row> {
    const row = await rowQuery(database).where('name', '=', name).executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`knowledge feed ${name} not found`);
    return row;
  }

  function toFeed(row: Row): KbFeed {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind as FeedKind,
      url: row.url,
      hasApiKey: json<{ sealed?: string }>(row.auth).sealed !== undefined,
      options: json<KbFeedOptions>(row.options),
      state: json<KbFeedState>(row.state),
      intervalMinutes: row.interval_minutes,
      nextRunAt: row.next_run_at === null ? null : toIso(row.next_run_at),
      lastRunAt: row.last_run_at === null ? null : toIso(row.last_run_at),
      lastResult: row.last_result === null ? null : json<KbFeedRunResult>(row.last_result),
      lastError: row.last_error,
      running: row.running_since !== null,
      runningSince: row.running_since === null ? null : toIso(row.running_since),
      progress: row.progress === null ? null : json<KbFeedProgress>(row.progress),
      createdBy: row.created_by,
      createdAt: toIso(row.created_at),
    };
  }

  function openApiKey(row: Row): string | undefined {
    const { sealed } = json<{ sealed?: string }>(row.auth);
    if (sealed === undefined) return undefined;
    const plain = options.secrets.open(sealed);
    if (plain === undefined) throw new InputError('the feed’s API key was sealed with another secret key: enter it again', [{ path: 'apiKey', message: 'save the feed with its API key, or run the server with the BULWARK_SECRET_KEY it had' }]);
    return plain;
  }

  async function checkInput(actor: Actor, input: KbFeedInput): Promise<string> {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new InputError('the feed URL is not a URL', [{ path: 'url', message: 'an http or https URL' }]);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError('feeds are fetched over HTTP(S)', [{ path: 'url', message: 'an http or https URL' }]);
    if (url.username !== '' || url.password !== '') throw new InputError('credentials do not belong in the URL', [{ path: 'url', message: 'give an NVD API key as apiKey; it is stored sealed' }]);
    if (input.kind === 'nvd' && !url.pathname.replace(/\/+$/, '').endsWith(NVD_CVES_PATH)) {
      throw new InputError('an NVD feed names the CVE API endpoint', [{ path: 'url', message: `e.g. https://services.nvd.nist.gov${NVD_CVES_PATH}` }]);
    }
    if (input.apiKey !== undefined && input.apiKey !== null && input.kind !== 'nvd') throw new InputError('only NVD feeds take an API key', [{ path: 'apiKey', message: 'leave it out' }]);
    if (input.options?.since !== undefined && Number.isNaN(Date.parse(input.options.since))) throw new InputError('since is not a date', [{ path: 'options.since', message: 'an ISO date, e.g. 2024-01-01' }]);
    // Checked now for a clear answer; every connection of every run is checked again. The operator's go anywhere.
    if (actor.kind !== 'system') await checkUrl(url.toString(), policy);
    return url.toString();
  }

  async function saveProgress(id: string, progress: KbFeedProgress): Promise<void> {
    await db.updateTable('kb_feeds').set({ progress: JSON.stringify(progress) }).where('id', '=', id).where('running_since', 'is not', null).execute();
  }

  /** Wraps the reader so progress reaches the database now and then while documents flow. */
  async function* reporting(id: string, run: FeedRun, docs: AsyncGenerator<ImportDocument>): AsyncGenerator<ImportDocument> {
    let last = 0;
    for await (const doc of docs) {
      yield doc;
      if (now() - last > PROGRESS_EVERY_MS) {
        last = now();
        await saveProgress(id, run.progress);
      }
    }
  }

  async function execute(actor: Actor, row: Row): Promise<KbFeedRunResult> {
    const started = now();
    const feed = toFeed(row);
    const http = createFeedHttp(webFetch);
    const issues: ImportIssue[] = [];
    const run: FeedRun = {
      url: feed.url,
      options: feed.options,
      apiKey: undefined,
      http,
      issues,
      state: feed.state,
      progress: { phase: 'fetching the index', requests: 0, documents: 0 },
      incomplete: false,
      notModified: 0,
      now,
      sleep: options.sleep,
    };
    const base = { startedAt: new Date(started).toISOString() };
    try {
      (run as { apiKey: string | undefined }).apiKey = openApiKey(row);
      const docs = reporting(row.id, run, feedReaders[feed.kind](run));
      // Nothing new (304s, cursors up to date) leaves no empty import run behind.
      const first = await docs.next();
      let report = null;
      if (first.done !== true) {
        const firstDoc = first.value;
        async function* all(): AsyncGenerator<ImportDocument> {
          yield firstDoc;
          yield* docs;
        }
        run.progress = { ...run.progress, phase: 'importing' };
        report = await knowledge.importDocuments(actor, `feed:${feed.name} ${feed.url}`, all(), { issues });
      }
      const result: KbFeedRunResult = {
        ...base,
        ms: now() - started,
        requests: http.requests(),
        notModified: run.notModified,
        documents: run.progress.documents,
        runId: report?.runId ?? null,
        stats: report?.stats ?? null,
        warnings: issues.slice(0, 20).map((i) => `${i.file}: ${i.message}`),
        error: null,
        complete: !run.incomplete,
      };
      await db
        .updateTable('kb_feeds')
        .set({ state: JSON.stringify(run.state), last_run_at: new Date(), last_result: JSON.stringify(result), last_error: null, running_since: null, progress: null })
        .where('id', '=', row.id)
        .execute();
      return result;
    } catch (error) {
      const message = (error as Error).message;
      const result: KbFeedRunResult = { ...base, ms: now() - started, requests: http.requests(), notModified: run.notModified, documents: run.progress.documents, runId: null, stats: null, warnings: issues.slice(0, 20).map((i) => `${i.file}: ${i.message}`), error: message, complete: false };
      // The position is not moved: the next run fetches again what this one could not finish.
      await db.updateTable('kb_feeds').set({ last_run_at: new Date(), last_result: JSON.stringify(result), last_error: message, running_since: null, progress: null }).where('id', '=', row.id).execute();
      options.logger?.warn({ feed: feed.name, err: error }, 'knowledge feed run failed');
      return result;
    }
  }

  /** Marks the feed running, unless a live run holds it. */
  async function claimRun(row: Row): Promise<Row> {
    const claimed = await db
      .updateTable('kb_feeds')
      .set({ running_since: new Date(now()), progress: JSON.stringify({ phase: 'starting', requests: 0, documents: 0 }) })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('running_since', 'is', null), eb('running_since', '<', new Date(now() - STALE_RUN_MS))]))
      .returningAll()
      .executeTakeFirst();
    if (claimed === undefined) throw new ConflictError(`knowledge feed ${row.name} is already running`, [{ path: 'name', message: 'wait for the run under way to finish' }]);
    return claimed;
  }

  return {
    async list(actor: Actor): Promise<KbFeed[]> {
      await requireReader(actor);
      return (await rowQuery(database).orderBy('name').execute()).map(toFeed);
    },

    async get(actor: Actor, name: string): Promise<KbFeed> {
      await requireReader(actor);
      return toFeed(await load(name));
    },

    /** Creates a feed or changes it (a new URL or kind starts from the beginning). */
    async save(actor: Actor, name: string, input: KbFeedInput): Promise<KbFeed> {
      await requireAdmin(actor, 'configure knowledge feeds');
      const url = await checkInput(actor, input);
      const existing = await rowQuery(database).where('name', '=', name).executeTakeFirst();
      const interval = input.intervalMinutes === undefined ? (existing?.interval_minutes ?? null) : input.intervalMinutes;
      if (interval !== null && (!Number.isInteger(interval) || interval < 5 || interval > 10_080)) {
        throw new InputError('the interval is out of range', [{ path: 'intervalMinutes', message: 'whole minutes from 5 to 10,080 (a week), or null' }]);
      }
      const schedule = { interval_minutes: interval, next_run_at: interval === null ? null : new Date(now() + interval * 60_000) };
      const auth = input.apiKey === undefined ? undefined : JSON.stringify(input.apiKey === null ? {} : { sealed: options.secrets.seal(input.apiKey) });
      const saved = await db.transaction().execute(async (trx) => {
        if (existing === undefined) {
          const inserted = await trx
            .insertInto('kb_feeds')
            .values({ id: newId(), name, kind: input.kind, url, auth: auth ?? '{}', options: JSON.stringify(input.options ?? {}), state: '{}', ...schedule, created_by: actor.username })
            .onConflict((oc) => oc.column('name').doNothing())
            .returningAll()
            .executeTakeFirst();
          if (inserted === undefined) throw new ConflictError(`knowledge feed ${name} was created meanwhile`, [{ path: 'name', message: 'save it again to change it' }]);
          await recordAudit(trx, actor, { action: 'kb.feed.create', targetType: 'kb_feed', targetId: name, details: { kind: input.kind, url, intervalMinutes: interval } });
          return inserted;
        }
        const moved = existing.url !== url || existing.kind !== input.kind;
        const updated = await trx
          .updateTable('kb_feeds')
          .set({
            kind: input.kind,
            url,
            ...(auth === undefined ? {} : { auth }),
            ...(input.options === undefined ? {} : { options: JSON.stringify(input.options) }),
            ...(moved ? { state: '{}' } : {}),
            ...(existing.interval_minutes === interval ? {} : schedule),
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'kb.feed.update', targetType: 'kb_feed', targetId: name, details: { kind: input.kind, url, intervalMinutes: interval, apiKey: input.apiKey === undefined ? 'kept' : input.apiKey === null ? 'removed' : 'set' } });
        return updated;
      });
      return toFeed(saved);
    },

    async remove(actor: Actor, name: string): Promise<void> {
      await requireAdmin(actor, 'remove knowledge feeds');
      const row = await load(name);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('kb_feeds').where('id', '=', row.id).execute();
        await recordAudit(trx, actor, { action: 'kb.feed.delete', targetType: 'kb_feed', targetId: name, details: { kind: row.kind, url: row.url } });
      });
    },

    /**
     * Runs a feed now. `wait`: answers with the result; otherwise the run goes on in the background
     * and the feed (running, with its progress) is answered at once.
     */
    async run(actor: Actor, name: string, runOptions: { wait?: boolean | undefined } = {}): Promise<{ feed: KbFeed; result: KbFeedRunResult | null }> {
      await requireAdmin(actor, 'run knowledge feeds');
      const row = await claimRun(await load(name));
      if (runOptions.wait === false) {
        const pending = execute(actor, row).catch((error: unknown) => options.logger?.error({ err: error, feed: name }, 'knowledge feed run failed'));
        background.add(pending);
        void pending.finally(() => background.delete(pending));
        return { feed: toFeed(row), result: null };
      }
      const result = await execute(actor, row);
      return { feed: toFeed(await load(name)), result };
    },

    /** Claims the feeds whose turn has come: one conditional update per feed, so one process runs each turn (ADR 008). */
    async claimDue(at: Date, max: number): Promise<{ orgId: string; name: string }[]> {
      const due = await db.selectFrom('kb_feeds').select(['id', 'next_run_at']).where('next_run_at', '<=', at).orderBy('next_run_at').limit(max).execute();
      const claimed: { orgId: string; name: string }[] = [];
      for (const candidate of due) {
        const row = await db
          .updateTable('kb_feeds')
          .set({ next_run_at: sql<Date>`${at}::timestamptz + make_interval(mins => interval_minutes)` })
          .where('id', '=', candidate.id)
          .where('next_run_at', '=', candidate.next_run_at)
          .returning(['name'])
          .executeTakeFirst();
        if (row !== undefined) claimed.push({ orgId: '', name: row.name });
      }
      return claimed;
    },

    /** Waits for runs this process started in the background (shutdown, tests). */
    async settle(): Promise<void> {
      await Promise.all([...background]);
    },
  };
}

export type KbFeedService = ReturnType<typeof createKbFeedService>;
