import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchStorage } from './storage-backends.js';
import { freePort, progress, repoRoot, serverEntry, sleep } from './support.js';

export const ADMIN_PASSWORD = 'bench-admin-password-0001';

const READY_POLL_MS = 20;
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_LINES = 40;

/** A `bulwark serve` child process that answered GET /api/ready with 200. */
export interface ServerProcess {
  readonly pid: number;
  readonly baseUrl: string;
  /** From just before spawn to the first 200 from /api/ready. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

// Last resort: a benchmark that crashes must not leave servers behind.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Stops every server still running (used when the run is interrupted). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child)));
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const exit = once(child, 'exit');
  child.kill('SIGTERM');
  const graceful = await Promise.race([exit.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!graceful) {
    progress(`server ${child.pid ?? '?'} ignored SIGTERM for ${STOP_GRACE_MS} ms; sending SIGKILL`);
    child.kill('SIGKILL');
    await exit;
  }
}

/** Status of a GET, or null when nothing answers yet; no keep-alive, so polling holds no socket open. */
function getStatus(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(null));
    req.end();
  });
}

function captureTail(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_TAIL_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

/**
 * Starts `node dist/src/main.js serve` on a free loopback port against the given storage,
 * with demo content and a known admin password, and waits until it is ready.
 */
export async function startServer(storage: BenchStorage): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Inherited BULWARK_* variables (say a DATABASE_URL in the shell) must not change what is measured.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BULWARK_')));
  const env = {
    ...inherited,
    BULWARK_HOST: '127.0.0.1',
    BULWARK_PORT: String(port),
    BULWARK_DEMO: 'true',
    BULWARK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // Request logs at info would measure the log pipe as much as the server.
    BULWARK_LOG_LEVEL: 'warn',
    ...storage.env,
  };

  const startedAt = performance.now();
  const child = spawn(process.execPath, [serverEntry, 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const tail = captureTail(child);
  const stop = () => stopChild(child);

  try {
    for (;;) {
      if (spawnError !== undefined) throw spawnError;
      if (exited(child)) {
        throw new Error(`server exited (code ${child.exitCode ?? child.signalCode ?? '?'}) before it was ready:\n${tail()}`);
      }
      const status = await getStatus(`${baseUrl}/api/ready`);
      const elapsed = performance.now() - startedAt;
      if (status === 200) {
        if (child.pid === undefined) throw new Error('server has no pid');
        return { pid: child.pid, baseUrl, readyMs: elapsed, stop };
      }
      if (elapsed > READY_TIMEOUT_MS) throw new Error(`server not ready after ${READY_TIMEOUT_MS} ms:\n${tail()}`);
      await sleep(READY_POLL_MS);
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
