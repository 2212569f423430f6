import { issuesFromSchema, parseJson } from '../json-pointer.js';
import type { ImportIssue } from '../types.js';
import { providerMetadata } from './schemas.js';
import type { tlpLabels } from './schemas.js';

// provider-metadata.json (CSAF 2.0 section 7.1.7) is where a provider announces its ROLIE feeds
// and directories; Bulwark reads it to find the feeds to follow.

export interface ProviderFeed {
  readonly url: string;
  readonly tlpLabel: (typeof tlpLabels)[number];
  readonly summary?: string | undefined;
}

export interface ProviderMetadata {
  readonly canonicalUrl: string;
  readonly lastUpdated: string;
  readonly role: string;
  readonly publisher: { readonly name: string; readonly namespace: string; readonly category: string };
  readonly feeds: readonly ProviderFeed[];
  /** Directory-based distributions (requirement 14), for providers without ROLIE. */
  readonly directoryUrls: readonly string[];
}

export interface ProviderMetadataResult {
  readonly metadata?: ProviderMetadata | undefined;
  readonly issues: readonly ImportIssue[];
}

export function parseProviderMetadata(input: string, file: string): ProviderMetadataResult {
  const json = parseJson(input, file);
  if (!json.success) return { issues: [json.issue] };
  const doc = providerMetadata.safeParse(json.value);
  if (!doc.success) return { issues: issuesFromSchema(doc.error, file, []) };
  const d = doc.data;
  const distributions = d.distributions ?? [];
  const issues: ImportIssue[] = [];
  if (distributions.length === 0) {
    issues.push({ file, pointer: '/distributions', message: 'no distributions: nothing to fetch from this provider', severity: 'warning' });
  }
  const feeds = distributions.flatMap((x) =>
    (x.rolie?.feeds ?? []).map((f) => ({ url: f.url, tlpLabel: f.tlp_label, ...(f.summary !== undefined && { summary: f.summary }) })),
  );
  const metadata: ProviderMetadata = {
    canonicalUrl: d.canonical_url,
    lastUpdated: d.last_updated,
    role: d.role,
    publisher: { name: d.publisher.name, namespace: d.publisher.namespace, category: d.publisher.category },
    feeds,
    directoryUrls: distributions.flatMap((x) => (x.directory_url === undefined ? [] : [x.directory_url])),
  };
  return { metadata, issues };
}
