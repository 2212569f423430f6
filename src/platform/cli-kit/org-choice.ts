// Which organisation a command acts for: --org, else the configured default, else the only one there is.
import { InputError } from '../errors.js';
import type { Organisation } from '../orgs/org.service.js';
import type { User } from '../users/user.service.js';
import type { Connection } from './context.js';
import type { PlatformClient } from './platform-client-port.js';

export interface OrgChoice {
  /** The organisation named by --org (id or name); undefined when the option was not given. */
  find(idOrName: string | undefined): Promise<string | undefined>;
  /**
   * For commands that write into an organisation. Without --org: over the API, the token's own
   * organisation (undefined: the server decides); locally, BULWARK_DEFAULT_ORG, else the only organisation.
   */
  choose(idOrName: string | undefined): Promise<string | undefined>;
}

function listed(orgs: readonly Organisation[]): string {
  return orgs.map((o) => `"${o.name}"`).join(', ');
}

function match(orgs: readonly Organisation[], idOrName: string): Organisation | undefined {
  return orgs.find((o) => o.id === idOrName) ?? orgs.find((o) => o.name.toLowerCase() === idOrName.toLowerCase());
}

/** Finds an organisation by id or exact name among those the caller may see; the error lists them. */
export async function resolveOrg(platform: PlatformClient, idOrName: string, flag = '--org', source = flag): Promise<Organisation> {
  const orgs = await platform.listOrgs();
  const found = match(orgs, idOrName);
  if (found === undefined) {
    throw new InputError(`${source}: organisation "${idOrName}" not found`, [{ path: flag, message: orgs.length === 0 ? 'no organisation exists yet: bulwark org create' : `one of ${listed(orgs)}` }]);
  }
  return found;
}

export function orgChoice(platform: PlatformClient, connection: Connection): OrgChoice {
  return {
    find: async (idOrName) => (idOrName === undefined ? undefined : (await resolveOrg(platform, idOrName)).id),
    async choose(idOrName) {
      if (idOrName !== undefined) return (await resolveOrg(platform, idOrName)).id;
      if (connection.mode === 'remote') return undefined;
      const configured = connection.config.defaultOrg;
      if (configured !== undefined) return (await resolveOrg(platform, configured, '--org', 'BULWARK_DEFAULT_ORG')).id;
      const orgs = await platform.listOrgs();
      if (orgs.length === 1 && orgs[0] !== undefined) return orgs[0].id;
      throw new InputError(
        orgs.length === 0 ? 'no organisation exists yet: create one with bulwark org create' : `--org is required: ${orgs.length} organisations could hold this`,
        [{ path: '--org', message: orgs.length === 0 ? 'no organisation to choose' : `one of ${listed(orgs)} (or set BULWARK_DEFAULT_ORG)` }],
      );
    },
  };
}

export async function resolveUser(platform: PlatformClient, idOrName: string, flag = '--user'): Promise<User> {
  const users = await platform.listUsers();
  const found = users.find((u) => u.id === idOrName || u.username === idOrName.toLowerCase());
  if (found === undefined) throw new InputError(`user "${idOrName}" not found`, [{ path: flag, message: `one of ${users.map((u) => u.username).join(', ')}` }]);
  return found;
}
