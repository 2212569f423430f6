// Requests of the generated input suite: how a case becomes an HTTP request, and how its answer is
// judged (never 5xx; 4xx where the input is surely wrong; the error shape on every 4xx).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Person } from './fixture.js';

export interface FuzzRequest {
  /** What is wrong with it, for the report. */
  readonly label: string;
  readonly method: string;
  /** Path with its parameters in place (already percent-encoded where they need it). */
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly payload?: string | Buffer;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly who: Person;
  /** Whether every correct server refuses this (otherwise a 2xx is allowed). */
  readonly mustFail: boolean;
  /** Answered in the TAXII error format. */
  readonly taxii?: boolean;
}

/**
 * Percent-encodes like encodeURIComponent, but writes a lone surrogate as the three bytes
 * (WTF-8) a careless client would send instead of throwing.
 */
export function encodeLoose(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isHigh = code >= 0xd800 && code <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16).toUpperCase()}%${(0x80 | ((code >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(text[i] ?? '');
    }
  }
  return out;
}

export const urlOf = (r: FuzzRequest): string =>
  r.query.length === 0 ? r.path : `${r.path}?${r.query.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&')}`;

export function inject(app: FastifyInstance, r: FuzzRequest): Promise<LightMyRequestResponse> {
  return app.inject({
    method: r.method as 'GET',
    url: urlOf(r),
    headers: {
      authorization: `Bearer ${r.who.token}`,
      ...(r.contentType === undefined ? {} : { 'content-type': r.contentType }),
      ...r.headers,
    },
    ...(r.payload === undefined ? {} : { payload: r.payload }),
  });
}

/** What is wrong with an answer; empty when it is right. */
export function judge(r: FuzzRequest, response: LightMyRequestResponse): string[] {
  const status = response.statusCode;
  const problems: string[] = [];
  if (status >= 500) problems.push(`answered ${status}`);
  else if (status < 400 && r.mustFail) problems.push(`accepted it with ${status}`);
  if (status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    if (r.taxii === true) {
      // TAXII 2.1 §3.6.1: title required, description and http_status (a string) as the server has them.
      const e = body as { title?: unknown; description?: unknown; http_status?: unknown } | undefined;
      if (typeof e?.title !== 'string' || (e.description !== undefined && typeof e.description !== 'string') || String(e.http_status) !== String(status)) {
        problems.push(`TAXII error body is not {title, description?, http_status}: ${response.body.slice(0, 200)}`);
      }
    } else {
      const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
      if (typeof e?.code !== 'string' || typeof e.message !== 'string' || !Array.isArray(e.details)) {
        problems.push(`error body is not {error:{code,message,details}}: ${response.body.slice(0, 200)}`);
      }
    }
  }
  return problems;
}

/** One line a person can paste to reproduce the request. */
export function describeRequest(r: FuzzRequest): string {
  const url = urlOf(r);
  const body = r.payload === undefined ? '' : ` body(${r.contentType ?? 'no type'}, ${r.payload.length} bytes)=${String(r.payload).slice(0, 120)}`;
  return `${r.method} ${url.length > 200 ? `${url.slice(0, 200)}…(${url.length} chars)` : url}${body} as ${r.who.username}`;
}
