import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.js';
import { commonErrors, errorBodySchema } from '../../../http/schemas.js';
import type { Database } from '../../../storage/index.js';
import { sensorIdParams, sensorInputSchema } from './schemas.js';
import { createSensorService, type SensorService } from './sensor.service.js';

const body = z.any();

/** /api/v1/sensors: admins of an organisation register and revoke its sensors; everyone in it sees them. */
export function sensorRoutes(sensors: SensorService | Database): FastifyPluginAsyncZod {
  const service = 'db' in sensors ? createSensorService(sensors) : sensors;
  return async (app) => {
    app.get('/sensors', {
      schema: { tags: ['sensing'], summary: 'Capture sensors of your organisations, with last contact, events received, rates and drops they report', querystring: z.strictObject({}), response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await service.list(actorOf(request)) }));

    app.post('/sensors', {
      schema: { tags: ['sensing'], summary: 'Register a sensor; its token (only event ingest for the organisation) is shown once (admins)', body: sensorInputSchema, response: { 201: body, ...commonErrors, 409: errorBodySchema } },
    }, async (request, reply) => reply.status(201).send(await service.add(actorOf(request), request.body)));

    app.get('/sensors/:id', {
      schema: { tags: ['sensing'], summary: 'One sensor', params: sensorIdParams, response: { 200: body, ...commonErrors } },
    }, async (request) => service.get(actorOf(request), request.params.id));

    app.delete('/sensors/:id', {
      schema: { tags: ['sensing'], summary: 'Revoke a sensor: its token stops working at once (admins)', params: sensorIdParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await service.revoke(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  };
}
