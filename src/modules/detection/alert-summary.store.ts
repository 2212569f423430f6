// Grouped reads over alerts and rules for the console: counts per severity and status, similar
// alerts, and techniques per rule and per alert (the ATT&CK coverage). Each is one statement under
// the same read rules as the lists (alertVisibleTo, ruleVisibleTo).
import { sql } from 'kysely';
import type { Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import type { Db } from '../../storage/index.js';
import { alertMatches, alertVisibleTo, toAlert } from './alerts.store.js';
import { ruleVisibleTo } from './rules.store.js';
import type { Alert, AlertFilter } from './types.js';

export interface AlertCountRow {
  readonly severity: string;
  readonly status: string;
  readonly count: number;
}

export async function selectAlertCounts(db: Db, actor: Actor, f: Omit<AlertFilter, 'limit' | 'cursor' | 'severity'>): Promise<AlertCountRow[]> {
  const rows = await db
    .selectFrom('alerts')
    .select(['severity', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where(alertVisibleTo(actor))
    .where(alertMatches(f))
    .groupBy(['severity', 'status'])
    .execute();
  return rows.map((r) => ({ severity: r.severity, status: r.status, count: Number(r.n) }));
}

/** Other alerts of the same rule, or sharing a technique with it, latest activity first. */
export async function selectSimilarAlerts(db: Db, actor: Actor, alert: Alert, limit: number): Promise<Alert[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where(alertVisibleTo(actor))
    .where('id', '<>', alert.id)
    .where((eb) => {
      const sameRule = eb('rule_id', '=', alert.ruleId);
      return alert.techniques.length === 0 ? sameRule : eb.or([sameRule, sql<boolean>`alerts.techniques && ${sql.val([...alert.techniques])}::text[]`]);
    })
    .orderBy('last_seen', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toAlert);
}

export interface TechniqueRules {
  readonly technique: string;
  readonly rules: number;
  readonly enabled: number;
}

/** Per technique, how many rules the actor may see name it, and how many of those are enabled. */
export async function selectRulesPerTechnique(db: Db, actor: Actor): Promise<TechniqueRules[]> {
  const rows = await db
    .selectFrom((eb) => eb.selectFrom('detection_rules').select(['enabled', sql<string>`unnest(techniques)`.as('technique')]).where(ruleVisibleTo(actor)).as('r'))
    .select(['r.technique', (eb) => eb.fn.countAll<string>().as('n'), sql<string>`count(*) filter (where r.enabled)`.as('on')])
    .groupBy('r.technique')
    .execute();
  return rows.map((r) => ({ technique: r.technique, rules: Number(r.n), enabled: Number(r.on) }));
}

export interface TechniqueSightings {
  readonly technique: string;
  readonly alerts: number;
  readonly hits: number;
  readonly lastSeen: string;
}

/** Per technique, the alerts the actor may see within [from, to): how many, their hits, the latest. */
export async function selectTechniquesSeen(db: Db, actor: Actor, from: Date, to: Date): Promise<TechniqueSightings[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('alerts')
        .select(['count', 'last_seen', sql<string>`unnest(alerts.techniques)`.as('technique')])
        .where(alertVisibleTo(actor))
        .where('last_seen', '>=', from)
        .where('first_seen', '<', to)
        .as('a'),
    )
    .select(['a.technique', (eb) => eb.fn.countAll<string>().as('n'), sql<string>`sum(a.count)`.as('hits'), sql<Date>`max(a.last_seen)`.as('latest')])
    .groupBy('a.technique')
    .execute();
  return rows.map((r) => ({ technique: r.technique, alerts: Number(r.n), hits: Number(r.hits), lastSeen: toIso(r.latest) }));
}
