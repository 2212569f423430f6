// The ingest: the one entrance every input uses. It normalizes a batch (normalize.ts, with the
// organisation's assets from a cache), queues it (ingest-queue.ts) and counts what happened per source.
// It never blocks and never drops silently: a full queue refuses the whole batch with a retry hint.
import type { AssetResolver } from './asset-resolver.js';
import type { IngestQueue } from './ingest-queue.js';
import { normalizeDrafts, type NormalizeRefusal } from './normalize.js';
import type { SourceCounterRegistry } from './source-counters.js';
import type { EventDraft, EventIngest, IngestContext, OfferResult } from './types.js';

export interface EventIngestDeps {
  readonly queue: IngestQueue;
  readonly assets: AssetResolver;
  readonly counters: SourceCounterRegistry;
  readonly now?: () => number;
  /**
   * Count queued events per source until this process's writer writes them (per-source depth and lag).
   * Off when another process writes (NATS workers): this one would never see them written.
   */
  readonly trackPending?: boolean;
}

/** The ingest as inputs see it, plus what a caller may want to know about refused drafts. */
export interface SensingIngest extends EventIngest {
  /** Like offer, and says which drafts were refused as not storable (by index in the batch). */
  offerDetailed(context: IngestContext, drafts: readonly EventDraft[]): Promise<OfferResult & { readonly refused: readonly NormalizeRefusal[] }>;
}

export function createEventIngest(deps: EventIngestDeps): SensingIngest {
  const now = deps.now ?? Date.now;
  const { queue, counters } = deps;

  async function offerDetailed(context: IngestContext, drafts: readonly EventDraft[]) {
    if (drafts.length === 0) return { accepted: true as const, events: 0, refused: [] };
    const org = (await deps.assets.snapshots([context.orgId])).get(context.orgId);
    if (org === undefined) {
      // the events could never be stored (the table references the organisation): refuse, do not queue
      counters.add(context.source, 'received', drafts.length);
      counters.add(context.source, 'rejected', drafts.length);
      return { accepted: true as const, events: 0, refused: drafts.map((_, index) => ({ index, path: 'orgId', message: `unknown organisation ${context.orgId}` })) };
    }
    const { events, refused } = normalizeDrafts(context, drafts, org, now());
    counters.add(context.source, 'rejected', refused.length);
    const published = await queue.publish(events);
    if (!published.ok) {
      // Not a drop: the input retries (TCP, MQTT, imports, HTTP clients after 429) or, if it cannot,
      // drops and counts that itself (UDP, a full sensor spool). Counted as received once taken.
      counters.add(context.source, 'refused', drafts.length);
      return { accepted: false as const, retryAfterMs: published.retryAfterMs, reason: 'saturated' as const, refused };
    }
    counters.add(context.source, 'received', drafts.length);
    if (deps.trackPending !== false) counters.queued(context.source, events.length, now());
    return { accepted: true as const, events: events.length, refused };
  }

  return {
    offerDetailed,
    async offer(context, drafts) {
      const { refused: _refused, ...result } = await offerDetailed(context, drafts);
      return result;
    },
    flush: () => queue.drained(),
  };
}
