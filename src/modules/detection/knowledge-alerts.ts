// Knowledge alerts (issue 13): when exposures are recomputed, a known-exploited vulnerability (CISA
// KEV) affecting a critical asset raises `knowledge:kev`, and a vulnerability an advisory names
// affecting any asset raises `knowledge:advisory`, once per asset and vulnerability (a resolved alert
// is not raised again). Written with the detector's own upsert, so they are alerts like any other.
import { sql } from 'kysely';
import type { Tlp } from '../../platform/tlp.js';
import type { Db } from '../../storage/index.js';
import { severityOf } from './alert-keys.js';
import { selectRaisedKeys, upsertAlerts, type AlertDraft } from './alerts.store.js';
import type { RuleLevel } from './types.js';

export const KEV_RULE = 'knowledge:kev';
export const ADVISORY_RULE = 'knowledge:advisory';

interface Exposed {
  asset_id: string;
  asset_name: string;
  org_id: string;
  org_path: string;
  criticality: string;
  tlp: string;
  shared_upward: boolean;
  vuln_id: string;
  title: string | null;
  cvss_score: number | null;
  kev: boolean;
  advisories: string[] | null;
}

/** Raises the knowledge alerts the affected exposures of these assets call for; returns how many were new. */
export async function raiseKnowledgeAlerts(db: Db, assetIds: readonly string[]): Promise<number> {
  if (assetIds.length === 0) return 0;
  const { rows } = await sql<Exposed>`
    with adv as (select unnest(vuln_ids) as vuln_id, id from kb_advisories)
    select e.asset_id, a.name as asset_name, a.org_id, g.path as org_path, a.criticality, a.tlp, a.shared_upward,
      e.vuln_id, v.title, v.cvss_score, v.kev, (select array_agg(distinct adv.id order by adv.id) from adv where adv.vuln_id = e.vuln_id) as advisories
    from kb_exposures e
    join assets a on a.id = e.asset_id
    join organisations g on g.id = a.org_id
    join kb_vulnerabilities v on v.id = e.vuln_id
    where e.asset_id = any(${[...assetIds]}::text[]) and e.verdict = 'affected'
      and not exists (select 1 from kb_exposure_decisions d where d.asset_id = e.asset_id and d.vuln_id = e.vuln_id and d.decision = 'rejected')
      and ((v.kev and a.criticality = 'critical') or exists (select 1 from adv where adv.vuln_id = e.vuln_id))`.execute(db);
  if (rows.length === 0) return 0;
  const raised = await selectRaisedKeys(db, [KEV_RULE, ADVISORY_RULE], [...new Set(rows.map((r) => `asset:${r.asset_id}`))]);
  const now = new Date().toISOString();
  const drafts: AlertDraft[] = [];
  const draft = (r: Exposed, ruleId: string, title: string, level: RuleLevel, selections: string[]) => {
    const entity = `asset:${r.asset_id}`;
    if (raised.has(`${ruleId}|${entity}|vulnerability:${r.vuln_id}`)) return;
    drafts.push({
      orgId: r.org_id,
      orgPath: r.org_path,
      ruleId,
      ruleTitle: title,
      entity,
      openKey: `${r.org_id}|${ruleId}|${entity}|${r.vuln_id}`,
      severity: severityOf(level, r.criticality),
      level,
      tlp: r.tlp as Tlp,
      sharedUpward: r.shared_upward,
      techniques: [],
      assetIds: [r.asset_id],
      eventIds: [],
      selections: [`vulnerability:${r.vuln_id}`, ...selections],
      count: 1,
      firstSeen: now,
      lastSeen: now,
    });
  };
  for (const r of rows) {
    const name = r.title === null ? r.vuln_id : `${r.vuln_id} (${r.title})`;
    if (r.kev && r.criticality === 'critical') draft(r, KEV_RULE, `Known exploited vulnerability ${name} affects critical asset ${r.asset_name}`, 'critical', []);
    const advisories = r.advisories ?? [];
    if (advisories.length > 0) draft(r, ADVISORY_RULE, `Advisory ${advisories.join(', ')}: ${name} affects ${r.asset_name}`, (r.cvss_score ?? 0) >= 7 ? 'high' : 'medium', advisories.map((a) => `advisory:${a}`));
  }
  // The window is moot: each key is raised once, and selectRaisedKeys keeps it from being raised again.
  await upsertAlerts(db, drafts, 100 * 365 * 86_400_000);
  return drafts.length;
}
