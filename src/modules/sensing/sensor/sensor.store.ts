// Queries on the sensors table; nothing else touches it.
import { sql } from 'kysely';
import type { Db } from '../../../storage/index.js';
import type { Sensor, SensorReport } from './types.js';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export interface NewSensorRow {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly tokenPrefix: string;
  readonly createdBy: string;
}

export async function insertSensor(db: Db, row: NewSensorRow): Promise<void> {
  await db
    .insertInto('sensors')
    .values({ id: row.id, org_id: row.orgId, name: row.name, token_hash: row.tokenHash, token_prefix: row.tokenPrefix, created_by: row.createdBy, last_contact_at: null, last_address: null, revoked_at: null, batches_received: 0, events_received: 0 })
    .execute();
}

function sensorsQuery(db: Db) {
  return db
    .selectFrom('sensors as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select(['s.id', 's.org_id', 'o.name as org_name', 'o.path as org_path', 's.name', 's.token_prefix', 's.created_by', 's.created_at', 's.revoked_at', 's.last_contact_at', 's.last_address', 's.batches_received', 's.events_received', 's.reported']);
}
type SensorRow = Awaited<ReturnType<ReturnType<typeof sensorsQuery>['executeTakeFirstOrThrow']>>;

function toSensor(r: SensorRow): Sensor {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    tokenPrefix: r.token_prefix,
    createdBy: r.created_by,
    createdAt: iso(r.created_at) as string,
    revokedAt: iso(r.revoked_at),
    lastContactAt: iso(r.last_contact_at),
    lastAddress: r.last_address,
    batchesReceived: Number(r.batches_received),
    eventsReceived: Number(r.events_received),
    reported: (typeof r.reported === 'string' ? JSON.parse(r.reported) : r.reported) as SensorReport,
  };
}

/** Sensors of the organisations under `orgPath` (the org's own and its children's). */
export async function selectSensors(db: Db, orgPath: string): Promise<Array<Sensor & { orgPath: string }>> {
  const rows = await sensorsQuery(db).where('o.path', 'like', `${orgPath}%`).orderBy('o.name').orderBy('s.name').orderBy('s.created_at').execute();
  return rows.map((r) => ({ ...toSensor(r), orgPath: r.org_path }));
}

export async function selectSensor(db: Db, id: string): Promise<(Sensor & { orgPath: string }) | undefined> {
  const row = await sensorsQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : { ...toSensor(row), orgPath: row.org_path };
}

export async function selectSensorByTokenHash(db: Db, tokenHash: string): Promise<(Sensor & { orgPath: string }) | undefined> {
  const row = await sensorsQuery(db).where('s.token_hash', '=', tokenHash).executeTakeFirst();
  return row === undefined ? undefined : { ...toSensor(row), orgPath: row.org_path };
}

export async function markRevoked(db: Db, id: string): Promise<void> {
  await db.updateTable('sensors').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** One call per batch a sensor sends: when, from where, how many events arrived, what it reports. */
export async function recordContact(db: Db, id: string, contact: { address: string | null; events: number; reported: SensorReport | undefined }): Promise<void> {
  await db
    .updateTable('sensors')
    .set({
      last_contact_at: new Date(),
      last_address: contact.address,
      batches_received: sql`batches_received + ${contact.events > 0 ? 1 : 0}`,
      events_received: sql`events_received + ${contact.events}`,
      ...(contact.reported === undefined ? {} : { reported: JSON.stringify(contact.reported) }),
    })
    .where('id', '=', id)
    .execute();
}
