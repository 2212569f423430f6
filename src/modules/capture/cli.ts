import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { emit, globals, type CliContext, type Connection } from '../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../platform/cli-kit/with-client.js';
import type { CaptureClient } from './client-port.js';
import { tlpLevels, type Tlp } from '../../platform/tlp.js';
import { operationClasses, protocolIds } from './dissectors/types.js';
import { simulateCommand } from './simulator/command.js';

/** The local adapter on the wired services, or the HTTP adapter; each loaded only when used. */
async function openCaptureClient(connection: Connection): Promise<CaptureClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpCaptureClient(connection.api);
  return (await import('./client-local.js')).localCaptureClient((await connection.services()).captures, connection.actor);
}

// Where the service and the API name a field, the command names its flag or argument.
const captureFlags = { path: '<file>', file: '<file>', name: '--name', sharedUpward: '--share-upward', mergeAssets: '--no-merge-assets', reanalyze: '--reanalyze', tlp: '--tlp', protocol: '--protocol', operation: '--operation', host: '--host', limit: '--limit' };

const withCaptures = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<CaptureClient>) => Promise<T>) => withClient(ctx, cmd, openCaptureClient, fn, captureFlags);

export function captureCommand(ctx: CliContext): Command {
  const capture = new Command('capture').description('packet captures: passive asset discovery, communications map, operations log');

  type AnalyzeOptions = { org?: string; name?: string; tlp?: Tlp; shareUpward?: boolean; mergeAssets: boolean; reanalyze?: boolean };
  const analyzeCommand = (file: string, o: AnalyzeOptions, cmd: Command) =>
    withCaptures(ctx, cmd, async ({ client, orgs }) => {
      const orgId = await orgs.choose(o.org);
      const job = await client.captureAnalyze(file, {
        name: o.name ?? file.split('/').pop() ?? file,
        orgId,
        tlp: o.tlp,
        sharedUpward: o.shareUpward,
        mergeAssets: o.mergeAssets,
        reanalyze: o.reanalyze,
      });
      if (job.status === 'failed') throw new Error(`analysis failed: ${job.error ?? 'unknown error'}`);
      emit(ctx, cmd, job, () => {
        const s = job.summary;
        ctx.out.line(`job ${job.id}: ${job.status}`);
        if (!s) return;
        ctx.out.line(`${s.format}, ${s.frames} frames, ${(s.bytes / 1e6).toFixed(1)} MB in ${(s.elapsedMs / 1000).toFixed(2)} s (${s.packetsPerSecond} packets/s, ${s.megabytesPerSecond} MB/s)`);
        ctx.out.line(`protocols: ${Object.entries(s.pdus).map(([p, n]) => `${p} ${n}`).join(', ') || 'none recognized'}`);
        ctx.out.line(`${s.hosts} hosts, ${s.communications} communication pairs, ${s.operations} operation records, ${s.malformed} malformed`);
        ctx.out.line(`assets: ${s.assets.created} created, ${s.assets.updated} filled in, ${s.assets.conflicts} conflicts recorded`);
        if (s.readError) ctx.out.error(`reading stopped at frame ${s.readError.frame}: ${s.readError.message} (${s.readError.code}); everything before it was analyzed`);
      });
    });

  capture
    .command('analyze <file>')
    .description('analyze a pcap/pcapng file (gzip accepted); results are stored and discovered devices merge into assets')
    .option('--org <org>', 'organisation (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .option('--name <name>', 'job name (default: the file name)')
    .addOption(new Option('--tlp <tlp>', 'TLP of the results').choices(tlpLevels))
    .option('--share-upward', 'let parent organisations read the results')
    .option('--no-merge-assets', 'do not create or fill assets from what was discovered')
    .option('--reanalyze', 'analyze again even if the organisation already has a job for this file (same SHA-256)')
    .action(async (file: string, o: AnalyzeOptions, cmd: Command) => {
      // On the local database the analysis starts before the database is open (see head-start.ts).
      const local = globals(cmd).server === undefined && (ctx.env['BULWARK_SERVER'] ?? '') === '';
      const ahead = local ? await import('./head-start.js') : undefined;
      ahead?.startHeadStart(file);
      try {
        await analyzeCommand(file, o, cmd);
      } finally {
        ahead?.discardHeadStarts();
      }
    });

  capture
    .command('list')
    .description('capture jobs you may see')
    .action(async (_o, cmd: Command) =>
      withCaptures(ctx, cmd, async ({ client }) => {
        const jobs = await client.captureList();
        emit(ctx, cmd, jobs, () => ctx.out.table(jobs.map((j) => ({ ...j, frames: j.frames, progress: `${Math.round(j.progress * 100)}%` })), ['id', 'name', 'status', 'progress', 'frames', 'orgName', 'createdAt']));
      }),
    );

  capture
    .command('hosts <job>')
    .description('devices discovered by a job, with identity and role')
    .action(async (id: string, _o, cmd: Command) =>
      withCaptures(ctx, cmd, async ({ client }) => {
        const hosts = await client.captureHosts(id);
        emit(ctx, cmd, hosts, () =>
          ctx.out.table(
            hosts.map((h) => ({
              ...h,
              role: h.roles[0] ? `${h.roles[0].role} (${h.roles[0].confidence})` : '',
              vendor: h.identity.vendor ?? h.macVendor ?? '',
              model: h.identity.model ?? '',
              firmware: h.identity.firmware ?? '',
              serves: h.serves.join(' '),
            })),
            ['key', 'mac', 'role', 'vendor', 'model', 'firmware', 'serves'],
          ),
        );
      }),
    );

  capture
    .command('comms <job>')
    .description('communications map: pairs by protocol')
    .action(async (id: string, _o, cmd: Command) =>
      withCaptures(ctx, cmd, async ({ client }) => {
        const pairs = await client.captureCommunications(id);
        emit(ctx, cmd, pairs, () => ctx.out.table(pairs, ['client', 'server', 'protocol', 'port', 'packets', 'bytes', 'firstSeen', 'lastSeen']));
      }),
    );

  capture
    .command('ops <job>')
    .description('the operations log, in time order')
    .addOption(new Option('--protocol <protocol>').choices(protocolIds))
    .option('--operation <classes>', `comma-separated: ${operationClasses.join(', ')}`)
    .option('--host <ip-or-mac>')
    .option('--limit <n>', 'records', (v) => Number.parseInt(v, 10), 100)
    .action(async (id: string, o: { protocol?: string; operation?: string; host?: string; limit: number }, cmd: Command) =>
      withCaptures(ctx, cmd, async ({ client }) => {
        const page = await client.captureOperations(id, { protocol: o.protocol, operation: o.operation, host: o.host, limit: o.limit });
        emit(ctx, cmd, page, () =>
          ctx.out.table(
            page.items.map((r) => ({ ...r, n: r.count > 1 ? `×${r.count}` : '' })),
            ['frame', 'time', 'source', 'destination', 'protocol', 'operation', 'name', 'target', 'values', 'result', 'detail', 'n'],
          ),
        );
      }),
    );

  const rules = capture.command('rules').description('fingerprint rules (built-in and your organisation’s)');
  rules
    .command('list')
    .action(async (_o, cmd: Command) =>
      withCaptures(ctx, cmd, async ({ client }) => {
        const list = await client.captureRules();
        emit(ctx, cmd, list, () => ctx.out.table(list.map((r) => ({ ...r, then: JSON.stringify(r.then), when: JSON.stringify(r.when) })), ['id', 'builtin', 'confidence', 'when', 'then']));
      }),
    );
  rules
    .command('add <file>')
    .description('add a rule from a JSON file: {"id","name","when":{...},"then":{...},"confidence"}')
    .action(async (file: string, _o, cmd: Command) =>
      withCaptures(ctx, cmd, async ({ client }) => {
        const rule = await client.captureAddRule(JSON.parse(await readFile(file, 'utf8')) as unknown);
        emit(ctx, cmd, rule, () => ctx.out.line(`rule ${rule.id} added`));
      }),
    );
  capture.addCommand(simulateCommand(ctx));
  return capture;
}
