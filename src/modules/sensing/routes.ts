import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import { DomainError, InputError } from '../../platform/errors.js';
import type { EventsService } from './events.service.js';
import {
  eventCountQuery,
  eventCountSchema,
  eventHistogramQuery,
  eventHistogramSchema,
  eventIngestQuery,
  eventPageSchema,
  eventSearchQuery,
  eventTailQuery,
  eventTopQuery,
  eventTopSchema,
  ingestReportSchema,
  sensedEventSchema,
} from './schemas.js';

// The domain types are readonly interfaces without index signatures; the response schemas check their
// shape at run time, so the answers are handed over as the schemas' input types.
const answer = async <S extends z.ZodType>(_schema: S, value: Promise<unknown>) => (await value) as z.input<S>;

export const ndjsonMediaType = 'application/x-ndjson';

export interface EventRoutesOptions {
  /** How often the live tail writes a heartbeat comment (keeps proxies from closing an idle stream). */
  readonly heartbeatMs?: number;
}

/** The body, decompressed when it says gzip; a corrupt gzip stream is the client's error (400). */
async function* decoded(body: Readable, encoding: string | undefined): AsyncGenerator<Buffer> {
  const source: AsyncIterable<Buffer> = encoding === 'gzip' ? body.pipe(createGunzip()) : body;
  try {
    for await (const chunk of source) yield chunk;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new InputError('the body cannot be read', [{ path: 'body', message: encoding === 'gzip' ? `not valid gzip: ${(error as Error).message}` : (error as Error).message }]);
  }
}

export function eventRoutes(events: EventsService, options: EventRoutesOptions = {}): FastifyPluginAsyncZod {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return async (app) => {
    app.addContentTypeParser(ndjsonMediaType, (_request, payload, done) => done(null, payload));

    app.get(
      '/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Events you may see in a time range (default the last 24 hours), newest first, filtered by a query; keyset paging with cursor',
          querystring: eventSearchQuery,
          response: { 200: eventPageSchema, ...commonErrors },
        },
      },
      async (request) => answer(eventPageSchema, events.search(actorOf(request), request.query)),
    );

    app.get(
      '/events/count',
      { schema: { tags: ['events'], summary: 'How many events match the query in the time range', querystring: eventCountQuery, response: { 200: eventCountSchema, ...commonErrors } } },
      async (request) => events.count(actorOf(request), request.query),
    );

    app.get(
      '/events/histogram',
      {
        schema: {
          tags: ['events'],
          summary: 'Matching events per interval over the time range (every bucket, empty ones too); the interval is chosen from the range unless given',
          querystring: eventHistogramQuery,
          response: { 200: eventHistogramSchema, ...commonErrors },
        },
      },
      async (request) => events.histogram(actorOf(request), request.query),
    );

    app.get(
      '/events/top',
      { schema: { tags: ['events'], summary: 'The most frequent values of a field among matching events', querystring: eventTopQuery, response: { 200: eventTopSchema, ...commonErrors } } },
      async (request) => events.top(actorOf(request), request.query),
    );

    app.get(
      '/events/tail',
      {
        schema: {
          tags: ['events'],
          summary:
            'Server-sent events (Accept: text/event-stream): each newly stored event that matches the query and that you may see, as an `event` message with the event as JSON; a comment every 15 s keeps the stream alive',
          querystring: eventTailQuery,
          response: { 200: z.string().describe('text/event-stream'), ...commonErrors, 406: errorBodySchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!(request.headers.accept ?? '').includes('text/event-stream')) {
          return reply.status(406).send({ error: { code: 'not_acceptable', message: 'the live tail answers text/event-stream only', details: [{ path: 'headers.accept', message: 'send Accept: text/event-stream' }] } });
        }
        const raw = reply.raw;
        let unsubscribe: (() => void) | undefined;
        // Subscribed before the answer starts, so nothing committed after the 200 is missed.
        unsubscribe = events.tail(actor, request.query.query, (batch) => {
          raw.write(batch.map((e) => `id: ${e.id}\nevent: event\ndata: ${JSON.stringify(e)}\n\n`).join(''));
        });
        reply.hijack();
        raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        raw.write(`retry: 3000\n: connected\n\n`);
        const heartbeat = setInterval(() => raw.write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
        const close = () => {
          clearInterval(heartbeat);
          unsubscribe?.();
          unsubscribe = undefined;
          if (!raw.writableEnded) raw.end();
        };
        request.raw.once('close', close);
        raw.once('close', close);
        // The server closing (tests, shutdown) ends open streams instead of waiting for them.
        app.addHook('onClose', async () => close());
      },
    );

    app.get(
      '/events/:id',
      { schema: { tags: ['events'], summary: 'One event with its raw text and origin', params: idParams, response: { 200: sensedEventSchema, ...commonErrors } } },
      async (request) => answer(sensedEventSchema, events.get(actorOf(request), request.params.id)),
    );

    app.post(
      '/events',
      {
        schema: {
          tags: ['events'],
          summary:
            'Batch ingest (admins, analysts): an application/x-ndjson body (Content-Encoding: gzip allowed), one event draft per line; idempotent by event id; broken lines are reported by number and the others kept; 429 with Retry-After when the pipeline is saturated (sending the body again is safe)',
          querystring: eventIngestQuery,
          response: { 202: ingestReportSchema, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema, 429: errorBodySchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!(request.body instanceof Readable)) {
          // A JSON (or any other parsed) body: the right content, perhaps, in the wrong media type.
          if (request.headers['content-type'] === undefined) throw new InputError('no events', [{ path: 'body', message: `send ${ndjsonMediaType}, one event per line` }]);
          return reply.status(415).send({ error: { code: 'unsupported_media_type', message: `send ${ndjsonMediaType}, one event per line`, details: [{ path: 'headers.content-type', message: ndjsonMediaType }] } });
        }
        const encoding = request.headers['content-encoding'];
        if (encoding !== undefined && encoding !== 'gzip' && encoding !== 'identity') {
          return reply.status(415).send({ error: { code: 'unsupported_media_type', message: `content-encoding ${encoding} is not supported`, details: [{ path: 'headers.content-encoding', message: 'gzip or none' }] } });
        }
        const report = await events.ingest(actor, decoded(request.body, encoding), request.query);
        return reply.status(202).send({ ...report, issues: [...report.issues] });
      },
    );
  };
}
