// Ships spooled batches to the server's event ingest (POST /api/v1/events, gzip NDJSON), oldest first.
// Every batch goes through the spool, so the order is one order whether the server was up or not, and
// a sensor that stops (or crashes) resends what it had not delivered when it starts again. Event ids
// are deterministic and the server is idempotent by id: a batch resent after a lost answer stores nothing twice.
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Logger } from '../../../platform/logger.js';
import type { EventDraft } from '../types.js';
import type { Spool } from './spool.js';
import { SENSOR_EVENTS_HEADER, SENSOR_STATS_HEADER, type SensorReport } from './types.js';

const gzip = promisify(gzipCallback);

export interface ShipperOptions {
  readonly spool: Spool;
  /** The server's base URL, e.g. http://127.0.0.1:8080 */
  readonly server: string;
  readonly token: string;
  /** What the sensor reports with each batch (packets read, rates), beside the spool's own figures. */
  readonly report?: () => SensorReport;
  readonly logger?: Logger | undefined;
  /** Waits between tries when the server is away: doubling from `minRetryMs` up to `maxRetryMs`. */
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
  /** With nothing to send for this long, an empty batch tells the server the sensor is alive. Default 30 s. */
  readonly heartbeatMs?: number;
  readonly fetch?: typeof fetch;
}

export interface ShipperStats {
  readonly shippedEvents: number;
  readonly shippedBatches: number;
  readonly rejectedEvents: number;
  readonly failedTries: number;
}

/** The server will not take this batch, ever (401/403: the token; it stays spooled for another run). */
export class SensorRefusedError extends Error {}

export interface Shipper {
  /** Spools one batch; the sender delivers it in order. */
  enqueue(events: readonly EventDraft[]): Promise<void>;
  /** Resolves when the spool is empty (everything delivered); rejects if the server refuses the token. */
  drained(): Promise<void>;
  stats(): ShipperStats;
  /** Stops sending; what is spooled stays on disk. */
  stop(): Promise<void>;
}

export function createShipper(options: ShipperOptions): Shipper {
  const { spool } = options;
  const doFetch = options.fetch ?? fetch;
  const minRetry = options.minRetryMs ?? 250;
  const maxRetry = options.maxRetryMs ?? 10_000;
  const url = `${options.server.replace(/\/+$/, '')}/api/v1/events`;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  let shippedEvents = 0;
  let shippedBatches = 0;
  let rejectedEvents = 0;
  let failedTries = 0;
  let running = true;
  let fatal: Error | undefined;
  let wake: (() => void) | undefined;
  let sleepTimer: NodeJS.Timeout | undefined;
  const waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  const settleWaiters = () => {
    if (fatal === undefined && spool.oldest() !== undefined) return;
    for (const w of waiters.splice(0)) {
      if (fatal === undefined) w.resolve();
      else w.reject(fatal);
    }
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      sleepTimer = setTimeout(resolve, ms);
    });

  const report = (): SensorReport => {
    const s = spool.stats();
    return { ...options.report?.(), eventsShipped: shippedEvents, spooledEvents: s.events, spooledBytes: s.bytes, droppedEvents: s.droppedEvents, droppedSegments: s.droppedSegments, rejectedEvents };
  };

  function refuse(status: number): void {
    fatal = new SensorRefusedError(`the server refused the sensor token (HTTP ${status}); ${spool.stats().events} events stay spooled`);
    running = false;
    settleWaiters();
  }

  /** One request; the status, or 0 when the server could not be reached. */
  async function post(body: Buffer, events: number): Promise<number> {
    try {
      const response = await doFetch(url, { method: 'POST', headers: headers(events), body, signal: AbortSignal.timeout(60_000) });
      await response.text();
      return response.status;
    } catch {
      return 0;
    }
  }

  const headers = (events: number): Record<string, string> => ({
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/x-ndjson',
    'content-encoding': 'gzip',
    [SENSOR_EVENTS_HEADER]: String(events),
    [SENSOR_STATS_HEADER]: JSON.stringify(report()),
  });

  async function send(): Promise<void> {
    let retry = minRetry;
    while (running) {
      const segment = spool.oldest();
      if (segment === undefined) {
        settleWaiters();
        await sleep(heartbeatMs);
        // Still nothing to send: say so, so the server's "last contact" means the sensor, not its traffic.
        if (running && spool.oldest() === undefined) {
          const status = await post(await gzip(Buffer.alloc(0)), 0);
          if (status === 401 || status === 403) refuse(status);
        }
        continue;
      }
      spool.hold(segment);
      let status: number;
      let retryAfter: number | undefined;
      try {
        const body = await spool.read(segment);
        const response = await doFetch(url, {
          method: 'POST',
          headers: headers(segment.events),
          body,
          signal: AbortSignal.timeout(60_000),
        });
        status = response.status;
        const after = Number(response.headers.get('retry-after'));
        if (Number.isFinite(after) && after > 0) retryAfter = after * 1000;
        const text = await response.text();
        if (status >= 400 && status !== 429 && status < 500) options.logger?.warn({ status, body: text.slice(0, 500) }, 'server refused a sensor batch');
      } catch (error) {
        status = 0; // unreachable, reset, timed out: try again later
        options.logger?.debug({ err: error }, 'server unreachable');
      }
      if (status >= 200 && status < 300) {
        shippedEvents += segment.events;
        shippedBatches++;
        await spool.remove(segment);
        retry = minRetry;
        continue;
      }
      spool.hold(undefined);
      if (status === 401 || status === 403) {
        refuse(status);
        return;
      }
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
        // A batch the server will never take as it is (malformed, too large): resending cannot help.
        rejectedEvents += segment.events;
        await spool.remove(segment);
        continue;
      }
      failedTries++;
      await sleep(Math.min(maxRetry, Math.max(retry, retryAfter ?? 0)));
      retry = Math.min(maxRetry, retry * 2);
    }
  }

  const loop = send();

  return {
    async enqueue(events) {
      if (events.length === 0) return;
      const body = await gzip(Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n'));
      await spool.append(body, events.length);
      if (wake !== undefined && spool.stats().segments === 1) {
        clearTimeout(sleepTimer);
        wake();
      }
    },
    drained() {
      if (fatal !== undefined) return Promise.reject(fatal);
      if (spool.oldest() === undefined) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    stats: () => ({ shippedEvents, shippedBatches, rejectedEvents, failedTries }),
    async stop() {
      running = false;
      clearTimeout(sleepTimer);
      wake?.();
      await loop;
      spool.hold(undefined);
    },
  };
}
