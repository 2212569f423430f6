// What the captures say about one asset: the captures it appeared in, whom it talked to and the
// operations it sent or received. Only captures the reader may see count (an asset shared upward
// does not share the captures it was discovered in).
import { sql } from 'kysely';
import type { Db } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { toIso } from '../../platform/crypto.js';
import { jobVisibleTo } from './capture.store.js';
import type { AssetCaptureActivity } from './asset-activity.js';
import { microsToIso } from './resources.js';

/** The newest captures first; the busiest peers; the latest operations. Each list is bounded. */
export async function assetActivity(db: Db, actor: Actor, assetId: string, limit = 50): Promise<AssetCaptureActivity> {
  const hosts = await db
    .selectFrom('capture_hosts as h')
    .innerJoin('capture_jobs as j', 'j.id', 'h.job_id')
    .innerJoin('organisations as o', 'o.id', 'j.org_id')
    .select(['h.job_id', 'j.name as job_name', 'j.created_at', 'h.host_key', 'h.ip', 'h.mac', 'h.device_type', 'h.serves', 'h.uses', 'h.packets', 'h.bytes', 'h.first_seen_us', 'h.last_seen_us'])
    .where('h.asset_id', '=', assetId)
    .where(jobVisibleTo(actor))
    .orderBy('j.created_at', 'desc')
    .limit(limit)
    .execute();
  const captures = hosts.map((h) => ({
    jobId: h.job_id,
    jobName: h.job_name,
    capturedAt: toIso(h.created_at),
    hostKey: h.host_key,
    ip: h.ip,
    mac: h.mac,
    deviceType: h.device_type,
    serves: h.serves,
    uses: h.uses,
    packets: Number(h.packets),
    bytes: Number(h.bytes),
    firstSeen: microsToIso(Number(h.first_seen_us)),
    lastSeen: microsToIso(Number(h.last_seen_us)),
  }));
  // Communications and operations name hosts by address, as the capture saw them.
  const pairs = hosts.flatMap((h) => [h.ip, h.host_key].filter((a): a is string => a !== null).map((address) => ({ job: h.job_id, address })));
  if (pairs.length === 0) return { captures, communications: [], operations: [] };
  const keys = sql.join(pairs.map((p) => sql`(${p.job}, ${p.address})`));
  const comms = await db
    .selectFrom('capture_communications as c')
    .select(['c.job_id', 'c.client', 'c.server', 'c.transport', 'c.port', 'c.protocol', 'c.packets', 'c.bytes', 'c.last_seen_us'])
    .where(sql<boolean>`((c.job_id, c.client) in (${keys}) or (c.job_id, c.server) in (${keys}))`)
    .orderBy('c.packets', 'desc')
    .limit(limit)
    .execute();
  const own = new Set(pairs.map((p) => `${p.job} ${p.address}`));
  const communications = comms.map((c) => {
    const isClient = own.has(`${c.job_id} ${c.client}`);
    return {
      jobId: c.job_id,
      peer: isClient ? c.server : c.client,
      role: isClient ? ('client' as const) : ('server' as const),
      transport: c.transport,
      port: c.port,
      protocol: c.protocol,
      packets: Number(c.packets),
      bytes: Number(c.bytes),
      lastSeen: microsToIso(Number(c.last_seen_us)),
    };
  });
  const ops = await db
    .selectFrom('capture_operations as p')
    .select(['p.job_id', 'p.time_us', 'p.protocol', 'p.operation', 'p.name', 'p.source', 'p.destination', 'p.target', 'p.result', 'p.count'])
    .where(sql<boolean>`((p.job_id, p.source) in (${keys}) or (p.job_id, p.destination) in (${keys}))`)
    .orderBy('p.time_us', 'desc')
    .limit(limit)
    .execute();
  const operations = ops.map((p) => ({
    jobId: p.job_id,
    time: microsToIso(Number(p.time_us)),
    protocol: p.protocol,
    operation: p.operation,
    name: p.name,
    source: p.source,
    destination: p.destination,
    target: p.target,
    result: p.result,
    count: p.count,
  }));
  return { captures, communications, operations };
}
