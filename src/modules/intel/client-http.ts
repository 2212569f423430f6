import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { RemoteError } from '../../cli/http-client.js';
import type { IntelClient } from './client-port.js';
import type { ExtractResponse } from './extract-report.js';
import type { PatternCheck } from './pattern-check.js';
import type { ImportReport } from './types.js';

type ErrorBody = { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } };

async function parsed<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = (text === '' ? undefined : JSON.parse(text)) as T & ErrorBody;
  if (!response.ok) {
    const e = body?.error;
    throw new RemoteError(response.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${response.status}`, e?.details ?? []);
  }
  return body;
}

function query(params: Record<string, unknown>): string {
  const entries = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)] as [string, string]);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}

/** The intel commands against a server's API with a bearer token. */
export function httpIntelClient(base: string, token: string, fetchImpl: typeof fetch = fetch): IntelClient {
  const auth = { authorization: `Bearer ${token}` };
  const upload = async (url: string, path: string, type = 'application/stix+json;version=2.1'): Promise<Response> => {
    const size = (await stat(path)).size;
    return fetchImpl(url, {
      method: 'POST',
      headers: { ...auth, 'content-type': type, 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
  };
  return {
    async intelImport(path, options) {
      const name = options.name ?? path.split('/').pop();
      let report = await parsed<ImportReport>(await upload(`${base}/api/v1/intel/imports${query({ ...options, name, orgId: undefined })}`, path));
      // Large bundles import in the background: follow the job until it ends.
      while (report.status === 'pending') {
        await new Promise((resolve) => setTimeout(resolve, 500));
        report = await parsed<ImportReport>(await fetchImpl(`${base}/api/v1/intel/imports/${encodeURIComponent(report.id)}`, { headers: auth }));
      }
      return report;
    },
    async *intelExport(filter) {
      const response = await fetchImpl(
        `${base}/api/v1/intel/export${query({ type: filter.types, id: filter.ids, label: filter.labels, addedAfter: filter.addedAfter, tlpMax: filter.tlpMax, versions: filter.versions, dependencies: filter.dependencies })}`,
        { headers: auth },
      );
      if (!response.ok || response.body === null) {
        await parsed(response);
        return;
      }
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield decoder.decode(chunk, { stream: true });
      const tail = decoder.decode();
      if (tail !== '') yield tail;
    },
    intelValidate: async (path) => parsed(await upload(`${base}/api/v1/intel/validate`, path)),
    intelExtract: async (path, options) =>
      parsed<ExtractResponse>(await upload(`${base}/api/v1/intel/extract${query({ kind: options.kind, name: options.name })}`, path, 'application/octet-stream')),
    intelPattern: async (pattern, objects) =>
      parsed<PatternCheck>(
        await fetchImpl(`${base}/api/v1/intel/pattern`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(objects === undefined ? { pattern } : { pattern, objects }),
        }),
      ),
  };
}
