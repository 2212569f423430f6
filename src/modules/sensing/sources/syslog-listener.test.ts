import { execFile, execFileSync } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestContext } from '../types.js';
import { createRecordingIngest, type RecordingIngest } from './recording-ingest.js';
import { createSenderMap } from './sender-map.js';
import { until } from './test-support.js';
import { createMeter, createSourceSink, type SinkOptions, type SourceMeter } from './source-sink.js';
import { startSyslogListener, type ListeningInput, type SyslogListenerOptions } from './syslog-listener.js';

const run = promisify(execFile);

const contextFor = (orgId: string): IngestContext => ({ orgId, tlp: 'amber', sharedUpward: false, source: { type: 'syslog', id: 'src-1', name: 'plant syslog' } });

interface Harness {
  readonly ingest: RecordingIngest;
  readonly meter: SourceMeter;
  readonly listener: ListeningInput;
}

async function listen(protocol: SyslogListenerOptions['protocol'], extra: Partial<Omit<SyslogListenerOptions, 'sink'>> & { ranges?: { range: string; orgId: string }[]; fallback?: string; sink?: SinkOptions } = {}): Promise<Harness> {
  const { ranges, fallback, sink: sinkOptions, ...rest } = extra;
  const ingest = createRecordingIngest();
  const meter = createMeter();
  const sink = createSourceSink(ingest, contextFor, meter, { flushMs: 20, ...sinkOptions });
  const listener = await startSyslogListener({
    protocol,
    host: '127.0.0.1',
    port: 0,
    senders: createSenderMap(ranges ?? [{ range: '127.0.0.0/8', orgId: 'org-plant' }], fallback),
    sink,
    meter,
    ...rest,
  });
  return { ingest, meter, listener };
}

const logger = (port: number, ...args: string[]) => run('logger', ['--server', '127.0.0.1', '--port', String(port), ...args]);

describe('syslog listener with logger (util-linux) as the client', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-syslog-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('receives RFC 5424 with structured data and RFC 3164 over UDP, from a sender mapped to its organisation', async () => {
    const h = await listen('udp');
    try {
      await logger(h.listener.port, '--udp', '--rfc5424', '-t', 'plc-gw', '-p', 'local4.err', '--msgid', 'AUTH', '--sd-id', 'ics@32473', '--sd-param', 'station="7"', 'S7 PLC stopped by engineering station');
      await logger(h.listener.port, '--udp', '--rfc3164', '-t', 'fw01', '-p', 'auth.warning', 'denied tcp 10.1.1.5:502');
      await h.ingest.waitFor(2);
      const [first, second] = h.ingest.accepted;
      expect(first?.context).toMatchObject({ orgId: 'org-plant', source: { type: 'syslog', id: 'src-1' } });
      expect(first?.draft).toMatchObject({
        kind: 'log',
        severity: 'high',
        message: 'S7 PLC stopped by engineering station',
        fields: { log: { syslog: { facility: 20, severity: 3, appname: 'plc-gw', msgid: 'AUTH', structured_data: { 'ics@32473': { station: '7' } } } } },
      });
      expect(first?.draft.origin?.sender).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(second?.draft).toMatchObject({ severity: 'medium', message: 'denied tcp 10.1.1.5:502', fields: { log: { syslog: { facility: 4, severity: 4, appname: 'fw01' } } } });
      await until(() => h.meter.accepted === 2, 'the sink to count the accepted batch');
      expect(h.meter).toMatchObject({ received: 2, accepted: 2, dropped: 0, rejected: 0 });
      expect(await h.listener.kernelDrops()).toBe(0);
    } finally {
      await h.listener.close();
    }
  });

  it('receives TCP with RFC 6587 octet counting and with LF framing, every line of a file in order', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `reading ${i} of the pump station`);
    const file = join(dir, 'lines.txt');
    await writeFile(file, `${lines.join('\n')}\n`);
    for (const framing of [['--octet-count'], []]) {
      const h = await listen('tcp');
      try {
        await logger(h.listener.port, '--tcp', '--rfc5424', ...framing, '-t', 'hist', '-f', file);
        await h.ingest.waitFor(lines.length);
        expect(h.ingest.accepted.map((a) => a.draft.message), framing.join('') || 'lf').toEqual(lines);
        expect(h.meter.rejected).toBe(0);
      } finally {
        await h.listener.close();
      }
    }
  });

  it('counts and drops senders outside every range, or gives them to the default organisation', async () => {
    const dropped = await listen('udp', { ranges: [{ range: '10.0.0.0/8', orgId: 'org-other' }] });
    try {
      await logger(dropped.listener.port, '--udp', '--rfc3164', 'from nowhere');
      await until(() => dropped.meter.received === 1, 'the datagram');
      expect(dropped.meter).toMatchObject({ received: 1, rejected: 1, unmatchedSenders: 1, accepted: 0 });
    } finally {
      await dropped.listener.close();
    }
    expect(dropped.ingest.accepted).toEqual([]);
    // The most specific range wins over a wider one; the default takes what no range holds.
    const nested = await listen('tcp', { ranges: [{ range: '127.0.0.0/8', orgId: 'org-wide' }, { range: '127.0.0.1/32', orgId: 'org-narrow' }] });
    const fallback = await listen('udp', { ranges: [{ range: '192.0.2.0/24', orgId: 'org-other' }], fallback: 'org-default' });
    try {
      await logger(nested.listener.port, '--tcp', 'narrow wins');
      await logger(fallback.listener.port, '--udp', 'to the default');
      await nested.ingest.waitFor(1);
      await fallback.ingest.waitFor(1);
      expect(nested.ingest.accepted[0]?.context.orgId).toBe('org-narrow');
      expect(fallback.ingest.accepted[0]?.context.orgId).toBe('org-default');
    } finally {
      await nested.listener.close();
      await fallback.listener.close();
    }
  });

  it('receives over TLS with a self-signed certificate, and counts unparsable frames as rejected', async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const h = await listen('tls', { certFile: cert, keyFile: key });
    try {
      const frames = ['<34>1 2026-12-07T10:00:00Z hmi01 winlogon 4242 LOGIN - operator signed in', '<165>Dec  7 10:00:01 rtu7 modbusd: write single coil 12', '<999>broken'];
      const body = frames.map((f) => `${Buffer.byteLength(f)} ${f}`).join('');
      const { readFile } = await import('node:fs/promises');
      const ca = await readFile(cert);
      await new Promise<void>((resolve, reject) => {
        const socket = connectTls({ host: '127.0.0.1', port: h.listener.port, ca, servername: 'localhost' }, () => socket.end(body));
        socket.on('error', reject);
        socket.on('close', () => resolve());
      });
      await h.ingest.waitFor(2);
      await until(() => h.meter.received === 3, 'the third frame');
      expect(h.ingest.accepted.map((a) => [a.draft.fields.host?.name, a.draft.message])).toEqual([
        ['hmi01', 'operator signed in'],
        ['rtu7', 'write single coil 12'],
      ]);
      expect(h.meter).toMatchObject({ received: 3, accepted: 2, rejected: 1 });
      expect(h.listener.endpoint).toMatch(/^tls 127\.0\.0\.1:\d+$/);
    } finally {
      await h.listener.close();
    }
  });

  it('TLS with a CA file: a client with a certificate it signed is heard, one without is refused', async () => {
    const key = join(dir, 'ca-key.pem');
    const cert = join(dir, 'ca-cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const h = await listen('tls', { certFile: cert, keyFile: key, caFile: cert });
    const { readFile } = await import('node:fs/promises');
    const [ca, clientKey] = await Promise.all([readFile(cert), readFile(key)]);
    const send = (withCert: boolean, text: string) =>
      new Promise<void>((resolve) => {
        const socket = connectTls({ host: '127.0.0.1', port: h.listener.port, ca, servername: 'localhost', ...(withCert ? { cert: ca, key: clientKey } : {}) }, () => socket.end(`${text}\n`));
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
      });
    try {
      await send(false, '<13>Dec  7 10:00:00 intruder app: not heard');
      await send(true, '<13>Dec  7 10:00:00 ews04 app: heard');
      await h.ingest.waitFor(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(h.ingest.accepted.map((a) => a.draft.message)).toEqual(['heard']);
      expect(h.meter.received).toBe(1);
    } finally {
      await h.listener.close();
    }
  });

  it('TCP: stops reading while the ingest refuses and loses nothing; the buffer stays bounded', async () => {
    const h = await listen('tcp', { sink: { batchSize: 100, maxPending: 1000, flushMs: 5 } });
    h.ingest.refusing = true;
    const total = 30_000;
    const payload = Array.from({ length: total }, (_, i) => `<13>Dec  7 10:00:00 host app: message ${i}\n`).join('');
    let maxPending = 0;
    const probe = setInterval(() => (maxPending = Math.max(maxPending, h.meter.received - h.meter.accepted)), 1);
    try {
      const sent = new Promise<void>((resolve, reject) => {
        const socket = connectTcp({ host: '127.0.0.1', port: h.listener.port }, () => socket.end(payload));
        socket.on('error', reject);
        socket.on('close', () => resolve());
      });
      await until(() => h.ingest.offers > 3, 'refused offers');
      // Refused: the listener holds what it read and reads no further.
      const heldWhileRefused = h.meter.received;
      await new Promise((r) => setTimeout(r, 200));
      expect(h.meter.received).toBe(heldWhileRefused);
      expect(heldWhileRefused).toBeLessThan(total);
      h.ingest.refusing = false;
      await h.ingest.waitFor(total);
      await sent;
      expect(h.ingest.accepted.map((a) => a.draft.message)).toEqual(Array.from({ length: total }, (_, i) => `message ${i}`));
      expect(h.meter.dropped).toBe(0);
      expect(h.meter.refusals).toBeGreaterThan(0);
      // At most the bound plus what one read of the socket held.
      expect(maxPending).toBeLessThan(1000 + 2000);
    } finally {
      clearInterval(probe);
      await h.listener.close();
    }
  });

  it('UDP: drops and counts what finds the buffer full while the ingest refuses', async () => {
    const h = await listen('udp', { sink: { batchSize: 50, maxPending: 100, flushMs: 5, closeMs: 50 } });
    h.ingest.refusing = true;
    const file = join(dir, 'burst.txt');
    await writeFile(file, Array.from({ length: 300 }, (_, i) => `burst ${i}`).join('\n'));
    try {
      await logger(h.listener.port, '--udp', '--rfc3164', '-f', file);
      await until(() => h.meter.received === 300, 'every datagram');
      expect(h.meter.dropped).toBe(200);
      expect(h.meter.accepted).toBe(0);
    } finally {
      await h.listener.close();
    }
    // Closing while refused: what was held is counted as dropped too, nothing vanishes.
    expect(h.meter.dropped).toBe(300);
  });
});

/** Bytes waiting in the kernel's receive queue of the UDP socket on a local port (Linux /proc/net/udp). */
function kernelQueue(port: number): number {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const line = readFileSync('/proc/net/udp', 'utf8').split('\n').find((l) => l.trim().split(/\s+/)[1]?.endsWith(hexPort));
  return parseInt(line?.trim().split(/\s+/)[4]?.split(':')[1] ?? '0', 16);
}

describe('syslog over UDP: the socket is read on a worker thread', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-syslog-udp-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const lines = async (name: string, count: number) => {
    const file = join(dir, name);
    await writeFile(file, Array.from({ length: count }, (_, i) => `reading ${i}`).join('\n'));
    return file;
  };

  it('keeps reading while the main thread is blocked: nothing lost in the kernel, everything parsed afterwards in order', async () => {
    const h = await listen('udp');
    const file = await lines('blocked.txt', 3000);
    try {
      // execFileSync blocks this thread for the whole send; only the receiving thread reads the socket.
      execFileSync('logger', ['--server', '127.0.0.1', '--port', String(h.listener.port), '--udp', '--rfc3164', '-f', file]);
      await h.ingest.waitFor(3000);
      expect(h.ingest.accepted.map((a) => a.draft.message)).toEqual(Array.from({ length: 3000 }, (_, i) => `reading ${i}`));
      await until(() => h.meter.accepted === 3000, 'the sink to count the accepted batches');
      expect(h.meter).toMatchObject({ received: 3000, accepted: 3000, dropped: 0, rejected: 0 });
      expect(await h.listener.kernelDrops()).toBe(0);
    } finally {
      await h.listener.close();
    }
  });

  it('bounds what waits for the main thread: past the backlog datagrams are dropped and counted', async () => {
    const h = await listen('udp', { maxBacklog: 50 });
    const file = await lines('backlog.txt', 300);
    try {
      execFileSync('logger', ['--server', '127.0.0.1', '--port', String(h.listener.port), '--udp', '--rfc3164', '-f', file]);
      // Still blocked until the receiving thread has read everything out of the kernel (a busy machine
      // may run it late): only then is what it kept exactly the backlog.
      const end = Date.now() + 10_000;
      while (kernelQueue(h.listener.port) > 0 && Date.now() < end);
      await until(() => h.meter.received === 300, 'every datagram counted');
      await until(() => h.meter.accepted === 50, 'the sink to count the accepted batch');
      // The first 50 waited for the blocked thread; the rest found the backlog full.
      expect(h.meter).toMatchObject({ received: 300, accepted: 50, dropped: 250, rejected: 0 });
      expect(h.ingest.accepted.map((a) => a.draft.message)).toEqual(Array.from({ length: 50 }, (_, i) => `reading ${i}`));
      expect(await h.listener.kernelDrops()).toBe(0);
    } finally {
      await h.listener.close();
    }
  });

  it('maps each sender of a batch to its organisation and names it', async () => {
    const h = await listen('udp', { ranges: [{ range: '127.0.0.1/32', orgId: 'org-a' }, { range: '127.0.0.2/32', orgId: 'org-b' }] });
    const sockets = await Promise.all(
      ['127.0.0.1', '127.0.0.2'].map(
        (address) =>
          new Promise<UdpSocket>((resolve, reject) => {
            const s = createSocket('udp4');
            s.once('error', reject);
            s.bind(0, address, () => resolve(s));
          }),
      ),
    );
    try {
      // Interleaved, so that one batch holds both senders.
      for (let i = 0; i < 20; i++) {
        const socket = sockets[i % 2] as UdpSocket;
        await new Promise<void>((resolve, reject) => socket.send(`<13>Dec  7 10:00:00 host app: from ${i % 2} number ${i}`, h.listener.port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
      }
      await h.ingest.waitFor(20);
      for (const [k, orgId] of ['org-a', 'org-b'].entries()) {
        const mine = h.ingest.accepted.filter((a) => a.context.orgId === orgId);
        expect(mine.map((a) => a.draft.message)).toEqual(Array.from({ length: 10 }, (_, i) => `from ${k} number ${2 * i + k}`));
        const port = (sockets[k] as UdpSocket).address().port;
        expect(new Set(mine.map((a) => a.draft.origin?.sender))).toEqual(new Set([`127.0.0.${k + 1}:${port}`]));
      }
    } finally {
      for (const s of sockets) s.close();
      await h.listener.close();
    }
  });

  it('reports the receive buffer asked for, granted and capped by net.core.rmem_max', async () => {
    const h = await listen('udp', { receiveBufferBytes: 64 * 1024 * 1024 });
    try {
      const buffer = h.listener.receiveBuffer;
      expect(buffer?.requested).toBe(64 * 1024 * 1024);
      expect(buffer?.granted).toBeGreaterThan(0);
      const { readFileSync, existsSync } = await import('node:fs');
      const path = '/proc/sys/net/core/rmem_max';
      if (existsSync(path)) {
        const rmemMax = Number(readFileSync(path, 'utf8').trim());
        expect(buffer?.rmemMax).toBe(rmemMax);
        // Linux sets min(asked, rmem_max) and reports twice that.
        expect(buffer?.granted).toBe(2 * Math.min(64 * 1024 * 1024, rmemMax));
      } else {
        expect(buffer?.rmemMax).toBeNull();
      }
    } finally {
      await h.listener.close();
    }
  });

  it('fails to start, leaving no thread behind, when the port is taken', async () => {
    const h = await listen('udp');
    try {
      await expect(listen('udp', { port: h.listener.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await h.listener.close();
    }
  });
});
