import type { SchedulableFeeds } from '../../intel/taxii/feed-scheduler.js';
import type { KbFeedService } from './feed.service.js';

/** Knowledge feeds as the shared feed scheduler runs them (ADR 008's claimed turns). */
export function kbFeedSchedule(feeds: KbFeedService): SchedulableFeeds {
  return {
    claimDue: (now, max) => feeds.claimDue(now, max),
    run: async (actor, name) => {
      const { result } = await feeds.run(actor, name, { wait: true });
      return { error: result?.error ?? null, objects: result?.documents ?? 0, stored: (result?.stats?.vulnerabilities ?? 0) + (result?.stats?.advisories ?? 0) };
    },
  };
}
