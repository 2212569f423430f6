import { Command, Option } from 'commander';
import { seedDemo } from '../demo/bootstrap.js';
import { assetCommand } from '../modules/assets/cli.js';
import { knowledgeCommand } from '../modules/knowledge/cli.js';
import { captureCommand } from '../modules/capture/cli.js';
import { intelCommand } from '../modules/intel/cli.js';
import { taxiiCommand } from '../modules/intel/taxii/cli.js';
import { createLogger } from '../platform/logger.js';
import { migrateToLatest, openDatabase } from '../storage/index.js';
import { VERSION } from '../version.js';
import { config, emit, globals, type CliContext } from './context.js';
import { openLocalClient } from './local-client.js';
import { auditCommand, orgCommand, tokenCommand, userCommand } from './platform-commands.js';

function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
    .description('start the API and web console (migrates and bootstraps an empty database first)')
    .option('--host <host>', 'listen address (BULWARK_HOST)')
    .option('--port <port>', 'listen port (BULWARK_PORT)')
    .addOption(new Option('--demo', 'load demo content on first start (default; BULWARK_DEMO)'))
    .addOption(new Option('--no-demo', 'first start creates only a root organisation and its admin'))
    .action(async (o: { host?: string; port?: string; demo?: boolean }) => {
      const env = { ...ctx.env };
      if (o.host !== undefined) env['BULWARK_HOST'] = o.host;
      if (o.port !== undefined) env['BULWARK_PORT'] = o.port;
      if (o.demo !== undefined) env['BULWARK_DEMO'] = String(o.demo);
      const cfg = config({ ...ctx, env });
      const logger = createLogger(cfg.logLevel);
      // Loaded on demand: the HTTP stack is not needed by the other commands.
      const { startServer } = await import('../server.js');
      const server = await startServer(cfg, logger);
      const boot = server.bootstrap;
      if (boot.created) {
        ctx.out.line('');
        ctx.out.line(`  Bulwark is ready at ${server.url.replace('127.0.0.1', 'localhost')}${boot.demo ? ' with demo data' : ''}`);
        if (boot.generatedPassword !== undefined) {
          ctx.out.line(`  First start: log in as "${boot.adminUsername ?? 'admin'}" with the one-time password`);
          ctx.out.line(`      ${boot.generatedPassword}`);
          ctx.out.line('  It is not shown again; change it in Admin, or set BULWARK_ADMIN_PASSWORD for automation.');
        } else {
          ctx.out.line(`  First start: log in as "${boot.adminUsername ?? 'admin'}" with BULWARK_ADMIN_PASSWORD.`);
        }
        if (boot.demoUsers !== undefined) {
          ctx.out.line(`  Demo users with the same password, to try each role: ${boot.demoUsers.join(', ')}`);
        }
        ctx.out.line('');
      }
      const stop = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}

function migrateCommand(ctx: CliContext): Command {
  return new Command('migrate').description('apply pending database migrations and exit').action(async (_o, cmd: Command) => {
    const cfg = config(ctx);
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
      const client = await openLocalClient(config(ctx));
      try {
        const result = await seedDemo(client.services);
        emit(ctx, cmd, result, () => ctx.out.line(`demo loaded: ${result.orgs} organisations, ${result.assets} assets, ${result.captures} captures, ${result.intel} intelligence objects added`));
      } finally {
        await client.close();
      }
    });
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('bulwark')
    .description('Bulwark: industrial Internet security public service platform')
    .version(VERSION)
    .option('--server <url>', 'talk to a running server instead of the local database (BULWARK_SERVER)')
    .option('--token <token>', 'API token for --server (BULWARK_TOKEN)')
    .option('--json', 'print JSON')
  program.addCommand(serveCommand(ctx));
  program.addCommand(migrateCommand(ctx));
  program.addCommand(demoCommand(ctx));
  program.addCommand(orgCommand(ctx));
  program.addCommand(userCommand(ctx));
  program.addCommand(tokenCommand(ctx));
  program.addCommand(assetCommand(ctx));
  program.addCommand(auditCommand(ctx));
  program.addCommand(knowledgeCommand(ctx));
  program.addCommand(captureCommand(ctx));
  program.addCommand(intelCommand(ctx));
  program.addCommand(taxiiCommand(ctx));
  // addCommand does not pass settings down: give every command the same output and error help.
  const everyCommand = (c: Command): Command[] => [c, ...c.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) {
    command
      .showHelpAfterError()
      .configureOutput({ writeOut: (s) => ctx.out.line(s.trimEnd()), writeErr: (s) => ctx.out.error(s.trimEnd()) });
  }
  return program;
}
