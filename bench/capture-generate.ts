// Builds a large Modbus-heavy capture from the shared captures: their packets replayed again and
// again, each round on fresh client ports and later timestamps, so every round is new, valid
// traffic (not retransmissions) for both Bulwark and tshark. Written to a scratch file, never committed.
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';

export interface GeneratedCapture {
  readonly path: string;
  readonly bytes: number;
  readonly packets: number;
  readonly rounds: number;
}

interface Packet {
  readonly tsSec: number;
  readonly tsUsec: number;
  readonly data: Buffer;
}

/** Classic little- or big-endian microsecond pcap with Ethernet frames, as the shared Modbus captures are. */
export function readPcap(path: string): { packets: Packet[]; spanSec: number } {
  const buf = readFileSync(path);
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4;
  if (!le && buf.readUInt32BE(0) !== 0xa1b2c3d4) throw new Error(`${path}: not a microsecond pcap`);
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  if (u32(20) !== 1) throw new Error(`${path}: not Ethernet`);
  const packets: Packet[] = [];
  for (let o = 24; o + 16 <= buf.length; ) {
    const incl = u32(o + 8);
    if (o + 16 + incl > buf.length) break;
    packets.push({ tsSec: u32(o), tsUsec: u32(o + 4), data: buf.subarray(o + 16, o + 16 + incl) });
    o += 16 + incl;
  }
  const first = packets[0];
  const last = packets.at(-1);
  return { packets, spanSec: first && last ? last.tsSec - first.tsSec + 1 : 1 };
}

/** Moves the non-502 port of an IPv4/TCP Modbus packet to this round's port. */
function rewritePorts(frame: Buffer, round: number): Buffer {
  const out = Buffer.from(frame);
  let o = 12;
  let type = out.readUInt16BE(o);
  while (type === 0x8100 && o + 6 <= out.length) {
    o += 4;
    type = out.readUInt16BE(o);
  }
  o += 2;
  if (type !== 0x0800 || o + 20 > out.length || out[o + 9] !== 6) return out;
  const tcp = o + ((out[o] ?? 0x45) & 0x0f) * 4;
  if (tcp + 4 > out.length) return out;
  const shift = (port: number) => 10_000 + ((port + round * 7919) % 50_000);
  const src = out.readUInt16BE(tcp);
  const dst = out.readUInt16BE(tcp + 2);
  if (dst === 502 && src !== 502) out.writeUInt16BE(shift(src), tcp);
  else if (src === 502 && dst !== 502) out.writeUInt16BE(shift(dst), tcp + 2);
  return out;
}

export async function generateModbusCapture(sources: readonly string[], path: string, minBytes: number): Promise<GeneratedCapture> {
  const inputs = sources.map(readPcap);
  const perRound = inputs.reduce((n, i) => n + i.packets.reduce((m, p) => m + 16 + p.data.length, 0), 0);
  const rounds = Math.ceil(minBytes / perRound);
  const expectedBytes = 24 + rounds * perRound;
  const packetsPerRound = inputs.reduce((n, i) => n + i.packets.length, 0);
  if (existsSync(path) && statSync(path).size === expectedBytes) {
    return { path, bytes: expectedBytes, packets: rounds * packetsPerRound, rounds };
  }
  const out = createWriteStream(path);
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262_144, 16);
  header.writeUInt32LE(1, 20);
  out.write(header);
  const base = inputs[0]?.packets[0]?.tsSec ?? 1_700_000_000;
  let offset = 0;
  for (let round = 0; round < rounds; round++) {
    const chunks: Buffer[] = [];
    for (const input of inputs) {
      const start = input.packets[0]?.tsSec ?? 0;
      for (const p of input.packets) {
        const record = Buffer.alloc(16);
        record.writeUInt32LE(base + offset + (p.tsSec - start), 0);
        record.writeUInt32LE(p.tsUsec, 4);
        record.writeUInt32LE(p.data.length, 8);
        record.writeUInt32LE(p.data.length, 12);
        chunks.push(record, round === 0 ? p.data : rewritePorts(p.data, round));
      }
      offset += input.spanSec;
    }
    if (!out.write(Buffer.concat(chunks))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, bytes: statSync(path).size, packets: rounds * packetsPerRound, rounds };
}
