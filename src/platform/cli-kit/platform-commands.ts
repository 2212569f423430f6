import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { orgLevels, roles, type OrgLevel, type Role } from '../access.js';
import { emit, type CliContext } from './context.js';
import { resolveOrg, resolveUser } from './org-choice.js';
import type { PlatformClient } from './platform-client-port.js';
import { openPlatformClient, withClient, type ClientUse } from './with-client.js';

// The platform commands need no client beyond the platform's own.
const platformOnly = (ctx: CliContext, cmd: Command, fn: (use: ClientUse<PlatformClient>) => Promise<void>, flags: Record<string, string> = {}) =>
  withClient(ctx, cmd, openPlatformClient, fn, flags);

async function readPassword(options: { password?: string; passwordFile?: string }): Promise<string | undefined> {
  if (options.passwordFile !== undefined) return (await readFile(options.passwordFile, 'utf8')).trim();
  return options.password;
}

export function orgCommand(ctx: CliContext): Command {
  const org = new Command('org').description('organisations: national, provincial, industry and enterprise nodes');
  org
    .command('list')
    .description('list the organisations you may see')
    .action(async (_o, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        const orgs = await client.listOrgs();
        const names = new Map(orgs.map((o) => [o.id, o.name]));
        emit(ctx, cmd, orgs, () =>
          ctx.out.table(
            orgs.map((o) => ({ ...o, parent: o.parentId === null ? '' : (names.get(o.parentId) ?? o.parentId), industry: o.industry ?? '', region: o.region ?? '' })),
            ['id', 'name', 'level', 'parent', 'industry', 'region'],
          ),
        );
      }),
    );
  org
    .command('create <name>')
    .description('create an organisation below --parent (the local operator may create a root)')
    .addOption(new Option('--level <level>', 'organisation level').choices(orgLevels).makeOptionMandatory())
    .option('--parent <idOrName>', 'parent organisation')
    .option('--industry <code>', 'industry division code (see `bulwark org industries`)')
    .option('--region <code>', 'administrative division code, six digits (e.g. 320500)')
    .action(async (name: string, options: { level: OrgLevel; parent?: string; industry?: string; region?: string }, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        const parentId = options.parent === undefined ? null : (await resolveOrg(client, options.parent, '--parent')).id;
        const created = await client.createOrg({ name, level: options.level, parentId, industry: options.industry, region: options.region });
        emit(ctx, cmd, created, () => ctx.out.line(`created ${created.level} organisation ${created.name} (${created.id})`));
      }, { name: '<name>', level: '--level', parentId: '--parent', industry: '--industry', region: '--region' }),
    );
  org
    .command('place <idOrName>')
    .description("set an organisation's industry and region (admins of an organisation above it; `none` clears)")
    .option('--industry <code>', 'industry division code (see `bulwark org industries`), or none')
    .option('--region <code>', 'administrative division code, six digits, or none')
    .action(async (idOrName: string, options: { industry?: string; region?: string }, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        const target = await resolveOrg(client, idOrName, '<idOrName>');
        const value = (v: string | undefined) => (v === undefined ? undefined : v === 'none' ? null : v);
        const placed = await client.placeOrg(target.id, { industry: value(options.industry), region: value(options.region) });
        emit(ctx, cmd, placed, () => ctx.out.line(`${placed.name}: industry ${placed.industry ?? 'not set'}, region ${placed.region ?? 'not set'}`));
      }, { industry: '--industry', region: '--region', '': '--industry or --region' }),
    );
  org
    .command('industries')
    .description('the industry codes an organisation may carry')
    .action(async (_o, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        const list = await client.listIndustries();
        emit(ctx, cmd, list, () => ctx.out.table(list, ['code', 'name', 'nameZh', 'sector']));
      }),
    );
  return org;
}

export function userCommand(ctx: CliContext): Command {
  const user = new Command('user').description('users and their roles');
  user
    .command('list')
    .description('list users')
    .option('--org <idOrName>', 'only this organisation')
    .action(async (options: { org?: string }, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        const orgId = options.org === undefined ? undefined : (await resolveOrg(client, options.org)).id;
        const users = await client.listUsers(orgId);
        emit(ctx, cmd, users, () => ctx.out.table(users, ['username', 'displayName', 'orgName', 'role', 'disabled', 'id']));
      }),
    );
  user
    .command('create <username>')
    .description('create a user in an organisation')
    .requiredOption('--org <idOrName>', 'organisation')
    .addOption(new Option('--role <role>', 'role').choices(roles).makeOptionMandatory())
    .option('--display-name <name>', 'display name')
    .option('--password <password>', 'console password (12+ characters; prefer --password-file)')
    .option('--password-file <path>', 'read the console password from a file')
    .action(
      async (
        username: string,
        options: { org: string; role: Role; displayName?: string; password?: string; passwordFile?: string },
        cmd: Command,
      ) =>
        platformOnly(ctx, cmd, async ({ client }) => {
          const orgId = (await resolveOrg(client, options.org)).id;
          const created = await client.createUser({
            username,
            orgId,
            role: options.role,
            displayName: options.displayName,
            password: await readPassword(options),
          });
          emit(ctx, cmd, created, () => ctx.out.line(`created ${created.role} ${created.username} in ${created.orgName}`));
        }, { username: '<username>', role: '--role', displayName: '--display-name', password: '--password' }),
    );
  user
    .command('set <username>')
    .description('change a user: role, password, enabled')
    .addOption(new Option('--role <role>', 'new role').choices(roles))
    .option('--password <password>', 'new console password')
    .option('--password-file <path>', 'read the new password from a file')
    .option('--disable', 'disable the account (ends its sessions)')
    .option('--enable', 'enable the account')
    .action(
      async (
        username: string,
        options: { role?: Role; password?: string; passwordFile?: string; disable?: boolean; enable?: boolean },
        cmd: Command,
      ) =>
        platformOnly(ctx, cmd, async ({ client }) => {
          const target = await resolveUser(client, username);
          const disabled = options.disable === true ? true : options.enable === true ? false : undefined;
          const updated = await client.updateUser(target.id, {
            role: options.role,
            password: await readPassword(options),
            disabled,
          });
          emit(ctx, cmd, updated, () => ctx.out.line(`updated ${updated.username}: ${updated.role}${updated.disabled ? ', disabled' : ''}`));
        }, { role: '--role', password: '--password', disabled: '--disable' }),
    );
  return user;
}

export function tokenCommand(ctx: CliContext): Command {
  const token = new Command('token').description('API tokens (shown once, stored hashed)');
  token
    .command('create')
    .description('issue an API token')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--user <username>', 'the user it acts as (required for the local operator)')
    .option('--expires-days <n>', 'expire after n days', (v) => Number.parseInt(v, 10))
    .action(async (options: { name: string; user?: string; expiresDays?: number }, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        const userId = options.user === undefined ? undefined : (await resolveUser(client, options.user)).id;
        const issued = await client.createToken({ name: options.name, userId, expiresInDays: options.expiresDays });
        emit(ctx, cmd, issued, () => {
          ctx.out.line(issued.token);
          ctx.out.error(`token ${issued.name} (${issued.id}) created; it is shown only this once`);
        });
      }, { name: '--name', userId: '--user', expiresInDays: '--expires-days' }),
    );
  token
    .command('list')
    .description('list tokens')
    .option('--user <username>', 'another user’s tokens (admins)')
    .action(async (options: { user?: string }, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        const userId = options.user === undefined ? undefined : (await resolveUser(client, options.user)).id;
        const tokens = await client.listTokens(userId);
        emit(ctx, cmd, tokens, () => ctx.out.table(tokens, ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt']));
      }),
    );
  token
    .command('revoke <id>')
    .description('revoke a token')
    .action(async (id: string, _o, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        await client.revokeToken(id);
        emit(ctx, cmd, { revoked: id }, () => ctx.out.line(`revoked ${id}`));
      }),
    );
  return token;
}

export function auditCommand(ctx: CliContext): Command {
  return new Command('audit')
    .description('read the audit log (admins)')
    .option('--limit <n>', 'entries', (v) => Number.parseInt(v, 10), 50)
    .option('--action <action>', 'only this action, e.g. asset.create')
    .action(async (options: { limit: number; action?: string }, cmd: Command) =>
      platformOnly(ctx, cmd, async ({ client }) => {
        const entries = await client.listAudit({ limit: options.limit, action: options.action });
        emit(ctx, cmd, entries, () => ctx.out.table(entries, ['at', 'actorName', 'orgName', 'action', 'targetType', 'targetId']));
      }, { limit: '--limit', action: '--action' }),
    );
}
