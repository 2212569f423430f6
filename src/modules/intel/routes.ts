import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import { InputError, TooLargeError } from '../../platform/errors.js';
import type { IntelService } from './intel.service.js';
import { kindOfMediaType } from './extract-report.js';
import { maxInputBytes } from './extract/index.js';
import { checkPattern } from './pattern-check.js';
import {
  exportQuery,
  extractQuery,
  facetsQuery,
  facetsSchema,
  importListQuery,
  extractResultSchema,
  importQuery,
  importReportSchema,
  listObjectsQuery,
  objectDetailSchema,
  objectIdParams,
  objectPageSchema,
  patternBody,
  patternResultSchema,
  validationSchema,
} from './schemas.js';

/** Media types a bundle upload may use; the body streams to disk or through the reader, never whole into memory. */
export const bundleMediaTypes = ['application/json', 'application/stix+json', 'application/taxii+json', 'application/octet-stream'];
/** Reports for extraction (text/plain stays refused app-wide: a foreign page could post it). */
export const reportMediaTypes = ['text/html', 'application/xhtml+xml', 'application/pdf', 'text/markdown'];

const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

const csv = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

/** Reads a stream of at most `limit` bytes (validate answers from memory-bounded streaming, but refuses huge bodies). */
async function* limited(body: Readable, limit: number): AsyncGenerator<Buffer, void, void> {
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new TooLargeError(`the body is limited to ${limit} bytes`);
    }
    yield chunk;
  }
}

/** The raw body of a streaming route; a request without one (no Content-Type at all) is refused like an empty one. */
function rawBody(request: FastifyRequest, what: string, hint: string): Readable {
  if (request.body instanceof Readable) return request.body;
  throw new InputError(`the ${what} is empty`, [{ path: 'body', message: hint }]);
}

/**
 * Reads a stream's opening text and first item before anything is sent: the first page has been
 * queried then, so filters the store refuses answer with an error status, not a 200 cut short.
 */
export async function started<T>(chunks: AsyncGenerator<T, void, void>): Promise<AsyncGenerator<T, void, void>> {
  const opening: T[] = [];
  for (let i = 0; i < 2; i++) {
    const next = await chunks.next();
    if (next.done === true) break;
    opening.push(next.value);
  }
  return (async function* () {
    yield* opening;
    yield* chunks;
  })();
}

export function intelRoutes(intel: IntelService): FastifyPluginAsyncZod {
  const options = intel.limits;
  return async (app) => {
    // Bundle bodies stream: a nested context swaps the JSON parser for a pass-through one.
    await app.register(async (streaming) => {
      streaming.removeContentTypeParser(['application/json']);
      streaming.addContentTypeParser([...bundleMediaTypes, ...reportMediaTypes], (_request, payload, done) => done(null, payload));
      const typed = streaming.withTypeProvider<ZodTypeProvider>();

      typed.post(
        '/intel/imports',
        {
          schema: {
            tags: ['intel'],
            summary:
              'Import a STIX 2.1 bundle sent as the raw body (admins, analysts). Small bundles answer 200 with the report; large ones 202 with a pending report to follow at its Location.',
            querystring: importQuery,
            response: { 200: importReportSchema, 202: importReportSchema, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema },
          },
        },
        async (request, reply) => {
          const declared = request.headers['content-length'] ? Number(request.headers['content-length']) : undefined;
          const body = rawBody(request, 'bundle', 'send a STIX 2.1 bundle as the body');
          const report = await intel.importUpload(actorOf(request), body, request.query, declared);
          if (report.status === 'pending') return reply.status(202).header('location', `/api/v1/intel/imports/${report.id}`).send(report);
          if (report.status === 'failed') {
            // Broken JSON is bad input; what came before it was kept, and the report says so.
            throw new InputError(report.error ?? 'the bundle could not be read', [
              ...report.issues.filter((i) => i.index === -1).map((i) => ({ path: i.path === '' ? 'body' : `body.${i.path}`, message: i.message, code: i.code })),
              { path: 'body', message: `${report.stored} objects read before the error were stored (import ${report.id})`, code: 'partial' },
            ]);
          }
          return report;
        },
      );

      typed.post(
        '/intel/extract',
        {
          schema: {
            tags: ['intel'],
            summary:
              'Extract indicators and industrial context from a report (raw body: text/html, application/pdf, text/markdown, or application/octet-stream with kind) into a draft STIX bundle for review; nothing is stored',
            querystring: extractQuery,
            response: { 200: extractResultSchema, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema },
          },
        },
        async (request) => {
          const who = actorOf(request);
          const body = rawBody(request, 'report', 'send the report as the body (text/html, application/pdf, text/markdown)');
          const kind = request.query.kind ?? kindOfMediaType(request.headers['content-type']);
          if (kind === undefined) {
            body.resume();
            throw new InputError('say what kind of report this is', [{ path: 'querystring.kind', message: 'text, html or pdf (or send text/html or application/pdf)' }]);
          }
          const limit = maxInputBytes[kind];
          const declared = request.headers['content-length'] ? Number(request.headers['content-length']) : undefined;
          if (declared !== undefined && declared > limit) {
            body.resume();
            throw new TooLargeError(`${kind} reports are limited to ${limit} bytes`);
          }
          const chunks: Buffer[] = [];
          for await (const chunk of limited(body, limit)) chunks.push(chunk);
          return intel.extract(who, { bytes: Buffer.concat(chunks), kind, name: request.query.name ?? 'Extracted report' });
        },
      );

      typed.post(
        '/intel/validate',
        {
          schema: {
            tags: ['intel'],
            summary: 'Validate a STIX 2.1 bundle (raw body) without storing it: every problem with its object index and path',
            response: { 200: validationSchema, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema },
          },
        },
        async (request) => {
          actorOf(request);
          const body = rawBody(request, 'bundle', 'send a STIX 2.1 bundle as the body');
          const declared = request.headers['content-length'] ? Number(request.headers['content-length']) : undefined;
          if (declared !== undefined && declared > options.maxBundleBytes) {
            body.resume();
            throw new TooLargeError(`bundles are limited to ${options.maxBundleBytes} bytes`);
          }
          return intel.validateBundle(limited(body, options.maxBundleBytes));
        },
      );
    });

    app.get(
      '/intel/imports',
      {
        schema: {
          tags: ['intel'],
          summary: 'Your organisation’s bundle imports, newest first (issues only in each import’s own report)',
          querystring: importListQuery,
          response: { 200: z.object({ items: z.array(importReportSchema) }), ...commonErrors },
        },
      },
      async (request) => ({ items: await intel.listImports(actorOf(request), request.query.limit) }),
    );

    app.get(
      '/intel/facets',
      {
        schema: {
          tags: ['intel'],
          summary: 'How the objects the filters of /intel/objects select divide by type, TLP and label (top 25 labels); each dimension is counted without its own filter',
          querystring: facetsQuery,
          response: { 200: facetsSchema, ...commonErrors },
        },
      },
      async (request) => intel.facets(actorOf(request), request.query),
    );

    app.get(
      '/intel/imports/:id',
      { schema: { tags: ['intel'], summary: 'An import and its report', params: idParams, response: { 200: importReportSchema, ...commonErrors } } },
      async (request) => intel.getImport(actorOf(request), request.params.id),
    );

    app.get(
      '/intel/objects',
      {
        schema: {
          tags: ['intel'],
          summary: 'STIX objects you may see (newest version of each), newest first, with corroborated confidence',
          querystring: listObjectsQuery,
          response: { 200: objectPageSchema, ...commonErrors },
        },
      },
      async (request) => intel.list(actorOf(request), request.query),
    );

    app.get(
      '/intel/objects/:id',
      {
        schema: {
          tags: ['intel'],
          summary: 'One STIX object with its versions, relationships and flagged contradictions',
          params: objectIdParams,
          response: { 200: objectDetailSchema, ...commonErrors },
        },
      },
      async (request) => intel.get(actorOf(request), request.params.id),
    );

    app.get(
      '/intel/export',
      {
        schema: {
          tags: ['intel'],
          summary: 'A STIX 2.1 bundle of the selected objects and what they refer to, streamed, as you may receive them',
          querystring: exportQuery,
          response: { 200: z.unknown(), ...commonErrors },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const chunks = intel.exportBundle(actorOf(request), {
          types: csv(q.type),
          ids: csv(q.id),
          labels: csv(q.label),
          addedAfter: q.addedAfter,
          tlpMax: q.tlpMax,
          versions: q.versions,
          dependencies: q.dependencies,
        });
        // Streamed as text: the response schema is not applied to a stream.
        return reply.type(STIX_MEDIA_TYPE).header('content-disposition', 'attachment; filename="bundle.json"').send(Readable.from(await started(chunks)));
      },
    );

    app.post(
      '/intel/pattern',
      {
        schema: {
          tags: ['intel'],
          summary: 'Parse a STIX pattern (errors with line and column) and optionally evaluate it against observed-data objects',
          body: patternBody,
          response: { 200: patternResultSchema, ...commonErrors },
        },
      },
      async (request) => {
        actorOf(request);
        if (request.body.pattern.trim() === '') throw new InputError('empty pattern', [{ path: 'body.pattern', message: 'write a pattern such as [ipv4-addr:value = \'192.0.2.1\']' }]);
        return checkPattern(request.body.pattern, request.body.objects);
      },
    );
  };
}
