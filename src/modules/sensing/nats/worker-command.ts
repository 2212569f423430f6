// `bulwark worker`: takes events from NATS JetStream (BULWARK_NATS_URL) and writes them to the database
// in batches, acknowledging after commit. Run as many as the load needs: they share one durable consumer.
// A worker killed mid-batch loses nothing: its unacknowledged events go to another after the ack wait.
// With NATS the server writes no events, so its bus is quiet: detection runs here, on the events each
// worker commits (alerts are upserts by rule and entity, so workers sharing the load raise one alert).
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../../config/config.js';
import type { CliContext } from '../../../platform/cli-kit/context.js';
import { InputError } from '../../../platform/errors.js';
import { createLogger } from '../../../platform/logger.js';
import { migrateToLatest, openDatabase } from '../../../storage/index.js';
import { createDetection } from '../../detection/index.js';
import { createAssetResolver } from '../asset-resolver.js';
import { createEventBus } from '../event-bus.js';
import { startEventWriter } from '../events-writer.js';
import { createSourceCounters } from '../source-counters.js';
import { createNatsQueue } from './nats-queue.js';

const count = (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('a whole number from 1 to 100000');
  return n;
};

export function workerCommand(ctx: CliContext): Command {
  return new Command('worker')
    .description('write events from NATS JetStream into the database (BULWARK_NATS_URL); run as many as the load needs')
    .option('--batch <events>', 'events per write at most', count, 10_000)
    .option('--concurrency <n>', 'writes at once in this process', count, 1)
    .action(async (o: { batch: number; concurrency: number }) => {
      const cfg = loadConfig(ctx.env);
      const nats = cfg.nats;
      if (nats === undefined) throw new InputError('a worker takes events from NATS JetStream', [{ path: 'BULWARK_NATS_URL', message: 'set it to the server, e.g. nats://127.0.0.1:4222' }]);
      const logger = createLogger(cfg.logLevel);
      const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
      await migrateToLatest(database);
      const queue = await createNatsQueue({ ...nats, logger });
      const bus = createEventBus(logger);
      const detection = createDetection(database, { logger });
      detection.start(bus);
      const writer = await startEventWriter(
        { database, queue, assets: createAssetResolver(database.db), counters: createSourceCounters(), bus, logger },
        { batchSize: o.batch, concurrency: o.concurrency },
      );
      ctx.out.error(`worker ready: stream ${queue.stream} on ${nats.url}, ${database.backend}`);
      // Until told to stop: then the batch being written is committed and acknowledged, and nothing more is taken.
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await queue.close();
      await writer.stop();
      await detection.stop();
      await database.close();
    });
}
