import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config/config.js';
import { createCaptureService } from './modules/capture/index.js';
import { createIntelService } from './modules/intel/index.js';
import { createTaxiiService } from './modules/intel/taxii/index.js';
import { createAuditService } from './platform/audit/audit.service.js';
import { createAuthService } from './platform/auth/auth.service.js';
import { createLoginLimiter } from './platform/auth/login-limiter.js';
import { createOrgService } from './platform/orgs/org.service.js';
import { createUserService } from './platform/users/user.service.js';
import { createAssetService } from './modules/assets/index.js';
import { createSearchService } from './modules/search/index.js';
import { createEnricher, createKnowledgeService, parsers, vulnVisibleTo, type KnowledgeService } from './modules/knowledge/index.js';
import { createKbFeedService } from './modules/knowledge/feeds/index.js';
import type { Logger } from './platform/logger.js';
import { createSecretBox, keyFromFile } from './platform/secret-box.js';
import { createMetricsRegistry } from './platform/metrics.js';
import { createSensing, type SensedEvent } from './modules/sensing/index.js';
import { lazyNatsQueue } from './modules/sensing/nats/lazy-queue.js';
import { createEventsService } from './modules/sensing/events.service.js';
import { createDetection, raiseKnowledgeAlerts } from './modules/detection/index.js';
import { createResponse } from './modules/response/index.js';
import type { SigningKey } from './modules/response/cacao/index.js';
import type { Database } from './storage/index.js';

export type ServiceOptions = Pick<Config, 'sessionTtlMs' | 'loginMaxAttempts' | 'loginWindowMs' | 'captureLimit'> & {
  /** Where capture uploads wait for analysis. */
  readonly spoolDir?: string | undefined;
  readonly dataDir?: string | undefined;
  /** Seals stored credentials; without it, the key file in dataDir, else a key for this process only. */
  readonly secretKey?: Uint8Array | undefined;
  /** Knowledge imports: the server directory users may read. URLs organisations give (imports, TAXII feeds) may reach private addresses. */
  readonly importDir?: string | undefined;
  readonly allowPrivateUrls?: boolean | undefined;
  /** Days events are kept (BULWARK_EVENT_RETENTION_DAYS); default 90. */
  readonly eventRetentionDays?: number | undefined;
  /** Events go through NATS JetStream (BULWARK_NATS_URL; `bulwark worker` processes write) instead of the in-process queue. */
  readonly nats?: Config['nats'];
  /** Signs exported playbooks (JSS) when asked; without it signed export is refused. */
  readonly playbookSigningKey?: SigningKey | undefined;
};

export const defaultServiceOptions: ServiceOptions = {
  sessionTtlMs: 12 * 3_600_000,
  loginMaxAttempts: 5,
  loginWindowMs: 15 * 60_000,
  captureLimit: 4_294_967_296,
};

/** Wires every service to one database. The API and the CLI call the same functions. */
export function createServices(database: Database, options: ServiceOptions = defaultServiceOptions, logger?: Logger) {
  const limiter = createLoginLimiter({
    maxPerUserAddress: options.loginMaxAttempts,
    maxPerAddress: options.loginMaxAttempts * 4,
    windowMs: options.loginWindowMs,
  });
  // Asset changes recompute exposures in-process; a failure there must not undo the asset write.
  const late: { knowledge?: KnowledgeService } = {};
  const assets = createAssetService(database, {
    vulnerabilityRule: vulnVisibleTo,
    changed: async (ids) => {
      try {
        await late.knowledge?.recomputeAssets(ids);
      } catch (error) {
        logger?.error({ err: error, assets: ids.length }, 'exposure recomputation failed');
      }
    },
  });
  const knowledge = createKnowledgeService(database, {
    enrich: createEnricher(),
    parsers,
    assets,
    imports: { dir: options.importDir, allowPrivateUrls: options.allowPrivateUrls },
    // Known-exploited and advised vulnerabilities newly affecting assets become alerts (issue 13).
    exposures: {
      recomputed: async (ids) => {
        try {
          await raiseKnowledgeAlerts(database.db, ids);
        } catch (error) {
          logger?.error({ err: error, assets: ids.length }, 'knowledge alerts not raised');
        }
      },
    },
  });
  late.knowledge = knowledge;
  // Where uploads wait for their job (captures, intelligence and event imports): the data directory's spool.
  const spoolDir = options.spoolDir ?? (options.dataDir ? join(options.dataDir, 'spool') : join(tmpdir(), 'bulwark-spool'));
  // One sealing key for every stored credential (TAXII feeds, knowledge feeds' API keys).
  const secrets = createSecretBox(options.secretKey ?? (options.dataDir === undefined ? randomBytes(32) : keyFromFile(join(options.dataDir, 'secret.key'))));
  const captures = createCaptureService(database, {
    spoolDir,
    // analyzed uploads stay for packet evidence (an alert's frames as a pcap) until their job is deleted
    keepDir: options.dataDir ? join(options.dataDir, 'captures') : join(tmpdir(), 'bulwark-captures'),
    maxCaptureBytes: options.captureLimit,
    logger,
    assetsChanged: async (ids) => {
      try {
        await knowledge.recomputeAssets(ids);
      } catch (error) {
        logger?.error({ err: error, assets: ids.length }, 'exposure recomputation failed');
      }
    },
  });
  const intel = createIntelService(database, {
    spoolDir,
    maxBundleBytes: options.captureLimit,
    logger,
    // Reports name vendors and products the knowledge base knows.
    extractContext: () => knowledge.explore.contextNames(),
  });
  // Prometheus metrics of these services (the /metrics route adds the process's own).
  const metrics = createMetricsRegistry();
  const sensing = createSensing(database, { logger, metrics, ...(options.eventRetentionDays === undefined ? {} : { retentionDays: options.eventRetentionDays }), ...(options.nats === undefined ? {} : { queue: lazyNatsQueue({ ...options.nats, logger }), writer: false }) });
  // Alerts link events; their detail reads them as the caller may (the events service's read rule).
  const linkedEvents = createEventsService(database, { ingest: sensing.ingest, bus: sensing.bus });
  const detection = createDetection(database, { logger, events: (actor, ids, within) => linkedEvents.getMany(actor, ids, within), recentEvents: async (actor, from, to, limit) => (await linkedEvents.search(actor, { from: from.toISOString(), to: to.toISOString(), limit })).items as SensedEvent[], indicators: { intel }, notify: { secrets, allowPrivateUrls: options.allowPrivateUrls } });
  return {
    database,
    spoolDir,
    metrics,
    sensing,
    detection,
    response: createResponse(database, { secrets, signingKey: options.playbookSigningKey }),
    audit: createAuditService(database),
    auth: createAuthService(database, { sessionTtlMs: options.sessionTtlMs, limiter }),
    orgs: createOrgService(database),
    users: createUserService(database),
    assets,
    knowledge,
    captures,
    intel,
    search: createSearchService(database, { assets, knowledge, captures, intel }),
    taxii: createTaxiiService(database, intel, {
      allowPrivateUrls: options.allowPrivateUrls,
      secrets,
    }),
    kbFeeds: createKbFeedService(database, knowledge, { secrets, allowPrivateUrls: options.allowPrivateUrls, logger }),
  };
}

export type Services = ReturnType<typeof createServices>;
