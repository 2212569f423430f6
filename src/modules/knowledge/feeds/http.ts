// The feeds' one way out: the guarded client (public addresses only unless the operator allows private
// ones), bodies bounded, conditional requests so an unchanged index costs one "304 Not Modified".
import type { Validators } from './types.js';

export class FeedFetchError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Fetched = { readonly notModified: true } | { readonly notModified: false; readonly body: Buffer; readonly text: string; readonly validators: Validators };

export interface FeedHttp {
  /** GET, conditional when validators are given; a non-2xx answer (other than 304) throws FeedFetchError. */
  get(url: string, validators?: Validators, headers?: Record<string, string>): Promise<Fetched>;
  /** POST a JSON body, for query APIs (OSV). */
  postJson(url: string, body: unknown): Promise<string>;
  /** The underlying guarded fetch, for clients that bring their own loop (NVD). */
  readonly fetch: typeof fetch;
  /** Requests made so far. */
  requests(): number;
}

export function createFeedHttp(fetchImpl: typeof fetch): FeedHttp {
  let count = 0;
  const call = async (url: string, init: RequestInit) => {
    count++;
    try {
      return await fetchImpl(url, init);
    } catch (error) {
      throw new FeedFetchError(url, 0, `could not fetch ${url}: ${(error as Error).message}`);
    }
  };
  return {
    fetch: ((input: string | URL | Request, init?: RequestInit) => {
      count++;
      return fetchImpl(input, init);
    }) as typeof fetch,
    requests: () => count,
    async get(url, validators = {}, headers = {}) {
      const conditional: Record<string, string> = { accept: 'application/json, application/xml;q=0.9, */*;q=0.5', ...headers };
      if (validators.etag !== undefined) conditional['if-none-match'] = validators.etag;
      if (validators.lastModified !== undefined) conditional['if-modified-since'] = validators.lastModified;
      const response = await call(url, { headers: conditional });
      if (response.status === 304) return { notModified: true };
      if (!response.ok) throw new FeedFetchError(url, response.status, `${url} answered HTTP ${response.status}`);
      const body = Buffer.from(await response.arrayBuffer());
      const etag = response.headers.get('etag') ?? undefined;
      const lastModified = response.headers.get('last-modified') ?? undefined;
      return { notModified: false, body, text: body.toString('utf8'), validators: { ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) } };
    },
    async postJson(url, body) {
      const response = await call(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new FeedFetchError(url, response.status, `${url} answered HTTP ${response.status}`);
      return response.text();
    },
  };
}
