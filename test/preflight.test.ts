import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/preflight.mjs', import.meta.url));

function preflight(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Only the given environment: PATH decides which commands exist, as on a fresh machine.
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

/** The real clients the sensing inputs are tested with (syslog, MQTT, live packet streams). */
const sensingClients = ['logger', 'mosquitto_pub', 'tcpdump'];

// A machine made of files: a root holding the checked files, a bin folder holding the commands.
describe('test preflight', () => {
  let dir: string;
  let root: string;
  let bin: string;
  let postgres: Server;
  let postgresAt: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-preflight-'));
    root = join(dir, 'root');
    bin = join(dir, 'bin');
    await mkdir(join(root, 'usr/bin'), { recursive: true });
    await mkdir(join(root, 'usr/share/ieee-data'), { recursive: true });
    await mkdir(bin);
    await writeFile(join(root, 'usr/bin/chromium'), '');
    await writeFile(join(root, 'usr/share/ieee-data/oui.csv'), 'Registry,Assignment\n');
    for (const command of ['tshark', ...sensingClients]) {
      await writeFile(join(bin, command), '#!/bin/sh\n');
      await chmod(join(bin, command), 0o755);
    }
    // Something listening stands in for the PostgreSQL server: the preflight only checks it answers.
    postgres = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => postgres.listen(0, '127.0.0.1', resolve));
    const address = postgres.address();
    postgresAt = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => postgres.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('passes and says nothing is missing when everything is there', async () => {
    const run = await preflight({ PATH: bin, BULWARK_PREFLIGHT_ROOT: root, BULWARK_PREFLIGHT_POSTGRES: postgresAt, BULWARK_PREFLIGHT_NATS: postgresAt }, 'test');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('preflight: test: nothing is missing (chromium, tshark, ieee-data, bsdutils, mosquitto-clients, tcpdump, PostgreSQL)\n');
  });

  it('stops at once with one line naming the exact command when a package is missing and cannot be installed', async () => {
    // No tshark on PATH, no oui.csv under the root, and no apt-get: nothing can be installed here.
    const emptyRoot = join(dir, 'empty-root');
    await mkdir(join(emptyRoot, 'usr/bin'), { recursive: true });
    await writeFile(join(emptyRoot, 'usr/bin/chromium'), '');
    const run = await preflight({ PATH: join(dir, 'nothing'), BULWARK_PREFLIGHT_ROOT: emptyRoot, BULWARK_PREFLIGHT_POSTGRES: postgresAt }, 'test');
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^preflight: missing tshark \(.+\), ieee-data \(.+\), bsdutils \(logger.+\), mosquitto-clients \(mosquitto_pub.+\), tcpdump \(.+\); run: /);
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    expect(lines[0]?.split('; run: ')[1]).toBe(
      `echo "wireshark-common wireshark-common/install-setuid boolean false" | ${sudo}debconf-set-selections && ${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y tshark ieee-data bsdutils mosquitto-clients tcpdump`,
    );
  });

  it('names the package of each sensing client that is missing, and only those', async () => {
    for (const [gone, pkg] of [['logger', 'bsdutils'], ['mosquitto_pub', 'mosquitto-clients'], ['tcpdump', 'tcpdump']] as const) {
      const partial = join(dir, `without-${gone}`);
      await mkdir(partial, { recursive: true });
      for (const command of ['tshark', ...sensingClients.filter((c) => c !== gone)]) {
        await writeFile(join(partial, command), '#!/bin/sh\n');
        await chmod(join(partial, command), 0o755);
      }
      const run = await preflight({ PATH: partial, BULWARK_PREFLIGHT_ROOT: root, BULWARK_PREFLIGHT_POSTGRES: postgresAt }, 'test');
      // As root with apt-get this machine would install it; PATH holds no apt-get, so it names the command.
      expect(run.code, gone).toBe(1);
      expect(run.stderr, gone).toMatch(new RegExp(`^preflight: missing ${pkg} \\(${gone}, .+\\); run: .*apt-get install -y ${pkg}\\n$`));
    }
  });

  it('names the command for a missing file alone, and checks the server after the packages', async () => {
    const run = await preflight({ PATH: bin, BULWARK_PREFLIGHT_ROOT: join(dir, 'nowhere'), BULWARK_PREFLIGHT_POSTGRES: postgresAt }, 'test');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^preflight: missing chromium \(.+\), ieee-data \(.+\); run: .*apt-get install -y chromium ieee-data\n$/);
  });

  it('stops with the command when no PostgreSQL server answers and no cluster can be started', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const at = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    // PATH without pg_ctlcluster: there is nothing to start.
    const run = await preflight({ PATH: bin, BULWARK_PREFLIGHT_ROOT: root, BULWARK_PREFLIGHT_POSTGRES: at }, 'test');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`preflight: no PostgreSQL server at ${at} and no installed cluster to start; run: ${process.getuid?.() === 0 ? '' : 'sudo '}apt-get update && ${process.getuid?.() === 0 ? '' : 'sudo '}env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -n1)" main start\n`);
  });

  it('starts a NATS server with JetStream when none answers, the way this machine runs it', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const withNats = join(dir, 'with-nats');
    await mkdir(withNats, { recursive: true });
    for (const command of ['tshark', ...sensingClients]) {
      await writeFile(join(withNats, command), '#!/bin/sh\n');
      await chmod(join(withNats, command), 0o755);
    }
    // A stand-in nats-server: listens where -a/-p say, with -js, and writes its pid and arguments down.
    const record = join(dir, 'nats-started.json');
    await writeFile(
      join(withNats, 'nats-server'),
      `#!${process.execPath}\nconst a = process.argv.slice(2); const net = require('node:net');\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ pid: process.pid, args: a }));\nnet.createServer((s) => s.end()).listen(Number(a[a.indexOf('-p') + 1]), a[a.indexOf('-a') + 1]);\n`,
    );
    await chmod(join(withNats, 'nats-server'), 0o755);
    const run = await preflight({ PATH: withNats, BULWARK_PREFLIGHT_ROOT: root, BULWARK_PREFLIGHT_POSTGRES: postgresAt, BULWARK_PREFLIGHT_NATS: `127.0.0.1:${port}` }, 'test');
    const started = JSON.parse(await readFile(record, 'utf8')) as { pid: number; args: string[] };
    process.kill(started.pid);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^preflight: NATS is down at 127\\.0\\.0\\.1:${port}: starting nats-server with JetStream in \\S+\n`));
    expect(started.args.slice(0, 5)).toEqual(['-a', '127.0.0.1', '-p', String(port), '-js']);
  });

  it('has a hook for npm start that needs nothing today', async () => {
    const run = await preflight({ PATH: join(dir, 'nothing'), BULWARK_PREFLIGHT_ROOT: join(dir, 'nowhere') }, 'start');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('preflight: start: nothing is missing\n');
  });

  it('refuses a script it has no list for', async () => {
    const run = await preflight({ PATH: bin }, 'deploy');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no needs are listed for "deploy" \(known: test, start\)/);
  });
});
