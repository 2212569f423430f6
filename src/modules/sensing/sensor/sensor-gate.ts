// The HTTP side of sensor tokens: a sensor token authenticates as a restricted actor that may call
// event ingest for its own organisation and nothing else (not reading events, not any other route).
// Decided on the matched route, like every access rule (src/http/access.ts), so no spelling of a URL
// gets around it. Each call is recorded as contact: when, from where, how many events, what the sensor reports.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/access.js';
import { NotAllowedError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import type { Database } from '../../../storage/index.js';
import { sensorReportSchema } from './schemas.js';
import { createSensorService, isSensorToken } from './sensor.service.js';
import { SENSOR_EVENTS_HEADER, SENSOR_STATS_HEADER, type SensorReport } from './types.js';

/** The only routes a sensor token reaches: method and route pattern as registered. */
export const sensorRoutes: ReadonlySet<string> = new Set(['POST /api/v1/events']);

/** Query parameters that could name another organisation on the ingest route. */
const orgParams = ['org', 'orgId', 'org_id'];

interface Contact {
  readonly sensorId: string;
  readonly events: number;
  readonly reported: SensorReport | undefined;
}
const contacts = new WeakMap<FastifyRequest, Contact>();

export { isSensorToken };

/**
 * Installs the gate's bookkeeping on the app and returns the authenticator the auth hook calls for a
 * bearer token that is a sensor token. It answers null for an unknown or revoked token (401 there) and
 * throws NotAllowedError (403) for a live token on a route sensors may not use.
 */
export function createSensorGate(app: FastifyInstance, database: Database, logger?: Logger) {
  const sensors = createSensorService(database);
  app.addHook('onResponse', async (request, reply) => {
    const contact = contacts.get(request);
    if (contact === undefined) return;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    try {
      await sensors.recordContact(contact.sensorId, { address: request.ip, events: ok ? contact.events : 0, reported: contact.reported });
    } catch (error) {
      logger?.warn({ err: error, sensor: contact.sensorId }, 'sensor contact not recorded');
    }
  });

  return async function authenticateSensor(request: FastifyRequest, token: string): Promise<Actor | null> {
    const found = await sensors.authenticate(token, request.ip);
    if (found === null) return null;
    const { actor, sensor } = found;
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (!sensorRoutes.has(route)) throw new NotAllowedError('a sensor token may only send events (POST /api/v1/events)');
    const query = (request.query ?? {}) as Record<string, unknown>;
    for (const param of orgParams) {
      const named = query[param];
      if (named !== undefined && named !== sensor.orgId && named !== sensor.orgName) {
        throw new NotAllowedError(`sensor ${sensor.name} may only send events for its own organisation`, [{ path: param, message: `this sensor belongs to ${sensor.orgName}` }]);
      }
    }
    contacts.set(request, { sensorId: sensor.id, events: headerCount(request.headers[SENSOR_EVENTS_HEADER]), reported: reportOf(request.headers[SENSOR_STATS_HEADER]) });
    return actor;
  };
}

function headerCount(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function reportOf(value: string | string[] | undefined): SensorReport | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.length > 4096) return undefined;
  try {
    const parsed = sensorReportSchema.safeParse(JSON.parse(text));
    return parsed.success ? (Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as SensorReport) : undefined;
  } catch {
    return undefined;
  }
}
