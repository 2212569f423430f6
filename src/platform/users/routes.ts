import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import type { Services } from '../../services.js';
import { userCreateBody, userPatchBody, userSchema } from './schemas.js';

export function userRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Users of your organisation and those below it (admins)',
          querystring: z.strictObject({ orgId: z.string().max(100).optional(), q: z.string().trim().max(100).optional() }),
          response: { 200: z.object({ items: z.array(userSchema) }), ...commonErrors },
        },
      },
      async (request) => ({ items: await services.users.list(actorOf(request), request.query) }),
    );
    app.get(
      '/users/:id',
      { schema: { tags: ['users'], params: idParams, response: { 200: userSchema, ...commonErrors } } },
      async (request) => services.users.get(actorOf(request), request.params.id),
    );
    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create a user (admins)',
          body: userCreateBody,
          response: { 201: userSchema, ...commonErrors, 409: errorBodySchema },
        },
      },
      async (request, reply) => reply.status(201).send(await services.users.create(actorOf(request), request.body)),
    );
    app.patch(
      '/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Change a user: role, disabled, name, password',
          params: idParams,
          body: userPatchBody,
          response: { 200: userSchema, ...commonErrors },
        },
      },
      async (request) => services.users.update(actorOf(request), request.params.id, request.body),
    );
  };
}
