import { Command, Option } from 'commander';
import { loadConfig } from '../config/config.js';
import type { CliContext } from '../platform/cli-kit/context.js';
import { createLogger } from '../platform/logger.js';

export function serveCommand(ctx: CliContext): Command {
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
      const cfg = loadConfig(env);
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
