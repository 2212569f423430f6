// Datagrams the kernel dropped before the listener read them (its receive buffer was full): Linux
// counts them per socket in the last column of /proc/net/udp and /proc/net/udp6. Reading them makes
// those losses visible as well; elsewhere there is no such count and 0 is answered.
import { readFile } from 'node:fs/promises';

/** Sum of the `drops` column of the sockets bound to a local port. */
export function dropsForPort(table: string, port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let drops = 0;
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (local === undefined || !local.endsWith(`:${hexPort}`)) continue;
    const value = Number(fields.at(-1));
    if (Number.isInteger(value)) drops += value;
  }
  return drops;
}

export async function udpKernelDrops(port: number, v6: boolean): Promise<number> {
  try {
    return dropsForPort(await readFile(v6 ? '/proc/net/udp6' : '/proc/net/udp', 'utf8'), port);
  } catch {
    return 0;
  }
}

/** net.core.rmem_max: the most a socket may ask for its receive buffer (Linux; null elsewhere). */
export async function readRmemMax(): Promise<number | null> {
  try {
    const value = Number((await readFile('/proc/sys/net/core/rmem_max', 'utf8')).trim());
    return Number.isInteger(value) ? value : null;
  } catch {
    return null;
  }
}
