// /api/v1/rules, /api/v1/alerts and /api/v1/alert-suppressions: thin (validate, call the service).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors } from '../../http/schemas.js';
import type { AlertService } from './alerts.service.js';
import type { RuleService } from './rules.service.js';
import {
  alertBulkSchema, alertChangeSchema, alertCommentSchema, alertIdParams, alertListQuery, ruleEnableSchema, ruleIdParams, ruleImportSchema, ruleListQuery, ruleTestSchema, ruleValidateSchema,
  suppressionInputSchema, suppressionPatchSchema,
} from './schemas.js';
import type { SuppressionService } from './suppressions.service.js';

// Read models are documented loosely; inputs are strict.
const body = z.any();
const rules = ['detection'];

export function ruleRoutes(service: RuleService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/rules', {
      schema: { tags: rules, summary: 'Sigma rules you may see: your organisation’s and the platform’s, with hit counts', querystring: ruleListQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await service.list(actorOf(request), request.query) }));

    app.post('/rules', {
      schema: { tags: rules, summary: 'Import Sigma rules (one or many YAML documents); a known Sigma id becomes a new version; nothing is stored when a document is wrong (admins, analysts; platform rules: the root organisation’s admins)', body: ruleImportSchema, response: { 201: body, ...commonErrors } },
    }, async (request, reply) => reply.status(201).send(await service.import(actorOf(request), request.body)));

    app.post('/rules/validate', {
      schema: { tags: rules, summary: 'Validate Sigma text without storing it: every problem with its line and column', body: ruleValidateSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.validate(request.body.text, request.body.file));

    app.post('/rules/test', {
      schema: { tags: rules, summary: 'Run a posted rule text, or a stored rule, over posted NDJSON events; answers the matching events (stores nothing)', body: ruleTestSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.test(actorOf(request), request.body));

    app.get('/rules/:id', {
      schema: { tags: rules, summary: 'One rule with its Sigma text', params: ruleIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => service.get(actorOf(request), request.params.id));

    app.patch('/rules/:id', {
      schema: { tags: rules, summary: 'Enable or disable a rule; the detector picks the change up without a restart', params: ruleIdParams, body: ruleEnableSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.setEnabled(actorOf(request), request.params.id, request.body.enabled));

    app.delete('/rules/:id', {
      schema: { tags: rules, summary: 'Remove a rule; its alerts stay', params: ruleIdParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await service.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  };
}

export function alertRoutes(service: AlertService, suppressions: SuppressionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/alerts', {
      schema: { tags: rules, summary: 'Alerts you may see, latest activity first, filtered by technique, status, severity (at least), rule, asset and time; keyset paging with cursor', querystring: alertListQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => service.list(actorOf(request), request.query));

    app.post('/alerts/bulk', {
      schema: { tags: rules, summary: 'Change the status or assignee of many alerts (admins, analysts and responders of their organisation)', body: alertBulkSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => {
      const { ids, ...change } = request.body;
      return service.bulkUpdate(actorOf(request), ids, change);
    });

    app.get('/alerts/:id', {
      schema: { tags: rules, summary: 'One alert with its linked events, comments and status history', params: alertIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => service.get(actorOf(request), request.params.id));

    app.patch('/alerts/:id', {
      schema: { tags: rules, summary: 'Acknowledge, work on, resolve or mark as false positive; assign (admins, analysts and responders of its organisation)', params: alertIdParams, body: alertChangeSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.update(actorOf(request), request.params.id, request.body));

    app.post('/alerts/:id/comments', {
      schema: { tags: rules, summary: 'Comment on an alert', params: alertIdParams, body: alertCommentSchema, response: { 201: body, ...commonErrors } },
    }, async (request, reply) => reply.status(201).send(await service.comment(actorOf(request), request.params.id, request.body.body)));

    app.get('/alert-suppressions', {
      schema: { tags: rules, summary: 'Your organisation’s suppressions, with how many hits each held back', querystring: z.strictObject({}), response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await suppressions.list(actorOf(request)) }));

    app.post('/alert-suppressions', {
      schema: { tags: rules, summary: 'Hold back hits by rule, entity, asset or field value, until an expiry (admins, analysts)', body: suppressionInputSchema, response: { 201: body, ...commonErrors } },
    }, async (request, reply) => reply.status(201).send(await suppressions.create(actorOf(request), request.body)));

    app.get('/alert-suppressions/:id', {
      schema: { tags: rules, summary: 'One suppression', params: alertIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => suppressions.get(actorOf(request), request.params.id));

    app.patch('/alert-suppressions/:id', {
      schema: { tags: rules, summary: 'Change a suppression’s reason or expiry', params: alertIdParams, body: suppressionPatchSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => suppressions.update(actorOf(request), request.params.id, request.body));

    app.delete('/alert-suppressions/:id', {
      schema: { tags: rules, summary: 'Remove a suppression', params: alertIdParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await suppressions.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  };
}
