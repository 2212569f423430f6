import { parsedBody as parsed, queryString as query, type Api } from '../../platform/cli-kit/api.js';
import type { IntelClient } from './client-port.js';
import type { ExtractResponse } from './extract-report.js';
import type { PatternCheck } from './pattern-check.js';
import type { ImportReport } from './types.js';

/** The intel commands against a server's API with a bearer token. */
export function httpIntelClient(api: Api): IntelClient {
  const { base, headers: auth, fetch: fetchImpl } = api;
  const stix = 'application/stix+json;version=2.1';
  return {
    async intelImport(path, options) {
      const name = options.name ?? path.split('/').pop();
      let report = await api.upload<ImportReport>(`/intel/imports${query({ ...options, name, orgId: undefined })}`, path, stix);
      // Large bundles import in the background: follow the job until it ends.
      while (report.status === 'pending') {
        await new Promise((resolve) => setTimeout(resolve, 500));
        report = await api.call<ImportReport>('GET', `/intel/imports/${encodeURIComponent(report.id)}`);
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
    intelValidate: (path) => api.upload('/intel/validate', path, stix),
    intelExtract: (path, options) => api.upload<ExtractResponse>(`/intel/extract${query({ kind: options.kind, name: options.name })}`, path, 'application/octet-stream'),
    intelPattern: (pattern, objects) => api.call<PatternCheck>('POST', '/intel/pattern', objects === undefined ? { pattern } : { pattern, objects }),
  };
}
