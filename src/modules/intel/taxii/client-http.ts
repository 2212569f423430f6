import { RemoteError } from '../../../cli/http-client.js';
import type { TaxiiClient } from './client-port.js';

/** The taxii commands against a server's API with a bearer token: the server talks to the remote TAXII server. */
export function httpTaxiiClient(base: string, token: string, fetchImpl: typeof fetch = fetch): TaxiiClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetchImpl(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = (text === '' ? undefined : JSON.parse(text)) as T & { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } };
    if (!response.ok) {
      const e = parsed?.error;
      throw new RemoteError(response.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${response.status}`, e?.details ?? []);
    }
    return parsed;
  }
  return {
    taxiiRemoteCollections: async (url, auth) => (await call<{ items: Awaited<ReturnType<TaxiiClient['taxiiRemoteCollections']>> }>('POST', '/taxii/remote/collections', { url, auth })).items,
    taxiiSaveFeed: ({ name, orgId: _org, ...input }) => call('PUT', `/taxii/feeds/${encodeURIComponent(name)}`, input),
    taxiiFeeds: async () => (await call<{ items: Awaited<ReturnType<TaxiiClient['taxiiFeeds']>> }>('GET', '/taxii/feeds')).items,
    taxiiDeleteFeed: async (name) => {
      await call('DELETE', `/taxii/feeds/${encodeURIComponent(name)}`);
    },
    taxiiRunFeed: (name, options) => call('POST', `/taxii/feeds/${encodeURIComponent(name)}/run${options.maxPages === undefined ? '' : `?maxPages=${options.maxPages}`}`),
  };
}
