// Test support: a stand-in for a server's event ingest (POST /api/v1/events, gzip NDJSON) that stores
// events by id, as the real one does, and can go away, come back, fail, or drop its answer after storing.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface IngestStub {
  readonly port: number;
  readonly stored: Map<string, unknown>;
  /** Lines received, resent ones included. */
  readonly received: () => number;
  readonly requests: () => number;
  /** Answers the next n requests with this status (503, 429 ...) without storing. */
  failNext(n: number, status: number): void;
  /** Stores the next request, then drops the connection before answering (a lost answer). */
  loseNextAnswer(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of request) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** `delayMs`: each answer waits this long, as a loaded server does (so a test can stop it mid-delivery). */
export function createIngestStub(port: number, token: string, delayMs = 0): IngestStub {
  const stored = new Map<string, unknown>();
  let received = 0;
  let requests = 0;
  let failing = 0;
  let failStatus = 503;
  let lose = false;
  let server: Server | undefined;
  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    requests++;
    if (request.method !== 'POST' || request.url !== '/api/v1/events') return void response.writeHead(404).end();
    if (request.headers.authorization !== `Bearer ${token}`) return void response.writeHead(401).end();
    const body = await bodyOf(request);
    if (failing > 0) {
      failing--;
      return void response.writeHead(failStatus, { 'retry-after': '0' }).end('{}');
    }
    const lines = body.toString('utf8').split('\n').filter((l) => l !== '');
    received += lines.length;
    for (const line of lines) {
      const event = JSON.parse(line) as { id: string };
      if (!stored.has(event.id)) stored.set(event.id, event);
    }
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (lose) {
      lose = false;
      request.socket.destroy();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: lines.length }));
  };
  return {
    port,
    stored,
    received: () => received,
    requests: () => requests,
    failNext(n, status) {
      failing = n;
      failStatus = status;
    },
    loseNextAnswer() {
      lose = true;
    },
    async start() {
      server = createServer((req, res) => void handler(req, res));
      await new Promise<void>((r) => server?.listen(port, '127.0.0.1', r));
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s === undefined) return;
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    },
  };
}

export interface SensorProcess {
  readonly exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  kill(): void;
}

/**
 * `cat pcap | bulwark sensor --read -` as a real process from source, small batches and short timers so
 * a test sees many spool segments: the live pipe the sensor tests drive.
 */
export function pipeToSensor(root: string, pcap: string, server: string, token: string, spool: string): SensorProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts'), '--server', server, '--token', token, '--json', 'sensor', '--read', '-', '--name', 'plant-1', '--spool', spool, '--batch', '40', '--flush', '0.2', '--snapshot', '0.5'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  createReadStream(pcap).pipe(child.stdin);
  return { exited, stdout: () => stdout, stderr: () => stderr, kill: () => void child.kill('SIGKILL') };
}
