import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../../platform/cli-kit/with-client.js';
import type { KbFeedClient } from './client-port.js';
import { feedKinds, type FeedKind, type KbFeed, type KbFeedOptions, type KbFeedRunResult } from './types.js';

async function openKbFeedClient(connection: Connection): Promise<KbFeedClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpKbFeedClient(connection.api);
  return (await import('./client-local.js')).localKbFeedClient((await connection.services()).kbFeeds, connection.actor);
}

// Where the service and the API name a field, the command names its flag or argument.
const feedFlags = { name: '<name>', kind: '--kind', url: '--url', intervalMinutes: '--every', apiKey: '--api-key-file', 'options.since': '--since', 'options.resultsPerPage': '--page-size', 'options.maxDocuments': '--max-documents', 'options.packages': '--package' };

const withFeeds = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<KbFeedClient>) => Promise<T>) => withClient(ctx, cmd, openKbFeedClient, fn, feedFlags);

const positive = (v: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1 || String(n) !== v.trim()) throw new Error(`${v} is not a positive whole number`);
  return n;
};

const packageOf = (value: string, previous: { ecosystem: string; name: string }[] = []) => {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1) throw new Error(`--package ${value}: write ECOSYSTEM:NAME, e.g. PyPI:pymodbus`);
  return [...previous, { ecosystem: value.slice(0, at), name: value.slice(at + 1) }];
};

/** "3 min ago", "in 2 h": when a feed ran or will run, for people. */
export function relative(iso: string | null, now = Date.now()): string {
  if (iso === null) return '-';
  const s = Math.round((Date.parse(iso) - now) / 1000);
  const a = Math.abs(s);
  const text = a < 90 ? `${a} s` : a < 5400 ? `${Math.round(a / 60)} min` : a < 172_800 ? `${Math.round(a / 3600)} h` : `${Math.round(a / 86_400)} d`;
  return s < 0 ? `${text} ago` : `in ${text}`;
}

export function resultLine(r: KbFeedRunResult | null): string {
  if (r === null) return 'never run';
  if (r.error !== null) return `failed: ${r.error}`;
  if (r.stats === null) return `nothing new (${r.requests} requests, ${r.notModified} not modified)`;
  const s = r.stats;
  return `${r.documents} documents: ${s.vulnerabilities} vulnerabilities, ${s.advisories} advisories, ${s.unchanged} unchanged; ${s.errors} errors, ${s.warnings} warnings${r.complete ? '' : ' (more next run)'}`;
}

function printFeed(ctx: CliContext, f: KbFeed): void {
  ctx.out.line(`${f.name}  ${f.kind}  ${f.url}`);
  ctx.out.line(`every ${f.intervalMinutes === null ? '-' : `${f.intervalMinutes} min`}; next run ${relative(f.nextRunAt)}; last run ${relative(f.lastRunAt)}${f.hasApiKey ? '; API key stored (sealed)' : ''}`);
  ctx.out.line(`last result: ${resultLine(f.lastResult)}`);
  if (f.running) ctx.out.line(`running since ${relative(f.runningSince)}: ${f.progress?.phase ?? ''} (${f.progress?.documents ?? 0} documents)`);
  for (const w of f.lastResult?.warnings ?? []) ctx.out.error(`  ${w}`);
}

export function kbFeedsCommand(ctx: CliContext): Command {
  const feeds = new Command('feeds').description('scheduled knowledge feeds: CSAF provider metadata or ROLIE, CISA KEV, NVD API 2.0, OSV, CNVD (root organisation)');

  feeds
    .command('add <name>')
    .description('define (or change) a feed; it runs every --every minutes while a server runs, or with `kb feeds run`')
    .addOption(new Option('--kind <kind>', 'what the URL serves').choices(feedKinds).makeOptionMandatory())
    .requiredOption('--url <url>', 'provider-metadata.json, a ROLIE feed, a CSAF directory/ (with changes.csv), the KEV JSON, the NVD CVE API, an OSV all.zip or query URL, a CNVD XML file')
    .option('--every <minutes>', 'run every so many minutes (5 to 10080)', positive)
    .option('--api-key-file <file>', 'NVD: read the API key from a file (stored sealed, never shown)')
    .option('--since <date>', 'NVD: where the first run starts (default 120 days back)')
    .option('--page-size <n>', 'NVD: CVEs per page (at most 2000)', positive)
    .option('--max-documents <n>', 'most documents one run imports; the next run goes on', positive)
    .option('--package <ecosystem:name>', 'OSV: query this package (repeat) instead of downloading the ecosystem archive', packageOf)
    .action(async (name: string, o: { kind: FeedKind; url: string; every?: number; apiKeyFile?: string; since?: string; pageSize?: number; maxDocuments?: number; package?: { ecosystem: string; name: string }[] }, cmd: Command) =>
      withFeeds(ctx, cmd, async ({ client }) => {
        const apiKey = o.apiKeyFile === undefined ? undefined : (await readFile(o.apiKeyFile, 'utf8')).trim();
        const options: KbFeedOptions = { since: o.since, resultsPerPage: o.pageSize, maxDocuments: o.maxDocuments, packages: o.package };
        const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as KbFeedOptions;
        const feed = await client.kbSaveFeed(name, { kind: o.kind, url: o.url, apiKey, intervalMinutes: o.every, options: defined });
        emit(ctx, cmd, feed, () => printFeed(ctx, feed));
      }),
    );

  feeds
    .command('list', { isDefault: true })
    .description('feeds with their schedule and last result')
    .action(async (_o, cmd: Command) =>
      withFeeds(ctx, cmd, async ({ client }) => {
        const list = await client.kbFeeds();
        emit(ctx, cmd, list, () =>
          ctx.out.table(
            list.map((f) => ({ ...f, every: f.intervalMinutes === null ? '-' : `${f.intervalMinutes} min`, next: relative(f.nextRunAt), last: relative(f.lastRunAt), result: f.running ? `running: ${f.progress?.documents ?? 0} documents` : resultLine(f.lastResult) })),
            ['name', 'kind', 'url', 'every', 'next', 'last', 'result'],
          ),
        );
      }),
    );

  feeds
    .command('show <name>')
    .description('one feed, its position and its last result')
    .action(async (name: string, _o, cmd: Command) =>
      withFeeds(ctx, cmd, async ({ client }) => {
        const feed = await client.kbFeed(name);
        emit(ctx, cmd, feed, () => printFeed(ctx, feed));
      }),
    );

  feeds
    .command('run <name>')
    .description('run a feed now, from where it stopped, and wait for it')
    .action(async (name: string, _o, cmd: Command) =>
      withFeeds(ctx, cmd, async ({ client }) => {
        const outcome = await client.kbRunFeed(name);
        emit(ctx, cmd, outcome, () => ctx.out.line(`${name}: ${resultLine(outcome.result)} (${outcome.result?.ms ?? 0} ms)`));
        if (outcome.result?.error !== null && outcome.result?.error !== undefined) throw new Error(`the feed run failed: ${outcome.result.error}`);
      }),
    );

  feeds
    .command('remove <name>')
    .description('remove a feed and its API key (what it imported stays)')
    .action(async (name: string, _o, cmd: Command) =>
      withFeeds(ctx, cmd, async ({ client }) => {
        await client.kbRemoveFeed(name);
        emit(ctx, cmd, { removed: name }, () => ctx.out.line(`feed ${name} removed`));
      }),
    );

  return feeds;
}
