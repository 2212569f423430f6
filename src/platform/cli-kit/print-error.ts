import type { Output } from './output.js';

/** One error, as people read it: the message, then each detail as `path: message` (paths name flags). */
export function printError(out: Output, error: unknown): void {
  out.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  const details = (error as { details?: unknown } | null)?.details;
  if (Array.isArray(details)) {
    for (const d of details as { path?: unknown; message?: unknown }[]) out.error(`  ${String(d.path)}: ${String(d.message)}`);
  }
}
