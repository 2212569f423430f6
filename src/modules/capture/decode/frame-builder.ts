// Builds link, IP, UDP and TCP packets from their specifications, for tests of the decoder and of
// dissectors (checksums are left zero: the decoder does not verify them).
import { concat } from '../reader/byte-builder.js';

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

function put16(b: Uint8Array, i: number, v: number): void {
  b[i] = (v >>> 8) & 0xff;
  b[i + 1] = v & 0xff;
}

function put32(b: Uint8Array, i: number, v: number): void {
  put16(b, i, v >>> 16);
  put16(b, i + 2, v & 0xffff);
}

export function macBytes(mac: string): Uint8Array {
  const parts = mac.split(/[:-]/).map((x) => parseInt(x, 16));
  if (parts.length !== 6 || parts.some((x) => !(x >= 0 && x <= 255))) throw new Error(`bad MAC ${mac}`);
  return Uint8Array.from(parts);
}

export function ipv4Bytes(ip: string): Uint8Array {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((x) => !(x >= 0 && x <= 255))) throw new Error(`bad IPv4 ${ip}`);
  return Uint8Array.from(parts);
}

export function ipv6Bytes(ip: string): Uint8Array {
  const [head = '', tail] = ip.split('::');
  const groups = (s: string | undefined): number[] => (s === undefined || s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  if (all.length !== 8 || all.some((x) => !(x >= 0 && x <= 0xffff))) throw new Error(`bad IPv6 ${ip}`);
  const out = new Uint8Array(16);
  all.forEach((g, i) => put16(out, i * 2, g));
  return out;
}

export interface VlanTag {
  readonly tpid?: number;
  readonly id: number;
  readonly priority?: number;
}

export function ethernet(dst: string, src: string, etherType: number, payload: Uint8Array, vlans: readonly VlanTag[] = []): Uint8Array {
  const head = new Uint8Array(14 + vlans.length * 4);
  head.set(macBytes(dst), 0);
  head.set(macBytes(src), 6);
  let o = 12;
  for (const tag of vlans) {
    put16(head, o, tag.tpid ?? 0x8100);
    put16(head, o + 2, ((tag.priority ?? 0) << 13) | tag.id);
    o += 4;
  }
  put16(head, o, etherType);
  return concat(head, payload);
}

/** Linux cooked capture v1 header (LINKTYPE 113). */
export function sll(protocol: number, payload: Uint8Array, src = '00:11:22:33:44:55', packetType = 0): Uint8Array {
  const head = new Uint8Array(16);
  put16(head, 0, packetType);
  put16(head, 2, 1);
  put16(head, 4, 6);
  head.set(macBytes(src), 6);
  put16(head, 14, protocol);
  return concat(head, payload);
}

/** Linux cooked capture v2 header (LINKTYPE 276). */
export function sll2(protocol: number, payload: Uint8Array, src = '00:11:22:33:44:55', ifIndex = 2): Uint8Array {
  const head = new Uint8Array(20);
  put16(head, 0, protocol);
  put32(head, 4, ifIndex);
  put16(head, 8, 1);
  head[10] = 0;
  head[11] = 6;
  head.set(macBytes(src), 12);
  return concat(head, payload);
}

export interface Ipv4Options {
  readonly src: string;
  readonly dst: string;
  readonly protocol: number;
  readonly payload: Uint8Array;
  readonly id?: number;
  /** Fragment offset in bytes (a multiple of 8). */
  readonly fragmentOffset?: number;
  readonly moreFragments?: boolean;
  /** Total length to declare instead of the real one. */
  readonly totalLength?: number;
}

export function ipv4(o: Ipv4Options): Uint8Array {
  const head = new Uint8Array(20);
  head[0] = 0x45;
  put16(head, 2, o.totalLength ?? 20 + o.payload.length);
  put16(head, 4, o.id ?? 1);
  put16(head, 6, (o.moreFragments === true ? 0x2000 : 0) | ((o.fragmentOffset ?? 0) >> 3));
  head[8] = 64;
  head[9] = o.protocol;
  head.set(ipv4Bytes(o.src), 12);
  head.set(ipv4Bytes(o.dst), 16);
  return concat(head, o.payload);
}

export interface Ipv6Extension {
  readonly type: number;
  /** Body after the next-header and length bytes (padded by the builder to a multiple of 8). */
  readonly body?: Uint8Array;
}

export interface Ipv6Options {
  readonly src: string;
  readonly dst: string;
  readonly nextHeader: number;
  readonly payload: Uint8Array;
  readonly extensions?: readonly Ipv6Extension[];
  /** Adds a fragment header. */
  readonly fragment?: { readonly offset: number; readonly more: boolean; readonly id: number };
}

export function ipv6(o: Ipv6Options): Uint8Array {
  const headers: { type: number; bytes: Uint8Array }[] = [];
  for (const ext of o.extensions ?? []) {
    const body = ext.body ?? new Uint8Array(6);
    const len = Math.ceil((body.length + 2) / 8) * 8;
    const bytes = new Uint8Array(len);
    bytes[1] = len / 8 - 1;
    bytes.set(body, 2);
    headers.push({ type: ext.type, bytes });
  }
  if (o.fragment !== undefined) {
    const bytes = new Uint8Array(8);
    put16(bytes, 2, o.fragment.offset | (o.fragment.more ? 1 : 0));
    put32(bytes, 4, o.fragment.id);
    headers.push({ type: 44, bytes });
  }
  for (let i = 0; i < headers.length; i++) headers[i]!.bytes[0] = headers[i + 1]?.type ?? o.nextHeader;
  const body = concat(...headers.map((h) => h.bytes), o.payload);
  const head = new Uint8Array(40);
  head[0] = 0x60;
  put16(head, 4, body.length);
  head[6] = headers[0]?.type ?? o.nextHeader;
  head[7] = 64;
  head.set(ipv6Bytes(o.src), 8);
  head.set(ipv6Bytes(o.dst), 24);
  return concat(head, body);
}

export function udp(sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  put16(head, 0, sport);
  put16(head, 2, dport);
  put16(head, 4, 8 + payload.length);
  return concat(head, payload);
}

export interface TcpOptions {
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack?: number;
  readonly flags?: number;
  readonly payload?: Uint8Array;
}

export function tcp(o: TcpOptions): Uint8Array {
  const head = new Uint8Array(20);
  put16(head, 0, o.sport);
  put16(head, 2, o.dport);
  put32(head, 4, o.seq >>> 0);
  put32(head, 8, (o.ack ?? 0) >>> 0);
  head[12] = 5 << 4;
  head[13] = o.flags ?? (o.ack !== undefined ? ACK : 0);
  put16(head, 14, 65535);
  return concat(head, o.payload ?? new Uint8Array(0));
}

/** Ethernet + IPv4 + TCP in one call. */
export function tcpFrame(src: string, dst: string, o: TcpOptions, macs = { src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02' }): Uint8Array {
  return ethernet(macs.dst, macs.src, 0x0800, ipv4({ src, dst, protocol: 6, payload: tcp(o) }));
}

/** Ethernet + IPv4 + UDP in one call. */
export function udpFrame(src: string, dst: string, sport: number, dport: number, payload: Uint8Array): Uint8Array {
  return ethernet('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ipv4({ src, dst, protocol: 17, payload: udp(sport, dport, payload) }));
}
