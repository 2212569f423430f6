import { Command } from 'commander';
import type { CliContext } from '../platform/cli-kit/context.js';
import { emit, globals } from '../platform/cli-kit/context.js';
import type { Output } from '../platform/cli-kit/output.js';
import { VERSION } from '../version.js';

// Loaded when a command opens something: config, storage and the database driver are not needed for --help.
const connector = () => import('./connect.js');

/**
 * A command group as the program declares it: name and description for --help, and what to load
 * when it runs. Nothing of a module is imported until one of its commands is asked for.
 */
export interface CommandGroup {
  readonly name: string;
  readonly description: string;
  /** Its commands run a few queries and end (no module is loaded): see ConnectOptions.shortLived. */
  readonly shortLived?: true;
  load(ctx: CliContext): Promise<Command>;
}

const platform = () => import('../platform/cli-kit/platform-commands.js');

export const commandGroups: readonly CommandGroup[] = [
  { name: 'serve', description: 'start the API and web console (migrates and bootstraps an empty database first)', load: async (ctx) => (await import('./serve-command.js')).serveCommand(ctx) },
  { name: 'migrate', description: 'apply pending database migrations and exit', load: async (ctx) => migrateCommand(ctx) },
  { name: 'demo', description: 'load the demo organisations, users and assets (idempotent; local database only)', load: async (ctx) => demoCommand(ctx) },
  { name: 'org', shortLived: true, description: 'organisations: national, provincial, industry and enterprise nodes', load: async (ctx) => (await platform()).orgCommand(ctx) },
  { name: 'user', shortLived: true, description: 'users and their roles', load: async (ctx) => (await platform()).userCommand(ctx) },
  { name: 'token', shortLived: true, description: 'API tokens (shown once, stored hashed)', load: async (ctx) => (await platform()).tokenCommand(ctx) },
  { name: 'asset', description: 'the asset inventory: PLCs, RTUs, HMIs, workstations, network devices', load: async (ctx) => (await import('../modules/assets/cli.js')).assetCommand(ctx) },
  { name: 'audit', shortLived: true, description: 'read the audit log (admins)', load: async (ctx) => (await platform()).auditCommand(ctx) },
  { name: 'kb', description: 'the basic resource library: vulnerabilities, advisories, products, ATT&CK for ICS', load: async (ctx) => (await import('../modules/knowledge/cli.js')).knowledgeCommand(ctx) },
  { name: 'capture', description: 'packet captures: passive asset discovery, communications map, operations log', load: async (ctx) => (await import('../modules/capture/cli.js')).captureCommand(ctx) },
  { name: 'intel', description: 'threat intelligence: STIX 2.1 bundles, patterns, the intelligence store', load: async (ctx) => (await import('../modules/intel/cli.js')).intelCommand(ctx) },
  { name: 'events', description: 'normalized events: import logs, query, follow the live stream', load: async (ctx) => (await import('../modules/sensing/cli.js')).eventsCommand(ctx) },
  { name: 'sources', description: 'event sources the server runs: syslog listeners, MQTT subscriptions, followed Zeek, Suricata and Windows event files', load: async (ctx) => (await import('../modules/sensing/sources/cli.js')).sourcesCommand(ctx) },
  { name: 'rules', description: 'Sigma detection rules: validate and test files, import, list', load: async (ctx) => (await import('../modules/detection/cli.js')).rulesCommand(ctx) },
  { name: 'alerts', description: 'alerts raised by the detection rules: list, show, acknowledge, resolve', load: async (ctx) => (await import('../modules/detection/cli.js')).alertsCommand(ctx) },
  { name: 'playbook', description: 'CACAO 2.0 playbooks: validate files, import, export (optionally signed), list', load: async (ctx) => (await import('../modules/response/cli.js')).playbookCommand(ctx) },
  { name: 'baselines', description: 'what is normal per zone, learnt from events: learning progress, deviations, accept, relearn', load: async (ctx) => (await import('../modules/detection/baseline/cli.js')).baselinesCommand(ctx) },
  { name: 'taxii', description: 'TAXII 2.1: remote collections, feeds that pull from or push to them', load: async (ctx) => (await import('../modules/intel/taxii/cli.js')).taxiiCommand(ctx) },
  { name: 'sensor', description: 'run a capture sensor: a live packet stream in, operations, hosts and communications shipped to a server', load: async (ctx) => (await import('../modules/sensing/sensor/cli.js')).sensorCommand(ctx) },
  { name: 'sensors', description: 'capture sensors registered with this node: tokens, last contact, rates, drops', load: async (ctx) => (await import('../modules/sensing/sensor/cli.js')).sensorsCommand(ctx) },
  { name: 'worker', description: 'write events from NATS JetStream into the database (BULWARK_NATS_URL); run as many as the load needs', load: async (ctx) => (await import('../modules/sensing/sensor/cli.js')).workerCommand(ctx) },
];

function migrateCommand(ctx: CliContext): Command {
  return new Command('migrate').description('apply pending database migrations and exit').action(async (_o, cmd: Command) => {
    const [{ migrateToLatest, openDatabase }, { loadConfig }] = await Promise.all([import('../storage/index.js'), import('../config/config.js')]);
    const cfg = loadConfig(ctx.env);
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
    try {
      const report = await migrateToLatest(database);
      emit(ctx, cmd, { backend: database.backend, ...report }, () =>
        ctx.out.line(
          report.applied.length === 0
            ? `${database.backend}: schema is up to date`
            : `${database.backend}: applied ${report.applied.join(', ')}`,
        ),
      );
    } finally {
      await database.close();
    }
  });
}

function demoCommand(ctx: CliContext): Command {
  return new Command('demo')
    .description('load the demo organisations, users and assets (idempotent; local database only)')
    .action(async (_o, cmd: Command) => {
      if (globals(cmd).server !== undefined) throw new Error('demo runs on the local database; drop --server');
      // No bootstrap first: the demo brings its own root organisation.
      const connection = await (await connector()).openLocal({ out: ctx.out, env: ctx.env, bootstrap: 'none' });
      try {
        const { seedDemo } = await import('../demo/bootstrap.js');
        const result = await seedDemo(await connection.services());
        emit(ctx, cmd, result, () => ctx.out.line(`demo loaded: ${result.orgs} organisations, ${result.assets} assets, ${result.captures} captures, ${result.intel} intelligence objects, ${result.events} events added`));
      } finally {
        await connection.close();
      }
    });
}

/** The command group an argument list runs (`bulwark [globals] <group> ...`, `bulwark help <group>`). */
export function groupOf(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--server' || arg === '--token') i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

export interface ProgramOptions {
  readonly out: Output;
  readonly env: NodeJS.ProcessEnv;
  /** The arguments after `bulwark`: only their command group is loaded. Without them, every group (tests). */
  readonly args?: readonly string[];
  /** The program is the whole process (not a test): it may tune the process for its command. */
  readonly ownsProcess?: boolean;
}

export async function buildProgram(options: ProgramOptions): Promise<Command> {
  const { out, env } = options;
  const wanted = options.args === undefined ? undefined : groupOf(options.args);
  const shortLived = options.ownsProcess === true && commandGroups.some((g) => g.name === wanted && g.shortLived === true);
  const ctx: CliContext = { out, env, connect: async (command) => (await connector()).connect({ out, env, shortLived }, command) };
  const program = new Command('bulwark')
    .description('Bulwark: industrial Internet security public service platform')
    .version(VERSION)
    .option('--server <url>', 'talk to a running server instead of the local database (BULWARK_SERVER)')
    .option('--token <token>', 'API token for --server (BULWARK_TOKEN)')
    .option('--json', 'print JSON');
  for (const group of commandGroups) {
    // A group not asked for is only named, for the program's help.
    program.addCommand(options.args === undefined || group.name === wanted ? await group.load(ctx) : new Command(group.name).description(group.description));
  }
  // addCommand does not pass settings down: give every command the same output and error help.
  const everyCommand = (c: Command): Command[] => [c, ...c.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) {
    command
      .showHelpAfterError()
      .configureOutput({ writeOut: (s) => out.line(s.trimEnd()), writeErr: (s) => out.error(s.trimEnd()) });
  }
  return program;
}
