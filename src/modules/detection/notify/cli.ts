// `bulwark alerts channels ...`: an organisation's alert channels (webhook, e-mail, MQTT), their test
// and delivery log, and the notification rules that choose what goes where. Secrets are read from the
// environment, never from the command line (it shows in process lists and shell history).
import { Command, Option } from 'commander';
import { emit, type CliContext, type Connection } from '../../../platform/cli-kit/context.js';
import { withClient, type ClientUse } from '../../../platform/cli-kit/with-client.js';
import { alertSeverities, type AlertSeverity } from '../types.js';
import type { NotifyClient } from './client-port.js';
import type { ChannelInput } from './schemas.js';
import type { AlertChannel } from './types.js';

async function openNotifyClient(connection: Connection): Promise<NotifyClient> {
  if (connection.mode === 'remote') return (await import('./client-http.js')).httpNotifyClient(connection.api);
  const notifications = (await connection.services()).detection.notifications;
  if (notifications === undefined) throw new Error('notifications are not configured in this process');
  return (await import('./client-local.js')).localNotifyClient(notifications, connection.actor);
}

const withNotify = <T>(ctx: CliContext, cmd: Command, fn: (use: ClientUse<NotifyClient>) => Promise<T>) => withClient(ctx, cmd, openNotifyClient, fn, { orgId: '--org' });

const secretFrom = (env: NodeJS.ProcessEnv, variable: string | undefined): string | undefined => {
  if (variable === undefined) return undefined;
  const value = env[variable];
  if (value === undefined || value === '') throw new Error(`the environment variable ${variable} is not set`);
  return value;
};

const list = (v: string, prior: string[] = []) => [...prior, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

function printChannels(ctx: CliContext, channels: readonly AlertChannel[]): void {
  ctx.out.table(
    channels.map((c) => ({ ...c, target: c.config.kind === 'email' ? `${c.config.host}:${c.config.port} -> ${c.config.to.join(',')}` : c.config.kind === 'mqtt' ? `${c.config.url} ${c.config.topic}` : c.config.url })),
    ['id', 'name', 'kind', 'enabled', 'target'],
  );
}

export function channelsCommand(ctx: CliContext): Command {
  const channels = new Command('channels').description('where alerts are sent (signed webhooks, SMTP e-mail, MQTT) and which alerts go there');

  channels
    .command('list', { isDefault: true })
    .description('the organisation’s channels')
    .option('--org <org>', 'organisation (id or name; locally)')
    .action(async (o: { org?: string }, cmd: Command) =>
      withNotify(ctx, cmd, async ({ client, orgs }) => {
        const items = await client.listChannels(await orgs.choose(o.org));
        emit(ctx, cmd, items, () => printChannels(ctx, items));
      }),
    );

  const add = (kind: ChannelInput['kind'], description: string) =>
    channels
      .command(`add-${kind} <name>`)
      .description(description)
      .option('--org <org>', 'organisation (id or name; locally)');

  const create = (cmd: Command, org: string | undefined, input: (orgId: string | undefined) => ChannelInput) =>
    withNotify(ctx, cmd, async ({ client, orgs }) => {
      const made = await client.addChannel(input(await orgs.choose(org)));
      emit(ctx, cmd, made, () => ctx.out.line(`channel ${made.id} (${made.kind}) added`));
    });

  add('webhook', 'a webhook: each alert POSTed as JSON, signed with HMAC-SHA256 over "<timestamp>.<body>" (x-bulwark-signature)')
    .requiredOption('--url <url>', 'https:// (or http://) address')
    .requiredOption('--secret-env <VAR>', 'environment variable holding the signing key (16 characters or more)')
    .action(async (name: string, o: { org?: string; url: string; secretEnv: string }, cmd: Command) =>
      create(cmd, o.org, (orgId) => ({ kind: 'webhook', name, url: o.url, secret: secretFrom(ctx.env, o.secretEnv) ?? '', ...(orgId === undefined ? {} : { orgId }) })),
    );

  add('email', 'e-mail through an SMTP server')
    .requiredOption('--host <host>', 'SMTP server')
    .option('--port <n>', 'port (default 587)', (v) => Number(v), 587)
    .option('--secure', 'TLS from the start (port 465); otherwise STARTTLS when offered')
    .option('--username <name>', 'SMTP user')
    .option('--password-env <VAR>', 'environment variable holding the SMTP password')
    .requiredOption('--from <address>', 'sender address')
    .requiredOption('--to <address>', 'recipient (repeat, or comma-separated)', list)
    .action(async (name: string, o: { org?: string; host: string; port: number; secure?: boolean; username?: string; passwordEnv?: string; from: string; to: string[] }, cmd: Command) =>
      create(cmd, o.org, (orgId) => {
        const password = secretFrom(ctx.env, o.passwordEnv);
        return { kind: 'email', name, host: o.host, port: o.port, secure: o.secure === true, from: o.from, to: o.to, ...(o.username === undefined ? {} : { username: o.username }), ...(password === undefined ? {} : { password }), ...(orgId === undefined ? {} : { orgId }) };
      }),
    );

  add('mqtt', 'publish each alert as JSON to an MQTT topic')
    .requiredOption('--url <url>', 'broker, mqtt:// or mqtts://')
    .requiredOption('--topic <topic>', 'topic to publish to')
    .option('--username <name>', 'broker user')
    .option('--password-env <VAR>', 'environment variable holding the broker password')
    .addOption(new Option('--qos <n>', 'quality of service').choices(['0', '1']).default('1'))
    .action(async (name: string, o: { org?: string; url: string; topic: string; username?: string; passwordEnv?: string; qos: string }, cmd: Command) =>
      create(cmd, o.org, (orgId) => {
        const password = secretFrom(ctx.env, o.passwordEnv);
        return { kind: 'mqtt', name, url: o.url, topic: o.topic, qos: o.qos === '0' ? 0 : 1, ...(o.username === undefined ? {} : { username: o.username }), ...(password === undefined ? {} : { password }), ...(orgId === undefined ? {} : { orgId }) };
      }),
    );

  channels
    .command('test <id>')
    .description('send a test message now; exits with an error when it does not go through')
    .action(async (id: string, _o, cmd: Command) =>
      withNotify(ctx, cmd, async ({ client }) => {
        const result = await client.testChannel(id);
        emit(ctx, cmd, result, () => ctx.out.line(result.ok ? `delivered in ${result.ms} ms` : `not delivered: ${result.error ?? 'unknown error'}`));
        if (!result.ok) throw new Error(`the test message was not delivered: ${result.error ?? 'unknown error'}`);
      }),
    );

  channels
    .command('deliveries <id>')
    .description('the channel’s delivery log, newest first')
    .option('--limit <n>', 'at most this many (default 100)', (v) => Number(v))
    .action(async (id: string, o: { limit?: number }, cmd: Command) =>
      withNotify(ctx, cmd, async ({ client }) => {
        const items = await client.deliveries(id, o.limit);
        emit(ctx, cmd, items, () => ctx.out.table(items.map((d) => ({ ...d, lastError: d.lastError ?? '' })), ['createdAt', 'alertId', 'status', 'attempts', 'lastError']));
      }),
    );

  channels
    .command('remove <id>')
    .description('remove a channel; notification rules stop naming it')
    .action(async (id: string, _o, cmd: Command) =>
      withNotify(ctx, cmd, async ({ client }) => {
        await client.removeChannel(id);
        emit(ctx, cmd, { removed: id }, () => ctx.out.line(`channel ${id} removed`));
      }),
    );

  const rules = channels.command('rules').description('which alerts go to which channels');
  rules
    .command('list', { isDefault: true })
    .option('--org <org>', 'organisation (id or name; locally)')
    .action(async (o: { org?: string }, cmd: Command) =>
      withNotify(ctx, cmd, async ({ client, orgs }) => {
        const items = await client.listRules(await orgs.choose(o.org));
        emit(ctx, cmd, items, () => ctx.out.table(items.map((r) => ({ ...r, rules: r.ruleIds.join(',') || 'any', techniques: r.techniques.join(',') || 'any', channels: r.channelIds.join(',') })), ['id', 'name', 'minSeverity', 'rules', 'techniques', 'channels', 'enabled']));
      }),
    );
  rules
    .command('add <name>')
    .description('send alerts of these rules or techniques, at least this severe, to these channels')
    .requiredOption('--channel <id>', 'channel id (repeat, or comma-separated)', list)
    .option('--rule <id>', 'only alerts of this rule id, e.g. indicator:<stix id> or knowledge:kev (repeat)', list)
    .option('--technique <id>', 'only alerts with this ATT&CK technique (repeat)', list)
    .addOption(new Option('--min-severity <severity>', 'at least this severe (default high)').choices(alertSeverities))
    .option('--org <org>', 'organisation (id or name; locally)')
    .action(async (name: string, o: { channel: string[]; rule?: string[]; technique?: string[]; minSeverity?: AlertSeverity; org?: string }, cmd: Command) =>
      withNotify(ctx, cmd, async ({ client, orgs }) => {
        const orgId = await orgs.choose(o.org);
        const made = await client.addRule({ name, channelIds: o.channel, ...(o.rule === undefined ? {} : { ruleIds: o.rule }), ...(o.technique === undefined ? {} : { techniques: o.technique }), ...(o.minSeverity === undefined ? {} : { minSeverity: o.minSeverity }), ...(orgId === undefined ? {} : { orgId }) });
        emit(ctx, cmd, made, () => ctx.out.line(`notification rule ${made.id} added`));
      }),
    );
  rules
    .command('remove <id>')
    .action(async (id: string, _o, cmd: Command) =>
      withNotify(ctx, cmd, async ({ client }) => {
        await client.removeRule(id);
        emit(ctx, cmd, { removed: id }, () => ctx.out.line(`notification rule ${id} removed`));
      }),
    );
  return channels;
}
