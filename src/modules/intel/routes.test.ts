import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../http/error-handler.js';
import { systemActor } from '../../platform/access.js';
import { InputError } from '../../platform/errors.js';
import type { IntelService } from './intel.service.js';
import { intelRoutes } from './routes.js';

/** The routes over a service whose export opens its bundle and then fails, as a refused filter does. */
async function appWithExport(exportBundle: () => AsyncGenerator<string, void, void>) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = systemActor('test');
  });
  await app.register(intelRoutes({ limits: { maxBundleBytes: 1024 }, exportBundle } as unknown as IntelService));
  return app;
}

describe('intel routes', () => {
  it('answers a filter refused by the store with its error status, not a 200 cut short', async () => {
    const app = await appWithExport(async function* () {
      yield '{"type":"bundle","objects":[';
      throw new InputError('label is not a label', [{ path: 'querystring.label', message: 'refused by the store' }]);
    });
    const r = await app.inject({ method: 'GET', url: '/intel/export?label=x' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'invalid_input', details: [{ path: 'querystring.label' }] } });
    await app.close();
  });

  it('refuses the streaming routes without a body with a 400 that says so, not a 500', async () => {
    const app = await appWithExport(async function* () {});
    for (const url of ['/intel/imports', '/intel/extract?kind=html', '/intel/validate']) {
      const r = await app.inject({ method: 'POST', url });
      expect(r.statusCode, url).toBe(400);
      expect(r.json(), url).toMatchObject({ error: { code: 'invalid_input', details: [{ path: 'body' }] } });
    }
    await app.close();
  });

  it('streams the whole bundle when the first page reads well', async () => {
    const app = await appWithExport(async function* () {
      yield '{"type":"bundle","objects":[';
      yield '{"id":"a"}';
      yield ',{"id":"b"}';
      yield ']}';
    });
    const r = await app.inject({ method: 'GET', url: '/intel/export' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ type: 'bundle', objects: [{ id: 'a' }, { id: 'b' }] });
    await app.close();
  });
});
