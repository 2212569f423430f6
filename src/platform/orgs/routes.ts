import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import type { Services } from '../../services.js';
import { industries } from './sectors.js';
import { industrySchema, orgCreateBody, orgPlacementBody, organisationSchema } from './schemas.js';

export function orgRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/organisations',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Your organisation and those below it',
          response: { 200: z.object({ items: z.array(organisationSchema) }), ...commonErrors },
        },
      },
      async (request) => ({ items: await services.orgs.list(actorOf(request)) }),
    );
    app.get(
      '/organisations/industries',
      {
        schema: {
          tags: ['organisations'],
          summary: 'The industry codes an organisation may carry (divisions of GB/T 4754-2017 where control systems run)',
          response: { 200: z.object({ items: z.array(industrySchema) }), ...commonErrors },
        },
      },
      async () => ({ items: [...industries] }),
    );
    app.patch(
      '/organisations/:id',
      {
        schema: {
          tags: ['organisations'],
          summary: "Set an organisation's industry and region (admins of an organisation above it)",
          params: idParams,
          body: orgPlacementBody,
          response: { 200: organisationSchema, ...commonErrors },
        },
      },
      async (request) => services.orgs.place(actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/organisations/:id',
      { schema: { tags: ['organisations'], params: idParams, response: { 200: organisationSchema, ...commonErrors } } },
      async (request) => services.orgs.get(actorOf(request), request.params.id),
    );
    app.post(
      '/organisations',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Create a child organisation (admins)',
          body: orgCreateBody,
          response: { 201: organisationSchema, ...commonErrors, 409: errorBodySchema },
        },
      },
      async (request, reply) => reply.status(201).send(await services.orgs.create(actorOf(request), request.body)),
    );
  };
}
