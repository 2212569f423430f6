// Classic pcap (libpcap 2.4, little-endian, microsecond timestamps, Ethernet link type).
import type { SimFrame } from './frames.js';

const snapLength = 262144;
const linkTypeEthernet = 1;

export function pcapFileHeader(): Uint8Array {
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, 0xa1b2c3d4, true);
  header.setUint16(4, 2, true);
  header.setUint16(6, 4, true);
  header.setInt32(8, 0, true); // thiszone: timestamps are UTC
  header.setUint32(12, 0, true); // sigfigs
  header.setUint32(16, snapLength, true);
  header.setUint32(20, linkTypeEthernet, true);
  return new Uint8Array(header.buffer);
}

export function pcapRecord(frame: SimFrame): Uint8Array {
  const record = new Uint8Array(16 + frame.data.length);
  const view = new DataView(record.buffer);
  const seconds = Math.floor(frame.time / 1_000_000);
  view.setUint32(0, seconds, true);
  view.setUint32(4, frame.time - seconds * 1_000_000, true);
  view.setUint32(8, frame.data.length, true);
  view.setUint32(12, frame.data.length, true);
  record.set(frame.data, 16);
  return record;
}
