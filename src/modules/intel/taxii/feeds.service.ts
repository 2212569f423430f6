// Feeds: remote TAXII collections an organisation pulls from or pushes to. Each run goes on from
// where the last one stopped (the remote `next`, then `added_after`; or the local date_added pushed
// so far), saving its position after every page. A run that fails part-way leaves the position of
// the last page that was stored; the next run fetches at most that one page again, and storing is
// idempotent, so nothing is lost or duplicated.
import { sql } from 'kysely';
import type { Database } from '../../../storage/index.js';
import { requireRole, writerRoles, type Actor } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { newId, toIso } from '../../../platform/crypto.js';
import { InputError, NotAllowedError, NotFoundError } from '../../../platform/errors.js';
import { selectOrgById } from '../../../platform/orgs/org.store.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import { tlpLevels, type Tlp } from '../../../platform/tlp.js';
import type { IntelService } from '../index.js';
import { RemoteTaxiiError, type RemoteAuth, type RemoteCollection, type RemoteTaxii } from './remote.js';
import type { Feed, FeedOptions, FeedRunReport, FeedRunResult, FeedState } from './types.js';

export interface FeedInput extends FeedOptions {
  readonly name: string;
  readonly direction: 'pull' | 'push';
  /** The remote collection's URL (…/collections/<id>/). */
  readonly url: string;
  readonly auth?: RemoteAuth | undefined;
  readonly orgId?: string | undefined;
  /** Run every so many minutes (5 to 10,080); null or absent: only when asked. */
  readonly intervalMinutes?: number | null | undefined;
}

interface Counts {
  pages: number;
  objects: number;
  stored: number;
  duplicates: number;
  failed: number;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const SHAREABLE: readonly Tlp[] = ['clear', 'green', 'amber'];

/** How feeds reach remote servers: the operator's anywhere, an organisation's through the address guard. */
export interface FeedRemotes {
  readonly operator: RemoteTaxii;
  readonly organisation: RemoteTaxii;
  /** Refuses (InputError) a URL an organisation may not reach, before it is saved. */
  readonly check: (url: string) => Promise<void>;
}

export function createFeedService(database: Database, intel: IntelService, remotes: FeedRemotes, secrets: SecretBox) {
  const { db } = database;
  const remoteFor = (operator: boolean): RemoteTaxii => (operator ? remotes.operator : remotes.organisation);

  async function orgOf(actor: Actor, orgId: string | undefined): Promise<string> {
    if (actor.kind === 'system') {
      if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation the feed belongs to' }]);
      if ((await selectOrgById(db, orgId)) === undefined) throw new NotFoundError(`organisation ${orgId} not found`);
      return orgId;
    }
    if (orgId !== undefined && orgId !== actor.orgId) throw new NotAllowedError('feeds belong to your own organisation');
    return actor.orgId;
  }

  async function load(orgId: string, name: string) {
    const row = await db.selectFrom('taxii_feeds').selectAll().where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`feed ${name} not found`);
    return row;
  }

  function toFeed(row: Awaited<ReturnType<typeof load>>): Feed {
    return {
      id: row.id,
      orgId: row.org_id,
      name: row.name,
      direction: row.direction as Feed['direction'],
      url: row.url,
      options: json<FeedOptions>(row.options),
      state: json<FeedState>(row.state),
      lastRunAt: row.last_run_at === null ? null : toIso(row.last_run_at),
      lastError: row.last_error,
      lastResult: row.last_result === null ? null : json<FeedRunResult>(row.last_result),
      intervalMinutes: row.interval_minutes,
      nextRunAt: row.next_run_at === null ? null : toIso(row.next_run_at),
    };
  }

  /** Credentials go to the database sealed; nothing at all when there are none. */
  function sealAuth(auth: RemoteAuth | undefined): string {
    return JSON.stringify(auth === undefined || Object.keys(auth).length === 0 ? {} : { sealed: secrets.seal(JSON.stringify(auth)) });
  }

  function openAuth(stored: unknown): RemoteAuth {
    const { sealed } = json<{ sealed?: string }>(stored);
    if (sealed === undefined) return {};
    const plain = secrets.open(sealed);
    if (plain === undefined) throw new InputError('the feed’s credentials were sealed with another secret key: enter them again', [{ path: 'auth', message: 'save the feed with its credentials, or run the server with the BULWARK_SECRET_KEY it had' }]);
    return JSON.parse(plain) as RemoteAuth;
  }

  async function saveState(id: string, state: FeedState, error: string | null = null): Promise<void> {
    await db.updateTable('taxii_feeds').set({ state: JSON.stringify(state), last_run_at: new Date(), last_error: error }).where('id', '=', id).execute();
  }

  async function pull(actor: Actor, feed: Feed, auth: RemoteAuth, maxPages: number, counts: Counts) {
    let state = feed.state;
    const limit = feed.options.pageSize ?? 1000;
    let retriedNext = false;
    for (;;) {
      if (counts.pages >= maxPages) return false;
      let page;
      try {
        page = await remoteFor(feed.options.operatorApproved === true).objects(feed.url, auth, { addedAfter: state.addedAfter, next: state.next, limit });
      } catch (error) {
        // A `next` the server no longer knows: start over from the last date_added stored.
        if (error instanceof RemoteTaxiiError && error.status === 400 && state.next !== undefined && !retriedNext) {
          retriedNext = true;
          state = { addedAfter: state.addedAfter };
          continue;
        }
        throw error;
      }
      if (page.objects.length > 0) {
        const { stats } = await intel.ingestObjects(actor, feed.orgId, page.objects, {
          source: feed.name,
          tlp: feed.options.tlp,
          reliability: feed.options.reliability,
          sharedUpward: feed.options.sharedUpward,
        });
        counts.objects += stats.objects;
        counts.stored += stats.stored;
        counts.duplicates += stats.duplicates;
        counts.failed += stats.invalid + stats.refused + stats.contradictions;
      }
      counts.pages++;
      if (page.more && page.next !== undefined) state = { addedAfter: state.addedAfter, next: page.next };
      else if (page.more) {
        if (page.last === undefined) throw new RemoteTaxiiError(feed.url, 200, 'more pages, but neither next nor X-TAXII-Date-Added-Last to reach them');
        state = { addedAfter: page.last };
      } else state = { addedAfter: page.last ?? state.addedAfter };
      // Only the position after a stored page is saved: a failure repeats at most that page.
      await saveState(feed.id, state);
      if (!page.more) return true;
    }
  }

  async function push(feed: Feed, auth: RemoteAuth, maxPages: number, counts: Counts) {
    let state = feed.state;
    const ceiling = tlpLevels.slice(0, tlpLevels.indexOf(feed.options.tlpMax ?? 'amber') + 1).filter((t) => SHAREABLE.includes(t));
    const scope = { orgId: feed.orgId, tlp: ceiling, types: feed.options.types, labels: feed.options.labels };
    for (;;) {
      if (counts.pages >= maxPages) return false;
      const { rows, more } = await intel.feed.page(scope, {
        versions: { all: true, last: false, first: false, at: [] },
        afterUs: state.pushedUs,
        limit: feed.options.pageSize ?? 500,
      });
      if (rows.length === 0) return true;
      const status = await remoteFor(feed.options.operatorApproved === true).add(feed.url, auth, rows.map((r) => JSON.parse(r.text) as unknown));
      counts.pages++;
      counts.objects += rows.length;
      counts.stored += status.success_count;
      counts.failed += status.failure_count;
      state = { pushedUs: Number(rows.at(-1)?.added_us ?? state.pushedUs ?? 0) };
      await saveState(feed.id, state);
      if (!more) return true;
    }
  }

  return {
    /** Creates a feed, or updates its URL, credentials and options (a new URL starts from the beginning). */
    async save(actor: Actor, input: FeedInput): Promise<Feed> {
      requireRole(actor, writerRoles, 'configure TAXII feeds');
      const orgId = await orgOf(actor, input.orgId);
      let url: URL;
      try {
        url = new URL(input.url);
      } catch {
        throw new InputError('the collection URL is not a URL', [{ path: 'url', message: 'e.g. https://taxii.example/api1/collections/<id>/' }]);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError('TAXII runs over HTTP(S)', [{ path: 'url', message: 'an http or https URL' }]);
      const operatorApproved = actor.kind === 'system';
      // Checked now for a clear answer; every connection of every run is checked again.
      if (!operatorApproved) await remotes.check(url.toString());
      const options: FeedOptions = {
        ...(operatorApproved ? { operatorApproved } : {}),
        tlp: input.tlp,
        reliability: input.reliability,
        sharedUpward: input.sharedUpward,
        types: input.types,
        labels: input.labels,
        tlpMax: input.tlpMax,
        pageSize: input.pageSize,
      };
      // A first save that loses a race with another first save of the name goes round again, as an update.
      for (;;) {
        const existing = await db.selectFrom('taxii_feeds').selectAll().where('org_id', '=', orgId).where('name', '=', input.name).executeTakeFirst();
        // Absent keeps the schedule (a CLI pull re-saves the feed), null clears it.
        const interval = input.intervalMinutes === undefined ? (existing?.interval_minutes ?? null) : input.intervalMinutes;
        if (interval !== null && (!Number.isInteger(interval) || interval < 5 || interval > 10_080)) {
          throw new InputError('the interval is out of range', [{ path: 'intervalMinutes', message: 'whole minutes from 5 to 10,080 (a week), or null' }]);
        }
        const schedule = { interval_minutes: interval, next_run_at: interval === null ? null : new Date(Date.now() + interval * 60_000) };
        const saved = await db.transaction().execute(async (trx) => {
          if (existing === undefined) {
            const inserted = await trx
              .insertInto('taxii_feeds')
              .values({
                id: newId(),
                org_id: orgId,
                name: input.name,
                direction: input.direction,
                url: url.toString(),
                auth: sealAuth(input.auth),
                options: JSON.stringify(options),
                state: '{}',
                ...schedule,
                created_by: actor.username,
              })
              .onConflict((oc) => oc.columns(['org_id', 'name']).doNothing())
              .returning('id')
              .executeTakeFirst();
            if (inserted === undefined) return false;
          } else {
            if (existing.direction !== input.direction) throw new InputError(`feed ${input.name} is a ${existing.direction} feed`, [{ path: 'direction', message: 'use another name' }]);
            const moved = existing.url !== url.toString();
            await trx
              .updateTable('taxii_feeds')
              .set({
                url: url.toString(),
                ...(input.auth === undefined ? {} : { auth: sealAuth(input.auth) }),
                options: JSON.stringify(options),
                ...(moved ? { state: '{}' } : {}),
                // Keep the turn already planned when the interval is unchanged.
                ...(existing.interval_minutes === interval ? {} : schedule),
              })
              .where('id', '=', existing.id)
              .execute();
          }
          await recordAudit(trx, actor, { action: 'taxii.feed.save', targetType: 'taxii-feed', targetId: input.name, orgId, details: { direction: input.direction, url: url.toString(), intervalMinutes: interval } });
          return true;
        });
        if (saved) return toFeed(await load(orgId, input.name));
      }
    },

    async list(actor: Actor, orgId?: string): Promise<Feed[]> {
      const org = await orgOf(actor, orgId);
      const rows = await db.selectFrom('taxii_feeds').selectAll().where('org_id', '=', org).orderBy('name').execute();
      return rows.map(toFeed);
    },

    /** Runs a feed once, page after page, until the remote (or local) side has nothing more or `maxPages`. */
    async run(actor: Actor, name: string, options: { orgId?: string | undefined; maxPages?: number | undefined } = {}): Promise<FeedRunReport> {
      requireRole(actor, writerRoles, 'run TAXII feeds');
      const orgId = await orgOf(actor, options.orgId);
      const row = await load(orgId, name);
      const feed = toFeed(row);
      const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
      // Counted as they happen, so a run that fails part-way still says what it did.
      const counts: Counts = { pages: 0, objects: 0, stored: 0, duplicates: 0, failed: 0 };
      let complete = false;
      let error: string | null = null;
      try {
        const auth = openAuth(row.auth);
        complete = feed.direction === 'pull' ? await pull(actor, feed, auth, maxPages, counts) : await push(feed, auth, maxPages, counts);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        error = e.message;
        await db.updateTable('taxii_feeds').set({ last_run_at: new Date(), last_error: error }).where('id', '=', feed.id).execute();
      }
      const result: FeedRunResult = { ...counts, complete, error };
      await db.updateTable('taxii_feeds').set({ last_result: JSON.stringify(result), last_run_at: new Date() }).where('id', '=', feed.id).execute();
      const after = toFeed(await load(orgId, name));
      await recordAudit(db, actor, {
        action: `taxii.feed.${feed.direction}`,
        targetType: 'taxii-feed',
        targetId: name,
        orgId,
        details: { ...counts, error },
      });
      return { feed: after, ...result };
    },

    async remove(actor: Actor, name: string, orgId?: string): Promise<void> {
      requireRole(actor, writerRoles, 'delete TAXII feeds');
      const org = await orgOf(actor, orgId);
      const row = await load(org, name);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('taxii_feeds').where('id', '=', row.id).execute();
        await recordAudit(trx, actor, { action: 'taxii.feed.delete', targetType: 'taxii-feed', targetId: name, orgId: org, details: { url: row.url } });
      });
    },

    /**
     * Claims the scheduled feeds whose turn has come, moving each one's next turn forward in the same
     * statement, so when several processes share the database each turn runs once.
     */
    async claimDue(now: Date, max: number): Promise<{ orgId: string; name: string }[]> {
      const due = await db
        .selectFrom('taxii_feeds')
        .select(['id', 'next_run_at'])
        .where('next_run_at', '<=', now)
        .orderBy('next_run_at')
        .limit(max)
        .execute();
      const claimed: { orgId: string; name: string }[] = [];
      for (const candidate of due) {
        const row = await db
          .updateTable('taxii_feeds')
          .set({ next_run_at: sql<Date>`${now}::timestamptz + make_interval(mins => interval_minutes)` })
          .where('id', '=', candidate.id)
          .where('next_run_at', '=', candidate.next_run_at)
          .returning(['org_id', 'name'])
          .executeTakeFirst();
        if (row !== undefined) claimed.push({ orgId: row.org_id, name: row.name });
      }
      return claimed;
    },

    /** Collections of a remote server (its discovery URL or an API root). */
    async remoteCollections(actor: Actor, url: string, auth: RemoteAuth): Promise<RemoteCollection[]> {
      requireRole(actor, writerRoles, 'browse remote TAXII servers');
      const remote = remoteFor(actor.kind === 'system');
      if (actor.kind !== 'system') await remotes.check(url);
      let roots: string[];
      try {
        roots = await remote.discover(url, auth);
      } catch (error) {
        if (!(error instanceof RemoteTaxiiError)) throw error;
        roots = [url];
      }
      if (roots.length === 0) roots = [url];
      const lists = await Promise.all(roots.map((r) => remote.collections(r, auth)));
      return lists.flat();
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
