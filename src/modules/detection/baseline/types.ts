// Baselines (issue 13, ADR 020): per zone (or per organisation where assets carry no zone), what is
// normal, learnt over a period of event time; after it, what departs from it is a deviation and an alert.
import type { Tlp } from '../../../platform/tlp.js';

/** What a baseline holds. `hostmac`: an IP address with the MAC seen for it. */
export const itemKinds = ['host', 'hostmac', 'pair', 'protocol', 'operation', 'function', 'range', 'polling'] as const;
export type ItemKind = (typeof itemKinds)[number];

/** What departs from a baseline; each is raised as the alert rule `baseline:<kind>`. */
export const deviationKinds = ['new-host', 'host-mac', 'new-pair', 'new-protocol', 'new-operation', 'new-function', 'new-range', 'polling'] as const;
export type DeviationKind = (typeof deviationKinds)[number];

export const baselineStates = ['learning', 'active'] as const;
export type BaselineState = (typeof baselineStates)[number];

/** Seven days of event time unless the organisation or the zone says otherwise. */
export const DEFAULT_LEARNING_MS = 7 * 24 * 3_600_000;

export interface Baseline {
  readonly id: string;
  readonly orgId: string;
  /** The assets' zone; '' for the organisation's events whose assets carry none. */
  readonly zone: string;
  readonly state: BaselineState;
  readonly learningMs: number;
  /** Event time of the first event learnt (null until one arrives). */
  readonly learnStart: string | null;
  /** Latest event time seen while learning. */
  readonly learnedThrough: string | null;
  readonly activatedAt: string | null;
  readonly version: number;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface BaselineSummary extends Baseline {
  /** 0..1 of the learning period covered by event time (1 once active). */
  readonly progress: number;
  readonly items: Readonly<Record<string, number>>;
  readonly openDeviations: number;
}

export interface BaselineItem {
  readonly kind: ItemKind;
  readonly key: string;
  readonly origin: 'learned' | 'accepted';
  readonly versionAdded: number;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Address range (`range`). */
  readonly lo: number | null;
  readonly hi: number | null;
  /** Polling interval in ms (`polling`): samples, mean, standard deviation, least and most. */
  readonly interval: { readonly n: number; readonly meanMs: number; readonly jitterMs: number; readonly minMs: number | null; readonly maxMs: number | null } | null;
}

export interface BaselineVersion {
  readonly version: number;
  readonly change: 'learned' | 'accepted' | 'relearn';
  readonly actor: string;
  readonly details: unknown;
  readonly items: number;
  readonly createdAt: string;
}

export interface BaselineDeviation {
  readonly id: string;
  readonly baselineId: string;
  readonly orgId: string;
  readonly kind: DeviationKind;
  readonly key: string;
  readonly status: 'open' | 'accepted';
  readonly expected: string;
  readonly seen: string;
  readonly techniques: readonly string[];
  readonly eventIds: readonly string[];
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly acceptedBy: string | null;
  readonly acceptedAt: string | null;
  readonly acceptedVersion: number | null;
}

export interface BaselineDetail extends BaselineSummary {
  readonly content: readonly BaselineItem[];
  readonly versions: readonly BaselineVersion[];
  readonly deviations: readonly BaselineDeviation[];
}

export interface BaselineListFilter {
  readonly orgId?: string | undefined;
  readonly zone?: string | undefined;
  readonly state?: BaselineState | undefined;
}

export interface BaselineChange {
  readonly learningHours?: number | undefined;
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
}

export interface BaselineSettings {
  readonly orgId: string;
  readonly learningHours: number;
}
