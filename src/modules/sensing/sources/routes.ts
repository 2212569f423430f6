import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.js';
import { commonErrors, errorBodySchema } from '../../../http/schemas.js';
import { sourceIdParams, sourceInputSchema, sourceListQuery, sourcePatchSchema } from './schemas.js';
import type { SourceManager } from './source-manager.js';
import type { SourceService } from './sources.service.js';

// Read models are documented loosely; inputs are strict.
const body = z.any();

/**
 * /api/v1/sources. With a manager, the enabled sources run while the server listens: they start when
 * it starts listening (not in tests that only inject requests) and stop when it closes.
 */
export function sourceRoutes(sources: SourceService, manager?: SourceManager): FastifyPluginAsyncZod {
  return async (app) => {
    if (manager !== undefined) {
      app.addHook('onListen', async () => {
        await manager.start();
      });
      app.addHook('onClose', async () => {
        await manager.stop();
      });
    }

    app.get('/sources', {
      schema: { tags: ['sensing'], summary: 'Event sources you may see (syslog listeners, MQTT subscriptions, followed Zeek, Suricata and Windows event files) with their running state and counters', querystring: sourceListQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await sources.list(actorOf(request), request.query) }));

    app.post('/sources', {
      schema: { tags: ['sensing'], summary: 'Define an event source; the server starts it when enabled (admins of its organisation; server file paths: the root organisation’s admins)', body: sourceInputSchema, response: { 201: body, ...commonErrors, 409: errorBodySchema } },
    }, async (request, reply) => reply.status(201).send(await sources.create(actorOf(request), request.body)));

    app.get('/sources/:id', {
      schema: { tags: ['sensing'], summary: 'One event source with its running state', params: sourceIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => sources.get(actorOf(request), request.params.id));

    app.get('/sources/:id/status', {
      schema: { tags: ['sensing'], summary: 'What an event source is doing: state, endpoint, received, accepted, stored, dropped, rejected, last event, last error', params: sourceIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => sources.status(actorOf(request), request.params.id));

    app.patch('/sources/:id', {
      schema: { tags: ['sensing'], summary: 'Change an event source (a new config replaces the old one); a running source restarts (admins of its organisation)', params: sourceIdParams, body: sourcePatchSchema, response: { 200: body, ...commonErrors, 409: errorBodySchema } },
    }, async (request) => sources.update(actorOf(request), request.params.id, request.body));

    app.delete('/sources/:id', {
      schema: { tags: ['sensing'], summary: 'Stop and remove an event source; its events stay (admins of its organisation)', params: sourceIdParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await sources.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  };
}
