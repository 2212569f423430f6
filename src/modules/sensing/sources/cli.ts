import { Command, InvalidArgumentError, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../../platform/cli-kit/context.js';
import { inFlagTerms } from '../../../platform/cli-kit/flags.js';
import { withClient, type ClientUse } from '../../../platform/cli-kit/with-client.js';
import { tlpLevels, type Tlp } from '../../../platform/tlp.js';
import type { SourceClient } from './client-port.js';
import { eventSourceTypes, syslogProtocols, type EventSourceConfig, type EventSourceType, type EventSourceView, type SenderRange, type SyslogProtocol } from './types.js';

async function openSourceClient(connection: Connection): Promise<SourceClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpSourceClient(connection.api);
  const { eventSourcesOf } = await import('./index.js');
  return (await import('./client-local.js')).localSourceClient(eventSourcesOf(await connection.services()).service, connection.actor);
}

// Where the service and the API name a field, the command names its flag (the API's paths start with body.).
const fields: Record<string, string> = {
  name: '<name>',
  tlp: '--tlp',
  'config.protocol': '--protocol',
  'config.host': '--host',
  'config.port': '--port',
  'config.certFile': '--cert',
  'config.keyFile': '--key',
  'config.caFile': '--ca',
  'config.senders': '--sender',
  'config.defaultOrgId': '--default-org',
  'config.brokerUrl': '--broker',
  'config.topics': '--topic',
  'config.qos': '--qos',
  'config.clientId': '--client-id',
  'config.username': '--username',
  'config.passwordFile': '--password-file',
  'config.payload': '--payload',
  'config.mapping.valuePath': '--value-path',
  'config.mapping.timePath': '--time-path',
  'config.mapping.metricPath': '--metric-path',
  'config.mapping.metric': '--metric',
  'config.mapping.unit': '--unit',
  'config.mapping.unitPath': '--unit-path',
  'config.path': '--path',
};
const sourceFlags = Object.fromEntries(Object.entries(fields).flatMap(([path, flag]) => [[path, flag], [`body.${path}`, flag]]));

/** Paths into lists (config.senders.2.range) take the flag of their longest known prefix (--sender.2.range). */
function listFlags(error: unknown): Record<string, string> {
  const details = (error as { details?: readonly { path: string }[] } | null)?.details ?? [];
  const out: Record<string, string> = {};
  for (const { path } of details) {
    const prefix = Object.keys(sourceFlags)
      .filter((p) => path.startsWith(`${p}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix !== undefined) out[path] = `${sourceFlags[prefix] ?? prefix}${path.slice(prefix.length)}`;
  }
  return out;
}

const withSources = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<SourceClient>) => Promise<T>) =>
  withClient(
    ctx,
    cmd,
    openSourceClient,
    async (use) => {
      try {
        return await fn(use);
      } catch (error) {
        throw inFlagTerms(error, listFlags(error));
      }
    },
    sourceFlags,
  );

const whole = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max || String(n) !== v.trim()) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
  return n;
};
const repeat = (value: string, previous: string[] = []) => [...previous, value];

interface CommonOptions {
  org?: string;
  tlp?: Tlp;
  sharedUpward?: boolean;
  disabled?: boolean;
}

interface AddOptions extends CommonOptions {
  protocol?: SyslogProtocol;
  host?: string;
  port?: number;
  cert?: string;
  key?: string;
  ca?: string;
  sender?: string[];
  defaultOrg?: string;
  broker?: string;
  topic?: string[];
  qos?: number;
  clientId?: string;
  username?: string;
  passwordFile?: string;
  payload?: 'auto' | 'json' | 'sparkplug';
  valuePath?: string;
  timePath?: string;
  metricPath?: string;
  metric?: string;
  unit?: string;
  unitPath?: string;
  path?: string;
  follow?: boolean;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** `RANGE=ORG`: the organisation by id or name, as --org takes it. */
async function sendersOf(use: ClientUse<SourceClient>, specs: readonly string[]): Promise<SenderRange[]> {
  const out: SenderRange[] = [];
  for (const spec of specs) {
    const at = spec.indexOf('=');
    if (at <= 0 || at === spec.length - 1) throw new Error(`--sender ${spec}: write RANGE=ORGANISATION, e.g. 10.20.0.0/16=plant-a`);
    out.push({ range: spec.slice(0, at), orgId: (await use.orgs.find(spec.slice(at + 1))) as string });
  }
  return out;
}

async function configOf(type: EventSourceType, o: AddOptions, use: ClientUse<SourceClient>): Promise<EventSourceConfig> {
  if (type === 'syslog') {
    return defined({
      protocol: o.protocol ?? 'udp',
      host: o.host,
      port: o.port as number,
      certFile: o.cert,
      keyFile: o.key,
      caFile: o.ca,
      senders: o.sender === undefined ? undefined : await sendersOf(use, o.sender),
      defaultOrgId: o.defaultOrg === undefined ? undefined : await use.orgs.find(o.defaultOrg),
    });
  }
  if (type === 'mqtt') {
    const mapping = o.valuePath === undefined ? undefined : defined({ valuePath: o.valuePath, timePath: o.timePath, metricPath: o.metricPath, metric: o.metric, unit: o.unit, unitPath: o.unitPath });
    return defined({ brokerUrl: o.broker as string, topics: o.topic ?? [], qos: o.qos as 0 | 1 | 2 | undefined, clientId: o.clientId, username: o.username, passwordFile: o.passwordFile, payload: o.payload, mapping });
  }
  return defined({ path: o.path as string, follow: o.follow });
}

function endpointOf(s: EventSourceView): string {
  const c = s.config as unknown as Record<string, unknown>;
  if (s.type === 'syslog') return `${String(c['protocol'])} ${String(c['host'] ?? '0.0.0.0')}:${String(c['port'])}`;
  if (s.type === 'mqtt') return `${String(c['brokerUrl'])} ${(c['topics'] as string[]).join(' ')}`;
  return `${String(c['path'])}${c['follow'] === true ? ' (follow)' : ''}`;
}

function countersLine(s: EventSourceView): string {
  const c = s.status.counters;
  return `received ${c.received}, accepted ${c.accepted}, stored ${c.stored ?? '-'}, dropped ${c.dropped}, rejected ${c.rejected}${c.unmatchedSenders > 0 ? ` (${c.unmatchedSenders} from unmapped senders)` : ''}; last event ${c.lastEventAt ?? '-'}`;
}

function printSource(ctx: CliContext, s: EventSourceView): void {
  ctx.out.line(`${s.name}  ${s.type}  ${endpointOf(s)}  (id ${s.id})`);
  ctx.out.line(`organisation ${s.orgId}; tlp:${s.tlp}${s.sharedUpward ? ', shared upward' : ''}; ${s.enabled ? 'enabled' : 'disabled'}; ${s.status.state}${s.status.since === null ? '' : ` since ${s.status.since}`}`);
  ctx.out.line(countersLine(s));
  if (s.status.lastError !== null) ctx.out.error(`last error: ${s.status.lastError}`);
}

/** A source by id, or by name among those the caller sees (names are unique per organisation). */
async function findSource(client: SourceClient, idOrName: string): Promise<EventSourceView> {
  const all = await client.listSources();
  const byId = all.find((s) => s.id === idOrName);
  if (byId !== undefined) return byId;
  const named = all.filter((s) => s.name === idOrName);
  if (named.length === 1 && named[0] !== undefined) return named[0];
  if (named.length > 1) throw new Error(`${named.length} sources are named ${idOrName}: give the id (${named.map((s) => s.id).join(', ')})`);
  throw new Error(`event source ${idOrName} not found`);
}

export function sourcesCommand(ctx: CliContext): Command {
  const sources = new Command('sources').description('event sources the server runs: syslog listeners, MQTT subscriptions, followed Zeek, Suricata and Windows event files');

  sources
    .command('add <type> <name>')
    .description(`define a source (${eventSourceTypes.join('|')}); the server starts it when enabled and restarts it on change`)
    .addOption(new Option('--org <org>', 'the organisation it belongs to (id or name)'))
    .addOption(new Option('--tlp <tlp>', 'marking of its events (default amber)').choices(tlpLevels))
    .option('--shared-upward', 'its events may be read by the organisations above (CLEAR, GREEN, AMBER)')
    .option('--disabled', 'define it without starting it')
    .addOption(new Option('--protocol <protocol>', 'syslog: transport (default udp)').choices(syslogProtocols))
    .option('--host <address>', 'syslog: address to bind (default 0.0.0.0)')
    .option('--port <port>', 'syslog: port to listen on', whole(1, 65_535))
    .option('--cert <file>', 'syslog tls: certificate (PEM, on the server)')
    .option('--key <file>', 'syslog tls: private key (PEM, on the server)')
    .option('--ca <file>', 'syslog tls: require client certificates signed by this CA')
    .option('--sender <range=org>', 'syslog: senders in RANGE belong to ORG (repeat; the most specific range wins)', repeat)
    .option('--default-org <org>', 'syslog: where senders outside every range go (else they are counted and dropped)')
    .option('--broker <url>', 'mqtt: broker URL, e.g. mqtt://10.0.0.5:1883')
    .option('--topic <filter>', 'mqtt: topic filter to subscribe to (repeat)', repeat)
    .option('--qos <qos>', 'mqtt: subscription QoS 0, 1 or 2', whole(0, 2))
    .option('--client-id <id>', 'mqtt: client identifier')
    .option('--username <name>', 'mqtt: user name')
    .option('--password-file <file>', 'mqtt: file on the server holding the password')
    .addOption(new Option('--payload <kind>', 'mqtt: payload format (auto: spBv1.0/ topics are Sparkplug B)').choices(['auto', 'json', 'sparkplug']))
    .option('--value-path <path>', 'mqtt JSON: where the value is, e.g. data.temperature')
    .option('--time-path <path>', 'mqtt JSON: where the time is (epoch s, ms or ISO 8601)')
    .option('--metric-path <path>', 'mqtt JSON: where the metric name is')
    .option('--metric <name>', 'mqtt JSON: the metric name when the payload has none (default: the topic)')
    .option('--unit <unit>', 'mqtt JSON: the unit of measure')
    .option('--unit-path <path>', 'mqtt JSON: where the unit is')
    .option('--path <path>', 'zeek|suricata|winevent: file or directory on the server')
    .option('--follow', 'zeek|suricata|winevent: keep reading as the file grows and rotates')
    .action(async (type: string, name: string, o: AddOptions, cmd: Command) =>
      withSources(ctx, cmd, async (use) => {
        if (!(eventSourceTypes as readonly string[]).includes(type)) throw new Error(`<type> must be one of ${eventSourceTypes.join(', ')}`);
        const kind = type as EventSourceType;
        const source = await use.client.addSource(
          defined({ type: kind, name, config: await configOf(kind, o, use), orgId: await use.orgs.choose(o.org), tlp: o.tlp, sharedUpward: o.sharedUpward, enabled: o.disabled === true ? false : undefined }),
        );
        emit(ctx, cmd, source, () => printSource(ctx, source));
      }),
    );

  sources
    .command('list', { isDefault: true })
    .description('sources with their state and counters')
    .addOption(new Option('--type <type>', 'only this type').choices(eventSourceTypes))
    .option('--org <org>', 'only this organisation (id or name)')
    .action(async (o: { type?: EventSourceType; org?: string }, cmd: Command) =>
      withSources(ctx, cmd, async (use) => {
        const list = await use.client.listSources({ type: o.type, orgId: await use.orgs.find(o.org) });
        emit(ctx, cmd, list, () =>
          ctx.out.table(
            list.map((s) => ({ ...s, endpoint: endpointOf(s), state: s.status.state, received: s.status.counters.received, stored: s.status.counters.stored ?? '-', dropped: s.status.counters.dropped, rejected: s.status.counters.rejected, error: s.status.lastError ?? '' })),
            ['name', 'type', 'endpoint', 'state', 'received', 'stored', 'dropped', 'rejected', 'error'],
          ),
        );
      }),
    );

  sources
    .command('show <source>')
    .description('one source (id or name), what it is doing and its last error')
    .action(async (idOrName: string, _o, cmd: Command) =>
      withSources(ctx, cmd, async ({ client }) => {
        const source = await client.showSource((await findSource(client, idOrName)).id);
        emit(ctx, cmd, source, () => printSource(ctx, source));
      }),
    );

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    sources
      .command(`${verb} <source>`)
      .description(enabled ? 'start a source (the server runs it)' : 'stop a source and keep its definition')
      .action(async (idOrName: string, _o, cmd: Command) =>
        withSources(ctx, cmd, async ({ client }) => {
          const source = await client.changeSource((await findSource(client, idOrName)).id, { enabled });
          emit(ctx, cmd, source, () => printSource(ctx, source));
        }),
      );
  }

  sources
    .command('remove <source>')
    .description('stop and remove a source (id or name); its events stay')
    .action(async (idOrName: string, _o, cmd: Command) =>
      withSources(ctx, cmd, async ({ client }) => {
        const source = await findSource(client, idOrName);
        await client.removeSource(source.id);
        emit(ctx, cmd, { removed: source.id, name: source.name }, () => ctx.out.line(`source ${source.name} removed`));
      }),
    );

  return sources;
}
