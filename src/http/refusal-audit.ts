// A refused write is a signal (probing another organisation's ids, a role testing its limits), so it
// is recorded like the writes that succeed: who, what route, which status, from where.
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../platform/audit/audit.service.js';
import type { Services } from '../services.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REFUSED = new Set([403, 404]);

export function registerRefusalAudit(app: FastifyInstance, services: Services): void {
  // onSend, not onResponse: the entry is written before the caller has the answer, so whoever reads
  // the log next sees it (refusals are rare; the few milliseconds go to them only).
  app.addHook('onSend', async (request, reply, payload) => {
    if (!WRITES.has(request.method) || !REFUSED.has(reply.statusCode) || request.actor === null || request.is404) return payload;
    try {
      await recordAudit(services.database.db, { ...request.actor, ip: request.ip }, {
        action: 'write.refused',
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url ?? ''}`,
        details: { status: reply.statusCode, path: request.url.split('?')[0]?.slice(0, 300) ?? '' },
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not record a refused write');
    }
    return payload;
  });
}
