import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import type { AssetService } from './asset.service.js';
import {
  assetBulkDeleteBody,
  assetBulkResultSchema,
  assetBulkUpdateBody,
  assetCreateBody,
  assetImportReportSchema,
  assetListQuery,
  assetPageSchema,
  assetPatchBody,
  assetSchema,
  assetSelectionQuery,
  savedFilterBody,
  savedFilterSchema,
} from './schemas.js';
import type { AssetFilter } from './types.js';

export interface AssetRouteOptions {
  readonly uploadLimit: number;
}

const flagOf = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

/** Query parameters (flags as text) to the service's filter. */
export function filterOfQuery(query: z.infer<typeof assetListQuery>): AssetFilter {
  return { ...query, exposed: flagOf(query.exposed), kev: flagOf(query.kev) };
}

export function assetRoutes(assets: AssetService, options: AssetRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    // CSV inventories arrive as text/csv; the type is not CORS-safelisted, so a foreign page cannot post it.
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: options.uploadLimit }, (_req, body, done) =>
      done(null, body),
    );

    app.get(
      '/assets',
      {
        schema: {
          tags: ['assets'],
          summary: 'Assets you may see, with their exposure figures, filters, a sort key and keyset paging',
          querystring: assetListQuery,
          response: { 200: assetPageSchema, ...commonErrors },
        },
      },
      async (request) => assets.list(actorOf(request), filterOfQuery(request.query)),
    );

    app.get(
      '/assets/export',
      {
        schema: {
          tags: ['assets'],
          summary: 'Every asset the filters select (not one page), as CSV, streamed',
          querystring: assetSelectionQuery,
          response: { 200: z.unknown().describe('text/csv: name, organisation, zone, ip, mac, vendor, model, firmware_version, criticality, tlp, shared_upward, exposures, unknown, kev, highest_grade, updated_at'), ...commonErrors },
        },
      },
      async (request, reply) => {
        const lines = assets.exportCsv(actorOf(request), filterOfQuery(request.query));
        // The first chunk is read before answering, so that a bad cursor or filter is still a 4xx.
        const first = await lines.next();
        async function* rest() {
          if (first.done !== true) yield first.value;
          yield* lines;
        }
        // Streamed as text: the response schema is not applied to a stream.
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="assets.csv"').send(Readable.from(rest()));
      },
    );

    app.post(
      '/assets/bulk-update',
      {
        schema: {
          tags: ['assets'],
          summary: 'Set criticality, zone, TLP or sharing on many assets at once (admins, analysts)',
          description:
            'All or nothing: when any id is not an asset you may see (404) or is one you may only read (403), nothing is changed and the error details name each such id by its position (ids.N).',
          body: assetBulkUpdateBody,
          response: { 200: assetBulkResultSchema, ...commonErrors },
        },
      },
      async (request) => assets.bulkUpdate(actorOf(request), request.body.ids, request.body.set),
    );

    app.post(
      '/assets/bulk-delete',
      {
        schema: {
          tags: ['assets'],
          summary: 'Delete many assets at once (admins, analysts)',
          description: 'All or nothing, as bulk-update: the error details name each id that is not found (404) or read-only (403).',
          body: assetBulkDeleteBody,
          response: { 200: assetBulkResultSchema, ...commonErrors },
        },
      },
      async (request) => assets.bulkRemove(actorOf(request), request.body.ids),
    );

    app.get(
      '/assets/saved-filters',
      { schema: { tags: ['assets'], summary: 'Your saved asset filters, by name', response: { 200: z.array(savedFilterSchema), ...commonErrors } } },
      async (request) => assets.savedFilters.list(actorOf(request)),
    );

    app.post(
      '/assets/saved-filters',
      {
        schema: {
          tags: ['assets'],
          summary: 'Save the asset list’s filters under a name (yours only)',
          body: savedFilterBody,
          response: { 201: savedFilterSchema, ...commonErrors, 409: errorBodySchema },
        },
      },
      async (request, reply) => reply.status(201).send(await assets.savedFilters.save(actorOf(request), request.body.name, request.body.filter)),
    );

    app.delete(
      '/assets/saved-filters/:id',
      { schema: { tags: ['assets'], summary: 'Delete one of your saved filters', params: idParams, response: { 204: z.null(), ...commonErrors } } },
      async (request, reply) => {
        await assets.savedFilters.remove(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/assets/:id',
      { schema: { tags: ['assets'], params: idParams, response: { 200: assetSchema, ...commonErrors } } },
      async (request) => assets.get(actorOf(request), request.params.id),
    );

    app.post(
      '/assets',
      {
        schema: {
          tags: ['assets'],
          summary: 'Create an asset in your organisation (admins, analysts)',
          body: assetCreateBody,
          response: { 201: assetSchema, ...commonErrors, 409: errorBodySchema },
        },
      },
      async (request, reply) => reply.status(201).send(await assets.create(actorOf(request), request.body)),
    );

    app.patch(
      '/assets/:id',
      {
        schema: {
          tags: ['assets'],
          summary: 'Change an asset',
          params: idParams,
          body: assetPatchBody,
          response: { 200: assetSchema, ...commonErrors, 409: errorBodySchema },
        },
      },
      async (request) => assets.update(actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/assets/:id',
      { schema: { tags: ['assets'], params: idParams, response: { 204: z.null(), ...commonErrors } } },
      async (request, reply) => {
        await assets.remove(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/assets/import',
      {
        bodyLimit: options.uploadLimit,
        schema: {
          tags: ['assets'],
          summary: 'Import a CSV inventory (text/csv); all rows or none, upserting by name',
          description:
            'Columns: name (required), zone, ip, mac, vendor, model, firmware_version, criticality, tlp, shared_upward.',
          querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
          body: z.string().max(options.uploadLimit),
          response: { 200: assetImportReportSchema, ...commonErrors, 413: errorBodySchema, 415: errorBodySchema },
        },
      },
      async (request) =>
        assets.importCsv(actorOf(request), request.body, { dryRun: request.query.dryRun === 'true' }),
    );
  };
}
