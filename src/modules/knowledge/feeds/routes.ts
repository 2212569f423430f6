import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.js';
import { commonErrors, errorBodySchema } from '../../../http/schemas.js';
import { InputError } from '../../../platform/errors.js';
import type { KnowledgeService } from '../knowledge.service.js';
import type { ImportIssue } from '../sources/types.js';
import { archiveDocuments, archiveKind } from './archive.js';
import type { KbFeedService } from './feed.service.js';
import { archiveQuery, kbFeedInputSchema, kbFeedNameParams, kbFeedRunQuery } from './schemas.js';

// Read models are documented loosely; inputs are strict.
const body = z.any();

/** Media types an archive upload may use; the kind is decided from the first bytes, not from these. */
export const archiveMediaTypes = ['application/zip', 'application/x-zip-compressed', 'application/gzip', 'application/x-gzip', 'application/x-tar', 'application/octet-stream'];

export function kbFeedRoutes(feeds: KbFeedService, knowledge: KnowledgeService, options: { archiveLimit: number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(archiveMediaTypes, { parseAs: 'buffer', bodyLimit: options.archiveLimit }, (_r, b, done) => done(null, b));

    app.get('/kb/feeds', {
      schema: { tags: ['knowledge'], summary: 'Scheduled knowledge feeds (CSAF, ROLIE, KEV, NVD, OSV, CNVD) with last run, next run, result and progress (root organisation)', response: { 200: body, ...commonErrors } },
    }, async (request) => ({ items: await feeds.list(actorOf(request)) }));

    app.get('/kb/feeds/:name', {
      schema: { tags: ['knowledge'], summary: 'One knowledge feed (its API key is never shown)', params: kbFeedNameParams, response: { 200: body, ...commonErrors } },
    }, async (request) => feeds.get(actorOf(request), request.params.name));

    app.put('/kb/feeds/:name', {
      schema: { tags: ['knowledge'], summary: 'Create or change a knowledge feed; an NVD API key is stored sealed (root organisation admins)', params: kbFeedNameParams, body: kbFeedInputSchema, response: { 200: body, ...commonErrors, 409: errorBodySchema } },
    }, async (request) => feeds.save(actorOf(request), request.params.name, request.body));

    app.post('/kb/feeds/:name/run', {
      schema: { tags: ['knowledge'], summary: 'Run a knowledge feed now from where it stopped; wait=false answers 202 and the run goes on (root organisation admins)', params: kbFeedNameParams, querystring: kbFeedRunQuery, response: { 200: body, 202: body, ...commonErrors, 409: errorBodySchema } },
    }, async (request, reply) => {
      const wait = request.query.wait ?? true;
      const outcome = await feeds.run(actorOf(request), request.params.name, { wait });
      return reply.status(wait ? 200 : 202).send(outcome);
    });

    app.delete('/kb/feeds/:name', {
      schema: { tags: ['knowledge'], summary: 'Remove a knowledge feed and its API key (root organisation admins)', params: kbFeedNameParams, response: { 204: z.null(), ...commonErrors } },
    }, async (request, reply) => {
      await feeds.remove(actorOf(request), request.params.name);
      return reply.status(204).send(null);
    });

    app.post('/kb/imports/archive', {
      bodyLimit: options.archiveLimit,
      schema: {
        tags: ['knowledge'],
        summary: 'Import every JSON and XML document of a .zip, .tar or .tar.gz archive in one run (entry names, links, counts, sizes and ratios bounded); outside the root organisation the records become your submissions',
        querystring: archiveQuery,
        response: { 200: body, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema },
      },
    }, async (request) => {
      const raw = request.body;
      if (!Buffer.isBuffer(raw) || raw.length === 0) throw new InputError('the upload is empty', [{ path: 'body', message: 'send a .zip, .tar or .tar.gz archive as the body (Content-Type application/zip, application/gzip or application/x-tar)' }]);
      if (archiveKind(raw.subarray(0, 512)) === null) throw new InputError('not an archive: send a .zip, .tar or .tar.gz file', [{ path: 'body', message: 'zip, tar or gzip-compressed tar' }]);
      const { name, format, tlp, sharedUpward } = request.query;
      const label = name ?? 'archive';
      const issues: ImportIssue[] = [];
      const report = await knowledge.importDocuments(actorOf(request), `archive:${label}`, archiveDocuments(raw, issues, label), { format, placement: { tlp, sharedUpward }, issues });
      if (report.stats.records === 0 && report.issues.length > 0) {
        throw new InputError('nothing in the archive could be imported', [
          ...report.issues.slice(0, 50).map((i) => ({ path: 'body', message: `${i.file}: ${i.message}` })),
          { path: 'body', message: `import run ${report.runId} records the attempt`, code: 'run' },
        ]);
      }
      return report;
    });
  };
}
