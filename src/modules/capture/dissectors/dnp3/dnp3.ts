// DNP3 over TCP and UDP 20000: link layer (start 0x0564, length, control, addresses, CRC per
// header and per 16-byte block), transport segments reassembled per direction, then the application layer.
import type { Dissector, DissectSink, PduContext } from '../types.js';
import { dissectApplication } from './application.js';
import { dnp3CrcOk } from './crc.js';
import { createDnp3State, firstSighting, maxFragment, type Dnp3State, type Reassembly } from './state.js';

/** User data of one link frame without its block CRCs (at most 250 bytes); reused frame after frame. */
const scratch = new Uint8Array(256);

/** Bytes on the wire of a link frame whose length field is `length` (header 10, data blocks + 2 CRC bytes each). */
function frameBytes(length: number): number {
  const data = length - 5;
  return 10 + data + 2 * Math.ceil(data / 16);
}

/** Length of the link frame at data[0], 0 while incomplete, -1 when it is not a DNP3 link frame. */
export function dnp3PduLength(data: Uint8Array): number {
  if (data.length < 1) return 0;
  if (data[0] !== 0x05) return -1;
  if (data.length < 2) return 0;
  if (data[1] !== 0x64) return -1;
  if (data.length < 3) return 0;
  return data[2]! < 5 ? -1 : frameBytes(data[2]!);
}

export function probeDnp3(payload: Uint8Array): boolean {
  return payload.length >= 10 && dnp3PduLength(payload) > 0 && dnp3CrcOk(payload, 0, 8);
}

/** Decodes every link frame in `pdu` (TCP frames one per PDU; a UDP datagram may hold several). */
function dissectDnp3(pdu: Uint8Array, ctx: PduContext<Dnp3State>, sink: DissectSink): void {
  let off = 0;
  while (off < pdu.length) {
    const used = linkFrame(pdu, off, ctx, sink);
    if (used <= 0) return;
    off += used;
  }
}

/** One link frame at `off`; returns the bytes it used, 0 when decoding must stop. */
function linkFrame(b: Uint8Array, off: number, ctx: PduContext<Dnp3State>, sink: DissectSink): number {
  const n = b.length;
  if (off + 10 > n) {
    sink.malformed(`dnp3: link header at offset ${off} needs 10 bytes, ${n - off} left`);
    return 0;
  }
  if (b[off] !== 0x05 || b[off + 1] !== 0x64) {
    sink.malformed(`dnp3: no start bytes 0x0564 at offset ${off}`);
    return 0;
  }
  const length = b[off + 2]!;
  if (length < 5) {
    sink.malformed(`dnp3: link length ${length} at offset ${off + 2} is below 5`);
    return 0;
  }
  const control = b[off + 3]!;
  const dst = b[off + 4]! | (b[off + 5]! << 8);
  const src = b[off + 6]! | (b[off + 7]! << 8);
  const primary = (control >> 6) & 1;
  const func = control & 0x0f;
  if (sink.wantFields) {
    sink.field('dnp3.start', 0x0564);
    sink.field('dnp3.len', length);
    sink.field('dnp3.ctl', control);
    sink.field('dnp3.ctl.dir', control >> 7);
    sink.field('dnp3.ctl.prm', primary);
    if (primary) {
      sink.field('dnp3.ctl.fcb', (control >> 5) & 1);
      sink.field('dnp3.ctl.fcv', (control >> 4) & 1);
      sink.field('dnp3.ctl.prifunc', func);
    } else {
      sink.field('dnp3.ctl.dfc', (control >> 4) & 1);
      sink.field('dnp3.ctl.secfunc', func);
    }
    sink.field('dnp3.dst', dst);
    sink.field('dnp3.src', src);
    sink.field('dnp3.hdr.CRC', b[off + 8]! | (b[off + 9]! << 8));
  }
  const headerOk = dnp3CrcOk(b, off, off + 8);
  if (!headerOk) sink.malformed(`dnp3: link header CRC at offset ${off + 8} is wrong`);
  else reportAddresses(ctx.state, src, dst, control >> 7, sink);
  const total = frameBytes(length);
  const available = Math.min(total, n - off);
  if (available < total) sink.malformed(`dnp3: link frame at offset ${off} needs ${total} bytes, ${n - off} left`);
  // Copy the user data out of its CRC-protected blocks.
  let size = 0;
  for (let block = off + 10, left = length - 5; left > 0 && block < off + available; block += 18, left -= 16) {
    const take = Math.min(16, left, off + available - block);
    for (let i = 0; i < take; i++) scratch[size++] = b[block + i]!;
    if (take === Math.min(16, left) && block + take + 2 <= off + available && !dnp3CrcOk(b, block, block + take)) {
      sink.malformed(`dnp3: data block CRC at offset ${block + take} is wrong`);
    }
  }
  // Only primary user-data frames (functions 3 and 4) carry transport segments.
  if (primary && (func === 3 || func === 4) && size > 0) transport(size, src, dst, ctx, sink);
  return available;
}

function transport(size: number, src: number, dst: number, ctx: PduContext<Dnp3State>, sink: DissectSink): void {
  const header = scratch[0]!;
  const fin = header >> 7;
  const fir = (header >> 6) & 1;
  const seq = header & 0x3f;
  if (sink.wantFields) {
    sink.field('dnp3.tr.ctl', header);
    sink.field('dnp3.tr.fin', fin);
    sink.field('dnp3.tr.fir', fir);
    sink.field('dnp3.tr.seq', seq);
  }
  const r = ctx.toServer ? ctx.state.toServer : ctx.state.toClient;
  if (fir && fin) {
    r.seq = -1;
    dissectApplication(scratch.subarray(1, size), size - 1, src, dst, ctx.state, sink);
    return;
  }
  if (fir) {
    r.length = 0;
  } else if (r.seq < 0) {
    return; // a middle or final segment without its first: nothing to attach it to
  } else if (seq !== ((r.seq + 1) & 0x3f)) {
    sink.malformed(`dnp3: transport sequence ${seq} does not follow ${r.seq}`);
    r.seq = -1;
    return;
  }
  if (!append(r, size - 1, sink)) return;
  r.seq = seq;
  if (!fin) return;
  r.seq = -1;
  dissectApplication(r.buffer!, r.length, src, dst, ctx.state, sink);
}

/** Appends scratch[1, 1 + count) to the reassembly, within the fragment bound. */
function append(r: Reassembly, count: number, sink: DissectSink): boolean {
  if (r.length + count > maxFragment) {
    sink.malformed(`dnp3: application fragment exceeds ${maxFragment} bytes`);
    r.seq = -1;
    r.length = 0;
    return false;
  }
  if (r.buffer === undefined || r.buffer.length < r.length + count) {
    const grown = new Uint8Array(Math.min(maxFragment, Math.max(1024, (r.length + count) * 2)));
    if (r.buffer !== undefined) grown.set(r.buffer.subarray(0, r.length));
    r.buffer = grown;
  }
  r.buffer.set(scratch.subarray(1, 1 + count), r.length);
  r.length += count;
  return true;
}

/** Link addresses, once per address pair: DIR set means the source is the master. */
function reportAddresses(state: Dnp3State, src: number, dst: number, fromMaster: number, sink: DissectSink): void {
  const master = fromMaster ? src : dst;
  const outstation = fromMaster ? dst : src;
  if (!firstSighting(state, master * 65536 + outstation)) return;
  // 0xFFF0 and above are reserved, self and broadcast addresses: they name no device.
  if (src < 0xfff0) sink.identity({ subject: 'source', attribute: 'address', value: String(src), confidence: 0.9 });
  if (dst < 0xfff0) sink.identity({ subject: 'destination', attribute: 'address', value: String(dst), confidence: 0.9 });
  sink.identity({ subject: fromMaster ? 'destination' : 'source', attribute: 'role-hint', value: 'rtu', confidence: 0.6 });
  sink.identity({ subject: fromMaster ? 'source' : 'destination', attribute: 'role-hint', value: 'hmi', confidence: 0.3 });
}

export const dnp3Dissector: Dissector<Dnp3State> = {
  protocol: 'dnp3',
  transport: 'tcp',
  ports: [20000],
  probe: probeDnp3,
  pduLength: dnp3PduLength,
  createState: createDnp3State,
  dissect: dissectDnp3,
};

export const dnp3UdpDissector: Dissector<Dnp3State> = {
  protocol: 'dnp3',
  transport: 'udp',
  ports: [20000],
  probe: probeDnp3,
  createState: createDnp3State,
  dissect: dissectDnp3,
};
