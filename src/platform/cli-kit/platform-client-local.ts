import { createAuditService } from '../audit/audit.service.js';
import { createAuthService } from '../auth/auth.service.js';
import { createLoginLimiter } from '../auth/login-limiter.js';
import { orgCreateBody, orgPlacementBody } from '../orgs/schemas.js';
import { industries } from '../orgs/sectors.js';
import { createOrgService } from '../orgs/org.service.js';
import { userCreateBody, userPatchBody } from '../users/schemas.js';
import { createUserService } from '../users/user.service.js';
import { parseInput } from '../validate.js';
import type { LocalConnection } from './context.js';
import type { PlatformClient } from './platform-client-port.js';
import { withoutUndefined } from './without-undefined.js';

/** The platform commands on the database in-process: only the platform's services, never the modules'. */
export function localPlatformClient(connection: LocalConnection): PlatformClient {
  const { database, config, actor } = connection;
  const orgs = createOrgService(database);
  const users = createUserService(database);
  const audit = createAuditService(database);
  const auth = createAuthService(database, {
    sessionTtlMs: config.sessionTtlMs,
    limiter: createLoginLimiter({ maxPerUserAddress: config.loginMaxAttempts, maxPerAddress: config.loginMaxAttempts * 4, windowMs: config.loginWindowMs }),
  });
  return {
    listOrgs: () => orgs.list(actor),
    // The same schemas as the API: the CLI is a boundary too. A root organisation has no parent.
    createOrg: (input) =>
      orgs.create(
        actor,
        input.parentId === null || input.parentId === undefined
          ? parseInput(orgCreateBody.omit({ parentId: true }), withoutUndefined({ name: input.name, level: input.level, industry: input.industry ?? undefined, region: input.region ?? undefined }))
          : parseInput(orgCreateBody, withoutUndefined({ ...input, industry: input.industry ?? undefined, region: input.region ?? undefined })),
      ),
    placeOrg: (id, patch) => orgs.place(actor, id, parseInput(orgPlacementBody, withoutUndefined(patch))),
    listIndustries: () => Promise.resolve([...industries]),
    listUsers: (orgId) => users.list(actor, { orgId }),
    createUser: (input) => users.create(actor, parseInput(userCreateBody, withoutUndefined(input))),
    updateUser: (id, patch) => users.update(actor, id, parseInput(userPatchBody, withoutUndefined(patch))),
    listTokens: (userId) => auth.listTokens(actor, userId),
    createToken: (input) => auth.createToken(actor, input),
    revokeToken: (id) => auth.revokeToken(actor, id),
    listAudit: (options) => audit.list(actor, options),
  };
}
