import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
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
