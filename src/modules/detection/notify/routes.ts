// /api/v1/alert-channels and /api/v1/alert-notification-rules: thin (validate, call the service).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.js';
import { commonErrors } from '../../../http/schemas.js';
import type { NotificationService } from './notify.service.js';
import { channelInputSchema, channelPatchSchema, deliveryListQuery, notificationRuleInputSchema, notificationRulePatchSchema, notifyIdParams } from './schemas.js';

const body = z.any();
const tags = ['detection'];

export function notificationRoutes(service: NotificationService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/alert-channels', {
      schema: { tags, summary: 'Your organisation’s alert channels (webhook, e-mail, MQTT); secrets are never shown', querystring: z.strictObject({}), response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await service.channels.list(actorOf(request)) }));

    app.post('/alert-channels', {
      schema: { tags, summary: 'Add a channel: a webhook signed with HMAC-SHA256, SMTP e-mail or an MQTT topic; its secret is sealed at rest (admins, analysts)', body: channelInputSchema, response: { 201: body, ...commonErrors } },
    }, async (request, reply) => reply.status(201).send(await service.channels.create(actorOf(request), request.body)));

    app.get('/alert-channels/:id', {
      schema: { tags, summary: 'One alert channel', params: notifyIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => service.channels.get(actorOf(request), request.params.id));

    app.patch('/alert-channels/:id', {
      schema: { tags, summary: 'Rename, enable or disable a channel', params: notifyIdParams, body: channelPatchSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.channels.update(actorOf(request), request.params.id, request.body));

    app.delete('/alert-channels/:id', {
      schema: { tags, summary: 'Remove a channel (and its pending deliveries); rules stop naming it', params: notifyIdParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await service.channels.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });

    app.post('/alert-channels/:id/test', {
      schema: { tags, summary: 'Send a test message now; answers whether it went through', params: notifyIdParams, body: z.strictObject({}).optional(), response: { 200: body, ...commonErrors } },
    }, async (request) => service.channels.test(actorOf(request), request.params.id));

    app.get('/alert-channels/:id/deliveries', {
      schema: { tags, summary: 'The channel’s delivery log, newest first: status, attempts, last error', params: notifyIdParams, querystring: deliveryListQuery, response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await service.channels.deliveries(actorOf(request), request.params.id, request.query.limit) }));

    app.get('/alert-notification-rules', {
      schema: { tags, summary: 'Your organisation’s notification rules: which alerts (rules, techniques, minimum severity) go to which channels', querystring: z.strictObject({}), response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await service.rules.list(actorOf(request)) }));

    app.post('/alert-notification-rules', {
      schema: { tags, summary: 'Add a notification rule (admins, analysts)', body: notificationRuleInputSchema, response: { 201: body, ...commonErrors } },
    }, async (request, reply) => reply.status(201).send(await service.rules.create(actorOf(request), request.body)));

    app.get('/alert-notification-rules/:id', {
      schema: { tags, summary: 'One notification rule', params: notifyIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => service.rules.get(actorOf(request), request.params.id));

    app.patch('/alert-notification-rules/:id', {
      schema: { tags, summary: 'Change a notification rule', params: notifyIdParams, body: notificationRulePatchSchema, response: { 200: body, ...commonErrors } },
    }, async (request) => service.rules.update(actorOf(request), request.params.id, request.body));

    app.delete('/alert-notification-rules/:id', {
      schema: { tags, summary: 'Remove a notification rule', params: notifyIdParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await service.rules.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  };
}
