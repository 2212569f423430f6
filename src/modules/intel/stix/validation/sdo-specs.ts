// Validation rules of the STIX Domain Objects (section 4).
import { metaTypes, sdoTypes } from '../model/index.js';
import * as v from '../vocabularies.js';
import {
  boolean, dictionary, float, integer, list, object, ref, refAnyObject, refSco, refTypes, string, timestamp,
  vocab, enumeration, type Check, type Rule,
} from './checks.js';
import { killChainPhase } from './common-specs.js';
import type { ValidationContext } from './context.js';
import { atLeastOne, conflicts, ordered, requires } from './rules.js';
import { defineType, type TypeSpec } from './type-spec.js';

const strings = list(string);
const killChainPhases = list(object(killChainPhase));
const ts = timestamp();
const vocabList = (name: string, values: readonly string[]) => list(vocab(name, values));
const objectRefs = list(ref(refAnyObject));
const seenOrder = ordered('first_seen', 'last_seen');
const sdoTypeSet = new Set<string>(sdoTypes);
const metaTypeSet = new Set<string>(metaTypes);

const locationRules: Rule[] = [
  (o, path, ctx) => {
    const point = o.latitude !== undefined && o.longitude !== undefined;
    if (o.region === undefined && o.country === undefined && !point) {
      ctx.error(path, 'at-least-one', 'a location needs region, country, or latitude with longitude');
    }
  },
  requires('latitude', 'longitude'),
  requires('longitude', 'latitude'),
  requires('precision', 'latitude'),
];

const countryPattern = /^[A-Za-z]{2}$/;
const country: Check = (x, path, ctx) => {
  string(x, path, ctx);
  if (typeof x === 'string' && !countryPattern.test(x)) ctx.warn(path, 'format', `"${x}" is not an ISO 3166-1 alpha-2 country code`);
};

/** A pattern of type `stix` is parsed when a parser is available (see registerPatternParser). */
function checkPattern(o: Readonly<Record<string, unknown>>, path: string, ctx: ValidationContext): void {
  if (o.pattern_type !== 'stix' || typeof o.pattern !== 'string' || ctx.patternParser === null) return;
  let outcome;
  try {
    outcome = ctx.patternParser(o.pattern);
  } catch (error) {
    return ctx.error(`${path}/pattern`, 'pattern', `the pattern parser failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (outcome.success) return;
  const first = outcome.error ?? outcome.issues?.[0];
  const where = first?.offset === undefined ? '' : ` at offset ${first.offset}`;
  ctx.error(`${path}/pattern`, 'pattern', `invalid STIX pattern${where}: ${first?.message ?? 'syntax error'}`);
}

const observedDataRules: Rule[] = [
  ordered('first_observed', 'last_observed'),
  conflicts('object_refs', 'objects'),
  atLeastOne(['object_refs', 'objects'], 'object_refs or the deprecated objects'),
  (o, path, ctx) => {
    const refs = o.object_refs;
    if (!Array.isArray(refs)) return;
    const anySco = refs.some((r) => typeof r === 'string' && !r.startsWith('relationship--') && !r.startsWith('sighting--'));
    if (!anySco) ctx.error(`${path}/object_refs`, 'at-least-one', 'object_refs must contain at least one SCO reference');
  },
];

export const sdoSpecs: readonly TypeSpec[] = [
  defineType({
    type: 'attack-pattern', category: 'sdo', required: ['name'],
    props: { name: string, description: string, aliases: strings, kill_chain_phases: killChainPhases },
  }),
  defineType({
    type: 'campaign', category: 'sdo', required: ['name'], rules: [seenOrder],
    props: { name: string, description: string, aliases: strings, first_seen: ts, last_seen: ts, objective: string },
  }),
  defineType({
    type: 'course-of-action', category: 'sdo', required: ['name'],
    props: { name: string, description: string },
    // Reserved for a future version of the specification.
    reserved: ['action_type', 'os_execution_envs', 'action_bin', 'action_reference'],
  }),
  defineType({
    type: 'grouping', category: 'sdo', required: ['context', 'object_refs'],
    props: { name: string, description: string, context: vocab('grouping-context-ov', v.groupingContexts), object_refs: objectRefs },
  }),
  defineType({
    type: 'identity', category: 'sdo', required: ['name'],
    props: {
      name: string, description: string, roles: strings, identity_class: vocab('identity-class-ov', v.identityClasses),
      sectors: vocabList('industry-sector-ov', v.industrySectors), contact_information: string,
    },
  }),
  defineType({ type: 'incident', category: 'sdo', required: ['name'], props: { name: string, description: string } }),
  defineType({
    type: 'indicator', category: 'sdo', required: ['pattern', 'pattern_type', 'valid_from'],
    rules: [ordered('valid_from', 'valid_until', true), checkPattern],
    props: {
      name: string, description: string, indicator_types: vocabList('indicator-type-ov', v.indicatorTypes), pattern: string,
      pattern_type: vocab('pattern-type-ov', v.patternTypes), pattern_version: string, valid_from: ts, valid_until: ts,
      kill_chain_phases: killChainPhases,
    },
  }),
  defineType({
    type: 'infrastructure', category: 'sdo', required: ['name'], rules: [seenOrder],
    props: {
      name: string, description: string, infrastructure_types: vocabList('infrastructure-type-ov', v.infrastructureTypes),
      aliases: strings, kill_chain_phases: killChainPhases, first_seen: ts, last_seen: ts,
    },
  }),
  defineType({
    type: 'intrusion-set', category: 'sdo', required: ['name'], rules: [seenOrder],
    props: {
      name: string, description: string, aliases: strings, first_seen: ts, last_seen: ts, goals: strings,
      resource_level: vocab('attack-resource-level-ov', v.attackResourceLevels),
      primary_motivation: vocab('attack-motivation-ov', v.attackMotivations),
      secondary_motivations: vocabList('attack-motivation-ov', v.attackMotivations),
    },
  }),
  defineType({
    type: 'location', category: 'sdo', rules: locationRules,
    props: {
      name: string, description: string, latitude: float(-90, 90), longitude: float(-180, 180), precision: float(0),
      region: vocab('region-ov', v.regions), country, administrative_area: string, city: string, street_address: string,
      postal_code: string,
    },
  }),
  defineType({
    type: 'malware', category: 'sdo', required: ['is_family'],
    rules: [
      seenOrder,
      (o, path, ctx) => {
        if (o.is_family === true && o.name === undefined) ctx.error(`${path}/name`, 'dependency', 'a malware family (is_family true) requires a name');
      },
    ],
    props: {
      name: string, description: string, malware_types: vocabList('malware-type-ov', v.malwareTypes), is_family: boolean,
      aliases: strings, kill_chain_phases: killChainPhases, first_seen: ts, last_seen: ts,
      operating_system_refs: list(ref(refTypes('software'))),
      architecture_execution_envs: vocabList('processor-architecture-ov', v.processorArchitectures),
      implementation_languages: vocabList('implementation-language-ov', v.implementationLanguages),
      capabilities: vocabList('malware-capabilities-ov', v.malwareCapabilities),
      sample_refs: list(ref(refTypes('file', 'artifact'))),
    },
  }),
  defineType({
    type: 'malware-analysis', category: 'sdo', required: ['product'],
    rules: [atLeastOne(['result', 'analysis_sco_refs']), ordered('analysis_started', 'analysis_ended')],
    props: {
      product: string, version: string, host_vm_ref: ref(refTypes('software')), operating_system_ref: ref(refTypes('software')),
      installed_software_refs: list(ref(refTypes('software'))), configuration_version: string, modules: strings,
      analysis_engine_version: string, analysis_definition_version: string, submitted: ts, analysis_started: ts,
      analysis_ended: ts, result_name: string, result: vocab('malware-result-ov', v.malwareResults),
      analysis_sco_refs: list(ref(refSco)), sample_ref: ref(refTypes('file', 'network-traffic', 'artifact')),
    },
  }),
  defineType({
    type: 'note', category: 'sdo', required: ['content', 'object_refs'],
    props: { abstract: string, content: string, authors: strings, object_refs: objectRefs },
  }),
  defineType({
    type: 'observed-data', category: 'sdo', required: ['first_observed', 'last_observed', 'number_observed'],
    rules: observedDataRules, deprecated: ['objects'],
    props: {
      first_observed: ts, last_observed: ts, number_observed: integer(1, 999_999_999), objects: dictionary(),
      object_refs: list(ref({ label: 'an SCO or SRO', accepts: (t) => !sdoTypeSet.has(t) && t !== 'bundle' && !metaTypeSet.has(t) })),
    },
  }),
  defineType({
    type: 'opinion', category: 'sdo', required: ['opinion', 'object_refs'],
    props: { explanation: string, authors: strings, opinion: enumeration('opinion-enum', v.opinionValues), object_refs: objectRefs },
  }),
  defineType({
    type: 'report', category: 'sdo', required: ['name', 'published', 'object_refs'],
    props: { name: string, description: string, report_types: vocabList('report-type-ov', v.reportTypes), published: ts, object_refs: objectRefs },
  }),
  defineType({
    type: 'threat-actor', category: 'sdo', required: ['name'], rules: [seenOrder],
    props: {
      name: string, description: string, threat_actor_types: vocabList('threat-actor-type-ov', v.threatActorTypes),
      aliases: strings, first_seen: ts, last_seen: ts, roles: vocabList('threat-actor-role-ov', v.threatActorRoles), goals: strings,
      sophistication: vocab('threat-actor-sophistication-ov', v.threatActorSophistications),
      resource_level: vocab('attack-resource-level-ov', v.attackResourceLevels),
      primary_motivation: vocab('attack-motivation-ov', v.attackMotivations),
      secondary_motivations: vocabList('attack-motivation-ov', v.attackMotivations),
      personal_motivations: vocabList('attack-motivation-ov', v.attackMotivations),
    },
  }),
  defineType({
    type: 'tool', category: 'sdo', required: ['name'],
    props: {
      name: string, description: string, tool_types: vocabList('tool-type-ov', v.toolTypes), aliases: strings,
      kill_chain_phases: killChainPhases, tool_version: string,
    },
  }),
  defineType({ type: 'vulnerability', category: 'sdo', required: ['name'], props: { name: string, description: string } }),
];
