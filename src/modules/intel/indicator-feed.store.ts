// What detection needs of the intelligence store: the indicators changed since a cursor (their newest
// version per holder, or none when deleted), how many are live, and the techniques they indicate.
import { sql } from 'kysely';
import type { Db } from '../../storage/index.js';

/** One holder's current view of an indicator that changed after the cursor. */
export interface IndicatorChange {
  readonly orgId: string;
  readonly orgPath: string;
  readonly id: string;
  /** The date_added of the change: the next cursor. */
  readonly addedUs: number;
  /** Absent: no version is latest any more (deleted); revoked or not a STIX pattern: drop it too. */
  readonly current?: {
    readonly revoked: boolean;
    readonly tlp: string;
    readonly sharedUpward: boolean;
    readonly name: string | null;
    readonly pattern: string | null;
    readonly patternType: string | null;
    readonly validFrom: string | null;
    readonly validUntil: string | null;
    readonly killChainPhases: unknown;
  };
}

/** Indicators touched after `afterUs`, oldest change first, at most `limit` of them. */
export async function selectIndicatorChanges(db: Db, afterUs: number, limit: number): Promise<IndicatorChange[]> {
  const result = await sql<{
    org_id: string;
    path: string;
    id: string;
    added: string | number;
    latest: boolean | null;
    revoked: boolean | null;
    tlp: string | null;
    shared_upward: boolean | null;
    name: string | null;
    pattern: string | null;
    pattern_type: string | null;
    valid_from: string | null;
    valid_until: string | null;
    kill_chain_phases: unknown;
  }>`
    with changed as (
      select org_id, id, max(added_us) as added from intel_objects
      where type = 'indicator' and added_us > ${afterUs}
      group by org_id, id order by added limit ${limit}
    )
    select c.org_id, g.path, c.id, c.added, o.latest, o.revoked, o.tlp, o.shared_upward, o.object->>'name' as name,
      o.object->>'pattern' as pattern, o.object->>'pattern_type' as pattern_type, o.object->>'valid_from' as valid_from,
      o.object->>'valid_until' as valid_until, o.object->'kill_chain_phases' as kill_chain_phases
    from changed c join organisations g on g.id = c.org_id
    left join intel_objects o on o.org_id = c.org_id and o.id = c.id and o.latest
    order by c.added`.execute(db);
  return result.rows.map((r) => ({
    orgId: r.org_id,
    orgPath: r.path,
    id: r.id,
    addedUs: Number(r.added),
    ...(r.latest === null
      ? {}
      : {
          current: {
            revoked: r.revoked === true,
            tlp: r.tlp ?? 'amber',
            sharedUpward: r.shared_upward === true,
            name: r.name,
            pattern: r.pattern,
            patternType: r.pattern_type,
            validFrom: r.valid_from,
            validUntil: r.valid_until,
            killChainPhases: typeof r.kill_chain_phases === 'string' ? JSON.parse(r.kill_chain_phases) : r.kill_chain_phases,
          },
        }),
  }));
}

/** Live indicators (latest, not revoked) in the whole store, and the newest date_added among indicators. */
export async function selectIndicatorCount(db: Db): Promise<{ live: number; lastUs: number }> {
  const result = await sql<{ live: string | number; last_us: string | number | null }>`
    select count(*) filter (where latest and not revoked) as live, max(added_us) as last_us
    from intel_objects where type = 'indicator'`.execute(db);
  const r = result.rows[0];
  return { live: Number(r?.live ?? 0), lastUs: Number(r?.last_us ?? 0) };
}

/**
 * ATT&CK technique ids (T0843, T1059.001) of the attack patterns the holder says its indicators
 * indicate (`indicates` relationships held by the same organisation).
 */
export async function selectIndicatedTechniques(db: Db, orgId: string, indicatorIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (indicatorIds.length === 0) return out;
  const result = await sql<{ source_ref: string; external_id: string }>`
    select distinct r.source_ref, x->>'external_id' as external_id
    from intel_objects r
    join intel_objects a on a.id = r.target_ref and a.latest and not a.revoked and a.type = 'attack-pattern'
    cross join lateral jsonb_array_elements(coalesce(a.object->'external_references', '[]'::jsonb)) as x
    where r.type = 'relationship' and r.latest and not r.revoked and r.org_id = ${orgId}
      and r.source_ref = any(${[...indicatorIds]}::text[]) and r.object->>'relationship_type' = 'indicates'
      and x->>'external_id' ~ '^T[0-9]{4}(\\.[0-9]{3})?$'`.execute(db);
  for (const r of result.rows) out.set(r.source_ref, [...(out.get(r.source_ref) ?? []), r.external_id]);
  return out;
}
