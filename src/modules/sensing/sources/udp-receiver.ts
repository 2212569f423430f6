// A UDP socket drained on a worker thread. The kernel's receive buffer is capped by net.core.rmem_max
// (4 MiB on stock Linux; a 200-byte datagram takes about 1.3 KB of it on loopback, so ~5,000 datagrams,
// a tenth of a second at 50,000/s): any pause of the thread that reads the socket longer than that loses
// datagrams. The main thread pauses for garbage collection, storage and HTTP work; this worker does
// nothing but read, so it keeps the kernel buffer empty and hands datagrams over in batches (bytes
// copied into one transferred buffer, no object per datagram). Its own backlog is bounded: past it,
// datagrams are dropped and counted here, never silently.
import { Worker } from 'node:worker_threads';

export interface UdpReceiverOptions {
  readonly type: 'udp4' | 'udp6';
  readonly host: string;
  readonly port: number;
  /** SO_RCVBUF asked of the kernel; Linux grants at most net.core.rmem_max (and reports double). */
  readonly receiveBufferBytes: number;
  /** Datagrams read but not yet taken by the main thread, at most; beyond it they are dropped and counted. */
  readonly maxBacklog: number;
  /** A batch is handed over when it holds this many datagrams, or after `flushMs`. */
  readonly batchSize?: number | undefined;
  readonly flushMs?: number | undefined;
}

/** Datagrams read together: message i is `bytes[ends[i-1] .. ends[i])`, from `senders[from[i]]`. */
export interface DatagramBatch {
  readonly count: number;
  readonly bytes: Uint8Array;
  readonly ends: Uint32Array;
  readonly from: Uint16Array;
  readonly senders: readonly { readonly address: string; readonly port: number }[];
  /** When the first datagram of the batch was read (ms since the epoch). */
  readonly receivedAt: number;
  /** Datagrams the worker dropped since the previous batch (its backlog was full). */
  readonly dropped: number;
}

export interface UdpReceiver {
  readonly address: string;
  readonly port: number;
  readonly family: string;
  /** What the kernel granted (getsockopt SO_RCVBUF: on Linux twice the value set). */
  readonly receiveBufferBytes: number;
  /** Stops reading; every batch read before resolves through `onBatch` first. */
  close(): Promise<void>;
}

export interface UdpReceiverHandlers {
  /** A batch read; `taken()` once it is parsed: its datagrams leave the worker's backlog. */
  onBatch(batch: DatagramBatch, taken: () => void): void;
  onError(message: string): void;
}

type WorkerReply =
  | ({ type: 'batch' } & DatagramBatch)
  | { type: 'listening'; address: string; port: number; family: string; receiveBufferBytes: number }
  | { type: 'error'; message: string; fatal: boolean }
  | { type: 'closed' };

// Inline CommonJS (node:dgram and worker_threads only): runs the same from the sources, tests and the
// bundled CLI. Buffers are sized for the largest datagram, so one always fits an empty batch.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createSocket } = require('node:dgram');
const { type, host, port, receiveBufferBytes, maxBacklog, batchSize, flushMs, shared } = workerData;
const backlog = new Int32Array(shared);
const CAPACITY = Math.max(65536, batchSize * 512);
let bytes = new Uint8Array(CAPACITY);
let ends = new Uint32Array(batchSize);
let from = new Uint16Array(batchSize);
let senders = [];
let senderIndex = new Map();
let count = 0, used = 0, dropped = 0, firstAt = 0;
let lastAddress = '', lastPort = -1, lastIndex = 0;
let timer;
function flush() {
  if (timer !== undefined) { clearTimeout(timer); timer = undefined; }
  if (count === 0 && dropped === 0) return;
  const out = bytes.slice(0, used);
  const batch = { type: 'batch', count, bytes: out, ends: ends.slice(0, count), from: from.slice(0, count), senders, receivedAt: firstAt, dropped };
  Atomics.add(backlog, 0, count);
  parentPort.postMessage(batch, [out.buffer, batch.ends.buffer, batch.from.buffer]);
  senders = [];
  senderIndex = new Map();
  lastPort = -1;
  count = 0; used = 0; dropped = 0;
}
const socket = createSocket({ type, recvBufferSize: receiveBufferBytes });
socket.on('message', (message, remote) => {
  if (Atomics.load(backlog, 0) + count >= maxBacklog) {
    dropped++;
  } else {
    if (count === batchSize || used + message.length > CAPACITY || senders.length === 65535) flush();
    if (count === 0) firstAt = Date.now();
    // Most datagrams come from the sender of the one before: no key string for those.
    let index = lastIndex;
    if (remote.port !== lastPort || remote.address !== lastAddress) {
      const key = remote.address + '|' + remote.port;
      index = senderIndex.get(key);
      if (index === undefined) {
        index = senders.length;
        senders.push({ address: remote.address, port: remote.port });
        senderIndex.set(key, index);
      }
      lastAddress = remote.address;
      lastPort = remote.port;
      lastIndex = index;
    }
    bytes.set(message, used);
    used += message.length;
    ends[count] = used;
    from[count] = index;
    count++;
  }
  if (timer === undefined) timer = setTimeout(flush, flushMs);
});
socket.on('error', (error) => parentPort.postMessage({ type: 'error', message: error.message, fatal: false }));
socket.once('listening', () => {
  const a = socket.address();
  parentPort.postMessage({ type: 'listening', address: a.address, port: a.port, family: a.family, receiveBufferBytes: socket.getRecvBufferSize() });
});
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  socket.close(() => {
    flush();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
  });
});
try {
  socket.bind({ address: host, port, exclusive: true });
} catch (error) {
  parentPort.postMessage({ type: 'error', message: error.message, fatal: true });
}
`;

/** Binds the socket on a worker thread; resolves once it listens (rejects when the bind fails). */
export function startUdpReceiver(options: UdpReceiverOptions, handlers: UdpReceiverHandlers): Promise<UdpReceiver> {
  const shared = new SharedArrayBuffer(4);
  const backlog = new Int32Array(shared);
  const workerData = {
    type: options.type,
    host: options.host,
    port: options.port,
    receiveBufferBytes: options.receiveBufferBytes,
    maxBacklog: options.maxBacklog,
    batchSize: options.batchSize ?? 512,
    flushMs: options.flushMs ?? 5,
    shared,
  };
  // A small young generation: the worker allocates one Buffer per datagram and nothing lives long.
  const worker = new Worker(workerSource, { eval: true, workerData, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  let closed: (() => void) | undefined;
  let listening = false;
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      if (!listening) {
        reject(error);
        void worker.terminate();
      } else handlers.onError(error.message);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (closed !== undefined) closed();
      else if (listening) handlers.onError(`the UDP receiver thread exited (${code})`);
      else reject(new Error(`the UDP receiver thread exited (${code}) before listening`));
    });
    worker.on('message', (reply: WorkerReply) => {
      switch (reply.type) {
        case 'batch':
          handlers.onBatch(reply, () => void Atomics.sub(backlog, 0, reply.count));
          return;
        case 'error':
          if (reply.fatal || !listening) fail(new Error(reply.message));
          else handlers.onError(reply.message);
          return;
        case 'closed':
          closed?.();
          return;
        case 'listening':
          listening = true;
          resolve({
            address: reply.address,
            port: reply.port,
            family: reply.family,
            receiveBufferBytes: reply.receiveBufferBytes,
            close: () =>
              new Promise<void>((done) => {
                closed = () => {
                  closed = () => undefined;
                  done();
                };
                worker.postMessage('close');
              }),
          });
      }
    });
  });
}
