// STIX Domain Objects (section 4 of STIX 2.1).
import type {
  attackMotivations, attackResourceLevels, groupingContexts, identityClasses, implementationLanguages,
  indicatorTypes, industrySectors, infrastructureTypes, malwareCapabilities, malwareResults, malwareTypes, opinionValues,
  patternTypes, processorArchitectures, regions, reportTypes, threatActorRoles, threatActorSophistications,
  threatActorTypes, toolTypes,
} from '../vocabularies.js';
import type { Dictionary, Identifier, KillChainPhase, OpenVocab, SdoBase, Timestamp } from './common.js';

type Vocab<T extends readonly string[]> = OpenVocab<T[number]>;

export interface AttackPattern extends SdoBase {
  readonly type: 'attack-pattern';
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

export interface Campaign extends SdoBase {
  readonly type: 'campaign';
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly objective?: string;
}

export interface CourseOfAction extends SdoBase {
  readonly type: 'course-of-action';
  readonly name: string;
  readonly description?: string;
}

export interface Grouping extends SdoBase {
  readonly type: 'grouping';
  readonly name?: string;
  readonly description?: string;
  readonly context: Vocab<typeof groupingContexts>;
  readonly object_refs: readonly Identifier[];
}

export interface Identity extends SdoBase {
  readonly type: 'identity';
  readonly name: string;
  readonly description?: string;
  readonly roles?: readonly string[];
  readonly identity_class?: Vocab<typeof identityClasses>;
  readonly sectors?: readonly Vocab<typeof industrySectors>[];
  readonly contact_information?: string;
}

export interface Incident extends SdoBase {
  readonly type: 'incident';
  readonly name: string;
  readonly description?: string;
}

export interface Indicator extends SdoBase {
  readonly type: 'indicator';
  readonly name?: string;
  readonly description?: string;
  readonly indicator_types?: readonly Vocab<typeof indicatorTypes>[];
  readonly pattern: string;
  readonly pattern_type: Vocab<typeof patternTypes>;
  readonly pattern_version?: string;
  readonly valid_from: Timestamp;
  readonly valid_until?: Timestamp;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

export interface Infrastructure extends SdoBase {
  readonly type: 'infrastructure';
  readonly name: string;
  readonly description?: string;
  readonly infrastructure_types?: readonly Vocab<typeof infrastructureTypes>[];
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
}

export interface IntrusionSet extends SdoBase {
  readonly type: 'intrusion-set';
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly goals?: readonly string[];
  readonly resource_level?: Vocab<typeof attackResourceLevels>;
  readonly primary_motivation?: Vocab<typeof attackMotivations>;
  readonly secondary_motivations?: readonly Vocab<typeof attackMotivations>[];
}

/** At least one of region, country, or latitude with longitude is present. */
export interface Location extends SdoBase {
  readonly type: 'location';
  readonly name?: string;
  readonly description?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly precision?: number;
  readonly region?: Vocab<typeof regions>;
  readonly country?: string;
  readonly administrative_area?: string;
  readonly city?: string;
  readonly street_address?: string;
  readonly postal_code?: string;
}

export interface Malware extends SdoBase {
  readonly type: 'malware';
  /** Required when `is_family` is true. */
  readonly name?: string;
  readonly description?: string;
  readonly malware_types?: readonly Vocab<typeof malwareTypes>[];
  readonly is_family: boolean;
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly operating_system_refs?: readonly Identifier[];
  readonly architecture_execution_envs?: readonly Vocab<typeof processorArchitectures>[];
  readonly implementation_languages?: readonly Vocab<typeof implementationLanguages>[];
  readonly capabilities?: readonly Vocab<typeof malwareCapabilities>[];
  readonly sample_refs?: readonly Identifier[];
}

/** At least one of `result` and `analysis_sco_refs` is present. */
export interface MalwareAnalysis extends SdoBase {
  readonly type: 'malware-analysis';
  readonly product: string;
  readonly version?: string;
  readonly host_vm_ref?: Identifier;
  readonly operating_system_ref?: Identifier;
  readonly installed_software_refs?: readonly Identifier[];
  readonly configuration_version?: string;
  readonly modules?: readonly string[];
  readonly analysis_engine_version?: string;
  readonly analysis_definition_version?: string;
  readonly submitted?: Timestamp;
  readonly analysis_started?: Timestamp;
  readonly analysis_ended?: Timestamp;
  readonly result_name?: string;
  readonly result?: Vocab<typeof malwareResults>;
  readonly analysis_sco_refs?: readonly Identifier[];
  readonly sample_ref?: Identifier;
}

export interface Note extends SdoBase {
  readonly type: 'note';
  readonly abstract?: string;
  readonly content: string;
  readonly authors?: readonly string[];
  readonly object_refs: readonly Identifier[];
}

/** Exactly one of `object_refs` and the deprecated `objects` is present. */
export interface ObservedData extends SdoBase {
  readonly type: 'observed-data';
  readonly first_observed: Timestamp;
  readonly last_observed: Timestamp;
  readonly number_observed: number;
  readonly objects?: Dictionary;
  readonly object_refs?: readonly Identifier[];
}

export interface Opinion extends SdoBase {
  readonly type: 'opinion';
  readonly explanation?: string;
  readonly authors?: readonly string[];
  readonly opinion: (typeof opinionValues)[number];
  readonly object_refs: readonly Identifier[];
}

export interface Report extends SdoBase {
  readonly type: 'report';
  readonly name: string;
  readonly description?: string;
  readonly report_types?: readonly Vocab<typeof reportTypes>[];
  readonly published: Timestamp;
  readonly object_refs: readonly Identifier[];
}

export interface ThreatActor extends SdoBase {
  readonly type: 'threat-actor';
  readonly name: string;
  readonly description?: string;
  readonly threat_actor_types?: readonly Vocab<typeof threatActorTypes>[];
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly roles?: readonly Vocab<typeof threatActorRoles>[];
  readonly goals?: readonly string[];
  readonly sophistication?: Vocab<typeof threatActorSophistications>;
  readonly resource_level?: Vocab<typeof attackResourceLevels>;
  readonly primary_motivation?: Vocab<typeof attackMotivations>;
  readonly secondary_motivations?: readonly Vocab<typeof attackMotivations>[];
  readonly personal_motivations?: readonly Vocab<typeof attackMotivations>[];
}

export interface Tool extends SdoBase {
  readonly type: 'tool';
  readonly name: string;
  readonly description?: string;
  readonly tool_types?: readonly Vocab<typeof toolTypes>[];
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly tool_version?: string;
}

export interface Vulnerability extends SdoBase {
  readonly type: 'vulnerability';
  readonly name: string;
  readonly description?: string;
}

export type StixDomainObject =
  | AttackPattern | Campaign | CourseOfAction | Grouping | Identity | Incident | Indicator | Infrastructure | IntrusionSet
  | Location | Malware | MalwareAnalysis | Note | ObservedData | Opinion | Report | ThreatActor | Tool | Vulnerability;
