import { readFile } from 'node:fs/promises';

/** This process's peak resident memory so far in MB (VmHWM in /proc is in kB). */
export async function peakRssMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  // Outside Linux, fall back to Node's own figure (maxRSS is in kB too).
  return Number(match?.[1] ?? process.resourceUsage().maxRSS) / 1024;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
