// What the console's detection pages read beyond the lists: alert counts per severity and status,
// similar alerts, and the ATT&CK coverage (rules per technique, and techniques seen in alerts).
import type { Actor } from '../../platform/access.js';
import { InputError, NotFoundError } from '../../platform/errors.js';
import type { Database } from '../../storage/index.js';
import { selectAlertCounts, selectRulesPerTechnique, selectSimilarAlerts, selectTechniquesSeen } from './alert-summary.store.js';
import { selectVisibleAlert } from './alerts.store.js';
import { alertSeverities, alertStatuses, type Alert, type AlertFilter, type AlertSeverity, type AlertStatus } from './types.js';

export interface AlertCounts {
  readonly total: number;
  readonly bySeverity: Readonly<Record<AlertSeverity, number>>;
  readonly byStatus: Readonly<Record<AlertStatus, number>>;
  /** Per severity, the alerts still open (new, acknowledged, in progress). */
  readonly openBySeverity: Readonly<Record<AlertSeverity, number>>;
}

export interface TechniqueCoverage {
  readonly technique: string;
  /** Rules the caller may see that name the technique, and how many of them are enabled. */
  readonly rules: number;
  readonly enabledRules: number;
  /** Alerts of the window naming the technique, their hits, and the latest activity. */
  readonly alerts: number;
  readonly hits: number;
  readonly lastSeen: string | null;
}

export interface Coverage {
  readonly from: string;
  readonly to: string;
  readonly techniques: readonly TechniqueCoverage[];
}

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const openStatuses: readonly string[] = ['new', 'acknowledged', 'in_progress'];
/** The coverage map's default window of alerts. */
export const coverageDays = 90;

export function createDetectionConsole(database: Database) {
  const { db } = database;
  return {
    async counts(actor: Actor, filter: Omit<AlertFilter, 'limit' | 'cursor' | 'severity'>): Promise<AlertCounts> {
      const bySeverity = zeroes(alertSeverities);
      const openBySeverity = zeroes(alertSeverities);
      const byStatus = zeroes(alertStatuses);
      let total = 0;
      for (const row of await selectAlertCounts(db, actor, filter)) {
        const severity = row.severity as AlertSeverity;
        bySeverity[severity] += row.count;
        byStatus[row.status as AlertStatus] += row.count;
        if (openStatuses.includes(row.status)) openBySeverity[severity] += row.count;
        total += row.count;
      }
      return { total, bySeverity, byStatus, openBySeverity };
    },

    /** Alerts of the same rule or sharing a technique: the alert named, and the others the caller may see. */
    async similar(actor: Actor, id: string, limit = 20): Promise<{ alert: Alert; items: Alert[] }> {
      const alert = await selectVisibleAlert(db, actor, id);
      if (alert === undefined) throw new NotFoundError(`alert ${id} not found`);
      return { alert, items: await selectSimilarAlerts(db, actor, alert, limit) };
    },

    async coverage(actor: Actor, window: { from?: string | undefined; to?: string | undefined } = {}): Promise<Coverage> {
      const to = window.to === undefined ? new Date() : new Date(window.to);
      const from = window.from === undefined ? new Date(to.getTime() - coverageDays * 86_400_000) : new Date(window.from);
      if (from >= to) throw new InputError('the window is empty', [{ path: 'from', message: 'from must be before to' }]);
      const [rules, seen] = await Promise.all([selectRulesPerTechnique(db, actor), selectTechniquesSeen(db, actor, from, to)]);
      const byTechnique = new Map<string, TechniqueCoverage>();
      const entry = (technique: string) => byTechnique.get(technique) ?? { technique, rules: 0, enabledRules: 0, alerts: 0, hits: 0, lastSeen: null };
      for (const r of rules) byTechnique.set(r.technique, { ...entry(r.technique), rules: r.rules, enabledRules: r.enabled });
      for (const s of seen) byTechnique.set(s.technique, { ...entry(s.technique), alerts: s.alerts, hits: s.hits, lastSeen: s.lastSeen });
      const techniques = [...byTechnique.values()].sort((a, b) => a.technique.localeCompare(b.technique));
      return { from: from.toISOString(), to: to.toISOString(), techniques };
    },
  };
}

export type DetectionConsole = ReturnType<typeof createDetectionConsole>;
