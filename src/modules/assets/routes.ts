import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, errorBodySchema, idParams } from '../../http/schemas.js';
import type { AssetService } from './asset.service.js';
import {
  assetCreateBody,
  assetImportReportSchema,
  assetListQuery,
  assetPageSchema,
  assetPatchBody,
  assetSchema,
} from './schemas.js';

export interface AssetRouteOptions {
  readonly uploadLimit: number;
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
          summary: 'Assets you may see, by name, with filters and keyset paging',
          querystring: assetListQuery,
          response: { 200: assetPageSchema, ...commonErrors },
        },
      },
      async (request) => assets.list(actorOf(request), request.query),
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
