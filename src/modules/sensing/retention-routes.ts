import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors } from '../../http/schemas.js';
import type { RetentionService } from './retention.service.js';
import { retentionInputSchema, retentionQuery, retentionSchema } from './schemas.js';

/** /api/v1/events/retention: how long an organisation's events are kept. */
export function retentionRoutes(retention: RetentionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/events/retention', {
      schema: { tags: ['sensing'], summary: 'How long an organisation’s events are kept (your own organisation unless orgId names one below it): its own setting or the server’s default', querystring: retentionQuery, response: { 200: retentionSchema, ...commonErrors } },
    }, async (request) => retention.get(actorOf(request), request.query.orgId));

    app.put('/events/retention', {
      schema: { tags: ['sensing'], summary: 'Set how many days an organisation’s events are kept, or null for the server’s default (admins of the organisation or of one above it); applied by the hourly retention run', body: retentionInputSchema, response: { 200: retentionSchema, ...commonErrors } },
    }, async (request) => retention.set(actorOf(request), request.body.orgId, request.body.days));
  };
}
