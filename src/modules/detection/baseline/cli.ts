// `bulwark baselines ...`: learning progress per zone, a baseline's content and deviations, accepting
// deviations and relearning, through the module's client (locally or to a server).
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../../platform/cli-kit/with-client.js';
import type { BaselineClient } from './client-port.js';
import { baselineStates, type BaselineDetail, type BaselineState, type BaselineSummary } from './types.js';

async function openBaselineClient(connection: Connection): Promise<BaselineClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpBaselineClient(connection.api);
  return (await import('./client-local.js')).localBaselineClient((await connection.services()).detection.baselines, connection.actor);
}

const withBaselines = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<BaselineClient>) => Promise<T>) => withClient(ctx, cmd, openBaselineClient, fn, { orgId: '--org' });

const zoneName = (b: BaselineSummary) => (b.zone === '' ? '(organisation)' : b.zone);
const percent = (p: number) => `${Math.floor(p * 100)}%`;

function printBaseline(ctx: CliContext, b: BaselineDetail): void {
  ctx.out.line(`zone ${zoneName(b)}  ${b.state}  ${percent(b.progress)} learnt  version ${b.version}  (id ${b.id})`);
  ctx.out.line(`learning period ${b.learningMs / 3_600_000} h of event time from ${b.learnStart ?? '-'} to ${b.learnedThrough ?? '-'}${b.activatedAt === null ? '' : `; active since ${b.activatedAt}`}`);
  ctx.out.line(`items: ${Object.entries(b.items).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);
  for (const d of b.deviations) ctx.out.line(`${d.status === 'open' ? 'OPEN    ' : 'accepted'}  ${d.id}  ${d.kind}  seen ${d.seen}; expected ${d.expected}  (${d.count}x, last ${d.lastSeen})`);
  for (const v of b.versions) ctx.out.line(`version ${v.version}  ${v.change} by ${v.actor} at ${v.createdAt} (${v.items} items)`);
}

export function baselinesCommand(ctx: CliContext): Command {
  const baselines = new Command('baselines').description('what is normal per zone, learnt from events: learning progress, deviations, accept, relearn');

  baselines
    .command('list', { isDefault: true })
    .description('baselines per organisation and zone, with learning progress and open deviations')
    .option('--zone <zone>', 'only this zone')
    .addOption(new Option('--state <state>', 'only baselines in this state').choices(baselineStates))
    .action(async (o: { zone?: string; state?: BaselineState }, cmd: Command) =>
      withBaselines(ctx, cmd, async ({ client }) => {
        const { items } = await client.listBaselines({ zone: o.zone, state: o.state });
        emit(ctx, cmd, items, () =>
          ctx.out.table(
            items.map((b) => ({ ...b, zone: zoneName(b), learnt: percent(b.progress), items: Object.values(b.items).reduce((a, n) => a + n, 0), deviations: b.openDeviations })),
            ['id', 'zone', 'state', 'learnt', 'version', 'items', 'deviations'],
          ),
        );
      }),
    );

  baselines
    .command('show <id>')
    .description('one baseline with its deviations and versions (--json: its whole content)')
    .action(async (id: string, _o, cmd: Command) =>
      withBaselines(ctx, cmd, async ({ client }) => {
        const b = await client.showBaseline(id);
        emit(ctx, cmd, b, () => printBaseline(ctx, b));
      }),
    );

  baselines
    .command('accept <id> <deviation...>')
    .description('accept deviations into the baseline: what they saw becomes normal, as a new version')
    .option('--note <text>', 'why, kept in the version and the audit log')
    .action(async (id: string, deviations: string[], o: { note?: string }, cmd: Command) =>
      withBaselines(ctx, cmd, async ({ client }) => {
        const b = await client.acceptDeviations(id, deviations, o.note);
        emit(ctx, cmd, b, () => printBaseline(ctx, b));
      }),
    );

  baselines
    .command('relearn <id>')
    .description('learn the zone again from the next event (the old content is kept in the version this ends)')
    .option('--reason <text>', 'why, kept in the version and the audit log')
    .action(async (id: string, o: { reason?: string }, cmd: Command) =>
      withBaselines(ctx, cmd, async ({ client }) => {
        const b = await client.relearnBaseline(id, o.reason);
        emit(ctx, cmd, b, () => printBaseline(ctx, b));
      }),
    );

  return baselines;
}
