/// <reference types="vite/client" />
// Every file under families/ that ends in .family.ts is loaded: adding a family is adding a file.
import Fastify from 'fastify';
import { taxiiRoutes } from '../../src/modules/intel/taxii/index.js';
import type { World } from '../support/fixture.js';
import type { ResourceFamily } from './family.js';

const modules = import.meta.glob<Record<string, unknown>>('./families/*.family.ts', { eager: true });

function isFamily(value: unknown): value is ResourceFamily {
  const f = value as Partial<ResourceFamily> | null;
  return typeof f === 'object' && f !== null && typeof f.name === 'string' && typeof f.create === 'function' && Array.isArray(f.probes);
}

export const families: readonly ResourceFamily[] = Object.entries(modules)
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([, exports]) => Object.values(exports).filter(isFamily));

/** Routes that hold no organisation's resource, each with the reason. Checked for staleness too. */
export const nonResourceRoutes: Readonly<Record<string, string>> = {
  'GET /api/health': 'liveness, public by design',
  'GET /api/ready': 'readiness, public by design',
  'POST /api/v1/auth/login': 'exchanges a password for the caller’s own session',
  'POST /api/v1/auth/logout': 'ends the caller’s own session',
  'GET /api/v1/auth/me': 'the caller’s own identity',
  'POST /api/v1/intel/extract': 'turns the posted report into a draft bundle; stores and reads nothing',
  'POST /api/v1/intel/validate': 'validates the posted bundle; stores and reads nothing',
  'POST /api/v1/intel/pattern': 'parses the posted pattern against the posted objects; stores and reads nothing',
  'POST /api/v1/rules/validate': 'validates the posted Sigma text; stores and reads nothing',
  'POST /api/v1/playbooks/validate': 'validates the posted CACAO playbook; stores nothing, and reads only which playbooks the caller may already see (a playbook-action’s target), src/modules/response/playbooks.test.ts checks that another organisation’s playbook stays unknown',
  'POST /api/v1/taxii/remote/collections': 'asks a remote server named in the body; stores and reads nothing here',
  'GET /api/v1/kb/attack/matrix':
    'an aggregate over the caller’s inventory (relevance needs the ATT&CK catalogue loaded, which api-knowledge does); no per-object answer to probe',
  'GET /api/v1/alerts/counts':
    'counts over every alert the caller may see (the list’s read rule, one grouped statement); no per-object answer to probe, test/api-detection-console.test.ts checks it against the list for each kind of caller',
  'GET /api/v1/alerts/{id}/evidence.pcap':
    'the alert (its read rule) joined with the capture jobs its events came from (their read rule) and their kept files: the matrix’s alerts have no capture behind them, test/api-alert-evidence.test.ts checks the owner, a viewer, another organisation and a deleted capture',
  'GET /api/v1/detection/coverage':
    'per-technique counts of the rules and alerts the caller may see (the lists’ read rules); no per-object answer to probe, test/api-detection-console.test.ts checks it for the owner, a sibling and the parent',
  'GET /api/v1/assets/summary':
    'counts over every asset the caller may see (the list’s read rule); no per-object answer to probe, test/api-asset-summary.test.ts checks it against the list for each caller',
  'GET /metrics':
    'process-wide counters (per source id, no event content) for operators: admins of a top-level organisation, or public with BULWARK_METRICS_PUBLIC=1; src/platform/metrics-route.test.ts checks who may read it',
  'GET /taxii2': 'TAXII discovery: the same document for everyone signed in',
  'GET /taxii2/api1': 'TAXII API root information: the same for everyone signed in',
  'ALL /taxii2/*': 'claims the rest of /taxii2/ to answer TAXII 404s',
};

/** `METHOD /path/{param}` without a trailing slash, as OpenAPI spells paths. */
export function routeKey(method: string, url: string): string {
  const path = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/(.)\/$/, '$1');
  return `${method} ${path}`;
}

/** Every route the app serves: the OpenAPI document's, and the TAXII server's as its onRoute hook sees them. */
export async function allRoutes(w: World, maxContentLength: number): Promise<Set<string>> {
  const routes = new Set<string>();
  const spec = JSON.parse((await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as { paths: Record<string, Record<string, unknown>> };
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const method of Object.keys(operations)) routes.add(routeKey(method.toUpperCase(), path));
  }
  const taxii = Fastify();
  const everyMethod = 9;
  taxii.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    // The catch-all is registered for every method; it is one route.
    if (methods.length >= everyMethod) routes.add(routeKey('ALL', route.url));
    else for (const method of methods) if (method !== 'HEAD') routes.add(routeKey(method, route.url));
  });
  await taxii.register(taxiiRoutes(w.services, { maxContentLength }), { prefix: '/taxii2' });
  await taxii.ready();
  await taxii.close();
  return routes;
}
