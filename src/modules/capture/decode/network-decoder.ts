// Link and network layers: Ethernet with VLAN tags (802.1Q, QinQ), Linux cooked SLL/SLL2, raw IP,
// BSD loopback; IPv4 and IPv6 (extension headers, fragment reassembly). Headers are read by index
// into reused fields; the transport layer is left to the subclass.
import type { MalformedLayer } from '../types.js';
import { NON_PACKET_RECORD } from '../reader/types.js';
import { u16, u32 } from './bytes.js';
import { PacketKey } from './conversation-table.js';
import { FragmentReassembler } from './ip-fragments.js';
import type { DecodeLimits, ReassemblyBudget } from './limits.js';
import type { CaptureOutput } from './sink-adapter.js';

/** Link types the decoder understands (LINKTYPE_* values). */
export const supportedLinkTypes: ReadonlySet<number> = new Set([0, 1, 101, 108, 113, 228, 229, 276]);

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const EMPTY = new Uint8Array(0);

export abstract class NetworkDecoder {
  protected readonly key = new PacketKey();
  private readonly fragments: FragmentReassembler;
  private readonly unsupported = new Set<number>();
  // The packet being decoded.
  protected frame = 0;
  protected time = 0;
  /** Where the frame ends on the wire (beyond the record when the capture cut it short). */
  private wireEnd = 0;
  /** The record's bytes, and where its MAC addresses are in them (-1: none). */
  protected l2: Uint8Array = EMPTY;
  protected srcMac = -1;
  protected dstMac = -1;
  /** Innermost VLAN id, -1 when untagged. */
  protected vlan = -1;
  /** The key holds IPv6 addresses. */
  protected v6 = false;

  constructor(
    protected readonly out: CaptureOutput,
    limits: DecodeLimits,
    budget: ReassemblyBudget,
  ) {
    this.fragments = new FragmentReassembler(limits, budget);
  }

  protected abstract tcp(b: Uint8Array, p: number, end: number, wireEnd: number): void;
  protected abstract udp(b: Uint8Array, p: number, end: number): void;
  /** A non-IP Ethernet type (after VLAN tags), payload b[p, end). */
  protected abstract layer2(b: Uint8Array, p: number, end: number, type: number): void;

  /** Decodes one record down to the transport layer. */
  protected decode(frame: number, b: Uint8Array, off: number, caplen: number, origLen: number, time: number, linkType: number): void {
    this.frame = frame;
    this.time = time;
    this.l2 = b;
    this.srcMac = -1;
    this.dstMac = -1;
    this.vlan = -1;
    const end = off + caplen;
    this.wireEnd = origLen > caplen ? off + origLen : end;
    switch (linkType) {
      case 1:
        this.ethernet(b, off, end);
        break;
      case 113:
        this.sll(b, off, end);
        break;
      case 276:
        this.sll2(b, off, end);
        break;
      case 101:
        this.rawIp(b, off, end);
        break;
      case 228:
        this.ipv4(b, off, end);
        break;
      case 229:
        this.ipv6(b, off, end);
        break;
      case 0:
      case 108:
        this.loopback(b, off, end, linkType === 108);
        break;
      case NON_PACKET_RECORD:
        break;
      default:
        if (!this.unsupported.has(linkType)) {
          this.unsupported.add(linkType);
          this.out.report(frame, 'link', `link type ${linkType} is not supported: its frames are counted, not decoded`);
        }
    }
  }

  protected malformedHere(layer: MalformedLayer, reason: string): void {
    this.out.report(this.frame, layer, reason);
  }

  // ---- link layer

  private ethernet(b: Uint8Array, p: number, end: number): void {
    if (end - p < 14) {
      this.malformedHere('link', `Ethernet header needs 14 bytes, frame has ${end - p}`);
      return;
    }
    this.dstMac = p;
    this.srcMac = p + 6;
    this.network(b, p + 14, end, u16(b, p + 12));
  }

  /** Linux cooked capture v1: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
  private sll(b: Uint8Array, p: number, end: number): void {
    if (end - p < 16) {
      this.malformedHere('link', `Linux cooked header needs 16 bytes, frame has ${end - p}`);
      return;
    }
    if (u16(b, p + 4) === 6) this.srcMac = p + 6;
    this.network(b, p + 16, end, u16(b, p + 14));
  }

  /** Linux cooked capture v2: protocol first, then interface index, ARPHRD type, packet type, address. */
  private sll2(b: Uint8Array, p: number, end: number): void {
    if (end - p < 20) {
      this.malformedHere('link', `Linux cooked v2 header needs 20 bytes, frame has ${end - p}`);
      return;
    }
    if (b[p + 11] === 6) this.srcMac = p + 12;
    this.network(b, p + 20, end, u16(b, p));
  }

  private rawIp(b: Uint8Array, p: number, end: number): void {
    if (end - p < 1) return;
    const version = b[p]! >> 4;
    if (version === 4) this.ipv4(b, p, end);
    else if (version === 6) this.ipv6(b, p, end);
    else this.malformedHere('ip', `raw IP packet has IP version ${version}`);
  }

  /** BSD loopback: a 4-byte address family, in the capturing host's byte order (LOOP: big-endian). */
  private loopback(b: Uint8Array, p: number, end: number, bigEndian: boolean): void {
    if (end - p < 4) {
      this.malformedHere('link', 'loopback header needs 4 bytes');
      return;
    }
    const family = bigEndian || (b[p] === 0 && b[p + 1] === 0) ? u32(b, p) : b[p]! | (b[p + 1]! << 8);
    if (family === 2) this.ipv4(b, p + 4, end);
    else if (family === 24 || family === 28 || family === 30) this.ipv6(b, p + 4, end);
  }

  /** After the link header: VLAN tags (802.1Q, QinQ), then IP or a layer-2 protocol. */
  private network(b: Uint8Array, p: number, end: number, type: number): void {
    while ((type === 0x8100 || type === 0x88a8 || type === 0x9100) && end - p >= 4) {
      // The innermost tag is the one the site assigns (the outer one is the provider's in QinQ).
      this.vlan = u16(b, p) & 0x0fff;
      type = u16(b, p + 2);
      p += 4;
    }
    if (type === ETHERTYPE_IPV4) this.ipv4(b, p, end);
    else if (type === ETHERTYPE_IPV6) this.ipv6(b, p, end);
    else if (type >= 0x0600) this.layer2(b, p, end, type);
  }

  // ---- network layer

  private ipv4(b: Uint8Array, p: number, end: number): void {
    if (end - p < 20) {
      this.malformedHere('ip', `IPv4 header needs 20 bytes, packet has ${end - p}`);
      return;
    }
    const vihl = b[p]!;
    const ihl = (vihl & 0x0f) * 4;
    const total = u16(b, p + 2);
    if (vihl >> 4 !== 4 || ihl < 20 || total < ihl || end - p < ihl) {
      this.malformedHere('ip', `bad IPv4 header (version ${vihl >> 4}, header length ${ihl}, total length ${total})`);
      return;
    }
    const k = this.key;
    this.v6 = false;
    k.s0 = u32(b, p + 12);
    k.d0 = u32(b, p + 16);
    k.s1 = k.s2 = k.s3 = k.d1 = k.d2 = k.d3 = 0;
    const proto = b[p + 9]!;
    const wireEnd = this.ipEnd(p + total, 'IPv4 total length', total);
    const ipEnd = wireEnd < end ? wireEnd : end;
    const frag = u16(b, p + 6);
    if ((frag & 0x3fff) !== 0) {
      const key = `4 ${k.s0} ${k.d0} ${u16(b, p + 4)} ${proto}`;
      if (ipEnd < wireEnd) {
        this.malformedHere('ip', 'IPv4 fragment cut short by the capture length: not reassembled');
        return;
      }
      const r = this.fragments.add(key, (frag & 0x1fff) * 8, (frag & 0x2000) !== 0, b, p + ihl, ipEnd, this.time);
      if (r.kind === 'complete') this.transport(proto, r.payload, 0, r.payload.length, r.payload.length);
      else if (r.kind === 'dropped') this.malformedHere('ip', r.reason);
      return;
    }
    this.transport(proto, b, p + ihl, ipEnd, wireEnd);
  }

  private ipv6(b: Uint8Array, p: number, end: number): void {
    if (end - p < 40) {
      this.malformedHere('ip', `IPv6 header needs 40 bytes, packet has ${end - p}`);
      return;
    }
    if (b[p]! >> 4 !== 6) {
      this.malformedHere('ip', `IPv6 header has version ${b[p]! >> 4}`);
      return;
    }
    const k = this.key;
    this.v6 = true;
    k.s0 = u32(b, p + 8);
    k.s1 = u32(b, p + 12);
    k.s2 = u32(b, p + 16);
    k.s3 = u32(b, p + 20);
    k.d0 = u32(b, p + 24);
    k.d1 = u32(b, p + 28);
    k.d2 = u32(b, p + 32);
    k.d3 = u32(b, p + 36);
    const payloadLength = u16(b, p + 4);
    // A zero payload length means a jumbogram: take what was captured.
    const wireEnd = payloadLength === 0 ? end : this.ipEnd(p + 40 + payloadLength, 'IPv6 payload length', payloadLength);
    const ipEnd = wireEnd < end ? wireEnd : end;
    let next = b[p + 6]!;
    let q = p + 40;
    // Extension headers (bounded: a chain cannot loop forever).
    for (let i = 0; i < 16; i++) {
      if (next === 0 || next === 43 || next === 60 || next === 135 || next === 139 || next === 140 || next === 51) {
        if (ipEnd - q < 2) {
          this.malformedHere('ip', `IPv6 extension header ${next} truncated at offset ${q - p}`);
          return;
        }
        const len = next === 51 ? (b[q + 1]! + 2) * 4 : (b[q + 1]! + 1) * 8;
        next = b[q]!;
        q += len;
        continue;
      }
      if (next === 44) {
        if (ipEnd - q < 8) {
          this.malformedHere('ip', `IPv6 fragment header truncated at offset ${q - p}`);
          return;
        }
        const proto = b[q]!;
        const offMore = u16(b, q + 2);
        const id = u32(b, q + 4);
        q += 8;
        if ((offMore & 0xfff9) === 0) {
          // Atomic fragment: the whole datagram is here.
          next = proto;
          continue;
        }
        if (ipEnd < wireEnd) {
          this.malformedHere('ip', 'IPv6 fragment cut short by the capture length: not reassembled');
          return;
        }
        const key = `6 ${k.s0} ${k.s1} ${k.s2} ${k.s3} ${k.d0} ${k.d1} ${k.d2} ${k.d3} ${id}`;
        const r = this.fragments.add(key, offMore & 0xfff8, (offMore & 1) !== 0, b, q, ipEnd, this.time);
        if (r.kind === 'complete') this.transport(proto, r.payload, 0, r.payload.length, r.payload.length);
        else if (r.kind === 'dropped') this.malformedHere('ip', r.reason);
        return;
      }
      break;
    }
    if (q > ipEnd) {
      this.malformedHere('ip', 'IPv6 extension headers run past the packet');
      return;
    }
    this.transport(next, b, q, ipEnd, wireEnd);
  }

  private transport(proto: number, b: Uint8Array, p: number, end: number, wireEnd: number): void {
    if (proto === 6) this.tcp(b, p, end, wireEnd);
    else if (proto === 17) this.udp(b, p, end);
  }

  /**
   * Where the IP packet ends on the wire: as its header says, unless that runs past the frame
   * itself (a lying length field, not bytes the capture left out).
   */
  private ipEnd(declared: number, field: string, value: number): number {
    if (declared <= this.wireEnd) return declared;
    this.malformedHere('ip', `${field} ${value} runs past the end of the frame`);
    return this.wireEnd;
  }
}
