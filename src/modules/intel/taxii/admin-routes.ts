// Bulwark's own API for defining TAXII collections (the TAXII protocol itself has no such call).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.js';
import { commonErrors, errorBodySchema } from '../../../http/schemas.js';
import { API_ROOT } from './routes.js';
import {
  collectionIdParams,
  collectionInputSchema,
  collectionSchema,
  feedInputSchema,
  feedNameParams,
  feedRunQuery,
  feedRunSchema,
  feedSchema,
  remoteCollectionsBody,
  remoteCollectionsSchema,
} from './schemas.js';
import type { TaxiiService } from './taxii.service.js';
import type { Collection } from './types.js';

const withUrl = (c: Collection) => ({ ...c, url: `/taxii2/${API_ROOT}/collections/${c.id}/` });

export function taxiiAdminRoutes(taxii: TaxiiService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/taxii/collections',
      { schema: { tags: ['taxii'], summary: 'TAXII collections you may read or write, with their definitions', response: { 200: z.object({ items: z.array(collectionSchema.extend({ canRead: z.boolean(), canWrite: z.boolean() })) }), ...commonErrors } } },
      async (request) => ({
        items: (await taxii.collections(actorOf(request))).map((a) => ({ ...withUrl(a.collection), canRead: a.canRead, canWrite: a.canWrite })),
      }),
    );

    app.post(
      '/taxii/collections',
      {
        schema: {
          tags: ['taxii'],
          summary: 'Define a TAXII collection over your organisation’s intelligence, optionally by filter, with read and write grants (admins)',
          body: collectionInputSchema,
          response: { 201: collectionSchema, ...commonErrors, 409: errorBodySchema },
        },
      },
      async (request, reply) => reply.status(201).send(withUrl(await taxii.createCollection(actorOf(request), request.body))),
    );

    app.get(
      '/taxii/feeds',
      { schema: { tags: ['taxii'], summary: 'Remote TAXII collections your organisation pulls from or pushes to', response: { 200: z.object({ items: z.array(feedSchema) }), ...commonErrors } } },
      async (request) => ({ items: await taxii.feeds.list(actorOf(request)) }),
    );

    app.put(
      '/taxii/feeds/:name',
      {
        schema: {
          tags: ['taxii'],
          summary: 'Create or change a feed: a remote collection to pull from or push to, with credentials (never shown again) (admins, analysts)',
          params: feedNameParams,
          body: feedInputSchema,
          response: { 200: feedSchema, ...commonErrors },
        },
      },
      async (request) => taxii.feeds.save(actorOf(request), { ...request.body, name: request.params.name }),
    );

    app.post(
      '/taxii/feeds/:name/run',
      {
        schema: {
          tags: ['taxii'],
          summary: 'Run a feed now: pull new objects (or push local ones) from where the last run stopped',
          params: feedNameParams,
          querystring: feedRunQuery,
          response: { 200: feedRunSchema, ...commonErrors },
        },
      },
      async (request) => taxii.feeds.run(actorOf(request), request.params.name, { maxPages: request.query.maxPages }),
    );

    app.delete(
      '/taxii/feeds/:name',
      { schema: { tags: ['taxii'], summary: 'Delete a feed and its credentials (admins, analysts)', params: feedNameParams, response: { 204: z.null(), ...commonErrors } } },
      async (request, reply) => {
        await taxii.feeds.remove(actorOf(request), request.params.name);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/taxii/remote/collections',
      {
        schema: { tags: ['taxii'], summary: 'List the collections of a remote TAXII 2.1 server (discovery URL or API root)', body: remoteCollectionsBody, response: { 200: remoteCollectionsSchema, ...commonErrors } },
      },
      async (request) => ({ items: await taxii.feeds.remoteCollections(actorOf(request), request.body.url, request.body.auth ?? {}) }),
    );

    app.delete(
      '/taxii/collections/:id',
      { schema: { tags: ['taxii'], params: collectionIdParams, response: { 204: z.null(), ...commonErrors } } },
      async (request, reply) => {
        await taxii.deleteCollection(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
