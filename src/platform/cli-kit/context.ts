// What every command of every module gets: output, environment, and a connection to talk through.
import type { Command } from 'commander';
import type { Config } from '../../config/config.js';
import type { Services } from '../../services.js';
import type { Database } from '../../storage/index.js';
import type { Actor } from '../access.js';
import type { Api } from './api.js';
import type { Output } from './output.js';

export interface GlobalOptions {
  readonly server?: string;
  readonly token?: string;
  readonly json?: boolean;
}

/** The configured database, in-process, as the local operator. */
export interface LocalConnection {
  readonly mode: 'local';
  readonly config: Config;
  readonly database: Database;
  readonly actor: Actor;
  /** Every service wired to the database; loaded on first use, so light commands stay light. */
  services(): Promise<Services>;
  close(): Promise<void>;
}

/** A running server's API, with a token. */
export interface RemoteConnection {
  readonly mode: 'remote';
  readonly api: Api;
  close(): Promise<void>;
}

export type Connection = LocalConnection | RemoteConnection;

export interface CliContext {
  readonly out: Output;
  readonly env: NodeJS.ProcessEnv;
  /** Opens what the command's global options (and the environment) point at. */
  connect(command: Command): Promise<Connection>;
}

export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Prints JSON with --json, else the human form. */
export function emit(ctx: CliContext, command: Command, value: unknown, human: () => void): void {
  if (globals(command).json === true) ctx.out.json(value);
  else human();
}
