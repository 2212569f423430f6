import { queryString as qs, type Api } from '../../platform/cli-kit/api.js';
import type { CaptureClient } from './client-port.js';
import type { CaptureJob } from './resources.js';

/** The capture commands against a server's API with a bearer token. */
export function httpCaptureClient(api: Api): CaptureClient {
  const job = (id: string) => api.call<CaptureJob>('GET', `/captures/${encodeURIComponent(id)}`);
  return {
    async captureAnalyze(path, input) {
      let current = await api.upload<CaptureJob>(`/captures${qs({ ...input })}`, path, 'application/octet-stream');
      // The server analyzes in the background: follow the job until it ends.
      while (current.status === 'queued' || current.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 250));
        current = await job(current.id);
      }
      return current;
    },
    captureList: () => api.items('/captures?limit=200'),
    captureGet: job,
    captureHosts: (id) => api.call('GET', `/captures/${encodeURIComponent(id)}/hosts`),
    captureCommunications: (id) => api.call('GET', `/captures/${encodeURIComponent(id)}/communications`),
    captureOperations: (id, query) => api.call('GET', `/captures/${encodeURIComponent(id)}/operations${qs({ ...query })}`),
    captureRules: () => api.call('GET', '/capture/fingerprints'),
    captureAddRule: (rule) => api.call('POST', '/capture/fingerprints', rule),
  };
}
