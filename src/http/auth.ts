import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/access.js';
import { AuthenticationError } from '../platform/errors.js';
import type { Services } from '../services.js';
import { createSensorGate, isSensorToken } from '../modules/sensing/sensor/sensor-gate.js';
import { accessOf } from './access.js';

export const SESSION_COOKIE = 'bulwark_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/**
 * Resolves the caller from a bearer token (API, CLI) or the session cookie (console), and refuses
 * strangers on every route that is not declared public. The rule is the matched route's, so no
 * spelling of a URL (percent-encoding, double slashes, case) can reach a route around it.
 */
export function registerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest('actor', null);
  // Sensor tokens are their own kind: event ingest for the sensor's organisation, nothing else (ADR 016).
  const authenticateSensor = createSensorGate(app, services.database);
  // onRequest: callers are identified before any body is read, so strangers get 401, not parse errors.
  app.addHook('onRequest', async (request) => {
    const access = accessOf(request);
    // No route matched: the not-found handler answers, and a 404 tells nothing about anyone's data.
    if (access === undefined && request.is404) return;
    if (access === 'taxii') return; // TAXII authenticates on its own (HTTP Basic or Bearer)
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const token = match?.[1];
      const actor = token === undefined ? null : isSensorToken(token) ? await authenticateSensor(request, token) : await services.auth.authenticateToken(token, request.ip);
      // A wrong token is an error even on public routes: the caller meant to authenticate.
      if (actor === null) throw new AuthenticationError('invalid or expired API token');
      request.actor = actor;
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    if (session !== undefined) request.actor = await services.auth.authenticateSession(session, request.ip);
    if (request.actor === null && access !== 'public') {
      throw new AuthenticationError('log in or send an API token (Authorization: Bearer ...)');
    }
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new AuthenticationError('authentication required');
  return request.actor;
}
