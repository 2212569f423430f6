import type { CaptureJobPage, CaptureUpload, FingerprintRuleEntry, OperationQuery } from './capture-types';
import { ApiError, apiUrl, request, requestNoContent, type ErrorDetail } from './client';
import type { CaptureCommunication, CaptureHost, CaptureJob, CaptureMalformed, CaptureOperationPage, DiscoveryConflict, FingerprintRule } from './types';

const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });
const job = (id: string) => `/captures/${encodeURIComponent(id)}`;

export function listCaptures(limit: number, cursor: string | null, signal?: AbortSignal): Promise<CaptureJobPage> {
  return request<CaptureJobPage>(apiUrl('/captures', { limit, cursor }), withSignal(signal));
}

export function getCapture(id: string, signal?: AbortSignal): Promise<CaptureJob> {
  return request<CaptureJob>(apiUrl(job(id)), withSignal(signal));
}

export function deleteCapture(id: string): Promise<void> {
  return requestNoContent(apiUrl(job(id)), { method: 'DELETE' });
}

export function listCaptureHosts(id: string, signal?: AbortSignal): Promise<readonly CaptureHost[]> {
  return request<readonly CaptureHost[]>(apiUrl(`${job(id)}/hosts`), withSignal(signal));
}

export function listCaptureCommunications(id: string, signal?: AbortSignal): Promise<readonly CaptureCommunication[]> {
  return request<readonly CaptureCommunication[]>(apiUrl(`${job(id)}/communications`), withSignal(signal));
}

export function listCaptureMalformed(id: string, signal?: AbortSignal): Promise<readonly CaptureMalformed[]> {
  return request<readonly CaptureMalformed[]>(apiUrl(`${job(id)}/malformed`), withSignal(signal));
}

export function listCaptureOperations(id: string, query: OperationQuery, limit: number, cursor: string | null, signal?: AbortSignal): Promise<CaptureOperationPage> {
  const url = apiUrl(`${job(id)}/operations`, {
    protocol: query.protocol,
    operation: query.operation?.join(','),
    host: query.host,
    from: query.from,
    to: query.to,
    limit,
    cursor,
  });
  return request<CaptureOperationPage>(url, withSignal(signal));
}

export function listFingerprintRules(signal?: AbortSignal): Promise<readonly FingerprintRuleEntry[]> {
  return request<readonly FingerprintRuleEntry[]>(apiUrl('/capture/fingerprints'), withSignal(signal));
}

/** The body is whatever the person typed, parsed as JSON: the server validates it and names each wrong field. */
export function addFingerprintRule(rule: unknown): Promise<FingerprintRule> {
  return request<FingerprintRule>(apiUrl('/capture/fingerprints'), { method: 'POST', json: rule });
}

export function deleteFingerprintRule(id: string): Promise<void> {
  return requestNoContent(apiUrl(`/capture/fingerprints/${encodeURIComponent(id)}`), { method: 'DELETE' });
}

export function listDiscoveryConflicts(assetId: string, signal?: AbortSignal): Promise<readonly DiscoveryConflict[]> {
  return request<readonly DiscoveryConflict[]>(apiUrl(`/assets/${encodeURIComponent(assetId)}/discovery-conflicts`), withSignal(signal));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

// The same `{ error: { code, message, details } }` body that client.ts reads from fetch answers.
function uploadError(status: number, text: string, retryAfter: string | null): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy may answer a large upload with HTML; the status line says enough.
  }
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
  if (error === null) return new ApiError(status, 'http_error', `the server answered ${status}`);
  const details: ErrorDetail[] = Array.isArray(error['details'])
    ? error['details'].filter(isRecord).map((d) => ({
        path: typeof d['path'] === 'string' ? d['path'] : '',
        message: typeof d['message'] === 'string' ? d['message'] : 'invalid',
      }))
    : [];
  const seconds = Number.parseInt(retryAfter ?? '', 10);
  return new ApiError(
    status,
    typeof error['code'] === 'string' ? error['code'] : 'http_error',
    typeof error['message'] === 'string' ? error['message'] : `the server answered ${status}`,
    details,
    Number.isFinite(seconds) ? seconds : null,
  );
}

/**
 * Sends a capture file as the raw body. XMLHttpRequest rather than fetch: captures run to gigabytes,
 * and only XHR reports how much of the body has gone out.
 */
export function uploadCapture(file: Blob, options: CaptureUpload, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<CaptureJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl('/captures', { name: options.name, tlp: options.tlp, sharedUpward: options.sharedUpward, mergeAssets: options.mergeAssets }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as CaptureJob);
        } catch {
          reject(new ApiError(xhr.status, 'http_error', 'the server accepted the capture but its answer could not be read'));
        }
        return;
      }
      reject(uploadError(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'the server cannot be reached; check your connection and try again'));
    xhr.onabort = () => reject(new DOMException('the upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
