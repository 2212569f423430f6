// The syslog listener: RFC 5424 and RFC 3164 messages over UDP (one per datagram), TCP and TLS
// (RFC 6587 octet counting or LF framing, per frame). Each sender address maps to an organisation;
// messages go to the source's sink in batches. Back-pressure: while the sink is saturated every TCP
// connection stops reading (the sender's window fills and it slows down); UDP cannot be slowed, so
// datagrams that find the buffer full are dropped and counted, as are those the kernel dropped.
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { createServer as createTcpServer, isIPv6, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { createSyslogFrameDecoder, parseSyslogMessage } from '../parsers/index.js';
import type { EventDraft } from '../types.js';
import { plainAddress, type SenderMap } from './sender-map.js';
import type { SourceMeter, SourceSink } from './source-sink.js';
import type { RunningInput, SyslogSourceConfig } from './types.js';
import { udpKernelDrops } from './udp-drops.js';

/** The source's settings (port 0 picks a free port: tests), with its sender map, sink and counters. */
export interface SyslogListenerOptions extends Omit<SyslogSourceConfig, 'senders' | 'defaultOrgId'> {
  readonly senders: SenderMap;
  readonly sink: SourceSink;
  readonly meter: SourceMeter;
  /** UDP socket receive buffer asked of the kernel (it may grant less). */
  readonly receiveBufferBytes?: number | undefined;
  /** Most TCP/TLS connections at once. */
  readonly maxConnections?: number | undefined;
}

/** A listener bound to its port. */
export interface ListeningInput extends RunningInput {
  readonly port: number;
}

const DEFAULT_RECEIVE_BUFFER = 8 * 1024 * 1024;

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
  const socket: UdpSocket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', recvBufferSize: options.receiveBufferBytes ?? DEFAULT_RECEIVE_BUFFER });
  const one: EventDraft[] = [];
  /** `ip:port` per sender, built once: at tens of thousands of datagrams a second it adds up. */
  const senderNames = new Map<string, string>();
  const senderName = (remote: RemoteInfo): string => {
    const key = `${remote.address}|${remote.port}`;
    let name = senderNames.get(key);
    if (name === undefined) {
      if (senderNames.size >= 4096) senderNames.clear();
      name = `${plainAddress(remote.address)}:${remote.port}`;
      senderNames.set(key, name);
    }
    return name;
  };
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    meter.received++;
    const orgId = senders.orgFor(remote.address);
    if (orgId === undefined) {
      meter.rejected++;
      meter.unmatchedSenders++;
      return;
    }
    // Full: drop before spending time on parsing.
    if (sink.full) {
      meter.dropped++;
      return;
    }
    one.length = 0;
    accept(message.toString('utf8'), senderName(remote), new Date(), meter.received, one, meter);
    if (one.length > 0 && !sink.push(orgId, one)) meter.dropped++;
  });
  // A socket error (the buffer, an ICMP report) is recorded; the socket keeps listening.
  socket.on('error', (error) => {
    meter.lastError = error.message;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: host, port: options.port, exclusive: true }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const address = socket.address();
  const v6 = address.family === 'IPv6';
  // The kernel counts drops per socket from its creation; this socket is new, but read a base anyway.
  const dropsAtStart = await udpKernelDrops(address.port, v6);
  return {
    endpoint: `udp ${address.address}:${address.port}`,
    port: address.port,
    kernelDrops: async () => Math.max(0, (await udpKernelDrops(address.port, v6)) - dropsAtStart),
    async close() {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
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
