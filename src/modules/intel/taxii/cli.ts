import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../../platform/cli-kit/with-client.js';
import { tlpLevels, type Tlp } from '../../../platform/tlp.js';
import { reliabilities, type Reliability } from '../types.js';
import type { TaxiiClient } from './client-port.js';
import type { FeedRunReport } from './types.js';
import type { RemoteAuth } from './remote.js';

interface AuthOptions {
  taxiiUser?: string;
  taxiiPassword?: string;
  taxiiPasswordFile?: string;
  taxiiToken?: string;
}

// Named --taxii-*: --token already means the Bulwark API token for --server.
function withAuth(command: Command): Command {
  return command
    .option('--taxii-user <name>', 'user name on the remote TAXII server (HTTP Basic)')
    .option('--taxii-password <password>', 'its password (prefer --taxii-password-file)')
    .option('--taxii-password-file <file>', 'read the password from a file')
    .option('--taxii-token <token>', 'a bearer token for the remote TAXII server');
}

async function authOf(o: AuthOptions): Promise<RemoteAuth | undefined> {
  if (o.taxiiToken !== undefined && o.taxiiUser !== undefined) throw new Error('give --taxii-user or --taxii-token, not both');
  if (o.taxiiToken !== undefined) return { token: o.taxiiToken };
  if (o.taxiiUser === undefined) return undefined;
  const password = o.taxiiPasswordFile === undefined ? o.taxiiPassword : (await readFile(o.taxiiPasswordFile, 'utf8')).trim();
  return { username: o.taxiiUser, password };
}

const positive = (v: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${v} is not a positive whole number`);
  return n;
};
const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function printRun(ctx: CliContext, r: FeedRunReport): void {
  ctx.out.line(
    `${r.feed.direction} ${r.feed.name}: ${r.pages} pages, ${r.objects} objects, ${r.stored} ${r.feed.direction === 'pull' ? 'stored' : 'accepted'}, ${r.duplicates} already held, ${r.failed} failed${r.complete ? '' : ' (not finished; run again to go on)'}`,
  );
  if (r.error !== null) ctx.out.error(`stopped: ${r.error}`);
}

/** The local adapter on the wired services, or the HTTP adapter; each loaded only when used. */
async function openTaxiiClient(connection: Connection): Promise<TaxiiClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpTaxiiClient(connection.api);
  return (await import('./client-local.js')).localTaxiiClient((await connection.services()).taxii, connection.actor);
}

// Where the service and the API name a field, the command names its flag or argument.
const taxiiFlags = {
  url: '<url>',
  name: '--feed',
  tlp: '--tlp',
  reliability: '--reliability',
  sharedUpward: '--share-upward',
  pageSize: '--page-size',
  maxPages: '--max-pages',
  intervalMinutes: '--every',
  types: '--type',
  labels: '--label',
  tlpMax: '--tlp-max',
  'auth.username': '--taxii-user',
  'auth.password': '--taxii-password',
  'auth.token': '--taxii-token',
};

const withTaxii = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<TaxiiClient>) => Promise<T>) => withClient(ctx, cmd, openTaxiiClient, fn, taxiiFlags);

export function taxiiCommand(ctx: CliContext): Command {
  const taxii = new Command('taxii').description('TAXII 2.1: remote collections, feeds that pull from or push to them');

  withAuth(
    taxii
      .command('collections <url>')
      .description('list the collections of a remote TAXII 2.1 server (its discovery URL or an API root)'),
  ).action(async (url: string, o: AuthOptions, cmd: Command) =>
    withTaxii(ctx, cmd, async ({ client }) => {
      const collections = await client.taxiiRemoteCollections(url, (await authOf(o)) ?? {});
      emit(ctx, cmd, collections, () =>
        ctx.out.table(
          collections.map((c) => ({ ...c, rights: `${c.can_read ? 'read' : ''}${c.can_read && c.can_write ? '+' : ''}${c.can_write ? 'write' : ''}` })),
          ['id', 'title', 'rights', 'url'],
        ),
      );
    }),
  );

  withAuth(
    taxii
      .command('pull <collection-url>')
      .description('pull new objects from a remote collection into the intelligence store; remembers where it stopped (by --feed name)')
      .requiredOption('--feed <name>', 'the feed name under which progress is kept')
      .option('--org <org>', 'organisation that will hold the objects (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
      .addOption(new Option('--tlp <tlp>', 'TLP for objects without a TLP marking (default amber)').choices(tlpLevels))
      .addOption(new Option('--reliability <A-F>', 'Admiralty reliability of the source').choices(reliabilities))
      .option('--share-upward', 'let parent organisations read what TLP allows')
      .option('--page-size <n>', 'objects per request (default 1000)', positive)
      .option('--max-pages <n>', 'stop after this many pages (run again to go on)', positive)
      .option('--every <minutes>', 'and pull again every so many minutes while the server runs (5 to 10080)', positive),
  ).action(
    async (
      url: string,
      o: AuthOptions & { feed: string; org?: string; tlp?: Tlp; reliability?: Reliability; shareUpward?: boolean; pageSize?: number; maxPages?: number; every?: number },
      cmd: Command,
    ) =>
      withTaxii(ctx, cmd, async ({ client, orgs }) => {
        const orgId = await orgs.choose(o.org);
        await client.taxiiSaveFeed({
          name: o.feed,
          direction: 'pull',
          url,
          auth: await authOf(o),
          orgId,
          tlp: o.tlp,
          reliability: o.reliability,
          sharedUpward: o.shareUpward,
          pageSize: o.pageSize,
          intervalMinutes: o.every,
        });
        const report = await client.taxiiRunFeed(o.feed, { orgId, maxPages: o.maxPages });
        emit(ctx, cmd, report, () => printRun(ctx, report));
        if (report.error !== null) throw new Error(`the pull stopped: ${report.error}`);
      }),
  );

  withAuth(
    taxii
      .command('push <collection-url>')
      .description('push objects added to the intelligence store since the last push to a remote collection (by --feed name)')
      .requiredOption('--feed <name>', 'the feed name under which progress is kept')
      .option('--org <org>', 'organisation whose objects are pushed (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
      .option('--type <types>', 'only these STIX types, comma-separated or repeated', list)
      .option('--label <labels>', 'only objects with one of these labels', list)
      .addOption(new Option('--tlp-max <tlp>', 'most permissive TLP sent (default amber; AMBER+STRICT and RED never leave)').choices(['clear', 'green', 'amber']))
      .option('--page-size <n>', 'objects per request (default 500)', positive)
      .option('--every <minutes>', 'and push again every so many minutes while the server runs (5 to 10080)', positive),
  ).action(
    async (url: string, o: AuthOptions & { feed: string; org?: string; type?: string[]; label?: string[]; tlpMax?: Tlp; pageSize?: number; every?: number }, cmd: Command) =>
      withTaxii(ctx, cmd, async ({ client, orgs }) => {
        const orgId = await orgs.choose(o.org);
        await client.taxiiSaveFeed({ name: o.feed, direction: 'push', url, auth: await authOf(o), orgId, types: o.type, labels: o.label, tlpMax: o.tlpMax, pageSize: o.pageSize, intervalMinutes: o.every });
        const report = await client.taxiiRunFeed(o.feed, { orgId });
        emit(ctx, cmd, report, () => printRun(ctx, report));
        if (report.error !== null) throw new Error(`the push stopped: ${report.error}`);
      }),
  );

  const feeds = taxii.command('feeds').description('feeds of your organisation: list (default) or delete');
  feeds
    .command('delete <name>')
    .description('delete a feed, its position and its credentials')
    .option('--org <org>', 'organisation (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .action(async (name: string, o: { org?: string }, cmd: Command) =>
      withTaxii(ctx, cmd, async ({ client, orgs }) => {
        const orgId = await orgs.choose(o.org);
        await client.taxiiDeleteFeed(name, orgId);
        emit(ctx, cmd, { deleted: name }, () => ctx.out.line(`feed ${name} deleted`));
      }),
    );
  feeds
    .command('list', { isDefault: true })
    .description('feeds of your organisation, their schedule and where each stopped')
    .option('--org <org>', 'organisation (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .action(async (o: { org?: string }, cmd: Command) =>
      withTaxii(ctx, cmd, async ({ client, orgs }) => {
        const orgId = await orgs.choose(o.org);
        const feeds = await client.taxiiFeeds(orgId);
        emit(ctx, cmd, feeds, () =>
          ctx.out.table(
            feeds.map((f) => ({ ...f, position: f.state.next !== undefined ? 'mid-walk' : (f.state.addedAfter ?? (f.state.pushedUs === undefined ? '' : `pushed to ${f.state.pushedUs}`)) })),
            ['name', 'direction', 'url', 'position', 'intervalMinutes', 'nextRunAt', 'lastRunAt', 'lastError'],
          ),
        );
      }),
    );

  return taxii;
}
