// Test support for the sources' suites: waiting for what a running input does, and free ports.
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';

/** Polls until `check` holds; fails naming what it waited for. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A port nothing listens on now, over TCP and UDP alike (as far as one can tell). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const udp = createSocket('udp4');
  await new Promise<void>((resolve, reject) => udp.once('error', reject).bind(port, '127.0.0.1', () => resolve()));
  await new Promise<void>((resolve) => udp.close(() => resolve()));
  return port;
}
