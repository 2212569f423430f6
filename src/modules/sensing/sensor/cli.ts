// `bulwark sensor ...` runs a sensor; `bulwark sensors ...` registers and lists them on a server or the
// local database. Thin: arguments in, the module's functions called, results printed.
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { emit, globals, type CliContext, type Connection } from '../../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../../platform/cli-kit/with-client.js';
import { InputError } from '../../../platform/errors.js';
import { openCaptureSource } from './capture-source.js';
import type { SensorClient } from './client-port.js';
import { createShipper } from './shipper.js';
import { startSensorRun, type SensorRunResult } from './sensor-run.js';
import { openSpool } from './spool.js';

async function openSensorClient(connection: Connection): Promise<SensorClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpSensorClient(connection.api);
  const { createSensorService } = await import('./sensor.service.js');
  return (await import('./client-local.js')).localSensorClient(createSensorService(connection.database), connection.actor);
}

const withSensors = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<SensorClient>) => Promise<T>) => withClient(ctx, cmd, openSensorClient, fn, { name: '<name>' });

export function sensorsCommand(ctx: CliContext): Command {
  const sensors = new Command('sensors').description('capture sensors registered with this node: tokens, last contact, rates, drops');
  sensors
    .command('add <name>')
    .description('register a sensor; prints its token once (it may only send events for the organisation)')
    .option('--org <org>', 'organisation (id or name; locally defaults to BULWARK_DEFAULT_ORG or the only one)')
    .action(async (name: string, o: { org?: string }, cmd: Command) =>
      withSensors(ctx, cmd, async ({ client, orgs }) => {
        const orgId = await orgs.choose(o.org);
        const sensor = await client.sensorAdd({ name, ...(orgId === undefined ? {} : { orgId }) });
        emit(ctx, cmd, sensor, () => {
          ctx.out.line(`sensor ${sensor.name} (${sensor.id}) of ${sensor.orgName}`);
          ctx.out.line(`token (shown once): ${sensor.token}`);
          ctx.out.line(`run it: tcpdump -U -w - | bulwark sensor --read - --server URL --token ${sensor.token}`);
        });
      }),
    );
  sensors
    .command('list')
    .description('sensors with last contact, events received, the rates and drops they report')
    .action(async (_o, cmd: Command) =>
      withSensors(ctx, cmd, async ({ client }) => {
        const list = await client.sensorList();
        emit(ctx, cmd, { items: list }, () =>
          ctx.out.table(
            list.map((s) => ({
              id: s.id,
              name: s.name,
              org: s.orgName,
              state: s.revokedAt === null ? 'active' : 'revoked',
              last_contact: s.lastContactAt ?? 'never',
              events: s.eventsReceived,
              pps: s.reported.packetsPerSecond ?? '',
              eps: s.reported.eventsPerSecond ?? '',
              spooled: s.reported.spooledEvents ?? '',
              dropped: s.reported.droppedEvents ?? 0,
            })),
            ['id', 'name', 'org', 'state', 'last_contact', 'events', 'pps', 'eps', 'spooled', 'dropped'],
          ),
        );
      }),
    );
  sensors
    .command('revoke <id>')
    .description('revoke a sensor: its token stops working at once')
    .action(async (id: string, _o, cmd: Command) =>
      withSensors(ctx, cmd, async ({ client }) => {
        await client.sensorRevoke(id);
        emit(ctx, cmd, { id, revoked: true }, () => ctx.out.line(`sensor ${id} revoked`));
      }),
    );
  return sensors;
}

const positive = (what: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`a positive number (${what})`);
  return n;
};

interface SensorFlags {
  read?: string;
  interface?: string;
  name?: string;
  spool?: string;
  spoolLimit: number;
  flush: number;
  snapshot: number;
  batch: number;
}

export function sensorCommand(ctx: CliContext): Command {
  return new Command('sensor')
    .description('run a capture sensor: a live packet stream in, operations, hosts and communications shipped to a server')
    .option('--read <file>', 'pcap/pcapng file, or - for standard input (tcpdump -U -w - | bulwark sensor --read -)')
    .option('--interface <name>', 'capture on an interface with dumpcap or tcpdump (whichever is installed)')
    .option('--name <name>', 'sensor name events carry as observer.name (default: the host name)')
    .option('--spool <dir>', 'disk buffer for batches the server has not taken yet (default: BULWARK_SENSOR_SPOOL or ~/.bulwark/sensor/<name>)')
    .option('--spool-limit <MiB>', 'disk buffer bound; the oldest batches are dropped (and counted) past it', positive('MiB'), 512)
    .option('--flush <seconds>', 'hand completed operations over this often', positive('seconds'), 1)
    .option('--snapshot <seconds>', 'ship hosts and communications that changed this often', positive('seconds'), 60)
    .option('--batch <events>', 'events per request at most', positive('events'), 5000)
    .action(async (o: SensorFlags, cmd: Command) => {
      const g = globals(cmd);
      const server = g.server ?? ctx.env.BULWARK_SERVER;
      const token = g.token ?? ctx.env.BULWARK_TOKEN;
      if (server === undefined || token === undefined) {
        throw new InputError('a sensor ships to a server', [{ path: '--server', message: 'give --server URL and --token T (from `bulwark sensors add NAME`), or BULWARK_SERVER and BULWARK_TOKEN' }]);
      }
      const name = o.name ?? hostname();
      const source = openCaptureSource({ read: o.read, interface: o.interface });
      source.child?.stderr?.on('data', (d: Buffer) => ctx.out.error(d.toString().trimEnd()));
      const spool = openSpool(o.spool ?? ctx.env.BULWARK_SENSOR_SPOOL ?? join(homedir(), '.bulwark', 'sensor', name), Math.round(o.spoolLimit * 1024 * 1024));
      const started = performance.now();
      let progress = () => ({ frames: 0, events: 0 });
      const rate = (n: number) => Math.round(n / Math.max(0.001, (performance.now() - started) / 1000));
      const shipper = createShipper({
        spool,
        server,
        token,
        report: () => {
          const p = progress();
          return { packets: p.frames, packetsPerSecond: rate(p.frames), eventsPerSecond: rate(p.events) };
        },
      });
      const backlog = spool.stats();
      if (backlog.segments > 0) ctx.out.error(`resending ${backlog.events} spooled events first`);
      const run = startSensorRun({ input: source.input, name, sink: shipper, flushMs: o.flush * 1000, snapshotMs: o.snapshot * 1000, batchEvents: Math.floor(o.batch) });
      progress = run.progress;
      // A stop signal ends reading; what is not delivered stays spooled for the next run.
      let stopping = false;
      const stop = () => {
        stopping = true;
        source.stop();
        void shipper.stop();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      let result: SensorRunResult;
      try {
        result = await run.done;
        if (!stopping) await shipper.drained();
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        source.stop();
        await shipper.stop();
      }
      const s = shipper.stats();
      const left = spool.stats();
      const summary = { ...result, name, source: source.description, shippedEvents: s.shippedEvents, shippedBatches: s.shippedBatches, rejectedEvents: s.rejectedEvents, spooledEvents: left.events, droppedEvents: left.droppedEvents };
      emit(ctx, cmd, summary, () => {
        ctx.out.line(`${result.frames} packets (${(result.bytes / 1e6).toFixed(1)} MB) from ${source.description} in ${(result.elapsedMs / 1000).toFixed(1)} s; ${result.operations} operations`);
        ctx.out.line(`${s.shippedEvents} events shipped in ${s.shippedBatches} batches; ${left.events} still spooled, ${left.droppedEvents} dropped (spool full), ${s.rejectedEvents} refused by the server`);
        if (result.readError) ctx.out.error(`reading stopped at frame ${result.readError.frame}: ${result.readError.message}`);
      });
    });
}

/**
 * `bulwark worker`, the scale-out side of the module's commands: loaded only when asked for, so the
 * sensor commands never load the NATS client.
 */
export async function workerCommand(ctx: CliContext): Promise<Command> {
  return (await import('../nats/worker-command.js')).workerCommand(ctx);
}
