// TLP markings: the five TLP 2.0 marking definitions (FIRST TLP 2.0 STIX extension, published by
// OASIS in cti-stix-common-objects) and the four TLP 1.0 ones from STIX 2.1 section 7.2.1.4.
import type { Tlp } from '../../../../platform/tlp.js';
import { tlpLevels } from '../../../../platform/tlp.js';
import type { MarkingDefinition } from '../model/index.js';

export const TLP_EXTENSION_DEFINITION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** Ids of the TLP 2.0 marking definitions, by Bulwark TLP level. */
export const tlpMarkingIds: Readonly<Record<Tlp, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export const legacyTlpLevels = ['white', 'green', 'amber', 'red'] as const;
export type LegacyTlp = (typeof legacyTlpLevels)[number];

/** Ids of the TLP 1.0 marking definitions of STIX 2.1. */
export const legacyTlpMarkingIds: Readonly<Record<LegacyTlp, string>> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

/** TLP 1.0 to its nearest TLP 2.0 level (WHITE became CLEAR; the others kept their names). */
export const legacyToTlp: Readonly<Record<LegacyTlp, Tlp>> = { white: 'clear', green: 'green', amber: 'amber', red: 'red' };

function tlp2Definition(level: Tlp): MarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: tlpMarkingIds[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

/** The TLP 2.0 marking-definition objects, ready to put in a bundle. */
export const tlpMarkingDefinitions: Readonly<Record<Tlp, MarkingDefinition>> = {
  clear: tlp2Definition('clear'),
  green: tlp2Definition('green'),
  amber: tlp2Definition('amber'),
  'amber+strict': tlp2Definition('amber+strict'),
  red: tlp2Definition('red'),
};

/** The TLP 1.0 marking-definition objects as STIX 2.1 defines them. */
export const legacyTlpMarkingDefinitions: Readonly<Record<LegacyTlp, MarkingDefinition>> = Object.fromEntries(
  legacyTlpLevels.map((level) => [
    level,
    {
      type: 'marking-definition',
      spec_version: '2.1',
      id: legacyTlpMarkingIds[level],
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name: `TLP:${level.toUpperCase()}`,
      definition: { tlp: level },
    } satisfies MarkingDefinition,
  ]),
) as Record<LegacyTlp, MarkingDefinition>;

const byId = new Map<string, Tlp>([
  ...tlpLevels.map((level) => [tlpMarkingIds[level], level] as const),
  ...legacyTlpLevels.map((level) => [legacyTlpMarkingIds[level], legacyToTlp[level]] as const),
]);

/** The TLP level a marking-definition id stands for (TLP 2.0, or TLP 1.0 mapped to 2.0). */
export function tlpFromMarkingId(id: string): Tlp | undefined {
  return byId.get(id);
}

/** The TLP 2.0 marking-definition id for a level. */
export function markingIdForTlp(level: Tlp): string {
  return tlpMarkingIds[level];
}

/** Which TLP id a level must have, used by validation: TLP 2.0 level names and TLP 1.0 names. */
export function expectedTlpId(level: string, version: 1 | 2): string | undefined {
  if (version === 2) return (tlpLevels as readonly string[]).includes(level) ? tlpMarkingIds[level as Tlp] : undefined;
  return (legacyTlpLevels as readonly string[]).includes(level) ? legacyTlpMarkingIds[level as LegacyTlp] : undefined;
}

/**
 * The TLP level of a marking-definition object: by its id when it is a standard one, otherwise by
 * its content (a TLP 2.0 extension or a TLP 1.0 definition).
 */
export function tlpOfMarkingDefinition(marking: unknown): Tlp | undefined {
  if (typeof marking !== 'object' || marking === null) return undefined;
  const m = marking as Record<string, unknown>;
  if (typeof m.id === 'string') {
    const known = byId.get(m.id);
    if (known !== undefined) return known;
  }
  const ext = (m.extensions as Record<string, unknown> | undefined)?.[TLP_EXTENSION_DEFINITION_ID];
  const level = (ext as Record<string, unknown> | undefined)?.tlp_2_0;
  if (typeof level === 'string' && (tlpLevels as readonly string[]).includes(level)) return level as Tlp;
  const legacy = m.definition_type === 'tlp' ? (m.definition as Record<string, unknown> | undefined)?.tlp : undefined;
  if (typeof legacy === 'string' && (legacyTlpLevels as readonly string[]).includes(legacy)) return legacyToTlp[legacy as LegacyTlp];
  return undefined;
}

/** Orders levels: later is more restrictive. */
export function tlpRank(level: Tlp): number {
  return tlpLevels.indexOf(level);
}

/** The most restrictive of the given levels; undefined for none. */
export function mostRestrictiveTlp(levels: Iterable<Tlp>): Tlp | undefined {
  let worst: Tlp | undefined;
  for (const level of levels) if (worst === undefined || tlpRank(level) > tlpRank(worst)) worst = level;
  return worst;
}

/**
 * The effective TLP of an object: the most restrictive TLP among its object markings. Ids of
 * non-standard TLP marking definitions (e.g. stored ones) are looked up through `resolve`.
 */
export function effectiveTlp(object: { readonly object_marking_refs?: readonly string[] | undefined }, resolve?: (id: string) => unknown): Tlp | undefined {
  const refs = object.object_marking_refs;
  if (!Array.isArray(refs)) return undefined;
  const levels: Tlp[] = [];
  for (const id of refs) {
    if (typeof id !== 'string') continue;
    const level = byId.get(id) ?? (resolve === undefined ? undefined : tlpOfMarkingDefinition(resolve(id)));
    if (level !== undefined) levels.push(level);
  }
  return mostRestrictiveTlp(levels);
}
