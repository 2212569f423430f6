// Test support: the real CLI program run in-process, with its own environment and captured output.
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createOutput } from '../platform/cli-kit/output.js';
import { buildProgram } from './program.js';

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  /** What the command threw (commander's exits included); undefined when it succeeded. */
  readonly error: Error | undefined;
}

/** A stream that keeps what is written to it. */
export function collect(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
}

export function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

export async function runCli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  // As the process entry does: only the command group the arguments name is loaded.
  const program = await buildProgram({ out: createOutput(collect(out), collect(err)), env, args });
  // Commander would exit the test process on --help or a usage error; throw instead.
  for (const c of everyCommand(program)) c.exitOverride();
  let error: Error | undefined;
  try {
    await program.parseAsync(['node', 'bulwark', ...args]);
  } catch (e) {
    error = e as Error;
  }
  return { stdout: out.join(''), stderr: err.join(''), error };
}
