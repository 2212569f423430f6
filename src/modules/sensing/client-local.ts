import type { Actor } from '../../platform/access.js';
import { systemActor } from '../../platform/access.js';
import type { Database } from '../../storage/index.js';
import type { EventsClient } from './client-port.js';
import { runImport } from './event-import.js';
import { createEventsService, eventQueryOf } from './events.service.js';
import { createRetentionService } from './retention.service.js';
import type { Sensing } from './index.js';
import type { SensedEvent } from './types.js';

const pollMs = 1000;

/** The events commands on the database in-process, as the local operator. */
export function localEventsClient(database: Database, sensing: Sensing, actor: Actor = systemActor()): EventsClient {
  const events = createEventsService(database, { ingest: sensing.ingest, bus: sensing.bus });
  const retention = createRetentionService(database, { defaultDays: sensing.retentionDays });
  return {
    async eventsImport(path, options) {
      if (options.orgId === undefined) throw new Error('--org is required');
      const name = path.split('/').pop() ?? path;
      const context = { orgId: options.orgId, tlp: options.tlp ?? 'amber', sharedUpward: options.sharedUpward ?? false, source: { type: 'import' as const, id: `import:${options.orgId}:${name}`, name } };
      const report = await runImport(path, options.format, async (batch) => {
        // A full pipeline says when to come back: wait, then offer the same batch again.
        for (;;) {
          const result = await sensing.ingest.offerDetailed(context, batch.drafts);
          if (result.accepted) return { accepted: result.events, refused: result.refused };
          await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs));
        }
      });
      await sensing.ingest.flush();
      return report;
    },
    eventsQuery: (input) => events.search(actor, input),
    eventsCount: (input) => events.count(actor, input),
    eventsRetention: (orgId) => retention.get(actor, orgId),
    setEventsRetention: (orgId, days) => retention.set(actor, orgId, days),
    async eventsTail(query, onEvent, signal) {
      // Another process (the server) writes: poll for events newer than the last seen, by event time.
      eventQueryOf(query);
      const seen = new Set<string>();
      let from = new Date(Date.now() - pollMs * 5).toISOString();
      while (!signal.aborted) {
        const page = await events.search(actor, { query, from, to: new Date(Date.now() + 60_000).toISOString(), limit: 1000 });
        const fresh = page.items.filter((e) => !seen.has(e.id)).reverse() as SensedEvent[];
        for (const e of fresh) {
          seen.add(e.id);
          onEvent(e);
        }
        const newest = fresh.at(-1)?.time;
        if (newest !== undefined && newest > from) from = new Date(Date.parse(newest) - pollMs * 5).toISOString();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}
