// The syslog listener: RFC 5424 and RFC 3164 messages over UDP (one per datagram), TCP and TLS
// (RFC 6587 octet counting or LF framing, per frame). Each sender address maps to an organisation;
// messages go to the source's sink in batches. Back-pressure: while the sink is saturated every TCP
// connection stops reading (the sender's window fills and it slows down); UDP cannot be slowed, so
// datagrams that find the buffer full are dropped and counted, as are those the kernel dropped. UDP is
// read on a worker thread (udp-receiver.ts) and parsed here in batches.
import { readFile } from 'node:fs/promises';
import { createServer as createTcpServer, isIPv6, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { createSyslogFrameDecoder, parseSyslogMessage } from '../parsers/index.js';
import type { EventDraft } from '../types.js';
import { plainAddress, type SenderMap } from './sender-map.js';
import type { SourceMeter, SourceSink } from './source-sink.js';
import type { RunningInput, SyslogSourceConfig } from './types.js';
import { readRmemMax, udpKernelDrops } from './udp-drops.js';
import { startUdpReceiver, type DatagramBatch } from './udp-receiver.js';

/** The source's settings (port 0 picks a free port: tests), with its sender map, sink and counters. */
export interface SyslogListenerOptions extends Omit<SyslogSourceConfig, 'senders' | 'defaultOrgId'> {
  readonly senders: SenderMap;
  readonly sink: SourceSink;
  readonly meter: SourceMeter;
  /** UDP socket receive buffer asked of the kernel (it may grant less). */
  readonly receiveBufferBytes?: number | undefined;
  /** UDP datagrams read by the receiving thread but not yet parsed, at most; beyond it they are dropped and counted. */
  readonly maxBacklog?: number | undefined;
  /** Most TCP/TLS connections at once. */
  readonly maxConnections?: number | undefined;
}

/** A listener bound to its port. */
export interface ListeningInput extends RunningInput {
  readonly port: number;
  /** UDP: the receive buffer asked for, what the kernel granted, and its cap (net.core.rmem_max, null when unknown). */
  readonly receiveBuffer?: { readonly requested: number; readonly granted: number; readonly rmemMax: number | null };
}

/** Asked of the kernel; it grants at most net.core.rmem_max, so a host tuned higher gets more without a setting. */
const DEFAULT_RECEIVE_BUFFER = 32 * 1024 * 1024;
/** Datagrams read but not yet parsed (about 200 bytes each): two seconds at 50,000/s of main-thread pause. */
const DEFAULT_MAX_BACKLOG = 100_000;
/** Drafts per push into the sink. */
const HAND_OVER = 128;
/** Parsing time per event-loop turn. */
const TURN_MS = 10;

/** One received message into the sink: parsed with its sender, or counted as rejected. */
function accept(text: string, sender: string, receivedAt: Date, line: number, out: EventDraft[], meter: SourceMeter): void {
  const parsed = parseSyslogMessage(text, { sender, receivedAt, line });
  if ('draft' in parsed) out.push(parsed.draft);
  else meter.rejected++;
}

export async function startSyslogListener(options: SyslogListenerOptions): Promise<ListeningInput> {
  return options.protocol === 'udp' ? startUdp(options) : startStream(options);
}

async function startUdp(options: SyslogListenerOptions): Promise<ListeningInput> {
  const { senders, sink, meter } = options;
  const host = options.host ?? '0.0.0.0';
  const requested = options.receiveBufferBytes ?? DEFAULT_RECEIVE_BUFFER;
  /** `ip:port` per sender, built once: at tens of thousands of datagrams a second it adds up. */
  const senderNames = new Map<string, string>();
  const senderName = (address: string, port: number): string => {
    const key = `${address}|${port}`;
    let name = senderNames.get(key);
    if (name === undefined) {
      if (senderNames.size >= 4096) senderNames.clear();
      name = `${plainAddress(address)}:${port}`;
      senderNames.set(key, name);
    }
    return name;
  };
  const groups = new Map<string, EventDraft[]>();
  const handOver = (orgId: string, drafts: EventDraft[]): void => {
    // All or nothing: when the slice does not fit, the sink takes one by one what it has room for.
    if (!sink.push(orgId, drafts)) {
      let taken = 0;
      while (taken < drafts.length && sink.push(orgId, [drafts[taken] as EventDraft])) taken++;
      meter.dropped += drafts.length - taken;
    }
    drafts.length = 0;
  };
  const parse = (batch: DatagramBatch): void => {
    meter.received += batch.dropped;
    meter.dropped += batch.dropped;
    const text = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
    const orgs = batch.senders.map((s) => senders.orgFor(s.address));
    const names = batch.senders.map((s) => senderName(s.address, s.port));
    const receivedAt = new Date(batch.receivedAt);
    let start = 0;
    for (let i = 0; i < batch.count; i++) {
      const end = batch.ends[i] as number;
      const from = batch.from[i] as number;
      const orgId = orgs[from];
      meter.received++;
      if (orgId === undefined) {
        meter.rejected++;
        meter.unmatchedSenders++;
      } else if (sink.full) {
        // Full: drop before spending time on parsing.
        meter.dropped++;
      } else {
        let drafts = groups.get(orgId);
        if (drafts === undefined) groups.set(orgId, (drafts = []));
        accept(text.toString('utf8', start, end), names[from] as string, receivedAt, meter.received, drafts, meter);
        // Handed over in slices, so that `sink.full` above stays current.
        if (drafts.length >= HAND_OVER) handOver(orgId, drafts);
      }
      start = end;
    }
    for (const [orgId, drafts] of groups) if (drafts.length > 0) handOver(orgId, drafts);
  };
  // Batches wait here and are parsed on a turn of their own, a few milliseconds at a time: a port
  // delivers every queued message in one go, and parsing there would keep the sink's timers from running.
  const waiting: { batch: DatagramBatch; taken: () => void }[] = [];
  let turn: NodeJS.Immediate | undefined;
  const parseWaiting = (budgetMs: number): void => {
    turn = undefined;
    const until = performance.now() + budgetMs;
    while (waiting.length > 0 && performance.now() < until) {
      const next = waiting.shift() as (typeof waiting)[number];
      parse(next.batch);
      next.taken();
    }
    if (waiting.length > 0) turn = setImmediate(parseWaiting, budgetMs);
  };
  const onBatch = (batch: DatagramBatch, taken: () => void): void => {
    waiting.push({ batch, taken });
    turn ??= setImmediate(parseWaiting, TURN_MS);
  };
  const receiver = await startUdpReceiver(
    { type: isIPv6(host) ? 'udp6' : 'udp4', host, port: options.port, receiveBufferBytes: requested, maxBacklog: options.maxBacklog ?? DEFAULT_MAX_BACKLOG },
    {
      onBatch,
      // A socket error (the buffer, an ICMP report) is recorded; the socket keeps listening.
      onError: (message) => {
        meter.lastError = message;
      },
    },
  );
  const v6 = receiver.family === 'IPv6';
  // The kernel counts drops per socket from its creation; this socket is new, but read a base anyway.
  const dropsAtStart = await udpKernelDrops(receiver.port, v6);
  return {
    endpoint: `udp ${receiver.address}:${receiver.port}`,
    port: receiver.port,
    receiveBuffer: { requested, granted: receiver.receiveBufferBytes, rmemMax: await readRmemMax() },
    kernelDrops: async () => Math.max(0, (await udpKernelDrops(receiver.port, v6)) - dropsAtStart),
    async close() {
      await receiver.close();
      if (turn !== undefined) clearImmediate(turn);
      parseWaiting(Number.POSITIVE_INFINITY);
      await sink.close();
    },
  };
}

async function startStream(options: SyslogListenerOptions): Promise<ListeningInput> {
  const { senders, sink, meter } = options;
  const host = options.host ?? '0.0.0.0';
  const sockets = new Set<Socket>();

  function serve(socket: Socket): void {
    sockets.add(socket);
    const remote = plainAddress(socket.remoteAddress ?? '');
    const sender = `${remote}:${socket.remotePort ?? 0}`;
    const orgId = senders.orgFor(remote);
    const decoder = createSyslogFrameDecoder();
    const drafts: EventDraft[] = [];
    let frames = 0;
    const take = (batch: { frames: string[]; issues: readonly unknown[] }): void => {
      meter.received += batch.frames.length + batch.issues.length;
      meter.rejected += batch.issues.length;
      if (orgId === undefined) {
        meter.rejected += batch.frames.length;
        meter.unmatchedSenders += batch.frames.length;
        return;
      }
      const receivedAt = new Date();
      drafts.length = 0;
      for (const frame of batch.frames) accept(frame, sender, receivedAt, ++frames, drafts, meter);
      // Already read: kept even past the bound, and the connection stops reading below.
      if (drafts.length > 0) sink.push(orgId, drafts, true);
      if (sink.saturated) socket.pause();
    };
    if (sink.saturated) socket.pause();
    socket.on('data', (chunk: Buffer) => take(decoder.push(chunk)));
    socket.on('end', () => take(decoder.end()));
    socket.on('error', (error) => {
      meter.lastError = `${sender}: ${error.message}`;
    });
    socket.on('close', () => sockets.delete(socket));
  }

  let server: Server;
  if (options.protocol === 'tls') {
    if (options.certFile === undefined || options.keyFile === undefined) throw new Error('a TLS syslog listener needs certFile and keyFile');
    const [cert, key, ca] = await Promise.all([readFile(options.certFile), readFile(options.keyFile), options.caFile === undefined ? undefined : readFile(options.caFile)]);
    server = createTlsServer({ cert, key, ...(ca === undefined ? {} : { ca, requestCert: true, rejectUnauthorized: true }) }, serve);
    // A client that fails the handshake is not a listener error.
    server.on('tlsClientError', (error) => {
      meter.lastError = `TLS: ${error.message}`;
    });
  } else {
    server = createTcpServer(serve);
  }
  server.maxConnections = options.maxConnections ?? 1000;
  sink.onSaturation((saturated) => {
    for (const socket of sockets) {
      if (saturated) socket.pause();
      else socket.resume();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => {
    meter.lastError = error.message;
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `${options.protocol} ${address.address}:${address.port}`,
    port: address.port,
    kernelDrops: () => Promise.resolve(0),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await sink.close();
    },
  };
}
