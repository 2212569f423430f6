// The console's detection reads and the alert queue's saved views: /api/v1/alerts/counts,
// /api/v1/alerts/:id/similar, /api/v1/alert-views, /api/v1/detection/coverage. Thin, as routes.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, errorBodySchema } from '../../http/schemas.js';
import type { AlertViews } from './alert-views.js';
import { alertCountsQuery, alertViewBody, coverageQuery, similarAlertsQuery } from './console-schemas.js';
import type { DetectionConsole } from './coverage.service.js';
import { alertIdParams } from './schemas.js';

const body = z.any();
const tags = ['detection'];

export function detectionConsoleRoutes(service: DetectionConsole, views: AlertViews): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/alerts/counts', {
      schema: { tags, summary: 'How many alerts you may see, per severity and per status, under the list’s filters (one grouped read)', querystring: alertCountsQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => service.counts(actorOf(request), request.query));

    app.get('/alerts/:id/similar', {
      schema: { tags, summary: 'The alert, and other alerts you may see of the same rule or sharing a technique with it, latest activity first', params: alertIdParams, querystring: similarAlertsQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => service.similar(actorOf(request), request.params.id, request.query.limit));

    app.get('/detection/coverage', {
      schema: { tags, summary: 'ATT&CK coverage: per technique, the rules you may see that name it, and the alerts of the window (default 90 days) that carry it', querystring: coverageQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => service.coverage(actorOf(request), request.query));

    app.get('/alert-views', {
      schema: { tags, summary: 'Your saved views of the alert queue, by name', response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await views.list(actorOf(request)) }));

    app.post('/alert-views', {
      schema: { tags, summary: 'Save the alert queue’s filters under a name (yours only)', body: alertViewBody, response: { 201: body, ...commonErrors, 409: errorBodySchema } },
    }, async (request, reply) => reply.status(201).send(await views.save(actorOf(request), request.body.name, request.body.filter)));

    app.delete('/alert-views/:id', {
      schema: { tags, summary: 'Remove one of your saved views', params: alertIdParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await views.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  };
}
