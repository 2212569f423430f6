// /api/v1/baselines and /api/v1/baseline-settings: thin (validate, call the service).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.js';
import { commonErrors } from '../../../http/schemas.js';
import type { BaselineService } from './baseline.service.js';
import { baselineAcceptSchema, baselineChangeSchema, baselineIdParams, baselineListQuery, baselineRelearnSchema, baselineSettingsSchema } from './schemas.js';

const body = z.any();
const tags = ['detection'];

export function baselineRoutes(service: BaselineService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/baselines', {
      schema: { tags, summary: 'Baselines you may see, one per organisation and zone, with learning progress, item counts and open deviations; and your organisation’s learning period', querystring: baselineListQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => service.list(actorOf(request), request.query));

    app.put('/baseline-settings', {
      schema: { tags, summary: 'Your organisation’s learning period (hours of event time, default 168) for zones that start learning from now on (admins, analysts)', body: baselineSettingsSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.setSettings(actorOf(request), request.body));

    app.get('/baselines/:id', {
      schema: { tags, summary: 'One baseline with its content (hosts, pairs, protocols, operations, functions, ranges, polling periods), versions and deviations', params: baselineIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => service.get(actorOf(request), request.params.id));

    app.patch('/baselines/:id', {
      schema: { tags, summary: 'The zone’s learning period and marking (admins, analysts of its organisation)', params: baselineIdParams, body: baselineChangeSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.update(actorOf(request), request.params.id, request.body));

    app.post('/baselines/:id/accept', {
      schema: { tags, summary: 'Accept deviations into the baseline: what they saw becomes normal, as a new version (admins, analysts of its organisation)', params: baselineIdParams, body: baselineAcceptSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.accept(actorOf(request), request.params.id, request.body.deviations, request.body.note));

    app.post('/baselines/:id/relearn', {
      schema: { tags, summary: 'Learn the zone again from the next event; the old content is kept in the version this ends (admins, analysts of its organisation)', params: baselineIdParams, body: baselineRelearnSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.relearn(actorOf(request), request.params.id, request.body.reason));
  };
}
