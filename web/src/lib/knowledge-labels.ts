import { causeTree, type HazardGrade, type LifecycleState, type RemediationCategory } from '../api/types';
import type { FacetName, GraphNodeKind } from '../api/knowledge-types';

export const gradeLabels: Readonly<Record<HazardGrade, { readonly en: string; readonly zh: string }>> = {
  critical: { en: 'Critical', zh: '超危' },
  high: { en: 'High', zh: '高危' },
  medium: { en: 'Medium', zh: '中危' },
  low: { en: 'Low', zh: '低危' },
};

const deviceTypeLabels: Readonly<Record<string, string>> = {
  plc: 'PLC',
  rtu: 'RTU',
  hmi: 'HMI',
  engineering_workstation: 'Engineering workstation',
  historian: 'Historian',
  dcs_controller: 'DCS controller',
  ied: 'IED',
  safety_controller: 'Safety controller',
  gateway: 'Gateway',
  switch: 'Switch',
  firewall: 'Firewall',
  software: 'Software',
  unknown: 'Unknown',
};

export function deviceTypeLabel(type: string): string {
  return deviceTypeLabels[type] ?? type.replace(/_/g, ' ');
}

function isCause(id: string): id is keyof typeof causeTree {
  return Object.hasOwn(causeTree, id);
}

/** GB/T 30279 cause category in English, with its Chinese name for the tooltip. */
export function causeLabel(id: string): { readonly en: string; readonly zh: string | null } {
  return isCause(id) ? { en: causeTree[id].en, zh: causeTree[id].zh } : { en: id, zh: null };
}

export const remediationLabels: Readonly<Record<RemediationCategory, string>> = {
  vendor_fix: 'Vendor fix',
  mitigation: 'Mitigation',
  workaround: 'Workaround',
  none_available: 'None available',
  no_fix_planned: 'No fix planned',
};

export const lifecycleLabels: Readonly<Record<LifecycleState, string>> = {
  collected: 'Collected',
  verified: 'Verified',
  published: 'Published',
  remediated: 'Remediated',
  closed: 'Closed',
};

export const facetTitles: Readonly<Record<FacetName, string>> = {
  grade: 'Hazard grade',
  kev: 'Known exploited',
  hasFix: 'Vendor fix',
  vendor: 'Vendor',
  deviceType: 'Device type',
  cwe: 'Weakness (CWE)',
  cause: 'Cause category',
};

export const nodeKindLabels: Readonly<Record<GraphNodeKind, string>> = {
  vulnerability: 'Vulnerability',
  product: 'Product',
  vendor: 'Vendor',
  weakness: 'Weakness',
  advisory: 'Advisory',
  attack: 'ATT&CK',
  asset: 'Asset',
};

/** One colour per node kind, shared by the graph and its legend. */
export const nodeKindColours: Readonly<Record<GraphNodeKind, string>> = {
  vulnerability: '#c92a2a',
  product: '#1f6feb',
  vendor: '#5b21b6',
  weakness: '#d99a00',
  advisory: '#0f766e',
  attack: '#e8590c',
  asset: '#1a7f4b',
};

// ATT&CK nodes are of several STIX types; defenders tell mitigations from adversaries at a glance.
const attackTypes: Readonly<Record<string, { readonly label: string; readonly colour: string }>> = {
  'attack-pattern': { label: 'Technique', colour: '#e8590c' },
  'course-of-action': { label: 'Mitigation', colour: '#1a7f4b' },
  'intrusion-set': { label: 'Group', colour: '#7c3aed' },
  malware: { label: 'Software', colour: '#be123c' },
  tool: { label: 'Software', colour: '#be123c' },
  'x-mitre-asset': { label: 'Asset type', colour: '#0891b2' },
  'x-mitre-tactic': { label: 'Tactic', colour: '#475569' },
};

/** Legend entry of a graph node: its kind, or for ATT&CK its STIX type. */
export function nodeStyle(node: { readonly kind: GraphNodeKind; readonly detail?: string | undefined }): { readonly label: string; readonly colour: string } {
  const attack = node.kind === 'attack' ? attackTypes[node.detail ?? ''] : undefined;
  return attack ?? { label: nodeKindLabels[node.kind], colour: nodeKindColours[node.kind] };
}

/** Where a vulnerability, vendor or product lives in the console. */
export const kbPaths = {
  vulnerability: (id: string) => `/knowledge/vulnerabilities/${encodeURIComponent(id)}`,
  vendor: (id: string) => `/knowledge/vendors/${encodeURIComponent(id)}`,
  product: (id: string) => `/knowledge/products?${new URLSearchParams({ id }).toString()}`,
  search: (query: Readonly<Record<string, string>>) => `/knowledge?${new URLSearchParams(query).toString()}`,
};
