// What an alert is about (its entity) and how severe it is: pure functions, so the detector, the rule
// test and the tests agree (ADR 019).
import type { SensedEvent } from '../sensing/index.js';
import { alertSeverities, type AlertSeverity, type RuleLevel } from './types.js';

/**
 * The entity a hit is about: the asset acted on (destination), else the acting asset, else the
 * addresses and host names the event gives, else the organisation as a whole.
 */
export function entityOf(event: Pick<SensedEvent, 'assets' | 'fields'>): string {
  const f = event.fields;
  if (event.assets.destination !== undefined) return `asset:${event.assets.destination}`;
  if (event.assets.source !== undefined) return `asset:${event.assets.source}`;
  if (f.destination?.ip !== undefined) return `ip:${f.destination.ip}`;
  if (f.host?.name !== undefined) return `host:${f.host.name}`;
  if (f.source?.ip !== undefined) return `ip:${f.source.ip}`;
  return 'org';
}

/** The assets an event names. */
export const assetsOf = (event: Pick<SensedEvent, 'assets'>): string[] => [...new Set([event.assets.destination, event.assets.source].filter((a): a is string => a !== undefined))];

const levelSeverity: Record<RuleLevel, AlertSeverity> = { informational: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };
/** How the most critical asset involved moves the rule's level: one step up for critical, one down for low. */
const criticalityStep: Record<string, number> = { critical: 1, high: 0, medium: 0, low: -1 };

export function severityOf(level: RuleLevel, criticality: string | undefined): AlertSeverity {
  const base = alertSeverities.indexOf(levelSeverity[level]);
  const step = criticality === undefined ? 0 : (criticalityStep[criticality] ?? 0);
  return alertSeverities[Math.max(0, Math.min(alertSeverities.length - 1, base + step))] ?? 'medium';
}

const criticalityRank = ['low', 'medium', 'high', 'critical'];
/** The most critical of the given criticalities (undefined when none is known). */
export function highestCriticality(values: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const v of values) if (v !== undefined && criticalityRank.indexOf(v) > criticalityRank.indexOf(best ?? '')) best = v;
  return best;
}

export const severityRank = (s: string): number => alertSeverities.indexOf(s as AlertSeverity);
