// STIX 2.1 core: the typed model, our validator, deterministic SCO ids and markings.
export type * from './model/index.js';
export { extensionTypes, isStixType, metaTypes, scoTypes, sdoTypes, sroTypes, stixCategory } from './model/index.js';
export * as vocabularies from './vocabularies.js';

export type { StixIssue, StixIssueCode, StixIssueSeverity, StixValidation } from './validation/issues.js';
export { stixIssueCodes } from './validation/issues.js';
export type { PatternParseOutcome, PatternParser, StixValidationOptions } from './validation/context.js';
export { registerPatternParser, stixPatternParser } from './validation/context.js';
export { validateStixObject } from './validation/validate-object.js';
export { validateBundle } from './validation/validate-bundle.js';
export { compareTimestamps, parseTimestamp } from './validation/formats.js';
export { specRelationships } from './validation/relationship-types.js';

export { canonicalJson } from './canonical-json.js';
export { idContributingProperties, SCO_ID_NAMESPACE, scoId } from './sco-id.js';

export {
  effectiveTlp, expectedTlpId, legacyTlpLevels, legacyTlpMarkingDefinitions, legacyTlpMarkingIds, legacyToTlp, markingIdForTlp,
  mostRestrictiveTlp, TLP_EXTENSION_DEFINITION_ID, tlpFromMarkingId, tlpMarkingDefinitions, tlpMarkingIds,
  tlpOfMarkingDefinition, tlpRank,
} from './markings/tlp.js';
export type { LegacyTlp } from './markings/tlp.js';
export { markingsOf, redactGranular, redactGranularDetailed } from './markings/granular.js';
export type { GranularMarkingEntry, ObjectMarkings, Redaction } from './markings/granular.js';
export { parseSelector, resolveSelector } from './markings/granular-selectors.js';
export type { SelectorStep } from './markings/granular-selectors.js';
