// Deny by default: every route carries an access rule, decided on the matched route (after the
// router has normalized and decoded the URL), never on a prefix of the raw URL.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';

/**
 * - `public`: anyone, no credentials needed (health, login, the console's static files).
 * - `user`: a logged-in user or an API token; everything under /api/v1 unless it says otherwise.
 * - `taxii`: TAXII 2.1 authenticates on its own (HTTP Basic or Bearer) and answers in its own format.
 */
export const accessRules = ['public', 'user', 'taxii'] as const;
export type AccessRule = (typeof accessRules)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; a route without one makes the server refuse to start. */
    access?: AccessRule;
  }
}

/** Every route registered in `scope` (and its children) gets `rule` unless it declares its own. */
export function defaultAccess(scope: FastifyInstance, rule: AccessRule): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? rule };
  });
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: AccessRule | undefined;
}

/**
 * Collects every route of the app and refuses to start when one has no access rule, so a route
 * added without one fails every test before it can ship. Returns the live list (tests walk it).
 */
export function requireAccessRules(app: FastifyInstance): readonly RegisteredRoute[] {
  const seen: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    seen.push(route);
  });
  const routes: RegisteredRoute[] = [];
  app.addHook('onReady', async () => {
    routes.length = 0;
    for (const route of seen) {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, access: route.config?.access });
    }
    const missing = routes.filter((r) => r.access === undefined || !accessRules.includes(r.access));
    if (missing.length > 0) {
      throw new Error(`routes without an access rule: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    }
  });
  return routes;
}

/** The matched route's rule; undefined when no route matched (the 404 handler answers). */
export function accessOf(request: FastifyRequest): AccessRule | undefined {
  return request.is404 ? undefined : request.routeOptions.config.access;
}
