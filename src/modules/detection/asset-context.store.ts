// What the asset-context enricher reads, set-based: one statement per batch for the inventory's state
// (to notice changes) and one for the addresses the cache does not hold yet, never one per event.
import { sql } from 'kysely';
import type { Db } from '../../storage/index.js';

/** An inventory asset as the rule pack's predicates see it. */
export interface AssetContext {
  readonly id: string;
  readonly name: string;
  readonly ip: string | null;
  readonly mac: string | null;
  /** The device role the captures inferred (capture_hosts.device_type, newest capture first); null when never seen in one. */
  readonly role: string | null;
  readonly zone: string | null;
  readonly criticality: string;
}

/** Per organisation, a value that changes whenever one of its assets (or its captured roles) does. */
export async function selectInventoryVersions(db: Db, orgIds: readonly string[]): Promise<Map<string, string>> {
  if (orgIds.length === 0) return new Map();
  const rows = await sql<{ org_id: string; version: string }>`
    select o.id as org_id,
      (select count(*) || '@' || coalesce(max(a.updated_at)::text, '') from assets a where a.org_id = o.id)
      || '/' || (select count(*) from capture_hosts h join capture_jobs j on j.id = h.job_id where j.org_id = o.id and h.asset_id is not null) as version
    from organisations o where o.id in (${sql.join([...orgIds])})`.execute(db);
  return new Map(rows.rows.map((r) => [r.org_id, r.version]));
}

/**
 * The organisation's assets at these IPs or MACs (MACs in lower case), each with its newest captured
 * role. One statement for the whole list.
 */
export async function selectAssetContexts(db: Db, orgId: string, ips: readonly string[], macs: readonly string[]): Promise<AssetContext[]> {
  if (ips.length === 0 && macs.length === 0) return [];
  const byIp = ips.length === 0 ? sql`false` : sql`a.ip in (${sql.join([...ips])})`;
  const byMac = macs.length === 0 ? sql`false` : sql`lower(a.mac) in (${sql.join([...macs])})`;
  const rows = await sql<{ id: string; name: string; ip: string | null; mac: string | null; zone: string | null; criticality: string; role: string | null }>`
    select a.id, a.name, a.ip, lower(a.mac) as mac, a.zone, a.criticality,
      (select h.device_type from capture_hosts h join capture_jobs j on j.id = h.job_id
       where h.asset_id = a.id and h.device_type is not null order by j.created_at desc limit 1) as role
    from assets a
    where a.org_id = ${orgId} and (${byIp} or ${byMac})
    order by a.id`.execute(db);
  return rows.rows;
}
