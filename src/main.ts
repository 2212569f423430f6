#!/usr/bin/env node
import { buildProgram } from './cli/program.js';
import { createOutput } from './platform/cli-kit/output.js';
import { printError } from './platform/cli-kit/print-error.js';

const out = createOutput();

try {
  const program = await buildProgram({ out, env: process.env, args: process.argv.slice(2), ownsProcess: true });
  await program.parseAsync(process.argv);
} catch (error) {
  printError(out, error);
  process.exitCode = 1;
}
