import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import { bootstrap, type BootstrapResult } from './demo/bootstrap.js';
import { buildApp } from './http/app.js';
import { installRulePack } from './modules/detection/pack/index.js';
import type { Logger } from './platform/logger.js';
import { createFeedScheduler } from './modules/intel/taxii/index.js';
import { kbFeedSchedule } from './modules/knowledge/feeds/index.js';
import { createServices } from './services.js';
import { migrateToLatest, openDatabase, refreshStatistics } from './storage/index.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly bootstrap: BootstrapResult;
  close(): Promise<void>;
}

/** Opens storage, migrates, bootstraps an empty database, and listens. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const startedAt = performance.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: FastifyInstance | undefined;
  try {
    const migrations = await migrateToLatest(database);
    if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'migrations applied');
    // The embedded database has no autovacuum: bring statistics up to date once per start.
    if (database.backend === 'pglite') await refreshStatistics(database);
    const services = createServices(database, config, logger);
    const boot = await bootstrap(services, { demo: config.demo, adminPassword: config.adminPassword });
    app = await buildApp({ services, config, logger });
    const address = await app.listen({ host: config.host, port: config.port });
    logger.info(
      { url: address, backend: database.backend, data: database.location, startMs: Math.round(performance.now() - startedAt) },
      'Bulwark ready',
    );
    const running = app;
    const scheduler = createFeedScheduler({ feeds: services.taxii.feeds, logger });
    scheduler.start();
    const kbScheduler = createFeedScheduler({ feeds: kbFeedSchedule(services.kbFeeds), logger });
    kbScheduler.start();
    // Event retention: drops old day partitions now and hourly.
    services.sensing.startRetention();
    // Capture jobs' operations as events, caught up in the background (sensing/capture-events.ts).
    services.sensing.startCaptureEvents();
    // Detection: committed events through the enabled rules, into alerts (detection/detector.ts).
    services.detection.start(services.sensing.bus);
    // The industrial rule pack as platform rules, installed or upgraded when its files changed (detection/pack),
    // in the background: the server answers meanwhile, and the detector reloads when the rules are in.
    const packInstalled = installRulePack(database, services.detection.rules).then(
      (pack) => {
        if (pack.created + pack.updated > 0) logger.info(pack, 'rule pack installed');
      },
      (error: unknown) => logger.error({ err: error }, 'rule pack not installed'),
    );
    return {
      app: running,
      url: address,
      bootstrap: boot,
      async close() {
        await packInstalled;
        await scheduler.stop();
        await kbScheduler.stop();
        await services.kbFeeds.settle();
        await running.close();
        await services.detection.stop();
        // after the listeners: what inputs offered is written before the database closes
        await services.sensing.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw error;
  }
}
