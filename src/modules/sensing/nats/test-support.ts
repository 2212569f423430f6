// Test support for the NATS suites: the real server, and a stream of each test's own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

export const natsUrl = process.env['BULWARK_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** A stream and subject space of its own, so tests never see each other's events. */
export function uniqueStream(): { stream: string; subjectPrefix: string } {
  const tag = randomBytes(5).toString('hex');
  return { stream: `T_${tag}`, subjectPrefix: `t${tag}.events` };
}

/** The running NATS server's pid and command line, found by its listening port in its arguments. */
export function findNatsServer(port = 4222): { pid: number; argv: string[] } | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    } catch {
      continue;
    }
    if (!(argv[0] ?? '').endsWith('nats-server')) continue;
    const p = argv.indexOf('-p') >= 0 ? argv[argv.indexOf('-p') + 1] : argv.indexOf('--port') >= 0 ? argv[argv.indexOf('--port') + 1] : '4222';
    if (Number(p) === port) return { pid: Number(entry), argv };
  }
  return undefined;
}

async function answers(url: string): Promise<boolean> {
  try {
    const nc = await connect({ servers: url, timeout: 500, reconnect: false });
    try {
      await (await jetstreamManager(nc)).getAccountInfo();
      return true;
    } finally {
      await nc.close();
    }
  } catch {
    return false;
  }
}

/**
 * Restarts the NATS server the way it runs here (a plain process): stops it by its pid, starts the same
 * command line again, detached so it outlives the test, and waits until JetStream answers again.
 */
export async function restartNatsServer(url = natsUrl, port = 4222): Promise<void> {
  const running = findNatsServer(port);
  if (running === undefined) throw new Error(`no nats-server process for port ${port} found`);
  process.kill(running.pid, 'SIGTERM');
  for (let i = 0; i < 200 && existsSync(`/proc/${running.pid}`); i++) await sleep(50);
  const [program, ...args] = running.argv as [string, ...string[]];
  spawn(program, args, { detached: true, stdio: 'ignore', cwd: '/' }).unref();
  for (let i = 0; i < 200; i++) {
    if (await answers(url)) return;
    await sleep(100);
  }
  throw new Error('the NATS server did not come back');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const lockFile = join(tmpdir(), 'bulwark-nats-tests.lock');

/**
 * One NATS suite at a time on this machine: workers.test.ts restarts the broker, which another suite's
 * publishes would see as an outage. Taken in beforeAll, given back in afterAll; a holder that died is
 * noticed by its pid.
 */
export async function takeBrokerLock(): Promise<() => void> {
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch {
      const holder = Number(readFileSync(lockFile, 'utf8') || 0);
      if (holder > 0 && !existsSync(`/proc/${holder}`)) rmSync(lockFile, { force: true });
      else await sleep(200);
    }
  }
}
