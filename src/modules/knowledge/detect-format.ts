import type { SourceFormat } from './sources/types.js';

export type DetectedFormat = SourceFormat | 'rolie' | 'provider-metadata' | 'json-schema';

/** Guesses a document's format from its name and its first few kilobytes, without parsing it. */
export function detectFormat(name: string, text: string): DetectedFormat | null {
  const head = text.slice(0, 8192);
  if (/^\s*\{\s*"\$schema"\s*:/.test(head) && /"properties"\s*:/.test(head)) return 'json-schema';
  if (/\.xml$/i.test(name) || /^\s*(<\?xml|<vulnerabitys|<vulnerabilities)/.test(head)) return 'cnvd';
  if (/"csaf_version"\s*:/.test(head) || (/"document"\s*:/.test(head) && /"product_tree"\s*:/.test(text))) return 'csaf';
  if (/"canonical_url"\s*:/.test(head) && /"distributions"\s*:/.test(text)) return 'provider-metadata';
  if (/"feed"\s*:/.test(head) && /"entry"\s*:/.test(text)) return 'rolie';
  if (/"catalogVersion"\s*:/.test(head) && /"cveID"\s*:/.test(text)) return 'kev';
  if (/"cveMetadata"\s*:/.test(text) || /"dataType"\s*:\s*"CVE_RECORD"/.test(text)) return 'cve5';
  if (/"type"\s*:\s*"bundle"/.test(head) || /"spec_version"\s*:\s*"2\.1"/.test(head)) return 'attack';
  if (/"vulnStatus"\s*:/.test(head) || /"resultsPerPage"\s*:/.test(head) || /"sourceIdentifier"\s*:/.test(head)) return 'nvd2';
  if (/"schema_version"\s*:/.test(head) || (/"affected"\s*:/.test(text) && /"modified"\s*:/.test(head) && /"id"\s*:/.test(head))) return 'osv';
  return null;
}
