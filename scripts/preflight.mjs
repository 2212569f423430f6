#!/usr/bin/env node
// Before `npm test` (or `npm start`): finds what the run needs from the system. As root with apt it
// installs what is missing and says so; otherwise it stops at once with the one command to run.
// Plain JavaScript, so it runs before anything is built.
//
// Environment: BULWARK_PREFLIGHT_ROOT prefixes the files checked (tests); BULWARK_PREFLIGHT_POSTGRES
// (host:port, default 127.0.0.1:5432) is the server checked, BULWARK_PREFLIGHT_NATS (default
// 127.0.0.1:4222) the NATS server; PATH decides which commands exist.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { needs } from './preflight-needs.mjs';

const say = (line) => process.stderr.write(`preflight: ${line}\n`);

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function present(need) {
  if (need.command !== undefined && !onPath(need.command)) return false;
  if (need.file !== undefined && !existsSync(join(process.env.BULWARK_PREFLIGHT_ROOT ?? '/', need.file))) return false;
  return true;
}

function canInstall() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && onPath('apt-get') && onPath('debconf-set-selections');
}

/** The one line a person runs to install the packages (sudo when not root). */
function installCommand(missing) {
  const sudo = typeof process.getuid === 'function' && process.getuid() === 0 ? '' : 'sudo ';
  const answers = missing.filter((n) => n.debconf !== undefined).map((n) => `echo "${n.debconf}" | ${sudo}debconf-set-selections && `);
  return `${answers.join('')}${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.map((n) => n.package).join(' ')}`;
}

function run(command, args, input) {
  const result = spawnSync(command, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'], input, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function install(missing) {
  say(`installing ${missing.map((n) => n.package).join(' ')} (${missing.map((n) => n.what).join('; ')})`);
  for (const n of missing) if (n.debconf !== undefined) run('debconf-set-selections', [], `${n.debconf}\n`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing.map((n) => n.package)]);
}

function listening(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Starts the installed cluster (Debian's pg_ctlcluster) when the server is down; false when it cannot. */
async function ensurePostgres(host, port) {
  if (await listening(host, port)) return true;
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').sort() : [];
  if (versions.length === 0 || !onPath('pg_ctlcluster')) return false;
  const version = versions.at(-1);
  say(`PostgreSQL is down at ${host}:${port}: starting cluster ${version}/main`);
  spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  for (let i = 0; i < 30; i++) {
    if (await listening(host, port)) return true;
    await sleep(1000);
  }
  return false;
}

/**
 * Starts a NATS server with JetStream when none answers (the scale-out tests use the real one), the
 * way this machine runs it; false when none answers and no nats-server is installed to start.
 */
async function ensureNats(host, port) {
  if (await listening(host, port)) return true;
  const program = onPath('nats-server') ? 'nats-server' : existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : undefined;
  if (program === undefined) return false;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const store = root ? '/var/lib/nats-server' : join(tmpdir(), 'bulwark-nats');
  mkdirSync(store, { recursive: true });
  say(`NATS is down at ${host}:${port}: starting ${program} with JetStream in ${store}`);
  spawn(program, ['-a', host, '-p', String(port), '-js', '-sd', store, ...(root ? ['-l', '/var/log/nats-server.log'] : [])], { detached: true, stdio: 'ignore' }).unref();
  for (let i = 0; i < 30; i++) {
    if (await listening(host, port)) return true;
    await sleep(500);
  }
  return false;
}

async function main() {
  const script = process.argv[2] ?? 'test';
  const wanted = needs[script];
  if (wanted === undefined) {
    say(`no needs are listed for "${script}" (known: ${Object.keys(needs).join(', ')})`);
    return 2;
  }
  const missing = wanted.packages.filter((n) => !present(n));
  if (missing.length > 0) {
    if (!canInstall()) {
      say(`missing ${missing.map((n) => `${n.package} (${n.what})`).join(', ')}; run: ${installCommand(missing)}`);
      return 1;
    }
    install(missing);
    const still = missing.filter((n) => !present(n));
    if (still.length > 0) {
      say(`still missing after the install: ${still.map((n) => n.package).join(', ')}`);
      return 1;
    }
  }
  if (wanted.postgres) {
    const [host = '127.0.0.1', port = '5432'] = (process.env.BULWARK_PREFLIGHT_POSTGRES ?? '127.0.0.1:5432').split(':');
    if (!(await ensurePostgres(host, Number(port)))) {
      say(`no PostgreSQL server at ${host}:${port} and no installed cluster to start; run: ${installCommand([{ package: 'postgresql' }])} && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -n1)" main start`);
      return 1;
    }
  }
  if (wanted.nats) {
    const [host = '127.0.0.1', port = '4222'] = (process.env.BULWARK_PREFLIGHT_NATS ?? '127.0.0.1:4222').split(':');
    if (!(await ensureNats(host, Number(port)))) {
      say(`no NATS server at ${host}:${port} and no nats-server to start; run: ${installCommand([{ package: 'nats-server' }])}`);
      return 1;
    }
  }
  const checked = [...wanted.packages.map((n) => n.package), ...(wanted.postgres ? ['PostgreSQL'] : [])];
  say(missing.length === 0 ? `${script}: nothing is missing${checked.length === 0 ? '' : ` (${checked.join(', ')})`}` : `${script}: installed ${missing.map((n) => n.package).join(' ')}; nothing is missing now`);
  return 0;
}

process.exitCode = await main();
