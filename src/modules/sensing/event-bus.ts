// Committed events, in process: the writer publishes each batch after its transaction commits, and
// subscribers (live tail, detection) see it without reading storage again. A subscriber that throws
// does not stop the others or the writer.
import type { Logger } from '../../platform/logger.js';
import type { EventBus, EventSubscriber } from './types.js';

export function createEventBus(logger?: Logger): EventBus & { readonly subscribers: () => number } {
  const subscribers = new Set<EventSubscriber>();
  return {
    subscribe(subscriber) {
      // a wrapper, so the same function subscribed twice is two subscriptions
      const entry: EventSubscriber = (events) => subscriber(events);
      subscribers.add(entry);
      return () => {
        subscribers.delete(entry);
      };
    },
    publish(events) {
      if (events.length === 0) return;
      for (const subscriber of [...subscribers]) {
        try {
          subscriber(events);
        } catch (error) {
          logger?.error({ err: error, events: events.length }, 'event subscriber failed');
        }
      }
    },
    subscribers: () => subscribers.size,
  };
}
