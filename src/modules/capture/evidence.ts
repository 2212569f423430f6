// Packet evidence: frames of a kept capture file picked by number, written as a small pcap (or pcapng
// when the frames come from interfaces of different link types). An alert's events name their capture
// job and frame; this turns them back into the packets an analyst opens in Wireshark.
import { createReadStream } from 'node:fs';
import { CaptureReader } from './reader/capture-reader.js';
import { writePcap, writePcapng } from './reader/capture-writer.js';
import { readCapture } from './reader/read-capture.js';
import { NON_PACKET_RECORD, type PacketRecordHandler } from './reader/types.js';

/** Most frames one evidence file carries: an alert keeps its first 50 events, a few jobs at most. */
export const MAX_EVIDENCE_FRAMES = 1_000;

export interface EvidencePacket {
  readonly frame: number;
  /** Microseconds since the Unix epoch. */
  readonly time: number;
  readonly linkType: number;
  readonly originalLength: number;
  readonly data: Uint8Array;
}

/**
 * The wanted frames of a capture file, in file order. Reading stops after the last wanted frame, so
 * evidence from the start of a large capture costs little.
 */
export async function readFrames(path: string, wanted: readonly number[]): Promise<EvidencePacket[]> {
  const want = new Set(wanted.filter((n) => Number.isInteger(n) && n > 0).slice(0, MAX_EVIDENCE_FRAMES));
  if (want.size === 0) return [];
  const last = Math.max(...want);
  const out: EvidencePacket[] = [];
  let done = false;
  const handler: PacketRecordHandler = {
    packet(frame, data, offset, captured, original, time, linkType) {
      if (frame > last) {
        done = true;
        return;
      }
      // the reader reuses its buffers: copy the bytes out
      if (want.has(frame) && linkType !== NON_PACKET_RECORD) out.push({ frame, time, linkType, originalLength: original, data: data.slice(offset, offset + captured) });
    },
  };
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield chunk;
      if (done) break;
    }
  }
  try {
    await readCapture(chunks(), new CaptureReader(handler));
  } finally {
    stream.destroy();
  }
  return out;
}

/** One file of the packets in time order: pcap when they share a link type, else pcapng with an interface per type. */
export function evidenceFile(packets: readonly EvidencePacket[]): { readonly bytes: Uint8Array; readonly format: 'pcap' | 'pcapng' } {
  const sorted = [...packets].sort((a, b) => a.time - b.time || a.frame - b.frame);
  const types = [...new Set(sorted.map((p) => p.linkType))];
  if (types.length <= 1) return { bytes: writePcap(sorted, { linkType: types[0] ?? 1 }), format: 'pcap' };
  return {
    bytes: writePcapng([{ interfaces: types.map((linkType) => ({ linkType })), items: sorted.map((p) => ({ interface: types.indexOf(p.linkType), data: p.data, time: p.time, originalLength: p.originalLength })) }]),
    format: 'pcapng',
  };
}
