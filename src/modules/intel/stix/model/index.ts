// The STIX 2.1 model: every object family, and the unions the rest of intel works with.
import type { StixCustomObject, StixMetaObject, StixRelationshipObject } from './meta.js';
import type { StixCyberObservable } from './sco.js';
import type { StixDomainObject } from './sdo.js';

export type * from './common.js';
export { extensionTypes } from './common.js';
export type * from './meta.js';
export type * from './sco.js';
export type * from './sdo.js';

/** SDOs, SROs and SCOs. */
export type StixCoreObject = StixDomainObject | StixRelationshipObject | StixCyberObservable;
/** Every object type the specification defines. */
export type StixObject = StixCoreObject | StixMetaObject;
/** What a validated bundle may contain: spec-defined objects or custom ones. */
export type AnyStixObject = StixObject | StixCustomObject;

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects?: readonly AnyStixObject[];
}

export const sdoTypes = [
  'attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator', 'infrastructure',
  'intrusion-set', 'location', 'malware', 'malware-analysis', 'note', 'observed-data', 'opinion', 'report', 'threat-actor',
  'tool', 'vulnerability',
] as const satisfies readonly StixDomainObject['type'][];

export const sroTypes = ['relationship', 'sighting'] as const satisfies readonly StixRelationshipObject['type'][];

export const scoTypes = [
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr',
  'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account',
  'windows-registry-key', 'x509-certificate',
] as const satisfies readonly StixCyberObservable['type'][];

export const metaTypes = ['marking-definition', 'extension-definition', 'language-content'] as const satisfies readonly StixMetaObject['type'][];

export type StixObjectType = StixObject['type'];
export type StixCategory = 'sdo' | 'sro' | 'sco' | 'meta';

const categories = new Map<string, StixCategory>([
  ...sdoTypes.map((t) => [t, 'sdo'] as const),
  ...sroTypes.map((t) => [t, 'sro'] as const),
  ...scoTypes.map((t) => [t, 'sco'] as const),
  ...metaTypes.map((t) => [t, 'meta'] as const),
]);

/** The family of a spec-defined type; undefined for custom types. */
export function stixCategory(type: string): StixCategory | undefined {
  return categories.get(type);
}

/** Narrows a parsed object to one spec-defined type. */
export function isStixType<T extends StixObjectType>(object: { readonly type: string }, type: T): object is Extract<StixObject, { type: T }> {
  return object.type === type;
}
