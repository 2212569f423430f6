import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import { auditRoutes } from '../platform/audit/routes.js';
import { authRoutes } from '../platform/auth/routes.js';
import { orgRoutes } from '../platform/orgs/routes.js';
import { userRoutes } from '../platform/users/routes.js';
import { assetRoutes, assetSummaryRoutes } from '../modules/assets/index.js';
import { knowledgeRoutes } from '../modules/knowledge/index.js';
import { kbFeedRoutes } from '../modules/knowledge/feeds/index.js';
import { captureRoutes } from '../modules/capture/index.js';
import { intelRoutes } from '../modules/intel/index.js';
import { searchRoutes } from '../modules/search/index.js';
import { sensorRoutes } from '../modules/sensing/sensor/routes.js';
import { eventSourceRoutes } from '../modules/sensing/sources/index.js';
import { createEventsService } from '../modules/sensing/events.service.js';
import { eventRoutes } from '../modules/sensing/routes.js';
import { retentionRoutes } from '../modules/sensing/retention-routes.js';
import { createRetentionService } from '../modules/sensing/retention.service.js';
import { createEventImportService, eventImportRoutes } from '../modules/sensing/imports/index.js';
import { alertEvidenceRoutes, alertRoutes, baselineRoutes, detectionConsoleRoutes, notificationRoutes, ruleRoutes } from '../modules/detection/index.js';
import { evidenceFile } from '../modules/capture/index.js';
import { playbookRoutes } from '../modules/response/index.js';
import { sendTaxiiError, taxiiAdminRoutes, taxiiRoutes } from '../modules/intel/taxii/index.js';
import type { Services } from '../services.js';
import { defaultAccess, requireAccessRules, type RegisteredRoute } from './access.js';
import { registerAuth } from './auth.js';
import { frameworkErrorReply, registerErrorHandler } from './error-handler.js';
import { refuseUndeclaredQuery, registerBoundedJsonParser, registerInputGuard } from './input-guard.js';
import { registerRefusalAudit } from './refusal-audit.js';
import { VERSION } from '../version.js';
import { registerMetricsRoute } from '../platform/metrics-route.js';

export type HttpConfig = Pick<Config, 'bodyLimit' | 'uploadLimit' | 'secureCookies' | 'webDir'> & { readonly metricsPublic?: boolean };

export interface AppOptions {
  readonly services: Services;
  readonly config: HttpConfig;
  readonly logger?: Logger | false;
}

/** The built console: BULWARK_WEB_DIR, or dist/web next to the built server. */
function findWebDir(configured: string | undefined): string | undefined {
  if (configured !== undefined) return resolve(configured);
  const here = dirname(fileURLToPath(import.meta.url));
  // From src/http (tests, tsx) the build is in ../../dist/web; from dist/src/http it is ../../web.
  // The built console has a static/ folder; the web/ source folder does not.
  for (const candidate of [join(here, '../../dist/web'), join(here, '../../web')]) {
    if (existsSync(join(candidate, 'index.html')) && existsSync(join(candidate, 'static'))) return candidate;
  }
  return undefined;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services, config } = options;
  const app = Fastify({
    ...(options.logger === false || options.logger === undefined ? {} : { loggerInstance: options.logger as FastifyBaseLogger }),
    bodyLimit: config.bodyLimit,
    // Long ids reach the schema (a 400 that says why) instead of failing routing (a bare 404).
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors: frameworkErrorReply(sendTaxiiError),
  }).withTypeProvider<ZodTypeProvider>();
  // First, so that it sees every route: a route without an access rule stops the server starting.
  routeTables.set(app, requireAccessRules(app));
  // text/plain is a CORS-safelisted type a foreign page could post with the session cookie; accept none of it.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerBoundedJsonParser(app);
  registerInputGuard(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Bulwark API',
        version: VERSION,
        description: 'Industrial Internet security public service platform. Errors: { error: { code, message, details } }.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/v1/tokens or `bulwark token create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'bulwark_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (docs) => {
    defaultAccess(docs, 'public');
    await docs.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });
  await app.register(fastifyCookie);
  registerAuth(app, services);
  registerRefusalAudit(app, services);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        security: [],
        querystring: z.strictObject({}),
        response: { 200: z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() }) },
      },
    },
    async () => ({ status: 'ok' as const, version: VERSION, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        security: [],
        querystring: z.strictObject({}),
        response: {
          200: z.object({ status: z.literal('ready'), backend: z.string() }),
          503: z.object({ status: z.literal('unavailable'), backend: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      const backend = services.database.backend;
      try {
        await services.database.db.selectFrom('bulwark_meta').select('key').limit(1).execute();
        return { status: 'ready' as const, backend };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, backend });
      }
    },
  );

  // Prometheus scrapes /metrics (see platform/metrics-route.ts for who may).
  registerMetricsRoute(app, services.metrics, { public: config.metricsPublic === true });

  await app.register(
    async (api) => {
      defaultAccess(api, 'user');
      refuseUndeclaredQuery(api);
      await api.register(authRoutes(services, { secureCookies: config.secureCookies }));
      await api.register(orgRoutes(services));
      await api.register(userRoutes(services));
      await api.register(auditRoutes(services));
      await api.register(assetRoutes(services.assets, { uploadLimit: config.uploadLimit }));
      await api.register(assetSummaryRoutes(services.database.db));
      await api.register(captureRoutes(services.captures));
      await api.register(intelRoutes(services.intel));
      await api.register(searchRoutes(services.search));
      await api.register(taxiiAdminRoutes(services.taxii));
      await api.register(knowledgeRoutes(services.knowledge, services.knowledge.explore, { uploadLimit: config.uploadLimit }));
      await api.register(kbFeedRoutes(services.kbFeeds, services.knowledge, { archiveLimit: config.uploadLimit * 10 }));
      await api.register(sensorRoutes(services.database));
      await api.register(eventSourceRoutes(services, options.logger));
      await api.register(eventRoutes(createEventsService(services.database, { ingest: services.sensing.ingest, bus: services.sensing.bus, maxIngestBytes: config.uploadLimit })));
      await api.register(retentionRoutes(createRetentionService(services.database, { defaultDays: services.sensing.retentionDays })));
      await api.register(eventImportRoutes(createEventImportService(services.database, { ingest: services.sensing.ingest, spoolDir: services.spoolDir, maxBytes: config.uploadLimit * 10, logger: options.logger === false ? undefined : options.logger })));
      await api.register(ruleRoutes(services.detection.rules));
      await api.register(alertRoutes(services.detection.alerts, services.detection.suppressions));
      if (services.detection.notifications !== undefined) await api.register(notificationRoutes(services.detection.notifications));
      await api.register(baselineRoutes(services.detection.baselines));
      await api.register(detectionConsoleRoutes(services.detection.console, services.detection.views));
      await api.register(alertEvidenceRoutes(services.detection.alerts, { frames: (actor, job, frames) => services.captures.evidence(actor, job, frames), file: evidenceFile }));
      await api.register(playbookRoutes(services.response.playbooks));
    },
    { prefix: '/api/v1' },
  );
  await app.register(
    async (taxii) => {
      defaultAccess(taxii, 'taxii');
      await taxii.register(taxiiRoutes(services, { maxContentLength: config.uploadLimit }));
    },
    { prefix: '/taxii2' },
  );

  const webDir = findWebDir(config.webDir);
  if (webDir !== undefined) await app.register(async (web) => consoleRoutes(web, webDir));
  return app;
}

/** Every route of an app with its access rule, once the app is ready (tests walk it). */
export function routesOf(app: FastifyInstance): readonly RegisteredRoute[] {
  const routes = routeTables.get(app);
  if (routes === undefined) throw new Error('not an app built by buildApp');
  return routes;
}
const routeTables = new WeakMap<FastifyInstance, readonly RegisteredRoute[]>();

/** The built console: its files, and its shell for client-side routes. Public: it holds no data. */
async function consoleRoutes(web: FastifyInstance, webDir: string): Promise<void> {
  defaultAccess(web, 'public');
  await web.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  // Client-side routes (/assets, /admin, ...) get the console shell; unknown API paths stay JSON 404s.
  web.get('/*', { schema: { hide: true } }, (request, reply) => {
    // The decoded path, so that /%61pi/... is an API path too. Missing API routes and built files are 404s.
    const path = `/${(request.params as { '*'?: string })['*'] ?? ''}`;
    if (path.startsWith('/api/') || path.startsWith('/static/') || path.startsWith('/taxii2/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route for ${request.method} ${path}`, details: [] } });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
