import type { Command } from 'commander';
import { loadConfig, type Config } from '../config/config.js';
import type { BulwarkClient } from './client.js';
import { createHttpClient } from './http-client.js';
import { openLocalClient } from './local-client.js';
import type { Output } from './output.js';

export interface GlobalOptions {
  readonly server?: string;
  readonly token?: string;
  readonly json?: boolean;
}

export interface CliContext {
  readonly out: Output;
  readonly env: NodeJS.ProcessEnv;
}

export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function config(ctx: CliContext): Config {
  return loadConfig(ctx.env);
}

/** A server URL (with a token) means remote; otherwise the configured database, in-process. */
export async function withClient<T>(ctx: CliContext, command: Command, fn: (client: BulwarkClient) => Promise<T>): Promise<T> {
  const g = globals(command);
  const server = g.server ?? ctx.env['BULWARK_SERVER'];
  let client: BulwarkClient;
  if (server !== undefined && server !== '') {
    const token = g.token ?? ctx.env['BULWARK_TOKEN'];
    if (token === undefined || token === '') throw new Error('--server needs --token (or BULWARK_TOKEN)');
    client = createHttpClient(server, token);
  } else {
    client = await openLocalClient(config(ctx));
  }
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/** Prints JSON with --json, else the human form. */
export function emit(ctx: CliContext, command: Command, value: unknown, human: () => void): void {
  if (globals(command).json === true) ctx.out.json(value);
  else human();
}
