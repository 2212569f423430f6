// Passive discovery feeding the inventory: a discovered device fills what is empty on its asset
// (matched by IP, then MAC) or becomes a new asset; a value a person entered is never overwritten —
// the disagreement is recorded as a conflict for someone to review.
import type { Db } from '../../storage/index.js';
import type { Actor } from '../../platform/access.js';
import { newId } from '../../platform/crypto.js';
import type { Tlp } from '../../platform/tlp.js';
import { recordFieldSources } from './field-sources.js';

export interface DiscoveredAsset {
  /** Caller's key for the device (e.g. its IP), echoed back with the asset it landed on. */
  readonly key: string;
  readonly name: string;
  readonly ip: string | null;
  readonly mac: string | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly firmwareVersion: string | null;
  readonly confidence: number;
  /** One line for reviewers: "s7comm SZL 0x0011 frames 12, 14". */
  readonly evidence: string;
}

export interface DiscoveryMergeResult {
  readonly created: number;
  readonly updated: number;
  readonly conflicts: number;
  /** device key → asset id */
  readonly assets: ReadonlyMap<string, string>;
}

const mergedFields = [
  ['ip', 'ip'],
  ['mac', 'mac'],
  ['vendor', 'vendor'],
  ['model', 'model'],
  ['firmwareVersion', 'firmware_version'],
] as const;

export async function mergeDiscoveredAssets(
  trx: Db,
  actor: Actor,
  target: { orgId: string; jobId: string; tlp: Tlp; sharedUpward: boolean },
  devices: readonly DiscoveredAsset[],
): Promise<DiscoveryMergeResult> {
  const existing = await trx
    .selectFrom('assets')
    .select(['id', 'name', 'ip', 'mac', 'vendor', 'model', 'firmware_version'])
    .where('org_id', '=', target.orgId)
    .where((eb) =>
      eb.or([
        eb('ip', 'in', ['', ...devices.flatMap((d) => (d.ip ? [d.ip] : []))]),
        eb('mac', 'in', ['', ...devices.flatMap((d) => (d.mac ? [d.mac] : []))]),
      ]),
    )
    .execute();
  const byIp = new Map(existing.filter((a) => a.ip).map((a) => [a.ip as string, a]));
  const byMac = new Map(existing.filter((a) => a.mac).map((a) => [(a.mac as string).toLowerCase(), a]));
  const names = new Set(
    (await trx.selectFrom('assets').select('name').where('org_id', '=', target.orgId).execute()).map((r) => r.name),
  );
  const assets = new Map<string, string>();
  let created = 0;
  let updated = 0;
  let conflicts = 0;
  // What discovery set on each asset, recorded in one statement at the end.
  const sourced: { id: string; fields: string[] }[] = [];
  for (const device of devices) {
    const match = (device.ip ? byIp.get(device.ip) : undefined) ?? (device.mac ? byMac.get(device.mac.toLowerCase()) : undefined);
    if (!match) {
      let name = device.name;
      for (let n = 2; names.has(name); n++) name = `${device.name} (${n})`;
      names.add(name);
      const id = newId();
      await trx
        .insertInto('assets')
        .values({
          id,
          org_id: target.orgId,
          name,
          zone: null,
          ip: device.ip,
          mac: device.mac,
          vendor: device.vendor,
          model: device.model,
          firmware_version: device.firmwareVersion,
          criticality: 'medium',
          tlp: target.tlp,
          shared_upward: target.sharedUpward,
          created_by: actor.username,
          updated_by: actor.username,
        })
        .execute();
      assets.set(device.key, id);
      sourced.push({ id, fields: ['name', ...mergedFields.filter(([field]) => device[field] !== null).map(([field]) => field)] });
      created++;
      continue;
    }
    assets.set(device.key, match.id);
    const set: Record<string, string> = {};
    for (const [field, column] of mergedFields) {
      const discovered = device[field];
      if (discovered === null) continue;
      const current = match[column];
      if (current === null || current === '') set[column] = discovered;
      else if (current.toLowerCase() !== discovered.toLowerCase()) {
        const result = await trx
          .insertInto('asset_discovery_conflicts')
          .values({
            asset_id: match.id,
            field,
            job_id: target.jobId,
            current_value: current,
            discovered_value: discovered,
            confidence: device.confidence,
            evidence: device.evidence,
          })
          .onConflict((oc) => oc.columns(['asset_id', 'field', 'job_id']).doNothing())
          .executeTakeFirst();
        conflicts += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
    }
    if (Object.keys(set).length > 0) {
      sourced.push({ id: match.id, fields: mergedFields.filter(([, column]) => set[column] !== undefined).map(([field]) => field) });
      await trx.updateTable('assets').set({ ...set, updated_by: actor.username, updated_at: new Date() }).where('id', '=', match.id).execute();
      updated++;
    }
  }
  await recordFieldSources(trx, actor, 'discovery', target.jobId, sourced);
  return { created, updated, conflicts, assets };
}

export interface DiscoveryConflict {
  readonly assetId: string;
  readonly field: string;
  readonly jobId: string;
  readonly currentValue: string;
  readonly discoveredValue: string;
  readonly confidence: number;
  readonly evidence: string;
  readonly createdAt: string;
}
