import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { systemActor, type Role } from '../../src/platform/access.js';
import { createServices, defaultServiceOptions, type Services } from '../../src/services.js';
import type { Backend } from '../../src/storage/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/storage/test-backends.js';

export const PASSWORD = 'a long enough password';

export interface Person {
  readonly id: string;
  readonly username: string;
  readonly orgId: string;
  readonly token: string;
}

/**
 * A small federation: national N > provincial P > enterprises E1 and E2 (siblings),
 * with people of each role, each holding an API token.
 */
export interface World {
  readonly database: TestDatabase;
  readonly services: Services;
  readonly app: FastifyInstance;
  readonly orgs: { N: string; P: string; E1: string; E2: string };
  readonly people: Record<
    'adminN' | 'adminP' | 'analystP' | 'viewerP' | 'responderP' | 'adminE1' | 'analystE1' | 'viewerE1' | 'analystE2' | 'adminE2',
    Person
  >;
  request(
    person: Person | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createWorld(
  backend: Backend,
  options: { bodyLimit?: number; uploadLimit?: number; loginMaxAttempts?: number; captureLimit?: number; spoolDir?: string; allowPrivateUrls?: boolean } = {},
): Promise<World> {
  const database = await createTestDatabase(backend);
  const services = createServices(database, {
    ...defaultServiceOptions,
    loginMaxAttempts: options.loginMaxAttempts ?? 5,
    captureLimit: options.captureLimit ?? defaultServiceOptions.captureLimit,
    ...(options.spoolDir === undefined ? {} : { spoolDir: options.spoolDir }),
    ...(options.allowPrivateUrls === undefined ? {} : { allowPrivateUrls: options.allowPrivateUrls }),
  });
  const op = systemActor('test');
  const N = (await services.orgs.create(op, { name: 'N', level: 'national', parentId: null })).id;
  const P = (await services.orgs.create(op, { name: 'P', level: 'provincial', parentId: N })).id;
  const E1 = (await services.orgs.create(op, { name: 'E1', level: 'enterprise', parentId: P })).id;
  const E2 = (await services.orgs.create(op, { name: 'E2', level: 'enterprise', parentId: P })).id;

  async function person(username: string, orgId: string, role: Role): Promise<Person> {
    const user = await services.users.create(op, { username, orgId, role, password: PASSWORD });
    const issued = await services.auth.createToken(op, { name: 'test', userId: user.id });
    return { id: user.id, username, orgId, token: issued.token };
  }

  const people = {
    adminN: await person('admin.n', N, 'admin'),
    adminP: await person('admin.p', P, 'admin'),
    analystP: await person('analyst.p', P, 'analyst'),
    viewerP: await person('viewer.p', P, 'viewer'),
    responderP: await person('responder.p', P, 'responder'),
    adminE1: await person('admin.e1', E1, 'admin'),
    analystE1: await person('analyst.e1', E1, 'analyst'),
    viewerE1: await person('viewer.e1', E1, 'viewer'),
    analystE2: await person('analyst.e2', E2, 'analyst'),
    adminE2: await person('admin.e2', E2, 'admin'),
  };

  const app = await buildApp({
    services,
    config: {
      bodyLimit: options.bodyLimit ?? 64 * 1024,
      uploadLimit: options.uploadLimit ?? 256 * 1024,
      secureCookies: false,
      webDir: undefined,
    },
    logger: false,
  });
  await app.ready();

  return {
    database,
    services,
    app,
    orgs: { N, P, E1, E2 },
    people,
    request(who, method, url, body, headers = {}) {
      const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      return app.inject({
        method,
        url,
        headers: {
          ...(who === null ? {} : { authorization: `Bearer ${who.token}` }),
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(payload === undefined ? {} : { payload }),
      });
    },
    async close() {
      await app.close();
      await services.sensing.close();
      await database.dispose();
    },
  };
}

/** Every error response has the same shape. */
export function errorOf(response: LightMyRequestResponse): { code: string; message: string; details: { path: string; message: string }[] } {
  const body = response.json() as { error?: { code: string; message: string; details: { path: string; message: string }[] } };
  if (body.error === undefined) throw new Error(`not an error body: ${response.body}`);
  return body.error;
}
