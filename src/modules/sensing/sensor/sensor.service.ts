// Sensors: registered per organisation by its admins, each with a token of its own that authenticates
// as a restricted actor (kind 'sensor'). The HTTP gate (sensor-gate.ts) lets that actor reach event
// ingest for its organisation and nothing else.
import { isWithin, requireRole, type Actor } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { hashSecret, newId, newSecret } from '../../../platform/crypto.js';
import { ConflictError, NotAllowedError, NotFoundError } from '../../../platform/errors.js';
import type { Database } from '../../../storage/index.js';
import type { SensorInput } from './schemas.js';
import { insertSensor, markRevoked, recordContact, selectSensor, selectSensorByTokenHash, selectSensors } from './sensor.store.js';
import { SENSOR_TOKEN_PREFIX, type IssuedSensor, type Sensor, type SensorReport } from './types.js';

export type SensorService = ReturnType<typeof createSensorService>;

/** Admins of the sensor's own organisation register and revoke it (a parent does not capture a child's network). */
const managerRoles = ['admin'] as const;

/** A sensor is seen by its organisation's members and by the admins of the organisations above it. */
function sees(actor: Actor, orgId: string, orgPath: string): boolean {
  return actor.kind === 'system' || actor.orgId === orgId || (actor.role === 'admin' && isWithin(actor.orgPath, orgPath));
}

export function createSensorService(database: Database) {
  const { db } = database;

  async function visibleSensor(actor: Actor, id: string): Promise<Sensor & { orgPath: string }> {
    const sensor = await selectSensor(db, id);
    if (sensor === undefined || !sees(actor, sensor.orgId, sensor.orgPath)) throw new NotFoundError(`sensor ${id} not found`);
    return sensor;
  }

  function requireOwnAdmin(actor: Actor, orgId: string, what: string): void {
    requireRole(actor, managerRoles, what);
    if (actor.kind !== 'system' && actor.orgId !== orgId) throw new NotAllowedError(`only admins of the sensor's own organisation ${what}`);
  }

  return {
    async add(actor: Actor, input: SensorInput): Promise<IssuedSensor> {
      requireRole(actor, managerRoles, 'register sensors');
      const orgId = input.orgId ?? actor.orgId;
      const org = await db.selectFrom('organisations').select(['id', 'path']).where('id', '=', orgId).executeTakeFirst();
      if (org === undefined || !isWithin(actor.orgPath, org.path)) throw new NotFoundError(`organisation ${orgId} not found`);
      requireOwnAdmin(actor, org.id, 'register sensors');
      const clash = await db.selectFrom('sensors').select('id').where('org_id', '=', org.id).where('name', '=', input.name).where('revoked_at', 'is', null).executeTakeFirst();
      if (clash !== undefined) throw new ConflictError(`the organisation already has a sensor named ${input.name}`, [{ path: 'name', message: 'choose another name or revoke the other sensor first' }]);
      const token = newSecret(SENSOR_TOKEN_PREFIX);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await insertSensor(trx, { id, orgId: org.id, name: input.name, tokenHash: hashSecret(token), tokenPrefix: token.slice(0, 12), createdBy: actor.username });
        await recordAudit(trx, actor, { action: 'sensor.create', targetType: 'sensor', targetId: id, orgId: org.id, details: { name: input.name } });
      });
      const { orgPath: _path, ...sensor } = await visibleSensor(actor, id);
      return { ...sensor, token };
    },

    async list(actor: Actor): Promise<Sensor[]> {
      const rows = await selectSensors(db, actor.orgPath);
      return rows.filter((s) => sees(actor, s.orgId, s.orgPath)).map(({ orgPath: _path, ...sensor }) => sensor);
    },

    async get(actor: Actor, id: string): Promise<Sensor> {
      const { orgPath: _path, ...sensor } = await visibleSensor(actor, id);
      return sensor;
    },

    async revoke(actor: Actor, id: string): Promise<void> {
      const sensor = await visibleSensor(actor, id);
      requireOwnAdmin(actor, sensor.orgId, 'revoke sensors');
      await db.transaction().execute(async (trx) => {
        await markRevoked(trx, id);
        await recordAudit(trx, actor, { action: 'sensor.revoke', targetType: 'sensor', targetId: id, orgId: sensor.orgId, details: { name: sensor.name } });
      });
    },

    /** The restricted actor of a live sensor token, or null (unknown or revoked). */
    async authenticate(token: string, ip?: string): Promise<{ actor: Actor; sensor: Sensor } | null> {
      if (!isSensorToken(token)) return null;
      const found = await selectSensorByTokenHash(db, hashSecret(token));
      if (found === undefined || found.revokedAt !== null) return null;
      const { orgPath, ...sensor } = found;
      // role 'analyst': the writer role event ingest asks for; the gate keeps the actor away from everything else.
      const actor: Actor = { kind: 'sensor', userId: null, username: `sensor:${sensor.name}`, orgId: sensor.orgId, orgPath, role: 'analyst', ip };
      return { actor, sensor };
    },

    recordContact(sensorId: string, contact: { address: string | null; events: number; reported: SensorReport | undefined }): Promise<void> {
      return recordContact(db, sensorId, contact);
    },
  };
}

export function isSensorToken(token: string): boolean {
  return token.startsWith(`${SENSOR_TOKEN_PREFIX}_`);
}
