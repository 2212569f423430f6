// Events for people: query (pages, counts, histograms, top values, one event), NDJSON batch ingest
// through the ingest port, and the live tail on the bus. Reads are filtered by the caller's visibility;
// writes need a writer role in the organisation written to.
import { requireRole, writerRoles, type Actor } from '../../platform/access.js';
import { InputError, NotAllowedError, NotFoundError, RateLimitedError } from '../../platform/errors.js';
import { selectOrgById } from '../../platform/orgs/org.store.js';
import type { Tlp } from '../../platform/tlp.js';
import type { Database } from '../../storage/index.js';
import { eventVisible } from './event-visibility.js';
import { decodeCursor, encodeCursor, histogramInterval, intervalName, timeWindow, type TimeWindow } from './event-window.js';
import { canGroupOn, countEvents, readableOrgs, selectEvent, selectEventPage, selectEvents, selectHistogram, selectOrgPaths, selectTop, type EventSelection } from './events-query.store.js';
import { ndjsonLines, parseNdjsonLine } from './ndjson.js';
import { parseEventQuery, resolveField, type EventQuery } from './query-language.js';
import { matchesQuery } from './query-match.js';
import type { EventBus, EventDraft, EventIngest, IngestContext, OfferResult, ParseIssue, SensedEvent } from './types.js';

/** The ingest, and when it can say so, which drafts of a batch it refused as not storable. */
export interface EventsIngestPort extends EventIngest {
  offerDetailed?(context: IngestContext, drafts: readonly EventDraft[]): Promise<OfferResult & { readonly refused: readonly { index: number; path: string; message: string }[] }>;
}

export interface EventsServiceDeps {
  readonly ingest: EventsIngestPort;
  readonly bus: EventBus;
  /** Largest NDJSON body, after decompression. Default 64 MiB. */
  readonly maxIngestBytes?: number;
  readonly now?: () => number;
}

export interface WindowInput {
  readonly query?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Properties of an event a page may be narrowed to; `id` and `time` always come. */
export const eventProperties = ['receivedAt', 'orgId', 'tlp', 'sharedUpward', 'source', 'kind', 'severity', 'message', 'fields', 'assets', 'raw', 'rawTruncated', 'origin'] as const;

export interface IngestOptions {
  readonly orgId?: string | undefined;
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
  readonly source?: string | undefined;
}

export interface IngestReport {
  readonly lines: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly issues: readonly ParseIssue[];
  readonly issuesTruncated: boolean;
}

const batchSize = 1000;
const maxIssues = 200;

/** A parsed query, or a 400 that says where it is wrong. */
export function eventQueryOf(text: string | undefined): EventQuery {
  const parsed = parseEventQuery(text ?? '');
  if (parsed.ok) return parsed.query;
  throw new InputError(
    'the query is not valid',
    parsed.issues.map((i) => ({ path: 'query', message: `at ${i.position}: ${i.message}` })),
  );
}

export function createEventsService(database: Database, deps: EventsServiceDeps) {
  const { db } = database;
  const now = deps.now ?? Date.now;
  const maxIngestBytes = deps.maxIngestBytes ?? 64 * 1024 * 1024;

  async function selection(actor: Actor, input: WindowInput): Promise<EventSelection & { window: TimeWindow }> {
    const window = timeWindow(input, now());
    const query = eventQueryOf(input.query);
    return { actor, ...window, window, query, orgs: await readableOrgs(db, actor) };
  }
  const bounds = (w: TimeWindow) => ({ from: w.from.toISOString(), to: w.to.toISOString() });

  async function targetOrg(actor: Actor, orgId: string | undefined): Promise<string> {
    if (actor.kind === 'system') {
      if (orgId === undefined) throw new InputError('orgId is required', [{ path: 'orgId', message: 'name the organisation the events belong to' }]);
      if ((await selectOrgById(db, orgId)) === undefined) throw new NotFoundError(`organisation ${orgId} not found`);
      return orgId;
    }
    if (orgId !== undefined && orgId !== actor.orgId) throw new NotAllowedError('events can only be written for your own organisation');
    return actor.orgId;
  }

  return {
    async search(actor: Actor, input: WindowInput & { limit?: number | undefined; cursor?: string | undefined; fields?: string | undefined }) {
      const s = await selection(actor, input);
      const wanted = input.fields === undefined ? undefined : input.fields.split(',').map((f) => f.trim()).filter((f) => f !== '');
      const unknown = wanted?.filter((f) => f !== 'id' && f !== 'time' && !(eventProperties as readonly string[]).includes(f)) ?? [];
      if (unknown.length > 0) throw new InputError(`unknown event properties: ${unknown.join(', ')}`, [{ path: 'fields', message: `choose from id, time, ${eventProperties.join(', ')}` }]);
      const limit = input.limit ?? 100;
      const page = await selectEventPage(db, s, limit, input.cursor === undefined ? undefined : decodeCursor(input.cursor));
      const items = wanted === undefined ? page.events : page.events.map((e) => pick(e, wanted));
      return { items, nextCursor: page.events.length === limit && page.last !== null ? encodeCursor(page.last) : null, ...bounds(s.window) };
    },

    async count(actor: Actor, input: WindowInput) {
      const s = await selection(actor, input);
      return { count: await countEvents(db, s), ...bounds(s.window) };
    },

    async histogram(actor: Actor, input: WindowInput & { interval?: string | undefined }) {
      const s = await selection(actor, input);
      const seconds = histogramInterval(s.window, input.interval);
      const counts = new Map((await selectHistogram(db, s, seconds)).map((b) => [b.start, b.count]));
      // Every bucket of the window, empty ones too, so a chart needs no gap logic.
      const step = seconds * 1000;
      const buckets: { start: string; count: number }[] = [];
      for (let start = Math.floor(s.from.getTime() / step) * step; start < s.to.getTime(); start += step) {
        buckets.push({ start: new Date(start).toISOString(), count: counts.get(start) ?? 0 });
      }
      return { interval: intervalName(seconds), intervalSeconds: seconds, buckets, ...bounds(s.window) };
    },

    async top(actor: Actor, input: WindowInput & { field: string; limit?: number | undefined }) {
      const s = await selection(actor, input);
      const target = resolveField(input.field);
      if (typeof target === 'string' || !canGroupOn(target)) {
        throw new InputError(`cannot count values of ${input.field}`, [{ path: 'field', message: typeof target === 'string' ? target : 'choose a field with one value per event' }]);
      }
      const top = await selectTop(db, s, target, input.limit ?? 10);
      return { field: input.field, ...top, ...bounds(s.window) };
    },

    async get(actor: Actor, id: string): Promise<SensedEvent> {
      const event = await selectEvent(db, actor, id);
      if (event === undefined) throw new NotFoundError(`event ${id} not found`);
      return event;
    },

    /** Many events by id in one read, those the caller may read, in the order asked (an alert's linked events). */
    getMany(actor: Actor, ids: readonly string[], within?: { readonly from: Date; readonly to: Date }): Promise<SensedEvent[]> {
      return selectEvents(db, actor, ids, within);
    },

    /** NDJSON drafts from a (decompressed) body: valid lines are offered in batches, broken ones reported by number. */
    async ingest(actor: Actor, body: AsyncIterable<Buffer | string>, options: IngestOptions): Promise<IngestReport> {
      requireRole(actor, writerRoles, 'write events');
      const orgId = await targetOrg(actor, options.orgId);
      // A sensor's events carry the sensor as their source, so its counters and the Sources page name it.
      const sensor = actor.kind === 'sensor' ? actor.username.replace(/^sensor:/, '') : undefined;
      const name = options.source ?? sensor ?? 'http';
      const source = sensor === undefined ? { type: 'http' as const, id: `http:${orgId}:${name}`, name } : { type: 'sensor' as const, id: `sensor:${orgId}:${sensor}`, name };
      const context: IngestContext = { orgId, tlp: options.tlp ?? 'amber', sharedUpward: options.sharedUpward ?? false, source };
      const issues: ParseIssue[] = [];
      let lines = 0;
      let accepted = 0;
      let rejected = 0;
      let batch: { line: number; draft: EventDraft }[] = [];
      const note = (found: readonly ParseIssue[]) => {
        for (const issue of found) if (issues.length < maxIssues) issues.push(issue);
      };
      const offer = async () => {
        if (batch.length === 0) return;
        const drafts = batch.map((b) => b.draft);
        const result = deps.ingest.offerDetailed === undefined ? { ...(await deps.ingest.offer(context, drafts)), refused: [] } : await deps.ingest.offerDetailed(context, drafts);
        if (!result.accepted) {
          // Lines before this batch are queued; sending the whole body again is safe (ids are idempotent).
          throw new RateLimitedError(`the ingest is saturated after ${accepted} events of this request; send again later`, Math.max(1, Math.ceil(result.retryAfterMs / 1000)));
        }
        accepted += result.events;
        rejected += result.refused.length;
        note(result.refused.map((r) => ({ line: batch[r.index]?.line ?? 0, path: r.path, message: r.message })));
        batch = [];
      };
      for await (const { line, text } of ndjsonLines(body, maxIngestBytes)) {
        const parsed = parseNdjsonLine(text, line);
        if (parsed === undefined) continue;
        lines += 1;
        if (parsed.ok) batch.push({ line, draft: parsed.draft });
        else {
          rejected += 1;
          note(parsed.issues);
        }
        if (batch.length >= batchSize) await offer();
      }
      await offer();
      return { lines, accepted, rejected, issues, issuesTruncated: issues.length >= maxIssues };
    },

    /** Resolves when everything offered so far is stored. */
    flush: () => deps.ingest.flush(),

    /**
     * Newly committed events that match the query and that the caller may read, batch by batch, in
     * commit order. Returns the unsubscribe function.
     */
    tail(actor: Actor, queryText: string | undefined, send: (events: readonly SensedEvent[]) => void): () => void {
      const query = eventQueryOf(queryText);
      const paths = new Map<string, string>();
      let chain = Promise.resolve();
      let open = true;
      const unsubscribe = deps.bus.subscribe((events) => {
        chain = chain.then(async () => {
          const missing = [...new Set(events.map((e) => e.orgId))].filter((id) => !paths.has(id) && id !== actor.orgId);
          if (missing.length > 0) for (const [id, path] of await selectOrgPaths(db, missing)) paths.set(id, path);
          const shown = events.filter((e) => eventVisible(actor, e, paths.get(e.orgId)) && matchesQuery(query, e));
          if (open && shown.length > 0) send(shown);
        }).catch(() => undefined);
      });
      return () => {
        open = false;
        unsubscribe();
      };
    },
  };
}

function pick(event: SensedEvent, wanted: readonly string[]): Partial<SensedEvent> & Pick<SensedEvent, 'id' | 'time'> {
  const out: Record<string, unknown> = { id: event.id, time: event.time };
  for (const key of wanted) out[key] = (event as unknown as Record<string, unknown>)[key];
  return out as Partial<SensedEvent> & Pick<SensedEvent, 'id' | 'time'>;
}

export type EventsService = ReturnType<typeof createEventsService>;
