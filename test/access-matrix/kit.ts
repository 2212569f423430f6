// Requests as a caller: the API with a Bearer token (any method, PUT included) and TAXII 2.1.
import type { LightMyRequestResponse } from 'fastify';
import type { Person, World } from '../support/fixture.js';
import { UnexpectedResponse } from './family.js';

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
