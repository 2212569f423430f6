// Requests as a caller: the API with a Bearer token (any method, PUT included) and TAXII 2.1.
import type { LightMyRequestResponse } from 'fastify';
import type { Person, World } from '../support/fixture.js';
import { byMarker, byStatus, UnexpectedResponse, type Handle, type Probe, type ProbeKind, type Rule } from './family.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function call(w: World, who: Person | null, method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return w.app.inject({
    method,
    url,
    headers: {
      ...(who === null ? {} : { authorization: `Bearer ${who.token}` }),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(payload === undefined ? {} : { payload }),
  });
}

export const TAXII = 'application/taxii+json;version=2.1';

export function taxii(w: World, who: Person | null, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<LightMyRequestResponse> {
  return call(w, who, method, `/taxii2/api1/${path}`, body === undefined ? undefined : JSON.stringify(body), {
    accept: TAXII,
    ...(body === undefined ? {} : { 'content-type': TAXII }),
  });
}

/** The JSON body of a response that must have succeeded (set-up steps, not probes). */
export function created<T>(response: LightMyRequestResponse): T {
  if (response.statusCode < 200 || response.statusCode >= 300) throw new UnexpectedResponse(response);
  return JSON.parse(response.body) as T;
}

export const enc = encodeURIComponent;

type ProbeOf = { name: string; kind: ProbeKind; route: string; rule: Rule };

/** A GET whose status says it all: 2xx visible, 401/403/404 hidden. */
export function statusProbe(probe: ProbeOf, url: (w: World, h: Handle) => string): Probe {
  return { ...probe, run: async (w, p, h) => byStatus(await call(w, p, 'GET', url(w, h))) };
}

/** A GET that shows the object when its answer carries the handle's marker (or another string of it). */
export function markerProbe(probe: ProbeOf, url: (w: World, h: Handle) => string, marker: (h: Handle) => string = (h) => h.marker): Probe {
  return { ...probe, run: async (w, p, h) => byMarker(await call(w, p, 'GET', url(w, h)), marker(h)) };
}

/** A call that changes or removes the object: succeeding is visible. */
export function writeProbe(
  probe: Omit<ProbeOf, 'kind'> & { destructive?: boolean },
  method: Method,
  url: (w: World, h: Handle) => string,
  body?: (w: World, h: Handle) => unknown,
): Probe {
  return { ...probe, kind: 'write', run: async (w, p, h) => byStatus(await call(w, p, method, url(w, h), body?.(w, h))) };
}
