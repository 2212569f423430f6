import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AuthenticationError,
  ConflictError,
  DomainError,
  InputError,
  NotAllowedError,
  NotFoundError,
  RateLimitedError,
  TooLargeError,
  type ErrorDetail,
} from '../platform/errors.js';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: readonly ErrorDetail[] };
}

function send(reply: FastifyReply, status: number, code: string, message: string, details: readonly ErrorDetail[] = []) {
  const body: ErrorBody = { error: { code, message, details } };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

const domainStatus: ReadonlyArray<[new (...args: never[]) => DomainError, number, string]> = [
  [InputError, 400, 'invalid_input'],
  [AuthenticationError, 401, 'unauthenticated'],
  [NotAllowedError, 403, 'forbidden'],
  [NotFoundError, 404, 'not_found'],
  [ConflictError, 409, 'conflict'],
  [TooLargeError, 413, 'payload_too_large'],
  [RateLimitedError, 429, 'rate_limited'],
];

// Fastify's own 4xx errors (body parsing, limits, media types) keep their status with a stable code.
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
};

/** The one place where errors become HTTP responses: `{ error: { code, message, details } }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((v) => {
        const keys = (v.params as { keys?: unknown }).keys;
        const extra = Array.isArray(keys) ? `/${keys.join(',')}` : '';
        const path = `${where}${v.instancePath === '/' ? '' : v.instancePath.replaceAll('/', '.')}${extra.replace('/', '.')}`;
        return { path, message: v.message ?? 'invalid', code: v.keyword };
      });
      return send(reply, 400, 'invalid_input', `invalid ${where}`, details);
    }
    if (error instanceof DomainError) {
      for (const [type, status, code] of domainStatus) {
        if (error instanceof type) {
          if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
          return send(reply, status, code, error.message, error.details);
        }
      }
    }
    // Safety net: the database refused a value (SQLSTATE class 22 "data exception", or 54000, an
    // index row too large). The input guard and the schemas should have stopped it; it is still the
    // caller's input, so a 400, and the log says which route let it through.
    const sqlState = (error as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^(22[0-9A-Z]{3}|54000)$/.test(sqlState)) {
      request.log.warn({ err: error, route: request.routeOptions.url }, 'database refused a value from input');
      return send(reply, 400, 'invalid_input', 'a value is malformed, out of range or too large to store');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = fastifyCodes[error.code] ?? (status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request');
      return send(reply, status, code, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, 'internal', 'internal error; the server log has the details');
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, 'not_found', `no route for ${request.method} ${request.url.split('?')[0] ?? ''}`),
  );
}

/**
 * Errors Fastify raises before routing (a malformed percent-encoding, an over-long parameter):
 * the same error shape, or TAXII's under /taxii2/. Passed as the `frameworkErrors` server option.
 */
export function frameworkErrorReply(taxii: (reply: FastifyReply, status: number, title: string, description: string) => FastifyReply) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long' : error.code === 'FST_ERR_BAD_URL' ? 'the URL has a malformed percent-encoding' : error.message;
    if (request.raw.url?.startsWith('/taxii2') === true) return taxii(reply, status, 'Bad request', message);
    return send(reply, status, error.code === 'FST_ERR_BAD_URL' ? 'bad_url' : 'bad_request', message, [{ path: 'url', message }]);
  };
}
