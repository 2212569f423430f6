import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { CaptureJob } from '../modules/capture/resources.js';
import type { ImportReport } from '../modules/knowledge/importer.js';
import type { BulwarkClient } from './client.js';
import { httpIntelClient } from '../modules/intel/client-http.js';
import { httpTaxiiClient } from '../modules/intel/taxii/client-http.js';

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

/** Talks to a running server's API with a bearer token. */
export function createHttpClient(server: string, token: string, fetchImpl: typeof fetch = fetch): BulwarkClient {
  const base = server.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const response = await fetchImpl(`${base}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      const e = (parsed as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } })?.error;
      throw new RemoteError(response.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${response.status}`, e?.details ?? []);
    }
    return parsed as T;
  }

  const qs = (params: Record<string, unknown>): string => {
    const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
    return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)] as [string, string])).toString()}`;
  };
  const items = <T>(p: Promise<{ items: T[] }>) => p.then((r) => r.items);

  return {
    mode: 'remote',
    listOrgs: () => items(call('GET', '/organisations')),
    createOrg: (input) => call('POST', '/organisations', input),
    listUsers: (orgId) => items(call('GET', `/users${qs({ orgId })}`)),
    createUser: (input) => call('POST', '/users', input),
    updateUser: (id, patch) => call('PATCH', `/users/${encodeURIComponent(id)}`, patch),
    listTokens: (userId) => items(call('GET', `/tokens${qs({ userId })}`)),
    createToken: (input) => call('POST', '/tokens', input),
    revokeToken: (id) => call('DELETE', `/tokens/${encodeURIComponent(id)}`),
    listAudit: (options) => items(call('GET', `/audit${qs({ ...options })}`)),
    listAssets: (filter) => call('GET', `/assets${qs({ ...filter })}`),
    getAsset: (id) => call('GET', `/assets/${encodeURIComponent(id)}`),
    createAsset: (input) => call('POST', '/assets', input),
    updateAsset: (id, patch) => call('PATCH', `/assets/${encodeURIComponent(id)}`, patch),
    deleteAsset: (id) => call('DELETE', `/assets/${encodeURIComponent(id)}`),
    importAssets: (csv, options) => call('POST', `/assets/import${qs({ dryRun: options.dryRun === true ? 'true' : undefined })}`, csv, 'text/csv'),
    async kbImport(location, format) {
      if (/^https?:\/\//i.test(location)) return call('POST', '/kb/imports', { location, ...(format === undefined ? {} : { format }) });
      // A local path is uploaded file by file: the server cannot read the caller's disk.
      if ((await stat(location)).isDirectory()) throw new Error('remote import takes a file or a URL; import a directory with the local database or file by file');
      const text = await readFile(location, 'utf8');
      const type = /\.xml$/i.test(location) ? 'application/xml' : 'application/json';
      return call<ImportReport>('POST', `/kb/imports/upload${qs({ format, name: location.split('/').pop() })}`, text, type);
    },
    kbSearch: (filter, options) => call('GET', `/kb/vulnerabilities${qs({ ...filter, ...options })}`),
    kbShow: (id) => call('GET', `/kb/vulnerabilities/${encodeURIComponent(id)}`),
    kbCorrelate: (assetIds) => call('POST', '/kb/correlate', assetIds === undefined ? {} : { assetIds }),
    kbSources: () => items(call('GET', '/kb/sources')),
    kbSetReliability: (sourceId, reliability) => call('PATCH', `/kb/sources/${encodeURIComponent(sourceId)}`, { reliability }),
    async captureAnalyze(path, input) {
      const size = (await stat(path)).size;
      const response = await fetchImpl(`${base}/api/v1/captures${qs({ ...input })}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(size) },
        body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      const text = await response.text();
      const parsed = (text === '' ? undefined : JSON.parse(text)) as { id: string; status: string } & { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } };
      if (!response.ok) {
        const e = parsed.error;
        throw new RemoteError(response.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${response.status}`, e?.details ?? []);
      }
      // The server analyzes in the background: follow the job until it ends.
      let job = parsed as unknown as CaptureJob;
      while (job.status === 'queued' || job.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 250));
        job = await call<CaptureJob>('GET', `/captures/${encodeURIComponent(job.id)}`);
      }
      return job;
    },
    captureList: () => items(call('GET', '/captures?limit=200')),
    captureGet: (id) => call('GET', `/captures/${encodeURIComponent(id)}`),
    captureHosts: (id) => call('GET', `/captures/${encodeURIComponent(id)}/hosts`),
    captureCommunications: (id) => call('GET', `/captures/${encodeURIComponent(id)}/communications`),
    captureOperations: (id, query) => call('GET', `/captures/${encodeURIComponent(id)}/operations${qs({ ...query })}`),
    captureRules: () => call('GET', '/capture/fingerprints'),
    captureAddRule: (rule) => call('POST', '/capture/fingerprints', rule),
    ...httpIntelClient(base, token, fetchImpl),
    ...httpTaxiiClient(base, token, fetchImpl),
    close: () => Promise.resolve(),
  };
}
