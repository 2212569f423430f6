import type { IntelReliability } from '../../api/intel-types';

// STIX types as analysts say them; a colour per family so the graph and the table read alike.
const types: Readonly<Record<string, { readonly label: string; readonly colour: string }>> = {
  indicator: { label: 'Indicator', colour: '#c92a2a' },
  malware: { label: 'Malware', colour: '#be123c' },
  tool: { label: 'Tool', colour: '#9d174d' },
  'threat-actor': { label: 'Threat actor', colour: '#7c3aed' },
  'intrusion-set': { label: 'Intrusion set', colour: '#6d28d9' },
  campaign: { label: 'Campaign', colour: '#5b21b6' },
  'attack-pattern': { label: 'Attack pattern', colour: '#e8590c' },
  'course-of-action': { label: 'Course of action', colour: '#1a7f4b' },
  vulnerability: { label: 'Vulnerability', colour: '#d99a00' },
  sighting: { label: 'Sighting', colour: '#0f766e' },
  'observed-data': { label: 'Observed data', colour: '#0891b2' },
  report: { label: 'Report', colour: '#1f6feb' },
  grouping: { label: 'Grouping', colour: '#2563eb' },
  note: { label: 'Note', colour: '#475569' },
  opinion: { label: 'Opinion', colour: '#475569' },
  identity: { label: 'Identity', colour: '#334155' },
  infrastructure: { label: 'Infrastructure', colour: '#0e7490' },
  location: { label: 'Location', colour: '#64748b' },
  relationship: { label: 'Relationship', colour: '#94a3b8' },
  'x-mitre-tactic': { label: 'ATT&CK tactic', colour: '#475569' },
  'x-mitre-asset': { label: 'ATT&CK asset', colour: '#0891b2' },
  'x-mitre-matrix': { label: 'ATT&CK matrix', colour: '#475569' },
  'x-mitre-data-source': { label: 'ATT&CK data source', colour: '#64748b' },
  'x-mitre-data-component': { label: 'ATT&CK data component', colour: '#64748b' },
};

export function stixTypeLabel(type: string): string {
  return types[type]?.label ?? type;
}

export function stixTypeColour(type: string): string {
  return types[type]?.colour ?? '#64748b';
}

/** The Admiralty scale's words for a source's reliability. */
export const reliabilityMeanings: Readonly<Record<IntelReliability, string>> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};
