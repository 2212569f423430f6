// The CLI's HTTP side: one way to call a server's API with a bearer token and read its error body.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** An error answered by the server, in the API's error body. */
export class RemoteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } };

/** A response's JSON body, or a RemoteError built from its error body. */
export async function parsedBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = (text === '' ? undefined : JSON.parse(text)) as T & ErrorBody;
  if (!response.ok) {
    const e = body?.error;
    throw new RemoteError(response.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${response.status}`, e?.details ?? []);
  }
  return body;
}

/** A query string from the defined values; arrays are comma-joined. */
export function queryString(params: Record<string, unknown>): string {
  const entries = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)] as [string, string]);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}

export interface Api {
  /** The server's address without a trailing slash. */
  readonly base: string;
  readonly fetch: typeof fetch;
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON (or text) request to /api/v1{path}; the parsed answer. */
  call<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T>;
  /** Streams a file as the body of a POST to /api/v1{path}. */
  upload<T>(path: string, file: string, contentType: string): Promise<T>;
  /** The `items` of a list answer. */
  items<T>(path: string): Promise<T[]>;
}

export function createApi(server: string, token: string, fetchImpl: typeof fetch = fetch): Api {
  const base = server.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${token}` };
  const api: Api = {
    base,
    fetch: fetchImpl,
    headers,
    async call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
      const response = await fetchImpl(`${base}/api/v1${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': contentType }) },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return parsedBody<T>(response);
    },
    async upload<T>(path: string, file: string, contentType: string): Promise<T> {
      const size = (await stat(file)).size;
      const response = await fetchImpl(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': contentType, 'content-length': String(size) },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      return parsedBody<T>(response);
    },
    items: async <T>(path: string) => (await api.call<{ items: T[] }>('GET', path)).items,
  };
  return api;
}
