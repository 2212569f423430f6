// Validation rules of relationships, sightings (section 5) and meta objects (section 7).
import { extensionTypes } from '../model/index.js';
import { expectedTlpId, TLP_EXTENSION_DEFINITION_ID } from '../markings/tlp.js';
import {
  boolean, describeValue, dictionary, enumeration, integer, isRecord, list, ref, refAnyObject, refSdo, refSdoOrSco, refTypes,
  string, timestamp, type Check, type Rule,
} from './checks.js';
import type { ValidationContext } from './context.js';
import { isLanguageTag, isRelationshipTypeName, isValidPropertyName } from './formats.js';
import { relationshipTypeRule } from './relationship-types.js';
import { ordered } from './rules.js';
import { defineType, type TypeSpec } from './type-spec.js';

const ts = timestamp();
/** Shape checked by the marking-definition rule, which knows the definition_type. */
const checkedByRule: Check = () => undefined;

const relationshipType: Check = (v, path, ctx) => {
  if (typeof v !== 'string') return ctx.error(path, 'type', `expected a string, found ${describeValue(v)}`);
  if (!isRelationshipTypeName(v)) ctx.error(path, 'format', `relationship_type "${v}" may only use a-z, 0-9 and "-"`);
};

/** Only the standard TLP marking definitions may exist: the level must fit the id. */
function tlpMismatch(ctx: ValidationContext, objectPath: string, levelPath: string, id: unknown, expected: string | undefined, level: string): void {
  if (expected === undefined) ctx.error(levelPath, 'marking-definition', `"${level}" is not a TLP level`);
  else if (id !== expected) ctx.error(`${objectPath}/id`, 'marking-definition', `TLP ${level} must use the standard marking definition ${expected}`);
}

const markingDefinitionRules: Rule[] = [
  (o, path, ctx) => {
    const ext = isRecord(o.extensions) ? o.extensions : undefined;
    if (ext === undefined) {
      if (o.definition_type === undefined) ctx.error(`${path}/definition_type`, 'missing-property', 'definition_type is required when there are no extensions');
      if (o.definition === undefined) ctx.error(`${path}/definition`, 'missing-property', 'definition is required when there are no extensions');
    }
    const def = o.definition;
    if (def !== undefined && !isRecord(def)) ctx.error(`${path}/definition`, 'type', `expected a marking object, found ${describeValue(def)}`);
    if (o.definition_type === 'statement' && isRecord(def) && typeof def.statement !== 'string') {
      ctx.error(`${path}/definition/statement`, 'missing-property', 'a statement marking requires a statement string');
    }
    if (o.definition_type === 'tlp' && isRecord(def)) {
      if (typeof def.tlp !== 'string') ctx.error(`${path}/definition/tlp`, 'missing-property', 'a TLP marking requires a tlp string');
      else tlpMismatch(ctx, path, `${path}/definition/tlp`, o.id, expectedTlpId(def.tlp, 1), def.tlp);
    }
    const tlp2 = ext?.[TLP_EXTENSION_DEFINITION_ID];
    if (isRecord(tlp2)) {
      const level = tlp2.tlp_2_0;
      const at = `${path}/extensions/${TLP_EXTENSION_DEFINITION_ID}`;
      if (typeof level !== 'string') ctx.error(`${at}/tlp_2_0`, 'missing-property', 'the TLP 2.0 extension requires tlp_2_0');
      else {
        tlpMismatch(ctx, path, `${at}/tlp_2_0`, o.id, expectedTlpId(level, 2), level);
        if (o.name !== `TLP:${level.toUpperCase()}`) ctx.warn(`${path}/name`, 'marking-definition', `a TLP 2.0 marking is named TLP:${level.toUpperCase()}`);
      }
    }
    const refs = o.object_marking_refs;
    if (Array.isArray(refs) && refs.includes(o.id)) ctx.error(`${path}/object_marking_refs`, 'marking-definition', 'a marking definition must not mark itself');
  },
];

const extensionDefinitionRules: Rule[] = [
  (o, path, ctx) => {
    const types = o.extension_types;
    if (o.extension_properties !== undefined && !(Array.isArray(types) && types.includes('toplevel-property-extension'))) {
      ctx.error(`${path}/extension_properties`, 'dependency', 'extension_properties is only used with a toplevel-property-extension');
    }
  },
];

const propertyNameList = list((v, path, ctx) => {
  if (typeof v !== 'string') return ctx.error(path, 'type', `expected a property name, found ${describeValue(v)}`);
  if (!isValidPropertyName(v)) ctx.error(path, 'custom-property-name', `"${v}" is not a valid extension property name`);
});

const languageContents: Check = dictionary((v, path, ctx) => {
  if (!isRecord(v)) ctx.error(path, 'type', `expected the translated properties as an object, found ${describeValue(v)}`);
});

const languageContentRules: Rule[] = [
  (o, path, ctx) => {
    if (!isRecord(o.contents)) return;
    for (const key of Object.keys(o.contents)) {
      if (!isLanguageTag(key)) ctx.error(`${path}/contents/${key}`, 'format', `"${key}" is not an RFC 5646 language code`);
    }
  },
];

export const metaSpecs: readonly TypeSpec[] = [
  defineType({
    type: 'relationship', category: 'sro', required: ['relationship_type', 'source_ref', 'target_ref'],
    rules: [ordered('start_time', 'stop_time', true), relationshipTypeRule],
    props: {
      relationship_type: relationshipType, description: string, source_ref: ref(refSdoOrSco), target_ref: ref(refSdoOrSco),
      start_time: ts, stop_time: ts,
    },
  }),
  defineType({
    type: 'sighting', category: 'sro', required: ['sighting_of_ref'], rules: [ordered('first_seen', 'last_seen')],
    props: {
      description: string, first_seen: ts, last_seen: ts, count: integer(0, 999_999_999), sighting_of_ref: ref(refSdo),
      observed_data_refs: list(ref(refTypes('observed-data'))), where_sighted_refs: list(ref(refTypes('identity', 'location'))),
      summary: boolean,
    },
  }),
  defineType({
    type: 'marking-definition', category: 'meta', common: 'marking-definition', rules: markingDefinitionRules,
    props: { created: timestamp('millis'), name: string, definition_type: string, definition: checkedByRule },
  }),
  defineType({
    type: 'extension-definition', category: 'meta', common: 'extension-definition', withoutExtensions: true,
    required: ['name', 'schema', 'version', 'extension_types'], rules: extensionDefinitionRules,
    props: {
      name: string, description: string, schema: string, version: string,
      extension_types: list(enumeration('extension-type-enum', extensionTypes)), extension_properties: propertyNameList,
    },
  }),
  defineType({
    type: 'language-content', category: 'meta', common: 'language-content', required: ['object_ref', 'contents'],
    rules: languageContentRules,
    props: { object_ref: ref({ label: 'a STIX object', accepts: (t) => refAnyObject.accepts(t) && t !== 'language-content' }), object_modified: ts, contents: languageContents },
  }),
];
