// The detection module's domain: Sigma rules kept per organisation (or for the whole platform), the
// alerts they raise (deduplicated by rule and entity within a window, ADR 019), and suppressions.
import type { Tlp } from '../../platform/tlp.js';

export const ruleKinds = ['rule', 'correlation', 'filter'] as const;
export type RuleKind = (typeof ruleKinds)[number];

export const ruleLevels = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type RuleLevel = (typeof ruleLevels)[number];

/** A stored Sigma document: its source text and what was parsed from it. */
export interface DetectionRule {
  readonly id: string;
  /** Owner organisation; null: a platform-wide rule (applies to every organisation's events). */
  readonly orgId: string | null;
  /** The Sigma `id` (or name, or title when it has neither). */
  readonly sigmaId: string;
  readonly kind: RuleKind;
  readonly title: string;
  readonly level: RuleLevel;
  readonly status: string | null;
  readonly tags: readonly string[];
  readonly techniques: readonly string[];
  readonly logsource: Readonly<Record<string, string>>;
  readonly source: string;
  readonly enabled: boolean;
  readonly version: number;
  readonly importedBy: string;
  readonly createdAt: string;
  readonly modifiedAt: string;
  readonly hitCount: number;
  readonly lastHitAt: string | null;
}

/** One thing wrong with a rule text: where (file, line, column, path inside the document) and why. */
export interface RuleProblem {
  readonly file?: string | undefined;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ValidationReport {
  readonly valid: boolean;
  readonly rules: number;
  readonly problems: readonly RuleProblem[];
}

export interface ImportReport {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rules: readonly DetectionRule[];
  readonly problems: readonly RuleProblem[];
}

export const alertStatuses = ['new', 'acknowledged', 'in_progress', 'resolved', 'false_positive'] as const;
export type AlertStatus = (typeof alertStatuses)[number];
/** Statuses that end an alert: the next hit of its rule and entity raises a new one. */
export const closedStatuses: readonly AlertStatus[] = ['resolved', 'false_positive'];

export const alertSeverities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export interface Alert {
  readonly id: string;
  readonly orgId: string;
  readonly ruleId: string;
  readonly ruleTitle: string;
  /** What the alert is about: `asset:ID`, `ip:ADDRESS`, `host:NAME` or `org` (see entity.ts). */
  readonly entity: string;
  readonly severity: AlertSeverity;
  readonly level: RuleLevel;
  readonly status: AlertStatus;
  readonly assignee: string | null;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly techniques: readonly string[];
  readonly assetIds: readonly string[];
  /** The first events of the alert (bounded, oldest first). */
  readonly eventIds: readonly string[];
  readonly selections: readonly string[];
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AlertComment {
  readonly id: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
}

export interface AlertStatusChange {
  readonly fromStatus: AlertStatus | null;
  readonly toStatus: AlertStatus;
  readonly assignee: string | null;
  readonly actor: string;
  readonly note: string | null;
  readonly createdAt: string;
}

export interface AlertDetail extends Alert {
  readonly comments: readonly AlertComment[];
  readonly history: readonly AlertStatusChange[];
  /** The linked events the caller may read (events past retention are gone). */
  readonly events: readonly unknown[];
}

export interface AlertFilter {
  readonly technique?: string | undefined;
  readonly status?: AlertStatus | undefined;
  readonly severity?: AlertSeverity | undefined;
  readonly ruleId?: string | undefined;
  readonly assetId?: string | undefined;
  readonly orgId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

export interface AlertPage {
  readonly items: readonly Alert[];
  readonly next: string | null;
}

/** Hits that match a suppression are not raised (they are counted on the suppression). */
export interface Suppression {
  readonly id: string;
  readonly orgId: string;
  /** Scope: every field set must match; none set suppresses everything of the organisation. */
  readonly ruleId: string | null;
  readonly entity: string | null;
  readonly assetId: string | null;
  readonly field: string | null;
  readonly value: string | null;
  readonly reason: string;
  readonly expiresAt: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly hitCount: number;
}

export interface SuppressionInput {
  readonly orgId?: string | undefined;
  readonly ruleId?: string | undefined;
  readonly entity?: string | undefined;
  readonly assetId?: string | undefined;
  readonly field?: string | undefined;
  readonly value?: string | undefined;
  readonly reason?: string | undefined;
  readonly expiresAt?: string | undefined;
}

/** What `rules test` answers: how many posted events matched, and which, with the hits. */
export interface RuleTestReport {
  readonly matches: number;
  readonly events: readonly { readonly line: number; readonly id: string; readonly event: unknown; readonly hits: readonly { readonly ruleId: string; readonly title: string; readonly selections: readonly string[] }[] }[];
  readonly problems: readonly RuleProblem[];
}
