import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../../http/auth.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import type { Services } from '../../services.js';
import { roles } from '../access.js';
import { userSchema } from '../users/schemas.js';

const tokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const meSchema = z.object({
  user: userSchema,
  organisation: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  role: z.enum(roles),
});

export interface AuthRouteOptions {
  readonly secureCookies: boolean;
}

export function authRoutes(services: Services, options: AuthRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    async function me(actorUserId: string, request: Parameters<typeof actorOf>[0]) {
      const actor = actorOf(request);
      const user = await services.users.get(actor, actorUserId);
      const org = await services.orgs.get(actor, actor.orgId);
      return { user, organisation: { id: org.id, name: org.name, level: org.level }, role: actor.role };
    }

    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Password login; sets an HTTP-only session cookie',
          body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
          response: { 200: meSchema, 400: errorBodySchema, 401: errorBodySchema, 429: errorBodySchema },
        },
      },
      async (request, reply) => {
        const { session, actor, expiresAt } = await services.auth.login(request.body.username, request.body.password, request.ip);
        reply.setCookie(SESSION_COOKIE, session, {
          httpOnly: true,
          sameSite: 'strict',
          secure: options.secureCookies,
          path: '/',
          expires: expiresAt,
        });
        request.actor = actor;
        return me(actor.userId ?? '', request);
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'End the console session', response: { 204: z.null() } } },
      async (request, reply) => {
        const session = request.cookies[SESSION_COOKIE];
        if (session !== undefined) await services.auth.logout(session);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      { schema: { tags: ['auth'], summary: 'Who you are', response: { 200: meSchema, ...commonErrors } } },
      async (request) => {
        const actor = actorOf(request);
        return me(actor.userId ?? '', request);
      },
    );

    app.get(
      '/tokens',
      {
        schema: {
          tags: ['tokens'],
          summary: 'Your API tokens (admins: another user’s with userId)',
          querystring: z.strictObject({ userId: z.string().max(100).optional() }),
          response: { 200: z.object({ items: z.array(tokenSchema) }), ...commonErrors },
        },
      },
      async (request) => ({ items: await services.auth.listTokens(actorOf(request), request.query.userId) }),
    );

    app.post(
      '/tokens',
      {
        schema: {
          tags: ['tokens'],
          summary: 'Issue an API token; the secret is shown once',
          body: z.strictObject({
            name: z.string().trim().min(1).max(100),
            userId: z.string().max(100).optional(),
            expiresInDays: z.number().int().min(1).max(3650).optional(),
          }),
          response: { 201: tokenSchema.extend({ token: z.string() }), ...commonErrors },
        },
      },
      async (request, reply) => reply.status(201).send(await services.auth.createToken(actorOf(request), request.body)),
    );

    app.delete(
      '/tokens/:id',
      { schema: { tags: ['tokens'], summary: 'Revoke a token', params: idParams, response: { 204: z.null(), ...commonErrors } } },
      async (request, reply) => {
        await services.auth.revokeToken(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
