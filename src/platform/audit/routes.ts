import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors } from '../../http/schemas.js';
import type { Services } from '../../services.js';

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});

export function auditRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The append-only audit log, newest first (admins)',
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(1000).optional(),
            // Entry ids are bigint: a longer number would overflow in the database, so it is refused here.
            before: z.string().regex(/^\d{1,18}$/, 'an entry id (a whole number below 10^18)').optional(),
            action: z.string().max(100).optional(),
            targetType: z.string().max(100).optional(),
            orgId: z.string().max(100).optional(),
          }),
          response: { 200: z.object({ items: z.array(auditEntrySchema) }), ...commonErrors },
        },
      },
      async (request) => ({ items: await services.audit.list(actorOf(request), request.query) }),
    );
  };
}
