// Specification-defined relationships (section 4 per SDO/SCO, summarised in appendix B): for each
// source type and relationship type, the allowed target types.
import { scoTypes, stixCategory } from '../model/index.js';
import type { Rule } from './checks.js';
import { identifierType } from './formats.js';

const victims = ['identity', 'location', 'vulnerability'];
const ttps = ['attack-pattern', 'infrastructure', 'malware', 'tool'];
const addressResolution = { 'belongs-to': ['autonomous-system'], 'resolves-to': ['mac-addr'] };

export const specRelationships: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'attack-pattern': { delivers: ['malware'], targets: victims, uses: ['malware', 'tool'] },
  campaign: {
    'attributed-to': ['intrusion-set', 'threat-actor'], compromises: ['infrastructure'], 'originates-from': ['location'],
    targets: victims, uses: ttps,
  },
  'course-of-action': {
    investigates: ['indicator'], mitigates: ['attack-pattern', 'indicator', 'malware', 'tool', 'vulnerability'],
    remediates: ['malware', 'vulnerability'],
  },
  'domain-name': { 'resolves-to': ['domain-name', 'ipv4-addr', 'ipv6-addr'] },
  identity: { 'located-at': ['location'] },
  indicator: {
    indicates: ['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool'],
    'based-on': ['observed-data'],
  },
  infrastructure: {
    'communicates-with': ['infrastructure', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url'],
    'consists-of': ['infrastructure', 'observed-data', ...scoTypes], controls: ['infrastructure', 'malware'],
    delivers: ['malware'], has: ['vulnerability'], hosts: ['tool', 'malware'], 'located-at': ['location'], uses: ['infrastructure'],
  },
  'intrusion-set': {
    'attributed-to': ['threat-actor'], compromises: ['infrastructure'], hosts: ['infrastructure'], owns: ['infrastructure'],
    'originates-from': ['location'], targets: victims, uses: ttps,
  },
  'ipv4-addr': addressResolution,
  'ipv6-addr': addressResolution,
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'], 'beacons-to': ['infrastructure'], 'exfiltrates-to': ['infrastructure'],
    'communicates-with': ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url'], controls: ['malware'],
    downloads: ['malware', 'tool', 'file'], drops: ['malware', 'tool', 'file'], exploits: ['vulnerability'],
    'originates-from': ['location'], targets: ['identity', 'infrastructure', 'location', 'vulnerability'], uses: ttps,
    'variant-of': ['malware'],
  },
  'malware-analysis': {
    characterizes: ['malware'], 'av-analysis-of': ['malware'], 'static-analysis-of': ['malware'], 'dynamic-analysis-of': ['malware'],
  },
  'threat-actor': {
    'attributed-to': ['identity'], compromises: ['infrastructure'], hosts: ['infrastructure'], owns: ['infrastructure'],
    impersonates: ['identity'], 'located-at': ['location'], targets: victims, uses: ttps,
  },
  tool: {
    delivers: ['malware'], drops: ['malware'], has: ['vulnerability'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'], uses: ['infrastructure'],
  },
};

const specNames = new Set(Object.values(specRelationships).flatMap((byName) => Object.keys(byName)));

/**
 * A spec-defined relationship type used between spec-defined types it is not defined for draws a
 * warning (the spec says SHOULD); user-defined names and custom types are left alone.
 */
export const relationshipTypeRule: Rule = (o, path, ctx) => {
  const name = o.relationship_type;
  if (typeof name !== 'string' || typeof o.source_ref !== 'string' || typeof o.target_ref !== 'string') return;
  const source = identifierType(o.source_ref);
  const target = identifierType(o.target_ref);
  if (source === null || target === null || stixCategory(source) === undefined || stixCategory(target) === undefined) return;
  if (name === 'related-to') return;
  if (name === 'derived-from' || name === 'duplicate-of') {
    if (source !== target) ctx.warn(`${path}/relationship_type`, 'relationship-type', `${name} relates objects of the same type, not ${source} and ${target}`);
    return;
  }
  const targets = specRelationships[source]?.[name];
  if (targets === undefined) {
    if (specNames.has(name)) ctx.warn(`${path}/relationship_type`, 'relationship-type', `"${name}" is not defined with ${source} as its source`);
  } else if (!targets.includes(target)) {
    ctx.warn(`${path}/target_ref`, 'relationship-type', `${source} ${name} is defined towards ${targets.join(', ')}, not ${target}`);
  }
};
