import type { Command } from 'commander';
import type { Connection, CliContext } from './context.js';
import { inFlagTerms, type FlagNames } from './flags.js';
import { orgChoice, type OrgChoice } from './org-choice.js';
import type { PlatformClient } from './platform-client-port.js';

export interface ClientUse<C> {
  readonly client: C;
  readonly orgs: OrgChoice;
  readonly platform: PlatformClient;
  readonly connection: Connection;
}

/** Builds a module's client on a connection: its local or its HTTP adapter, loaded when used. */
export type ClientOpener<C> = (connection: Connection) => Promise<C>;

/** The platform's own client; light on the local side (no module is loaded). */
export async function openPlatformClient(connection: Connection): Promise<PlatformClient> {
  if (connection.mode === 'local') return (await import('./platform-client-local.js')).localPlatformClient(connection);
  return (await import('./platform-client-http.js')).httpPlatformClient(connection.api);
}

/**
 * Runs a command on a module's client: opens the connection (local database or server), closes it
 * after, and reports errors in the command's own flag names.
 */
export async function withClient<C, T>(
  ctx: CliContext,
  command: Command,
  open: ClientOpener<C>,
  fn: (use: ClientUse<C>) => Promise<T>,
  flags: FlagNames = {},
): Promise<T> {
  try {
    const connection = await ctx.connect(command);
    try {
      const platform = await openPlatformClient(connection);
      const client = await open(connection);
      return await fn({ client, platform, orgs: orgChoice(platform, connection), connection });
    } finally {
      await connection.close();
    }
  } catch (error) {
    throw inFlagTerms(error, flags);
  }
}
