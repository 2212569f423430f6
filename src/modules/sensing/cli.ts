import { Command, Option } from 'commander';
import { emit, globals, type CliContext, type Connection } from '../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../platform/cli-kit/with-client.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import type { EventItem, EventsClient } from './client-port.js';
import { importFormats, type ImportFormat, type ImportReport } from './event-import.js';

/** The local adapter on the wired services, or the HTTP adapter; each loaded only when used. */
async function openEventsClient(connection: Connection): Promise<EventsClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpEventsClient(connection.api);
  const services = await connection.services();
  return (await import('./client-local.js')).localEventsClient(services.database, services.sensing, connection.actor);
}

// Where the service and the API name a field, the command names its flag or argument.
const eventFlags = { file: '<file>', orgId: '--org', tlp: '--tlp', sharedUpward: '--share-upward', format: '--format', query: '[query]', from: '--from', to: '--to', limit: '--limit', cursor: '--cursor', days: '--days' };

const withEvents = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<EventsClient>) => Promise<T>) => withClient(ctx, cmd, openEventsClient, fn, eventFlags);

const positive = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a whole number of at least 1`);
  return n;
};

/** One line per event: time, severity, kind, who talked to whom, message. */
function eventLine(e: EventItem): string {
  const endpoint = (x: { ip?: string; port?: number } | undefined) => (x?.ip === undefined ? '' : x.port === undefined ? x.ip : `${x.ip}:${x.port}`);
  const from = endpoint(e.fields?.source);
  const to = endpoint(e.fields?.destination);
  const flow = from === '' && to === '' ? '' : `${from || '?'} -> ${to || '?'}  `;
  return `${e.time}  ${(e.severity ?? '').padEnd(8)} ${(e.kind ?? '').padEnd(9)} ${flow}${e.message ?? ''}`;
}

function printImport(ctx: CliContext, file: string, r: ImportReport): void {
  ctx.out.line(`imported ${file}: ${r.files} file(s), ${r.lines} lines, ${r.accepted} events stored, ${r.rejected} rejected in ${(r.elapsedMs / 1000).toFixed(2)} s`);
  for (const i of r.issues.slice(0, 50)) ctx.out.error(`  ${i.file}:${i.line}${i.path === '' ? '' : ` ${i.path}`}: ${i.message}`);
  if (r.issues.length > 50 || r.issuesTruncated) ctx.out.error('  ... more issues: use --json to see the first 200');
}

export function eventsCommand(ctx: CliContext): Command {
  const events = new Command('events').description('normalized events: import logs, query, follow the live stream');

  events
    .command('import <file>')
    .description('import a log file or a directory of them (gzip accepted): Zeek, Suricata EVE, syslog, Windows events or NDJSON event drafts; broken lines are reported by file and line, the rest stored')
    .addOption(new Option('--format <format>', 'the files\u2019 format').choices(importFormats).makeOptionMandatory())
    .option('--org <org>', 'organisation the events belong to (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .addOption(new Option('--tlp <tlp>', 'TLP of the events (default amber)').choices(tlpLevels))
    .option('--share-upward', 'let parent organisations read what TLP allows')
    .action(async (file: string, o: { format: ImportFormat; org?: string; tlp?: Tlp; shareUpward?: boolean }, cmd: Command) =>
      withEvents(ctx, cmd, async ({ client, orgs, connection }) => {
        const orgId = await orgs.choose(o.org);
        if (orgId === undefined && connection.mode === 'local') throw new Error('--org is required: name the organisation the events belong to');
        const report = await client.eventsImport(file, { format: o.format, orgId, tlp: o.tlp, sharedUpward: o.shareUpward });
        emit(ctx, cmd, report, () => printImport(ctx, file, report));
        if (report.accepted === 0 && report.rejected > 0) throw new Error('no event of the input could be stored');
      }),
    );

  events
    .command('query [query]')
    .description('events in a time range, newest first, e.g. bulwark events query \'source.ip:10.20.1.0/24 ics.operation:(stop,start) severity>=medium\'')
    .option('--from <time>', 'start: ISO 8601 or relative (now-24h, now-7d); default 24 hours before --to')
    .option('--to <time>', 'end: ISO 8601 or relative; default now')
    .option('--limit <n>', 'events per page (default 100, at most 1000)', positive('--limit'))
    .option('--cursor <cursor>', 'the next page: the cursor the previous page printed')
    .option('--count', 'print only how many events match')
    .action(async (query: string | undefined, o: { from?: string; to?: string; limit?: number; cursor?: string; count?: boolean }, cmd: Command) =>
      withEvents(ctx, cmd, async ({ client }) => {
        const input = { query, from: o.from, to: o.to };
        if (o.count === true) {
          const counted = await client.eventsCount(input);
          emit(ctx, cmd, counted, () => ctx.out.line(String(counted.count)));
          return;
        }
        const page = await client.eventsQuery({ ...input, limit: o.limit, cursor: o.cursor });
        emit(ctx, cmd, page, () => {
          for (const e of page.items) ctx.out.line(eventLine(e));
          ctx.out.error(`${page.items.length} events from ${page.from} to ${page.to}${page.nextCursor === null ? '' : `; more: --cursor ${page.nextCursor}`}`);
        });
      }),
    );

  events
    .command('tail [query]')
    .description('follow newly stored events that match the query until interrupted (over the API: server-sent events; locally: polling the database)')
    .option('--limit <n>', 'stop after this many events', positive('--limit'))
    .action(async (query: string | undefined, o: { limit?: number }, cmd: Command) =>
      withEvents(ctx, cmd, async ({ client }) => {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        let seen = 0;
        const json = globals(cmd).json === true;
        try {
          await client.eventsTail(
            query,
            (e) => {
              if (controller.signal.aborted) return;
              seen += 1;
              // One JSON object per line, so that the output pipes into jq and other line tools.
              if (json) ctx.out.line(JSON.stringify(e));
              else ctx.out.line(eventLine(e));
              if (o.limit !== undefined && seen >= o.limit) controller.abort();
            },
            controller.signal,
          );
        } finally {
          process.off('SIGINT', stop);
        }
      }),
    );

  events
    .command('retention')
    .description('how many days an organisation\u2019s events are kept; --days N sets its own retention, --default returns it to the server\u2019s (BULWARK_EVENT_RETENTION_DAYS); setting takes an admin of the organisation or of one above it')
    .option('--org <org>', 'the organisation (id or name; over the API default: the token\u2019s own; locally BULWARK_DEFAULT_ORG or the only one)')
    .option('--days <n>', 'keep its events this many days', positive('--days'))
    .option('--default', 'drop its own setting: the server\u2019s default applies')
    .action(async (o: { org?: string; days?: number; default?: boolean }, cmd: Command) =>
      withEvents(ctx, cmd, async ({ client, orgs }) => {
        if (o.days !== undefined && o.default === true) throw new Error('--days and --default exclude each other');
        const orgId = await orgs.choose(o.org);
        const changing = o.days !== undefined || o.default === true;
        const retention = changing ? await client.setEventsRetention(orgId, o.days ?? null) : await client.eventsRetention(orgId);
        emit(ctx, cmd, retention, () =>
          ctx.out.line(`${retention.days} days${retention.ownDays === null ? ` (the server\u2019s default)` : ` (its own; the server\u2019s default is ${retention.defaultDays})`}`),
        );
      }),
    );

  return events;
}
