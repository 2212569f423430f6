import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.js';
import { commonErrors, idParams } from '../../http/schemas.js';
import { assetContextSchema, searchAnswerSchema, searchQuery } from './schemas.js';
import type { SearchService } from './search.service.js';

export function searchRoutes(search: SearchService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Find assets, vulnerabilities and intelligence by what the text looks like (address, id, name, value), as you may see them',
          querystring: searchQuery,
          response: { 200: searchAnswerSchema, ...commonErrors },
        },
      },
      async (request) => search.search(actorOf(request), request.query.q),
    );

    app.get(
      '/assets/:id/context',
      {
        schema: {
          tags: ['assets'],
          summary: 'The asset page in one answer: the asset, where its facts came from, its captures, communications, operations, discovery conflicts and intelligence sightings',
          params: idParams,
          response: { 200: assetContextSchema, ...commonErrors },
        },
      },
      async (request) => search.assetContext(actorOf(request), request.params.id),
    );
  };
}
