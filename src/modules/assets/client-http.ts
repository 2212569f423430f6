import { queryString as qs, type Api } from '../../platform/cli-kit/api.js';
import { textChunks } from '../../platform/cli-kit/text-stream.js';
import type { AssetClient } from './client-port.js';

/** The asset commands against a server's API with a bearer token. */
export function httpAssetClient(api: Api): AssetClient {
  return {
    listAssets: (filter) => api.call('GET', `/assets${qs({ ...filter })}`),
    getAsset: (id) => api.call('GET', `/assets/${encodeURIComponent(id)}`),
    createAsset: (input) => api.call('POST', '/assets', input),
    updateAsset: (id, patch) => api.call('PATCH', `/assets/${encodeURIComponent(id)}`, patch),
    deleteAsset: (id) => api.call('DELETE', `/assets/${encodeURIComponent(id)}`),
    importAssets: (csv, options) => api.call('POST', `/assets/import${qs({ dryRun: options.dryRun === true ? 'true' : undefined })}`, csv, 'text/csv'),
    bulkUpdateAssets: (ids, set) => api.call('POST', '/assets/bulk-update', { ids, set }),
    bulkDeleteAssets: (ids) => api.call('POST', '/assets/bulk-delete', { ids }),
    exportAssets: (selection) => ({
      [Symbol.asyncIterator]: async function* () {
        yield* textChunks(await api.fetch(`${api.base}/api/v1/assets/export${qs({ ...selection })}`, { headers: api.headers }));
      },
    }),
  };
}
