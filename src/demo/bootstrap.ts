import { sql } from 'kysely';
import { systemActor, type Actor } from '../platform/access.js';
import { newPassword } from '../platform/crypto.js';
import { NotFoundError } from '../platform/errors.js';
import type { Services } from '../services.js';
import { seedDemoCapture } from './demo-capture.js';
import { seedDemoIntel } from './demo-intel.js';
import { seedDemoEvents } from './demo-sensing.js';
import { demoAdmin, demoAssets, demoCapture, demoOrgs, demoUsers } from './demo-data.js';

export interface BootstrapResult {
  /** False when the database already had data: nothing was done. */
  readonly created: boolean;
  readonly adminUsername?: string;
  /** Set only when generated here: print it once, it is not stored anywhere readable. */
  readonly generatedPassword?: string;
  readonly demo: boolean;
  /** Demo users who share the admin's first password, to try each role. */
  readonly demoUsers?: readonly string[];
}

async function orgIdByName(services: Services, actor: Actor, name: string): Promise<string | undefined> {
  try {
    return (await services.orgs.resolve(actor, name)).id;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Loads the demo organisations, users, assets and the analyzed simulated capture; whatever already
 * exists is left alone. Demo users get `userPassword` when given (so each role can be tried), else no password.
 */
export async function seedDemo(
  services: Services,
  actor: Actor = systemActor('demo'),
  userPassword?: string,
): Promise<{ orgs: number; assets: number; captures: number; intel: number; events: number }> {
  const ids = new Map<string, string>();
  let orgs = 0;
  for (const org of demoOrgs) {
    let id = await orgIdByName(services, actor, org.name);
    if (id === undefined) {
      const parentId = org.parent === null ? null : (ids.get(org.parent) ?? null);
      id = (await services.orgs.create(actor, { name: org.name, level: org.level, parentId, industry: org.industry, region: org.region })).id;
      orgs++;
    }
    ids.set(org.key, id);
  }
  for (const user of demoUsers) {
    const orgId = ids.get(user.org);
    const exists = await services.users.resolve(actor, user.username).then(
      () => true,
      () => false,
    );
    if (orgId !== undefined && !exists) {
      await services.users.create(actor, {
        username: user.username,
        displayName: user.displayName,
        orgId,
        role: user.role,
        password: userPassword,
      });
    }
  }
  let assets = 0;
  for (const [orgKey, orgId] of ids) {
    const rows = demoAssets.filter((a) => a.org === orgKey);
    if (rows.length === 0) continue;
    const existing = await services.assets.list(actor, { orgId, limit: 1 });
    if (existing.items.length > 0) continue;
    for (const { org: _org, ...asset } of rows) {
      await services.assets.create(actor, { ...asset, orgId });
      assets++;
    }
  }
  // After the assets: the capture's discoveries fill in and add to them.
  const captureOrg = ids.get(demoCapture.org);
  const captures = captureOrg === undefined ? 0 : await seedDemoCapture(services, actor, captureOrg);
  const [national, province, water] = [ids.get('national'), ids.get('province'), ids.get('water')];
  const intel = national === undefined || province === undefined || water === undefined ? 0 : await seedDemoIntel(services, actor, { national, province, water });
  // After the capture: the sensor's events resolve to the assets it merged.
  const events = await seedDemoEvents(services, actor, ids);
  return { orgs, assets, captures, intel, events };
}

/**
 * First start: with an empty database, create the first organisation and its admin
 * (and the demo content when enabled). Guarded by an advisory lock and a marker row,
 * so two servers starting together bootstrap once.
 */
export async function bootstrap(
  services: Services,
  options: { demo: boolean; adminPassword?: string | undefined },
): Promise<BootstrapResult> {
  const { db } = services.database;
  const claimed = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(724113)`.execute(trx);
    const marker = await trx.selectFrom('bulwark_meta').select('value').where('key', '=', 'bootstrapped').executeTakeFirst();
    const anyOrg = await trx.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
    if (marker !== undefined || anyOrg !== undefined) return false;
    await trx.insertInto('bulwark_meta').values({ key: 'bootstrapped', value: new Date().toISOString() }).execute();
    return true;
  });
  if (!claimed) return { created: false, demo: false };

  const actor = systemActor('bootstrap');
  const password = options.adminPassword ?? newPassword();
  let rootId: string;
  if (options.demo) {
    await seedDemo(services, actor, password);
    rootId = (await services.orgs.resolve(actor, demoOrgs[0]?.name ?? '')).id;
  } else {
    rootId = (await services.orgs.create(actor, { name: 'Bulwark', level: 'national', parentId: null })).id;
  }
  await services.users.create(actor, {
    username: demoAdmin.username,
    displayName: demoAdmin.displayName,
    orgId: rootId,
    role: 'admin',
    password,
  });
  return {
    created: true,
    adminUsername: demoAdmin.username,
    demo: options.demo,
    ...(options.demo ? { demoUsers: demoUsers.map((u) => `${u.username} (${u.role})`) } : {}),
    ...(options.adminPassword === undefined ? { generatedPassword: password } : {}),
  };
}
