import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../../http/auth.js';
import { commonErrors, errorBodySchema } from '../../../http/schemas.js';
import { InputError } from '../../../platform/errors.js';
import type { EventImportService } from './imports.service.js';
import { createImportQuery, importIdParams, importJobListSchema, importJobSchema, listImportsQuery } from './schemas.js';

/** Media types an import upload may use; the body streams to the spool, never into memory. */
export const eventImportMediaTypes = ['application/octet-stream', 'application/gzip', 'application/x-gzip', 'application/x-ndjson'];

/** /api/v1/event-imports: log files imported as events in the background, with their progress. */
export function eventImportRoutes(imports: EventImportService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(eventImportMediaTypes, (_request, payload, done) => done(null, payload));
    // A job still running when the server stops is marked failed rather than left "running".
    app.addHook('onClose', async () => {
      await imports.close();
    });

    app.post(
      '/event-imports',
      {
        schema: {
          tags: ['sensing'],
          summary:
            'Import a log file (Zeek, Suricata EVE, syslog, Windows event JSON or NDJSON events; optionally gzip) sent as the raw body; answers 202 with the job at once and parses it in the background (admins, analysts)',
          querystring: createImportQuery,
          response: { 202: importJobSchema, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema },
        },
      },
      async (request, reply) => {
        const declared = request.headers['content-length'] ? Number(request.headers['content-length']) : undefined;
        if (!(request.body instanceof Readable)) throw new InputError('the file is empty', [{ path: 'body', message: 'send the log file as the body' }]);
        const job = await imports.create(actorOf(request), request.body, request.query, declared);
        return reply.status(202).header('location', `/api/v1/event-imports/${job.id}`).send(job);
      },
    );

    app.get(
      '/event-imports',
      { schema: { tags: ['sensing'], summary: 'Event import jobs you may see, newest first, with their progress', querystring: listImportsQuery, response: { 200: importJobListSchema, ...commonErrors } } },
      async (request) => ({ items: await imports.list(actorOf(request), request.query) }),
    );

    app.get(
      '/event-imports/:id',
      { schema: { tags: ['sensing'], summary: 'One event import job: bytes read of total, lines, events offered and stored, issues with line numbers', params: importIdParams, response: { 200: importJobSchema, ...commonErrors } } },
      async (request) => imports.get(actorOf(request), request.params.id),
    );
  };
}
