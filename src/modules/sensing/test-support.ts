// Test support for the sensing module's suites: organisations, assets and drafts, without a whole world.
import { systemActor } from '../../platform/access.js';
import { createOrgService } from '../../platform/orgs/org.service.js';
import type { Database } from '../../storage/index.js';
import type { EventDraft, IngestContext, SourceType } from './types.js';

export async function createOrgs(database: Database): Promise<{ readonly parent: string; readonly child: string; readonly other: string }> {
  const orgs = createOrgService(database);
  const op = systemActor('test');
  const parent = (await orgs.create(op, { name: 'Province', level: 'provincial', parentId: null })).id;
  const child = (await orgs.create(op, { name: 'Plant', level: 'enterprise', parentId: parent })).id;
  const other = (await orgs.create(op, { name: 'Other plant', level: 'enterprise', parentId: parent })).id;
  return { parent, child, other };
}

export async function addAsset(database: Database, orgId: string, id: string, address: { ip?: string; mac?: string }): Promise<void> {
  await database.db
    .insertInto('assets')
    .values({ id, org_id: orgId, name: id, ip: address.ip ?? null, mac: address.mac ?? null, criticality: 'high', tlp: 'amber', shared_upward: false, created_by: 'test', updated_by: 'test' })
    .execute();
}

export function context(orgId: string, sourceId = 'src-1', type: SourceType = 'syslog'): IngestContext {
  return { orgId, tlp: 'amber', sharedUpward: true, source: { type, id: sourceId, name: `source ${sourceId}` } };
}

/** n distinct drafts starting at `start`, one per millisecond. */
export function drafts(n: number, start = '2026-12-07T10:00:00.000Z', extra: Partial<EventDraft> = {}): EventDraft[] {
  const t0 = Date.parse(start);
  return Array.from({ length: n }, (_, i) => ({
    time: new Date(t0 + i).toISOString(),
    kind: 'log' as const,
    severity: 'low' as const,
    message: `event ${i}`,
    fields: { source: { ip: '10.20.1.5', port: 502 }, destination: { ip: '10.20.1.9', port: 40000 + (i % 1000) }, network: { protocol: 'modbus' } },
    ...extra,
  }));
}
