import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
// The entry package.json names as its bin, which npm start runs: the bundled CLI.
const entry = join(root, 'dist/cli/bulwark.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

// The path a user takes: `npm start` builds, then runs the built CLI's `serve`.
describe('the built server, started as a user would', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let port: number;
  let stdout = '';

  beforeAll(async () => {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first (npm test does)`);
    dir = await mkdtemp(join(tmpdir(), 'bulwark-start-'));
    port = await freePort();
    child = spawn(process.execPath, [entry, 'serve'], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, BULWARK_PORT: String(port), BULWARK_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  });

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('answers /api/health and /api/ready on the embedded database with demo data', async () => {
    const health = await waitFor(`http://127.0.0.1:${port}/api/health`, child as ChildProcess, 60_000);
    expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
    const ready = await waitFor(`http://127.0.0.1:${port}/api/ready`, child as ChildProcess, 30_000);
    expect(await ready.json()).toEqual({ status: 'ready', backend: 'pglite' });
    // Default data directory is ./.bulwark under the working directory.
    expect(existsSync(join(dir, '.bulwark', 'pgdata'))).toBe(true);
  });

  it('printed a one-time admin password that logs in, and serves the console', async () => {
    const match = /log in as "admin" with the one-time password\s+(\S+)/.exec(stdout);
    expect(match, stdout).not.toBeNull();
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: match?.[1] }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    const assets = await fetch(`http://127.0.0.1:${port}/api/v1/assets?limit=100`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    const page = (await assets.json()) as { items: { orgName: string }[] };
    expect(page.items.length).toBeGreaterThan(5);
    const html = await fetch(`http://127.0.0.1:${port}/assets`);
    expect(html.status).toBe(200);
    expect(await html.text()).toMatch(/<div id="root">/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
