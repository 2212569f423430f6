// TAXII 2.1 over HTTP at /taxii2/: one API root (api1), its own authentication (Basic or Bearer),
// media type negotiation and error format. Thin: negotiate, authenticate, call the service.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inspectValue, MAX_DEPTH } from '../../../http/input-guard.js';
import { nestingBeyond } from '../../../platform/json-depth.js';
import type { Actor } from '../../../platform/access.js';
import { AuthenticationError, DomainError, InputError, NotAllowedError, NotFoundError, RateLimitedError, TooLargeError, ConflictError } from '../../../platform/errors.js';
import { createTaxiiAuthenticator, type TaxiiCredentials } from './authenticate.js';
import { acceptsTaxii, isTaxiiContentType, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media.js';
import type { TaxiiPage, TaxiiQuery, TaxiiService } from './taxii.service.js';
import type { CollectionAccess } from './types.js';

export const API_ROOT = 'api1';

/** An HTTP status with no domain meaning (406, 415). */
class TaxiiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

const domainStatus: ReadonlyArray<[new (...args: never[]) => DomainError, number, string]> = [
  [InputError, 400, 'Bad request'],
  [AuthenticationError, 401, 'Unauthorized'],
  [NotAllowedError, 403, 'Forbidden'],
  [NotFoundError, 404, 'Not found'],
  [ConflictError, 409, 'Conflict'],
  [TooLargeError, 413, 'Request entity too large'],
  [RateLimitedError, 429, 'Too many requests'],
];

/** The TAXII 2.1 error message (§3.6.1); also used for errors raised before routing (bad URLs). */
export function sendTaxiiError(reply: FastifyReply, status: number, title: string, description: string, details?: unknown): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Basic realm="bulwark-taxii", charset="UTF-8"');
  const body: Record<string, unknown> = { title, description, http_status: String(status) };
  if (details !== undefined) body['details'] = details;
  return reply.status(status).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify(body)));
}

export interface TaxiiServerDeps {
  readonly taxii: TaxiiService;
  readonly auth: TaxiiCredentials;
}

export function taxiiRoutes(deps: TaxiiServerDeps, options: { maxContentLength: number }) {
  const { taxii } = deps;
  const authenticator = createTaxiiAuthenticator(deps.auth);

  return async (app: FastifyInstance): Promise<void> => {
    // Every body reaches the handler as bytes (up to the advertised limit); the handler decides 415.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.maxContentLength }, (_request, body, done) => done(null, body));

    app.setErrorHandler((error: FastifyError | Error, request, reply) => {
      if (error instanceof TaxiiHttpError) return sendTaxiiError(reply, error.status, error.title, error.message);
      if (error instanceof DomainError) {
        for (const [type, status, title] of domainStatus) {
          if (error instanceof type) {
            if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
            return sendTaxiiError(reply, status, title, error.message, error.details.length > 0 ? error.details : undefined);
          }
        }
      }
      const status = (error as FastifyError).statusCode ?? 500;
      if (status >= 400 && status < 500) return sendTaxiiError(reply, status, status === 413 ? 'Request entity too large' : 'Bad request', error.message);
      request.log.error({ err: error }, 'unhandled TAXII error');
      return sendTaxiiError(reply, 500, 'Internal error', 'the server log has the details');
    });
    const notFound = (request: FastifyRequest, reply: FastifyReply) => sendTaxiiError(reply, 404, 'Not found', `no TAXII resource at ${request.url.split('?')[0] ?? ''}`);
    app.setNotFoundHandler(notFound);
    // Claims the rest of /taxii2/ so that the console's catch-all route never answers here.
    app.all('/*', { schema: { hide: true }, config: { access: 'taxii' } }, async (request, reply) => notFound(request, reply));

    app.addHook('onRequest', async (request) => {
      request.actor = await authenticator.authenticate(request.headers.authorization, request.ip);
      if (request.actor === null) throw new AuthenticationError('send HTTP Basic credentials or a Bearer API token');
      if (!acceptsTaxii(request.headers.accept)) {
        throw new TaxiiHttpError(406, 'Not acceptable', `this server answers with ${TAXII_MEDIA_TYPE}`);
      }
    });

    const actor = (request: FastifyRequest): Actor => {
      if (request.actor === null) throw new AuthenticationError('authentication required');
      return request.actor;
    };
    const base = (request: FastifyRequest) => `${request.protocol}://${request.host}/taxii2/`;
    // A Buffer keeps the media type exactly as TAXII spells it (Fastify rewrites JSON types of string bodies).
    const send = (reply: FastifyReply, body: string, status = 200) => reply.status(status).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(body));
    const page = (reply: FastifyReply, p: TaxiiPage) => {
      if (p.first !== null) reply.header('x-taxii-date-added-first', p.first);
      if (p.last !== null) reply.header('x-taxii-date-added-last', p.last);
      return send(reply, p.body);
    };
    const query = (request: FastifyRequest) => request.query as TaxiiQuery;
    const params = (request: FastifyRequest) => request.params as { collection: string; object: string; status: string };
    const collectionResource = (a: CollectionAccess) => ({
      id: a.collection.id,
      title: a.collection.title,
      ...(a.collection.description === null ? {} : { description: a.collection.description }),
      ...(a.collection.alias === null ? {} : { alias: a.collection.alias }),
      can_read: a.canRead,
      can_write: a.canWrite,
      media_types: [STIX_MEDIA_TYPE],
    });

    // TAXII URLs end with a slash; the same resource answers without it.
    const route = (method: 'GET' | 'POST' | 'DELETE', path: string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) => {
      for (const url of path === '/' ? ['/'] : [path, path.replace(/\/$/, '')]) app.route({ method, url, schema: { hide: true }, config: { access: 'taxii' }, handler });
    };

    route('GET', '/', async (request, reply) => {
      actor(request);
      const root = `${base(request)}${API_ROOT}/`;
      return send(reply, JSON.stringify({ title: 'Bulwark TAXII 2.1', description: 'Threat intelligence shared by organisations of this Bulwark node', default: root, api_roots: [root] }));
    });

    route('GET', `/${API_ROOT}/`, async (request, reply) => {
      actor(request);
      return send(
        reply,
        JSON.stringify({ title: 'Bulwark intelligence', description: 'Collections defined by organisations over their intelligence stores', versions: [TAXII_MEDIA_TYPE], max_content_length: options.maxContentLength }),
      );
    });

    route('GET', `/${API_ROOT}/status/:status/`, async (request, reply) => send(reply, JSON.stringify(await taxii.status(actor(request), params(request).status))));

    route('GET', `/${API_ROOT}/collections/`, async (request, reply) => {
      const list = await taxii.collections(actor(request));
      return send(reply, JSON.stringify(list.length === 0 ? {} : { collections: list.map(collectionResource) }));
    });

    route('GET', `/${API_ROOT}/collections/:collection/`, async (request, reply) =>
      send(reply, JSON.stringify(collectionResource(await taxii.collection(actor(request), params(request).collection)))),
    );

    route('GET', `/${API_ROOT}/collections/:collection/objects/`, async (request, reply) =>
      page(reply, await taxii.objects(actor(request), params(request).collection, query(request))),
    );

    route('POST', `/${API_ROOT}/collections/:collection/objects/`, async (request, reply) => {
      const who = actor(request);
      if (!isTaxiiContentType(request.headers['content-type'])) {
        throw new TaxiiHttpError(415, 'Unsupported media type', `send the envelope as ${TAXII_MEDIA_TYPE}`);
      }
      const raw = request.body;
      const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
      // The body reaches here as bytes, past the app's JSON guard: the same bounds apply to it.
      if (nestingBeyond(text, MAX_DEPTH) !== null) throw new InputError(`the envelope is nested more than ${MAX_DEPTH} levels deep`, [{ path: 'body', message: `nested more than ${MAX_DEPTH} levels deep`, code: 'too_deep' }]);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new InputError('the body is not JSON', [{ path: 'body', message: 'a TAXII envelope: {"objects": [ ... ]}' }]);
      }
      const problems = inspectValue(body, 'body');
      if (problems.length > 0) throw new InputError('text from outside must not contain NUL characters or unpaired surrogates', problems);
      const status = await taxii.add(who, params(request).collection, body);
      return send(reply, JSON.stringify(status), 202);
    });

    route('GET', `/${API_ROOT}/collections/:collection/objects/:object/`, async (request, reply) =>
      page(reply, await taxii.object(actor(request), params(request).collection, params(request).object, query(request))),
    );

    route('DELETE', `/${API_ROOT}/collections/:collection/objects/:object/`, async (request, reply) => {
      await taxii.remove(actor(request), params(request).collection, params(request).object, query(request));
      return reply.status(200).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.alloc(0));
    });

    route('GET', `/${API_ROOT}/collections/:collection/objects/:object/versions/`, async (request, reply) =>
      page(reply, await taxii.versions(actor(request), params(request).collection, params(request).object, query(request))),
    );

    route('GET', `/${API_ROOT}/collections/:collection/manifest/`, async (request, reply) =>
      page(reply, await taxii.manifest(actor(request), params(request).collection, query(request))),
    );
  };
}
