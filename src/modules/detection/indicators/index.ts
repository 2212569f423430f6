// STIX indicators as a detection stage: matching, incremental reload, sightings written back.
export { createIndicatorStage, type IndicatorStage, type IndicatorStageOptions } from './indicator-stage.js';
export { observationOf } from './observables.js';
export { orgIdentityId } from './sightings.js';
