import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import type { Services } from '../../services.js';
import { orgCreateBody, organisationSchema } from './schemas.js';

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
