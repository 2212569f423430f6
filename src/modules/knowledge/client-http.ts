import { readFile, stat } from 'node:fs/promises';
import { queryString as qs, type Api } from '../../platform/cli-kit/api.js';
import type { KnowledgeClient } from './client-port.js';

/** The kb commands against a server's API with a bearer token. */
export function httpKnowledgeClient(api: Api): KnowledgeClient {
  return {
    async kbImport(location, format) {
      if (/^https?:\/\//i.test(location)) return api.call('POST', '/kb/imports', { location, ...(format === undefined ? {} : { format }) });
      // A local path is uploaded file by file: the server cannot read the caller's disk.
      if ((await stat(location)).isDirectory()) throw new Error('remote import takes a file or a URL; import a directory with the local database or file by file');
      const text = await readFile(location, 'utf8');
      const type = /\.xml$/i.test(location) ? 'application/xml' : 'application/json';
      return api.call('POST', `/kb/imports/upload${qs({ format, name: location.split('/').pop() })}`, text, type);
    },
    kbSearch: (filter, options) => api.call('GET', `/kb/vulnerabilities${qs({ ...filter, ...options })}`),
    kbShow: (id) => api.call('GET', `/kb/vulnerabilities/${encodeURIComponent(id)}`),
    kbCorrelate: (assetIds) => api.call('POST', '/kb/correlate', assetIds === undefined ? {} : { assetIds }),
    kbSources: () => api.items('/kb/sources'),
    kbSetReliability: (sourceId, reliability) => api.call('PATCH', `/kb/sources/${encodeURIComponent(sourceId)}`, { reliability }),
    kbExposures: (assetId, filter) => api.call('GET', `${assetId === undefined ? '/exposures' : `/assets/${encodeURIComponent(assetId)}/exposures`}${qs({ ...filter })}`),
    kbDecide: (assetId, vulnId, decision, comment) => api.call('PUT', `/assets/${encodeURIComponent(assetId)}/exposures/${encodeURIComponent(vulnId)}/decision`, { decision, comment }),
    kbUndecide: (assetId, vulnId) => api.call('DELETE', `/assets/${encodeURIComponent(assetId)}/exposures/${encodeURIComponent(vulnId)}/decision`),
  };
}
