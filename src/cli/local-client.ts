import type { Config } from '../config/config.js';
import { systemActor } from '../platform/access.js';
import { createServices, type Services } from '../services.js';
import { migrateToLatest, openDatabase } from '../storage/index.js';
import { assetCreateBody, assetPatchBody } from '../modules/assets/schemas.js';
import { orgCreateBody } from '../platform/orgs/schemas.js';
import { userCreateBody, userPatchBody } from '../platform/users/schemas.js';
import { parseInput } from '../platform/validate.js';
import { operationsQuery } from '../modules/capture/schemas.js';
import type { BulwarkClient } from './client.js';
import { localIntelClient } from '../modules/intel/client-local.js';
import { localTaxiiClient } from '../modules/intel/taxii/client-local.js';

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

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
    // The same schemas as the API: the CLI is a boundary too. A root organisation has no parent.
    createOrg: (input) =>
      services.orgs.create(
        actor,
        input.parentId === null || input.parentId === undefined
          ? parseInput(orgCreateBody.omit({ parentId: true }), { name: input.name, level: input.level })
          : parseInput(orgCreateBody, input),
      ),
    listUsers: (orgId) => services.users.list(actor, { orgId }),
    createUser: (input) => services.users.create(actor, parseInput(userCreateBody, withoutUndefined(input))),
    updateUser: (id, patch) => services.users.update(actor, id, parseInput(userPatchBody, withoutUndefined(patch))),
    listTokens: (userId) => services.auth.listTokens(actor, userId),
    createToken: (input) => services.auth.createToken(actor, input),
    revokeToken: (id) => services.auth.revokeToken(actor, id),
    listAudit: (options) => services.audit.list(actor, options),
    listAssets: (filter) => services.assets.list(actor, filter),
    getAsset: (id) => services.assets.get(actor, id),
    createAsset: (input) => services.assets.create(actor, parseInput(assetCreateBody, withoutUndefined(input))),
    updateAsset: (id, patch) => services.assets.update(actor, id, parseInput(assetPatchBody, withoutUndefined(patch))),
    deleteAsset: (id) => services.assets.remove(actor, id),
    importAssets: (csv, options) => services.assets.importCsv(actor, csv, options),
    kbImport: (location, format) => services.knowledge.importFrom(actor, location, format),
    kbSearch: (filter, options) => services.knowledge.search(actor, filter, options),
    kbShow: (id) => services.knowledge.get(actor, id),
    kbCorrelate: (assetIds) => services.knowledge.correlate(actor, assetIds),
    kbSources: () => services.knowledge.sources(),
    kbSetReliability: (sourceId, reliability) => services.knowledge.setReliability(actor, sourceId, reliability),
    captureAnalyze: (path, input) => services.captures.analyzeFile(actor, path, input),
    captureList: async () => (await services.captures.list(actor, { limit: 200 })).items,
    captureGet: (id) => services.captures.get(actor, id),
    captureHosts: async (id) => services.captures.hosts(actor, id),
    captureCommunications: async (id) => services.captures.communications(actor, id),
    captureOperations: (id, query) => services.captures.operations(actor, id, parseInput(operationsQuery, withoutUndefined(query))),
    captureRules: () => services.captures.rules(actor),
    captureAddRule: (rule) => services.captures.addRule(actor, rule),
    ...localIntelClient(services.intel, actor),
    ...localTaxiiClient(services.taxii, actor),
    close: () => database.close(),
  };
}
