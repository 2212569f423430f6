// The access matrix's vocabulary: who calls (callers), how an object is marked (settings), what a
// family of resources offers (create, probes) and who must see each probe's answer (rules).
import type { LightMyRequestResponse } from 'fastify';
import { upwardReaderRoles, writerRoles, type Role } from '../../src/platform/access.js';
import { tlpLevels, tlpShareableUpward, type Tlp } from '../../src/platform/tlp.js';
import type { Person, World } from '../support/fixture.js';

export type Relation = 'owner' | 'sibling' | 'parent' | 'grandparent' | 'anonymous';
export type Outcome = 'visible' | 'hidden';
export type ProbeKind = 'read' | 'list' | 'count' | 'facet' | 'search' | 'export' | 'graph' | 'write';

/** Someone calling the API, placed relative to the owning organisation E1 (child of P, grandchild of N). */
export interface Caller {
  readonly name: string;
  readonly person: keyof World['people'] | null;
  readonly relation: Relation;
  readonly role: Role | null;
}

export const callers: readonly Caller[] = [
  { name: 'owner admin', person: 'adminE1', relation: 'owner', role: 'admin' },
  { name: 'owner analyst', person: 'analystE1', relation: 'owner', role: 'analyst' },
  { name: 'owner viewer', person: 'viewerE1', relation: 'owner', role: 'viewer' },
  { name: 'sibling analyst', person: 'analystE2', relation: 'sibling', role: 'analyst' },
  { name: 'sibling admin', person: 'adminE2', relation: 'sibling', role: 'admin' },
  { name: 'parent admin', person: 'adminP', relation: 'parent', role: 'admin' },
  { name: 'parent analyst', person: 'analystP', relation: 'parent', role: 'analyst' },
  { name: 'parent responder', person: 'responderP', relation: 'parent', role: 'responder' },
  { name: 'parent viewer', person: 'viewerP', relation: 'parent', role: 'viewer' },
  { name: 'grandparent admin', person: 'adminN', relation: 'grandparent', role: 'admin' },
  { name: 'anonymous', person: null, relation: 'anonymous', role: null },
];

/** How the owner marks the object. Families without markings use `unmarked`. */
export interface Setting {
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
}

export const markedSettings: readonly Setting[] = tlpLevels.flatMap((tlp) => [true, false].map((sharedUpward) => ({ tlp, sharedUpward })));
/** Objects that always travel upward (a submission is made to be vetted above), one per TLP. */
export const upwardSettings: readonly Setting[] = tlpLevels.map((tlp) => ({ tlp, sharedUpward: true }));
/** One setting for resources that carry no marking (users, tokens, rules, feeds). */
export const unmarked: readonly Setting[] = [{ tlp: 'amber', sharedUpward: false }];

export const settingName = (s: Setting, family: ResourceFamily): string =>
  family.settings === unmarked ? 'unmarked' : `tlp:${s.tlp}${s.sharedUpward ? ' shared upward' : ''}`;

/** Who must get a visible answer. */
export type Rule = (caller: Caller, setting: Setting) => boolean;

const above = (c: Caller) => c.relation === 'parent' || c.relation === 'grandparent';
const has = (c: Caller, roles: readonly Role[]) => c.role !== null && roles.includes(c.role);

export const rules = {
  /** ADR 002: the owner's members; admins, analysts and responders above when shared upward at CLEAR, GREEN or AMBER. */
  read: ((c, s) => c.relation === 'owner' || (above(c) && has(c, upwardReaderRoles) && s.sharedUpward && tlpShareableUpward.includes(s.tlp))) as Rule,
  /** Visible is not writable: the owner's admins and analysts only. */
  write: ((c) => c.relation === 'owner' && has(c, writerRoles)) as Rule,
  /** Kept inside the owning organisation, any role. */
  ownOrg: ((c) => c.relation === 'owner') as Rule,
  /** Administration: admins of the organisation or of one above it. */
  adminSubtree: ((c) => (c.relation === 'owner' || above(c)) && c.role === 'admin') as Rule,
  /** The owner's admins only. */
  ownAdmin: ((c) => c.relation === 'owner' && c.role === 'admin') as Rule,
  /** Members of the organisation or of one above it, any role. */
  subtree: ((c) => c.relation === 'owner' || above(c)) as Rule,
} as const;

/** What create returns: ids to address the object by, and a string that appears wherever it is shown. */
export interface Handle {
  readonly id: string;
  readonly marker: string;
  readonly extra: Readonly<Record<string, string>>;
}

export interface Probe {
  readonly name: string;
  readonly kind: ProbeKind;
  /** The route exercised, as `METHOD /openapi/path` (or a /taxii2/ route as Fastify spells it). */
  readonly route: string;
  readonly rule: Rule;
  /** Destroys the object: run on a fresh copy for callers who must succeed. */
  readonly destructive?: boolean;
  /** Callers ask one after another: the answer depends on what the callers before did. */
  readonly sequential?: boolean;
  run(world: World, person: Person | null, handle: Handle): Promise<Outcome>;
}

export interface ResourceFamily {
  readonly name: string;
  /** Routes the family exercises besides its probes (creation, mostly). */
  readonly routes: readonly string[];
  readonly settings: readonly Setting[];
  create(world: World, setting: Setting): Promise<Handle>;
  readonly probes: readonly Probe[];
}

/** A probe's answer is not a yes or no: the run fails with the response in the message. */
export class UnexpectedResponse extends Error {
  constructor(response: LightMyRequestResponse) {
    super(`unexpected ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
}

const denied = new Set([401, 403, 404]);

/** 2xx is visible; 401, 403 and 404 are hidden; anything else is a defect of its own. */
export function byStatus(response: LightMyRequestResponse): Outcome {
  if (response.statusCode >= 200 && response.statusCode < 300) return 'visible';
  if (denied.has(response.statusCode)) return 'hidden';
  throw new UnexpectedResponse(response);
}

/** Visible when a successful answer mentions the marker; a refusal is hidden. */
export function byMarker(response: LightMyRequestResponse, marker: string): Outcome {
  if (byStatus(response) === 'hidden') return 'hidden';
  return response.body.includes(marker) ? 'visible' : 'hidden';
}

let counter = 0;
/** A marker no other object shares (lower case, digits and dashes fit every name and id pattern). */
export function uniqueMarker(family: string): string {
  counter += 1;
  return `am-${family}-${process.pid.toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export function defineFamily(family: ResourceFamily): ResourceFamily {
  return family;
}
