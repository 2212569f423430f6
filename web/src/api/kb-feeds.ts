import { apiUrl, request, requestNoContent } from './client';
import type { ImportReport } from './knowledge-types';
import type { Items, Tlp } from './types';
import type { FeedKind, KbFeed, KbFeedInput, KbFeedRunResult } from '../../../src/modules/knowledge/feeds/types.js';

export type { FeedKind, KbFeed, KbFeedInput, KbFeedRunResult, KbFeedProgress } from '../../../src/modules/knowledge/feeds/types.js';
export { feedKinds } from '../../../src/modules/knowledge/feeds/types.js';

const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });
const path = (name: string) => `/kb/feeds/${encodeURIComponent(name)}`;

export function listKbFeeds(signal?: AbortSignal): Promise<Items<KbFeed>> {
  return request<Items<KbFeed>>(apiUrl('/kb/feeds'), withSignal(signal));
}

export function saveKbFeed(name: string, input: KbFeedInput): Promise<KbFeed> {
  return request<KbFeed>(apiUrl(path(name)), { method: 'PUT', json: input });
}

/** Starts a run; the server answers at once (202) and the list follows its progress. */
export function startKbFeed(name: string): Promise<{ readonly feed: KbFeed; readonly result: KbFeedRunResult | null }> {
  return request(apiUrl(`${path(name)}/run`, { wait: 'false' }), { method: 'POST' });
}

export function deleteKbFeed(name: string): Promise<void> {
  return requestNoContent(apiUrl(path(name)), { method: 'DELETE' });
}

/** Imports every JSON and XML document of a .zip, .tar or .tar.gz archive in one run. */
export function uploadArchive(archive: Blob, name: string, marking: { readonly tlp: Tlp; readonly sharedUpward: boolean }): Promise<ImportReport> {
  return request<ImportReport>(apiUrl('/kb/imports/archive', { name, tlp: marking.tlp, sharedUpward: String(marking.sharedUpward) }), {
    method: 'POST',
    text: { body: archive, contentType: 'application/octet-stream' },
  });
}

export const feedKindLabels: Readonly<Record<FeedKind, string>> = {
  csaf: 'CSAF provider (provider-metadata.json, ROLIE feed or directory/)',
  rolie: 'ROLIE feed',
  kev: 'CISA KEV catalog (JSON)',
  nvd: 'NVD CVE API 2.0',
  osv: 'OSV (ecosystem all.zip or query API)',
  cnvd: 'CNVD XML file',
};

/** Where each kind is usually found, as the form's placeholder. */
export const feedKindExamples: Readonly<Record<FeedKind, string>> = {
  csaf: 'https://www.cisa.gov/.well-known/csaf/provider-metadata.json',
  rolie: 'https://example.org/csaf/feed-tlp-white.json',
  kev: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  nvd: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
  osv: 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip',
  cnvd: 'https://example.cn/cnvd/latest.xml',
};
