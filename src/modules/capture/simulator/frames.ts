// Ethernet II, IPv4, TCP and UDP as they appear on the wire: checksums computed, short frames padded
// to the 60-byte Ethernet minimum. The IPv4 identification and header checksum are filled in when
// frames are put in time order (see finishFrame), so each host's counter rises in capture order.
import { bytes } from '../reader/byte-builder.js';

/** A station on the plant network as the simulator needs it. */
export interface Host {
  readonly name: string;
  readonly ip: string;
  readonly mac: string;
  /** Initial IP time to live of its stack (Windows 128, most embedded stacks 64, some 30). */
  readonly ttl: number;
  /** TCP receive window it advertises. */
  readonly window: number;
  /** How long its TCP stack waits before a pure ACK for data it has not answered, in µs. */
  readonly delayedAck: number;
}

/** One frame of the simulated capture; time in microseconds since the Unix epoch. */
export interface SimFrame {
  readonly time: number;
  readonly data: Uint8Array;
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

const etherTypeIpv4 = 0x0800;
const ethernetHeader = 14;
const minimumFrame = 60;

export function macBytes(mac: string): Uint8Array {
  return Uint8Array.from(mac.split(':').map((x) => Number.parseInt(x, 16)));
}

export function ipBytes(ip: string): Uint8Array {
  return Uint8Array.from(ip.split('.').map(Number));
}

/** One's-complement sum of 16-bit big-endian words (RFC 1071), not yet folded or inverted. */
function sum16(data: Uint8Array, from: number, to: number, initial = 0): number {
  let sum = initial;
  for (let i = from; i + 1 < to; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if ((to - from) & 1) sum += data[to - 1]! << 8;
  return sum;
}

function fold(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** TCP or UDP checksum over the IPv4 pseudo-header and the segment. */
function transportChecksum(src: Uint8Array, dst: Uint8Array, protocol: number, segment: Uint8Array): number {
  const pseudo = sum16(src, 0, 4) + sum16(dst, 0, 4) + protocol + segment.length;
  const sum = fold(sum16(segment, 0, segment.length, pseudo));
  // UDP sends a computed zero as all ones (zero means "no checksum").
  return protocol === 17 && sum === 0 ? 0xffff : sum;
}

function ethernetIpv4(srcMac: string, dstMac: string, ip: Uint8Array): Uint8Array {
  const frame = new Uint8Array(Math.max(minimumFrame, ethernetHeader + ip.length));
  frame.set(macBytes(dstMac), 0);
  frame.set(macBytes(srcMac), 6);
  frame[12] = etherTypeIpv4 >>> 8;
  frame[13] = etherTypeIpv4 & 0xff;
  frame.set(ip, ethernetHeader);
  return frame;
}

function ipv4(src: Host, dst: { readonly ip: string }, protocol: number, dontFragment: boolean, payload: Uint8Array): Uint8Array {
  return bytes()
    .u8(0x45)
    .u8(0)
    .u16be(20 + payload.length)
    .u16be(0) // identification: set by finishFrame
    .u16be(dontFragment ? 0x4000 : 0)
    .u8(src.ttl)
    .u8(protocol)
    .u16be(0) // header checksum: set by finishFrame
    .bytes(ipBytes(src.ip))
    .bytes(ipBytes(dst.ip))
    .bytes(payload)
    .build();
}

export interface TcpSegment {
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  /** TCP options, a multiple of 4 bytes. */
  readonly options?: Uint8Array;
  readonly payload?: Uint8Array;
}

export function tcpFrame(src: Host, dst: Host, s: TcpSegment): Uint8Array {
  const options = s.options ?? new Uint8Array(0);
  const payload = s.payload ?? new Uint8Array(0);
  const segment = bytes()
    .u16be(s.sport)
    .u16be(s.dport)
    .u32be(s.seq >>> 0)
    .u32be((s.flags & TCP_ACK ? s.ack : 0) >>> 0)
    .u8(((20 + options.length) / 4) << 4)
    .u8(s.flags)
    .u16be(s.window)
    .u16be(0)
    .u16be(0)
    .bytes(options)
    .bytes(payload)
    .build();
  const sum = transportChecksum(ipBytes(src.ip), ipBytes(dst.ip), 6, segment);
  segment[16] = sum >>> 8;
  segment[17] = sum & 0xff;
  return ethernetIpv4(src.mac, dst.mac, ipv4(src, dst, 6, true, segment));
}

/** A UDP datagram; `dst` may be a broadcast address with the broadcast MAC. */
export function udpFrame(src: Host, dst: { readonly ip: string; readonly mac: string }, sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const segment = bytes().u16be(sport).u16be(dport).u16be(8 + payload.length).u16be(0).bytes(payload).build();
  const sum = transportChecksum(ipBytes(src.ip), ipBytes(dst.ip), 17, segment);
  segment[6] = sum >>> 8;
  segment[7] = sum & 0xff;
  return ethernetIpv4(src.mac, dst.mac, ipv4(src, dst, 17, false, segment));
}

/**
 * Gives an IPv4 frame its identification from the sending host's counter and computes the header
 * checksum. Called in capture order; `counters` maps source IP to the next identification.
 */
export function finishFrame(frame: Uint8Array, counters: Map<string, number>, initial: (ip: string) => number): void {
  if (frame[12] !== etherTypeIpv4 >>> 8 || frame[13] !== (etherTypeIpv4 & 0xff)) return;
  const ip = ethernetHeader;
  const src = `${frame[ip + 12]}.${frame[ip + 13]}.${frame[ip + 14]}.${frame[ip + 15]}`;
  const id = counters.get(src) ?? initial(src);
  counters.set(src, (id + 1) & 0xffff);
  frame[ip + 4] = id >>> 8;
  frame[ip + 5] = id & 0xff;
  frame[ip + 10] = 0;
  frame[ip + 11] = 0;
  const sum = fold(sum16(frame, ip, ip + 20));
  frame[ip + 10] = sum >>> 8;
  frame[ip + 11] = sum & 0xff;
}
