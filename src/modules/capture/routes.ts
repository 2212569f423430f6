import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { InputError } from '../../platform/errors.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import type { CaptureService } from './capture.service.js';
import { fingerprintRuleSchema } from './fingerprints/rules.js';
import {
  captureCommunicationSchema,
  captureHostSchema,
  captureJobPageSchema,
  captureJobSchema,
  captureOperationPageSchema,
  conflictSchema,
  listCapturesQuery,
  malformedSchema,
  operationsQuery,
  ruleListSchema,
  uploadCaptureQuery,
} from './schemas.js';

/** Media types a capture upload may use; the body streams to disk, never into memory. */
export const captureMediaTypes = ['application/vnd.tcpdump.pcap', 'application/x-pcapng', 'application/octet-stream', 'application/gzip'];

export function captureRoutes(captures: CaptureService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(captureMediaTypes, (_request, payload, done) => done(null, payload));

    app.get(
      '/captures',
      { schema: { tags: ['capture'], summary: 'Capture analysis jobs you may see, newest first', querystring: listCapturesQuery, response: { 200: captureJobPageSchema, ...commonErrors } } },
      async (request) => captures.list(actorOf(request), request.query),
    );

    app.post(
      '/captures',
      {
        schema: {
          tags: ['capture'],
          summary:
            'Upload a pcap/pcapng capture (optionally gzip-compressed) as the raw body; analysis runs in the background (admins, analysts). The same file (SHA-256) uploaded again for the organisation answers 200 with the existing job, unless reanalyze=true',
          querystring: uploadCaptureQuery,
          response: { 200: captureJobSchema, 202: captureJobSchema, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema },
        },
      },
      async (request, reply) => {
        const declared = request.headers['content-length'] ? Number(request.headers['content-length']) : undefined;
        // No Content-Type at all means no body stream: refused like an empty capture.
        if (!(request.body instanceof Readable)) throw new InputError('the capture is empty', [{ path: 'body', message: 'send the pcap or pcapng file as the body' }]);
        const { job, existing } = await captures.upload(actorOf(request), request.body, request.query, declared);
        return reply.status(existing ? 200 : 202).header('location', `/api/v1/captures/${job.id}`).send(job);
      },
    );

    app.get(
      '/captures/:id',
      { schema: { tags: ['capture'], summary: 'A capture job with its progress and summary', params: idParams, response: { 200: captureJobSchema, ...commonErrors } } },
      async (request) => captures.get(actorOf(request), request.params.id),
    );

    app.delete(
      '/captures/:id',
      { schema: { tags: ['capture'], params: idParams, response: { 204: z.null(), ...commonErrors, 409: errorBodySchema } } },
      async (request, reply) => {
        await captures.remove(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/captures/:id/hosts',
      { schema: { tags: ['capture'], summary: 'Devices discovered passively, with identity, roles and evidence', params: idParams, response: { 200: z.array(captureHostSchema), ...commonErrors } } },
      async (request) => captures.hosts(actorOf(request), request.params.id),
    );

    app.get(
      '/captures/:id/communications',
      { schema: { tags: ['capture'], summary: 'Who talks to whom, by protocol', params: idParams, response: { 200: z.array(captureCommunicationSchema), ...commonErrors } } },
      async (request) => captures.communications(actorOf(request), request.params.id),
    );

    app.get(
      '/captures/:id/operations',
      {
        schema: {
          tags: ['capture'],
          summary: 'The operations log (time order) with filters and keyset paging',
          params: idParams,
          querystring: operationsQuery,
          response: { 200: captureOperationPageSchema, ...commonErrors },
        },
      },
      async (request) => captures.operations(actorOf(request), request.params.id, request.query),
    );

    app.get(
      '/captures/:id/malformed',
      { schema: { tags: ['capture'], summary: 'Malformed packets with frame and reason (first 200)', params: idParams, response: { 200: malformedSchema, ...commonErrors } } },
      async (request) => captures.malformed(actorOf(request), request.params.id),
    );

    app.get(
      '/capture/fingerprints',
      { schema: { tags: ['capture'], summary: 'Fingerprint rules: built-in and your organisation’s', response: { 200: ruleListSchema, ...commonErrors } } },
      async (request) => captures.rules(actorOf(request)),
    );

    app.post(
      '/capture/fingerprints',
      { schema: { tags: ['capture'], summary: 'Add a fingerprint rule for your organisation (admins, analysts)', body: fingerprintRuleSchema, response: { 201: fingerprintRuleSchema, ...commonErrors, 409: errorBodySchema } } },
      async (request, reply) => reply.status(201).send(await captures.addRule(actorOf(request), request.body)),
    );

    app.delete(
      '/capture/fingerprints/:id',
      { schema: { tags: ['capture'], params: idParams, response: { 204: z.null(), ...commonErrors } } },
      async (request, reply) => {
        await captures.removeRule(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/assets/:id/discovery-conflicts',
      { schema: { tags: ['capture'], summary: 'Discovered values that disagree with what people entered', params: idParams, response: { 200: conflictSchema, ...commonErrors } } },
      async (request) => captures.conflicts(actorOf(request), request.params.id),
    );
  };
}
