// The NATS queue for a process that builds its services synchronously (createServices): the client is
// loaded and connected on first use, so processes that never ingest (most CLI commands) load no NATS
// code, and a publish before the broker answers is refused with a retry hint (never dropped silently).
import type { IngestQueue } from '../ingest-queue.js';
import type { NatsQueue, NatsQueueOptions } from './nats-queue.js';

export function lazyNatsQueue(options: NatsQueueOptions): IngestQueue {
  let ready: NatsQueue | undefined;
  let connecting: Promise<NatsQueue> | undefined;
  const connect = (): Promise<NatsQueue> => {
    connecting ??= import('./nats-queue.js').then((m) => m.createNatsQueue(options)).then((q) => (ready = q));
    connecting.catch((error: unknown) => {
      options.logger?.error({ err: error }, 'NATS JetStream unreachable');
      connecting = undefined; // try again on next use
    });
    return connecting;
  };
  const retryAfterMs = options.retryAfterMs ?? 500;
  return {
    async publish(events) {
      if (ready === undefined) {
        void connect().catch(() => undefined);
        return { ok: false, retryAfterMs };
      }
      return ready.publish(events);
    },
    consume: async (max, waitMs) => (await connect()).consume(max, waitMs),
    drained: async () => (ready === undefined ? undefined : ready.drained()),
    depth: () => ready?.depth() ?? 0,
    lagMs: () => ready?.lagMs() ?? 0,
    close: async () => (connecting === undefined ? undefined : (await connecting.catch(() => undefined))?.close()),
  };
}
