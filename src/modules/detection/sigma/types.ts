// The Sigma engine's model: rules, correlation rules and filters as parsed from YAML (with where each
// part was written, so every problem points at a line and column), and what matching produces.
import type { SensedEvent } from '../../sensing/index.js';

/** 1-based line and column in the rule file. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/** One thing wrong with a rule file. Errors make the document invalid; warnings do not. */
export interface SigmaProblem {
  readonly file?: string;
  /** Where in the document, e.g. `detection.selection.Image|endswith` or `correlation.timespan`. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export const sigmaLevels = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type SigmaLevel = (typeof sigmaLevels)[number];

export const sigmaStatuses = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;
export type SigmaStatus = (typeof sigmaStatuses)[number];

export interface SigmaLogsource {
  readonly category?: string;
  readonly product?: string;
  readonly service?: string;
  readonly definition?: string;
}

/** A value as written in a rule: YAML strings, numbers, booleans and null. */
export type SigmaScalar = string | number | boolean | null;

export const modifierNames = [
  'contains', 'startswith', 'endswith', 'all', 'exists', 'cased', 'neq',
  'windash', 're', 'i', 'm', 's',
  'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide',
  'lt', 'lte', 'gt', 'gte',
  'minute', 'hour', 'day', 'week', 'month', 'year',
  'cidr', 'expand', 'fieldref',
] as const;
export type SigmaModifier = (typeof modifierNames)[number];

/** One `field|modifiers: values` entry of a selection; `field` is null for keywords (searched everywhere). */
export interface DetectionItem {
  readonly field: string | null;
  readonly modifiers: readonly SigmaModifier[];
  readonly values: readonly SigmaScalar[];
  readonly pos: SourcePos;
}

/** A search identifier: alternatives joined by OR, each an AND of items (a map, or a list of maps). */
export interface Selection {
  readonly name: string;
  readonly alternatives: readonly (readonly DetectionItem[])[];
  readonly pos: SourcePos;
}

export type ConditionNode =
  | { readonly op: 'and' | 'or'; readonly args: readonly ConditionNode[] }
  | { readonly op: 'not'; readonly arg: ConditionNode }
  | { readonly op: 'ref'; readonly name: string };

interface DocumentBase {
  readonly id?: string;
  readonly name?: string;
  readonly title: string;
  readonly description?: string;
  readonly file?: string;
  /** Where the document starts (its first key). */
  readonly pos: SourcePos;
}

export interface SigmaRule extends DocumentBase {
  readonly kind: 'rule';
  readonly status?: SigmaStatus;
  readonly level?: SigmaLevel;
  readonly tags: readonly string[];
  /** ATT&CK technique ids from `attack.tNNNN[.NNN]` tags, upper case (`T0843`). */
  readonly techniques: readonly string[];
  readonly falsepositives: readonly string[];
  readonly logsource: SigmaLogsource;
  readonly selections: readonly Selection[];
  /** The condition with `1 of` / `all of` resolved into selections; a list of conditions is an OR. */
  readonly condition: ConditionNode;
  readonly conditionText: readonly string[];
}

export const correlationTypes = ['event_count', 'value_count', 'temporal', 'temporal_ordered'] as const;
export type CorrelationType = (typeof correlationTypes)[number];

export const correlationOperators = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type CorrelationOperator = (typeof correlationOperators)[number];

export interface CorrelationCondition {
  readonly bounds: readonly { readonly op: CorrelationOperator; readonly value: number }[];
  /** value_count: the field whose distinct values are counted. */
  readonly field?: string;
}

export interface CorrelationRule extends DocumentBase {
  readonly kind: 'correlation';
  readonly status?: SigmaStatus;
  readonly level?: SigmaLevel;
  readonly tags: readonly string[];
  readonly techniques: readonly string[];
  readonly type: CorrelationType;
  /** Referenced rules (or correlation rules), by id or name, in order (order matters for temporal_ordered). */
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  readonly timespanMs: number;
  /** Absent for temporal types without one: then every referenced rule must be seen. */
  readonly condition?: CorrelationCondition;
  /** alias → (rule name → field in that rule's events). */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Whether the referenced rules also raise on their own (default false). */
  readonly generate: boolean;
}

export interface SigmaFilter extends DocumentBase {
  readonly kind: 'filter';
  readonly logsource: SigmaLogsource;
  /** Rule ids or names the filter applies to; `any` applies to every rule of the logsource. */
  readonly rules: readonly string[] | 'any';
  readonly selections: readonly Selection[];
  readonly condition: ConditionNode;
}

export interface SigmaParseResult {
  readonly rules: readonly SigmaRule[];
  readonly correlations: readonly CorrelationRule[];
  readonly filters: readonly SigmaFilter[];
  readonly problems: readonly SigmaProblem[];
  /** Documents that were neither rules, correlations nor filters without errors. */
  readonly invalid: number;
}

/** One rule matching one event. */
export interface RuleHit {
  /** The rule's id, or its name, or its title when it has neither. */
  readonly ruleId: string;
  readonly name?: string;
  readonly title: string;
  readonly level: SigmaLevel;
  readonly tags: readonly string[];
  readonly techniques: readonly string[];
  /** Selections that were true for this event (the evidence). */
  readonly selections: readonly string[];
}

export interface CorrelationHit {
  readonly correlationId: string;
  readonly name?: string;
  readonly title: string;
  readonly type: CorrelationType;
  readonly level: SigmaLevel;
  readonly tags: readonly string[];
  readonly techniques: readonly string[];
  /** The group-by values the hit is for. */
  readonly group: Readonly<Record<string, string>>;
  /** Events (or distinct values for value_count, or rules for temporal types) counted. */
  readonly count: number;
  readonly firstTime: string;
  readonly lastTime: string;
  /** Ids of the events that made the hit, oldest first (bounded). */
  readonly eventIds: readonly string[];
  /** Rule ids that contributed. */
  readonly rules: readonly string[];
  /** The latest event counted in the group: where the hit happened (organisation, marking, assets). */
  readonly event?: SensedEvent;
}
