// Runs scheduled feeds in the background. Each tick claims the feeds whose turn has come (the claim moves
// their next turn forward atomically, so processes sharing a database never run the same turn twice)
// and runs them one after another: a feed is one remote server's pages, and running them in parallel
// would only compete for this process's one database connection pool.
import { systemActor, type Actor } from '../../../platform/access.js';
import type { Logger } from '../../../platform/logger.js';

/** What the scheduler needs of a kind of feed (TAXII feeds, knowledge feeds). */
export interface SchedulableFeeds {
  claimDue(now: Date, max: number): Promise<{ orgId: string; name: string }[]>;
  run(actor: Actor, name: string, options: { orgId: string; maxPages: number }): Promise<{ readonly error: string | null; readonly objects?: number; readonly stored?: number }>;
}

export interface FeedSchedulerOptions {
  readonly feeds: SchedulableFeeds;
  readonly logger?: Logger | undefined;
  /** How often to look for due feeds. */
  readonly tickMs?: number | undefined;
  /** Most pages one scheduled run fetches; the next turn goes on from there. */
  readonly maxPagesPerRun?: number | undefined;
}

export interface FeedScheduler {
  start(): void;
  /** Stops ticking and waits for the run under way, if any. */
  stop(): Promise<void>;
  /** One pass: claims and runs the feeds due at `now`; returns what ran. */
  tick(now?: Date): Promise<{ name: string; orgId: string; error: string | null }[]>;
}

export function createFeedScheduler(options: FeedSchedulerOptions): FeedScheduler {
  const { feeds, logger } = options;
  const actor = systemActor('feed-scheduler');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function tick(now = new Date()) {
    const ran: { name: string; orgId: string; error: string | null }[] = [];
    for (const due of await feeds.claimDue(now, 20)) {
      try {
        const report = await feeds.run(actor, due.name, { orgId: due.orgId, maxPages: options.maxPagesPerRun ?? 1000 });
        ran.push({ ...due, error: report.error });
        logger?.info({ feed: due.name, org: due.orgId, objects: report.objects, stored: report.stored, error: report.error }, 'scheduled feed ran');
      } catch (error) {
        // One broken feed must not stop the others, nor the scheduler.
        ran.push({ ...due, error: (error as Error).message });
        logger?.error({ err: error, feed: due.name, org: due.orgId }, 'scheduled feed failed');
      }
    }
    return ran;
  }

  function schedule(): void {
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => logger?.error({ err: error }, 'feed scheduler tick failed'))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, options.tickMs ?? 30_000);
    // A pending tick must not keep the process alive.
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
    },
    tick,
  };
}
