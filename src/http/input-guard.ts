// One boundary for strings from outside: a NUL byte or a lone UTF-16 surrogate can be neither stored
// (PostgreSQL text and jsonb refuse them) nor shown, so they are refused with a 400 that says where,
// before any service sees them. Nesting is bounded here too: deeper documents are attacks, not data.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError, type ErrorDetail } from '../platform/errors.js';
import { MAX_JSON_DEPTH, nestingBeyond } from '../platform/json-depth.js';

/** Deeper than any real document we accept (STIX, CSAF, CVE records nest a few dozen levels). */
export const MAX_DEPTH = MAX_JSON_DEPTH;
const MAX_REPORTED = 20;

// A high surrogate not followed by a low one, or a low one not preceded by a high one; or NUL.
// eslint-disable-next-line no-control-regex
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string may not cross the boundary, or null. */
export function badString(value: string): string | null {
  const match = BAD.exec(value);
  if (match === null) return null;
  return match[0] === '\u0000' ? 'contains a NUL character' : 'contains an unpaired UTF-16 surrogate';
}

/**
 * Walks a parsed value without recursion (a deep document must not overflow the stack) and lists
 * the bad strings (keys too) with their paths; stops at the first over-deep branch.
 */
export function inspectValue(root: unknown, where: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: where, depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_REPORTED) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const why = badString(value);
      if (why !== null) problems.push({ path, message: why, code: 'invalid_string' });
      continue;
    }
    // Only documents are walked: plain objects and arrays. Streams, Buffers and other class instances
    // (raw uploads) are their services' to read through bounded readers.
    if (value === null || typeof value !== 'object' || !isDocumentNode(value)) continue;
    if (depth >= MAX_DEPTH) {
      problems.push({ path, message: `nested more than ${MAX_DEPTH} levels deep`, code: 'too_deep' });
      break;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}.${i}`, depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const why = badString(key);
      // eslint-disable-next-line no-control-regex
      if (why !== null) problems.push({ path: `${path}.${key.replace(/[\u0000\uD800-\uDFFF]/g, '\uFFFD')}`, message: `key ${why}`, code: 'invalid_string' });
      stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return problems;
}

function isDocumentNode(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Refuses bad strings in path parameters, query, body and the headers that reach storage. */
export function registerInputGuard(app: FastifyInstance): void {
  // preValidation: after the body is parsed, before schemas and handlers see anything.
  app.addHook('preValidation', async (request) => {
    const problems = [
      // The router's and the query parser's objects are not plain: their own entries are what came in.
      ...inspectValue({ ...(request.params as object) }, 'params'),
      ...inspectValue({ ...(request.query as object) }, 'querystring'),
      ...inspectValue(request.body, 'body'),
      ...inspectValue(request.headers['user-agent'], 'headers.user-agent'),
    ];
    if (problems.length > 0) {
      const deep = problems.find((p) => p.code === 'too_deep');
      throw new InputError(deep === undefined ? 'text from outside must not contain NUL characters or unpaired surrogates' : `the document is ${deep.message}`, problems);
    }
  });
}

/**
 * JSON bodies are measured before they are parsed: the parser's own recursion (and every walk
 * after it) stays within bounds, and an over-deep document is a located 400.
 */
export function registerBoundedJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestingBeyond(text, MAX_DEPTH) !== null) {
      done(new InputError(`the document is nested more than ${MAX_DEPTH} levels deep`, [{ path: 'body', message: `nested more than ${MAX_DEPTH} levels deep`, code: 'too_deep' }]), undefined);
      return;
    }
    parse(request, text, done);
  });
}

/**
 * A route that declares no query parameters refuses any (`?x=1` is a mistake or a probe, never
 * something to ignore silently): every route registered in `scope` without a query schema gets an
 * empty strict one, so an unknown parameter is a located 400 like an unknown body field.
 */
export function refuseUndeclaredQuery(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    if (route.schema?.querystring === undefined) route.schema = { ...route.schema, querystring: z.strictObject({}) };
  });
}
