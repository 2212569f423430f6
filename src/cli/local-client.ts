import type { Config } from '../config/config.js';
import { systemActor } from '../platform/access.js';
import { createServices, type Services } from '../services.js';
import { migrateToLatest, openDatabase } from '../storage/index.js';
import type { BulwarkClient } from './client.js';

/** Opens the configured database in-process and acts as the local operator. */
export async function openLocalClient(config: Config): Promise<BulwarkClient & { services: Services }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const services = createServices(database, config);
  const actor = systemActor(process.env['USER'] ?? 'operator');
  return {
    mode: 'local',
    services,
    listOrgs: () => services.orgs.list(actor),
    createOrg: (input) => services.orgs.create(actor, input),
    listUsers: (orgId) => services.users.list(actor, { orgId }),
    createUser: (input) => services.users.create(actor, input),
    updateUser: (id, patch) => services.users.update(actor, id, patch),
    listTokens: (userId) => services.auth.listTokens(actor, userId),
    createToken: (input) => services.auth.createToken(actor, input),
    revokeToken: (id) => services.auth.revokeToken(actor, id),
    listAudit: (options) => services.audit.list(actor, options),
    listAssets: (filter) => services.assets.list(actor, filter),
    getAsset: (id) => services.assets.get(actor, id),
    createAsset: (input) => services.assets.create(actor, input),
    updateAsset: (id, patch) => services.assets.update(actor, id, patch),
    deleteAsset: (id) => services.assets.remove(actor, id),
    importAssets: (csv, options) => services.assets.importCsv(actor, csv, options),
    close: () => database.close(),
  };
}
