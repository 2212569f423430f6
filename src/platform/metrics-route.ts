// GET /metrics: Prometheus text. Scrapers rarely carry user tokens, so an operator may make it public on a
// trusted network (BULWARK_METRICS_PUBLIC=1); otherwise only an admin of a top-level organisation (the
// platform's operator) may read it, with a token: per-source counters name every organisation's sources.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { actorOf } from '../http/auth.js';
import { NotAllowedError } from './errors.js';
import { renderMetrics } from './metrics.js';

/** True for the local operator and admins of a root organisation (path `/id/`). */
function operates(actor: { readonly kind: string; readonly role: string; readonly orgPath: string }): boolean {
  if (actor.kind === 'system') return true;
  return actor.role === 'admin' && /^\/[^/]+\/$/.test(actor.orgPath);
}

export function registerMetricsRoute(app: FastifyInstance, registry: Registry, options: { readonly public: boolean }): void {
  const schema = {
    tags: ['operations'],
    summary: options.public ? 'Prometheus metrics (public: BULWARK_METRICS_PUBLIC)' : 'Prometheus metrics (admins of a top-level organisation)',
    ...(options.public ? { security: [] } : {}),
    querystring: z.strictObject({}),
    produces: ['text/plain'],
  };
  app.get('/metrics', { config: { access: options.public ? 'public' : 'user' }, schema }, async (request, reply) => {
    if (!options.public && !operates(actorOf(request))) throw new NotAllowedError('only an admin of a top-level organisation may read /metrics');
    const { contentType, body } = await renderMetrics(registry);
    return reply.type(contentType).send(body);
  });
}
