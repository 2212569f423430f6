#!/usr/bin/env node
import { buildProgram } from './cli/program.js';
import { createOutput } from './cli/output.js';
import { RemoteError } from './cli/http-client.js';
import { DomainError } from './platform/errors.js';

const out = createOutput();

try {
  await buildProgram({ out, env: process.env }).parseAsync(process.argv);
} catch (error) {
  if (error instanceof DomainError || error instanceof RemoteError) {
    out.error(`error: ${error.message}`);
    for (const d of error.details) out.error(`  ${d.path}: ${d.message}`);
  } else {
    out.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
