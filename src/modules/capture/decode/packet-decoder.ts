// Transport layer and dispatch: finds each packet's conversation (TCP, UDP, or MAC pair and
// Ethernet type), reassembles TCP streams and hands payloads to the dissector that claimed the
// conversation. Nothing is allocated per packet except the FrameInfo and the payload view a
// dissector receives.
import type { CotpPayloadDissector, Dissector } from '../dissectors/types.js';
import type { PacketRecordHandler } from '../reader/types.js';
import type { CaptureSink, Conversation, EndpointAddress, MalformedLayer } from '../types.js';
import { formatIpv4, formatIpv6, formatMac } from './addresses.js';
import { u16, u32 } from './bytes.js';
import {
  CLAIMED,
  ConversationTable,
  KIND_ETHERNET,
  KIND_TCP4,
  KIND_TCP6,
  KIND_UDP4,
  KIND_UDP6,
  UNCLAIMED,
  UNDECIDED,
  type ConvEntry,
  type PacketKey,
} from './conversation-table.js';
import { DissectorRegistry, ISO_TSAP_PORT, probeSafely, type DissectorSlot } from './dissector-registry.js';
import { IsoState, IsoTransport, looksLikeTpkt, tpktLength } from './iso-transport.js';
import { defaultDecodeLimits, ReassemblyBudget, type DecodeLimits } from './limits.js';
import { NetworkDecoder } from './network-decoder.js';
import { CaptureOutput, createStateSafely, SinkAdapter } from './sink-adapter.js';
import { TcpHalf, type TcpReceiver } from './tcp-stream.js';

export { supportedLinkTypes } from './network-decoder.js';

export interface PacketDecoderOptions {
  readonly dissectors: readonly Dissector[];
  readonly cotpDissectors: readonly CotpPayloadDissector[];
  readonly limits?: Partial<DecodeLimits>;
  /** Decode only this shard's conversations (an analysis split over threads); default: all. */
  readonly shard?: Shard;
}

/**
 * One of `count` decoders that share a capture by conversation: each reads every frame down to its
 * addresses and ports, and goes on only with the conversations that hash to `index` (both directions
 * of a TCP or UDP conversation, after IP reassembly; non-IP frames by MAC pair and Ethernet type).
 * What is found before that choice (frames outside any conversation, link and IP problems) is shard
 * 0's to report.
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

const TCP_FIN = 0x01;
const TCP_SYN = 0x02;
const TCP_RST = 0x04;
const TCP_ACK = 0x10;

export class PacketDecoder extends NetworkDecoder implements PacketRecordHandler, TcpReceiver {
  readonly table: ConversationTable;
  readonly registry: DissectorRegistry;
  readonly limits: DecodeLimits;
  readonly budget: ReassemblyBudget;
  private readonly sink: CaptureSink;
  private readonly iso: IsoTransport;
  private readonly tcpAdapter: SinkAdapter;
  private readonly udpAdapter: SinkAdapter;
  private readonly ethernetAdapter: SinkAdapter;
  private nextId = 1;
  private readonly shardIndex: number;
  private readonly shardCount: number;
  // The packet being decoded (the rest is in NetworkDecoder).
  private length = 0;
  private reported = false;

  constructor(sink: CaptureSink, options: PacketDecoderOptions) {
    const limits = { ...defaultDecodeLimits, ...options.limits };
    const budget = new ReassemblyBudget(limits.reassemblyBudgetBytes);
    const out = new CaptureOutput(sink);
    super(out, limits, budget);
    this.sink = sink;
    this.limits = limits;
    this.budget = budget;
    this.registry = new DissectorRegistry(options.dissectors, options.cotpDissectors);
    this.table = new ConversationTable(limits.maxConversations, limits.conversationIdleUs, (e) => this.release(e));
    this.iso = new IsoTransport(this.registry.cotp, out, limits, budget);
    this.tcpAdapter = new SinkAdapter(out);
    this.udpAdapter = new SinkAdapter(out);
    this.ethernetAdapter = new SinkAdapter(out);
    this.shardIndex = options.shard?.index ?? 0;
    this.shardCount = options.shard?.count ?? 1;
  }

  get malformed(): number {
    return this.out.malformed;
  }

  packet(frame: number, b: Uint8Array, off: number, caplen: number, origLen: number, time: number, linkType: number): void {
    this.length = origLen;
    this.reported = false;
    this.sink.clock?.(frame, time);
    const shared = this.shardIndex !== 0;
    this.out.muted = shared;
    this.decode(frame, b, off, caplen, origLen, time, linkType);
    if (!this.reported && !shared) this.sink.frame({ frame, time, length: origLen, conversation: undefined, fromClient: false });
    // what eviction releases belongs to this shard's own conversations
    this.out.muted = false;
    this.table.evictIdle(time);
  }

  /**
   * Whether the conversation of the key just filled is this shard's; if not, the frame is another
   * shard's whole (it reports it). The hash is the same from both ends.
   */
  private foreign(k: PacketKey): boolean {
    if (this.shardCount === 1) return false;
    const a = Math.imul(k.s0 ^ Math.imul(k.s1, 0x9e3779b1) ^ Math.imul(k.s2, 0x85ebca6b) ^ Math.imul(k.s3, 0xc2b2ae35), 0x27d4eb2f) + k.sp;
    const z = Math.imul(k.d0 ^ Math.imul(k.d1, 0x9e3779b1) ^ Math.imul(k.d2, 0x85ebca6b) ^ Math.imul(k.d3, 0xc2b2ae35), 0x27d4eb2f) + k.dp;
    let h = Math.imul((a ^ z) + k.kind, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    if ((h >>> 0) % this.shardCount !== this.shardIndex) {
      this.reported = true;
      return true;
    }
    this.out.muted = false;
    return false;
  }

  /** End of the capture: nothing more will fill TCP gaps, deliver what is held. */
  finish(): void {
    for (const e of this.table.entries()) {
      e.c2s?.close();
      e.s2c?.close();
    }
  }

  // ---- transport layer

  protected tcp(b: Uint8Array, p: number, end: number, wireEnd: number): void {
    if (end - p < 20) {
      this.malformedHere('tcp', `TCP header needs 20 bytes, segment has ${end - p}`);
      return;
    }
    const hl = (b[p + 12]! >> 4) * 4;
    if (hl < 20 || end - p < hl) {
      this.malformedHere('tcp', `TCP header length ${hl} invalid for a segment of ${end - p} bytes`);
      return;
    }
    const k = this.key;
    k.kind = this.v6 ? KIND_TCP6 : KIND_TCP4;
    k.sp = u16(b, p);
    k.dp = u16(b, p + 2);
    if (this.foreign(k)) return;
    const seq = u32(b, p + 4);
    const flags = b[p + 13]!;
    const syn = (flags & TCP_SYN) !== 0;
    const table = this.table;
    let e = table.find(k);
    if (e !== null && syn && (flags & TCP_ACK) === 0 && e.closed) {
      // The endpoints are reused by a new connection.
      table.evict(e);
      e = null;
    }
    if (e === null) e = this.newTcp(k, syn, (flags & TCP_ACK) !== 0);
    else table.touch(e, this.time);
    const fromClient = k.srcIsA === e.aIsClient;
    this.reportFrame(e.conv, fromClient);
    if ((flags & (TCP_FIN | TCP_RST)) !== 0) e.closed = true;
    if (e.status === UNCLAIMED) return;
    const half = fromClient ? e.c2s! : e.s2c!;
    // The peer's acknowledgment first: it may release data held before this packet's own.
    if ((flags & TCP_ACK) !== 0) (fromClient ? e.s2c! : e.c2s!).acked(u32(b, p + 8));
    if (syn) half.syn(seq);
    const start = p + hl;
    const wireLen = wireEnd - start;
    if (wireLen > 0) {
      const captured = end - start;
      if (e.status === UNDECIDED && !this.claimTcp(e, b.subarray(start, end))) return;
      half.data(syn ? (seq + 1) >>> 0 : seq, b, start, captured, wireLen, this.frame, this.time);
    }
    if ((flags & TCP_RST) !== 0) {
      e.c2s?.close();
      e.s2c?.close();
    } else if ((flags & TCP_FIN) !== 0) half.close();
  }

  private newTcp(k: PacketKey, syn: boolean, ack: boolean): ConvEntry {
    const registry = this.registry;
    const srcKnown = registry.isWellKnownTcp(k.sp);
    const dstKnown = registry.isWellKnownTcp(k.dp);
    // A protocol's well-known port names its server even when that side opened the connection
    // (Modbus semantics follow port 502, as tshark does); the SYN decides only when ports cannot.
    const clientIsSrc = srcKnown !== dstKnown ? dstKnown : syn ? !ack : clientByPorts(k.sp, k.dp, srcKnown, dstKnown);
    const serverPort = clientIsSrc ? k.dp : k.sp;
    const clientPort = clientIsSrc ? k.sp : k.dp;
    const e = this.table.insert(k, clientIsSrc, this.ipConversation('tcp', clientIsSrc, k), this.time);
    e.c2s = new TcpHalf(this, e, true, this.limits, this.budget);
    e.s2c = new TcpHalf(this, e, false, this.limits, this.budget);
    const candidates = registry.tcpPort(serverPort) ?? registry.tcpPort(clientPort);
    if (candidates !== undefined) {
      if (candidates.length === 1) this.claim(e, candidates[0]!);
      else e.candidates = candidates;
    } else if (serverPort === ISO_TSAP_PORT || clientPort === ISO_TSAP_PORT) {
      this.claimIso(e);
    }
    return e;
  }

  /** First payload of a TCP conversation nobody claimed by port: choose by content. */
  private claimTcp(e: ConvEntry, payload: Uint8Array): boolean {
    const slot = this.probe(e.candidates, this.registry.tcp, payload);
    if (slot !== null) this.claim(e, slot);
    else if (looksLikeTpkt(payload)) this.claimIso(e);
    else {
      e.status = UNCLAIMED;
      e.c2s = null;
      e.s2c = null;
      return false;
    }
    return true;
  }

  protected udp(b: Uint8Array, p: number, end: number): void {
    if (end - p < 8) {
      this.malformedHere('udp', `UDP header needs 8 bytes, datagram has ${end - p}`);
      return;
    }
    const k = this.key;
    k.kind = this.v6 ? KIND_UDP6 : KIND_UDP4;
    k.sp = u16(b, p);
    k.dp = u16(b, p + 2);
    if (this.foreign(k)) return;
    const length = u16(b, p + 4);
    let e = this.table.find(k);
    if (e === null) e = this.newUdp(k);
    else this.table.touch(e, this.time);
    const fromClient = k.srcIsA === e.aIsClient;
    this.reportFrame(e.conv, fromClient);
    if (length < 8 && !(length === 0 && this.v6)) {
      this.malformedHere('udp', `UDP length ${length} is less than its header`);
      return;
    }
    const stop = length >= 8 && p + length < end ? p + length : end;
    if (stop - p <= 8 || e.status === UNCLAIMED) return;
    const payload = b.subarray(p + 8, stop);
    if (e.status === UNDECIDED) {
      const slot = this.probe(e.candidates, this.registry.udp, payload);
      if (slot === null) {
        e.status = UNCLAIMED;
        return;
      }
      this.claim(e, slot);
    }
    const slot = e.slot!;
    slot.count++;
    this.udpAdapter.dissect(slot.dissector, payload, e.conv, fromClient, e.state, this.frame, this.time);
  }

  private newUdp(k: PacketKey): ConvEntry {
    const registry = this.registry;
    const srcSlots = registry.udpPort(k.sp);
    const dstSlots = registry.udpPort(k.dp);
    const clientIsSrc = clientByPorts(k.sp, k.dp, srcSlots !== undefined, dstSlots !== undefined);
    const e = this.table.insert(k, clientIsSrc, this.ipConversation('udp', clientIsSrc, k), this.time);
    const candidates = (clientIsSrc ? dstSlots : srcSlots) ?? (clientIsSrc ? srcSlots : dstSlots);
    if (candidates !== undefined) {
      if (candidates.length === 1) this.claim(e, candidates[0]!);
      else e.candidates = candidates;
    }
    return e;
  }

  /** Non-IP Ethernet types: one conversation per MAC pair and type; the first sender is the client. */
  protected layer2(b: Uint8Array, p: number, end: number, type: number): void {
    const k = this.key;
    const l2 = this.l2;
    k.kind = KIND_ETHERNET;
    const s = this.srcMac;
    const d = this.dstMac;
    k.s0 = s < 0 ? 0 : u16(l2, s);
    k.s1 = s < 0 ? 0 : u32(l2, s + 2);
    k.d0 = d < 0 ? 0 : u16(l2, d);
    k.d1 = d < 0 ? 0 : u32(l2, d + 2);
    k.s2 = k.s3 = k.d2 = k.d3 = 0;
    k.sp = k.dp = type;
    if (this.foreign(k)) return;
    let e = this.table.find(k);
    if (e === null) {
      const conv: Conversation = this.conversation('ethernet', { mac: this.mac(s) }, { mac: this.mac(d) });
      e = this.table.insert(k, true, conv, this.time);
      const slot = this.registry.etherType(type);
      if (slot !== undefined) this.claim(e, slot);
      else e.status = UNCLAIMED;
    } else this.table.touch(e, this.time);
    const fromClient = k.srcIsA === e.aIsClient;
    this.reportFrame(e.conv, fromClient);
    const slot = e.slot;
    if (slot === null) return;
    slot.count++;
    this.ethernetAdapter.dissect(slot.dissector, b.subarray(p, end), e.conv, fromClient, e.state, this.frame, this.time);
  }

  // ---- dispatch

  private probe(candidates: readonly DissectorSlot[] | null, all: readonly DissectorSlot[], payload: Uint8Array): DissectorSlot | null {
    if (candidates !== null) {
      for (const slot of candidates) if (probeSafely(slot.dissector, payload)) return slot;
      // The port decides when no candidate recognizes the content.
      return candidates[0]!;
    }
    for (const slot of all) if (probeSafely(slot.dissector, payload)) return slot;
    return null;
  }

  private claim(e: ConvEntry, slot: DissectorSlot): void {
    e.status = CLAIMED;
    e.slot = slot;
    e.candidates = null;
    e.state = createStateSafely(slot.dissector, this.out, this.frame);
    e.conv.protocol = slot.protocol;
    if (e.c2s !== null) e.c2s.framed = slot.framed;
    if (e.s2c !== null) e.s2c.framed = slot.framed;
  }

  private claimIso(e: ConvEntry): void {
    e.status = CLAIMED;
    e.candidates = null;
    e.iso = new IsoState();
  }

  // TcpReceiver: the streams call back here.

  pduLength(e: ConvEntry, data: Uint8Array): number {
    if (e.iso !== null) return tpktLength(data);
    const d = e.slot!.dissector;
    try {
      const n = d.pduLength!(data);
      return Number.isInteger(n) ? n : -1;
    } catch (error) {
      this.out.report(this.frame, d.protocol, `dissector error in pduLength: ${error instanceof Error ? error.message : String(error)}`);
      return -1;
    }
  }

  pdu(e: ConvEntry, fromClient: boolean, pdu: Uint8Array, frame: number, time: number): void {
    if (e.iso !== null) {
      this.iso.tpkt(e, fromClient, pdu, frame, time);
      return;
    }
    const slot = e.slot!;
    slot.count++;
    this.tcpAdapter.dissect(slot.dissector, pdu, e.conv, fromClient, e.state, frame, time);
  }

  problem(frame: number, layer: MalformedLayer, reason: string): void {
    this.out.report(frame, layer, reason);
  }

  framingLayer(e: ConvEntry): MalformedLayer {
    return e.iso !== null ? 'cotp' : e.slot!.protocol;
  }

  // ---- helpers

  private release(e: ConvEntry): void {
    // Evicted while segments wait for a gap to fill: nothing else will fill it.
    e.c2s?.close();
    e.s2c?.close();
    e.c2s?.release();
    e.s2c?.release();
    if (e.iso !== null) this.iso.release(e.iso);
  }

  private reportFrame(conversation: Conversation, fromClient: boolean): void {
    this.reported = true;
    this.sink.frame({ frame: this.frame, time: this.time, length: this.length, conversation, fromClient });
  }

  private ipConversation(transport: 'tcp' | 'udp', clientIsSrc: boolean, k: PacketKey): Conversation {
    const src = this.v6 ? formatIpv6(k.s0, k.s1, k.s2, k.s3) : formatIpv4(k.s0);
    const dst = this.v6 ? formatIpv6(k.d0, k.d1, k.d2, k.d3) : formatIpv4(k.d0);
    const s: EndpointAddress = { mac: this.mac(this.srcMac), ip: src, port: k.sp };
    const d: EndpointAddress = { mac: this.mac(this.dstMac), ip: dst, port: k.dp };
    return clientIsSrc ? this.conversation(transport, s, d) : this.conversation(transport, d, s);
  }

  private conversation(transport: Conversation['transport'], client: EndpointAddress, server: EndpointAddress): Conversation {
    const id = this.nextId++;
    return this.vlan >= 0
      ? { id, transport, client, server, vlan: this.vlan, protocol: undefined }
      : { id, transport, client, server, protocol: undefined };
  }

  private mac(off: number): string {
    return off < 0 ? '' : formatMac(this.l2, off);
  }
}

/** Without a SYN: the side on a well-known port is the server, else the higher port is the client. */
function clientByPorts(sp: number, dp: number, srcKnown: boolean, dstKnown: boolean): boolean {
  if (dstKnown !== srcKnown) return dstKnown;
  return sp >= dp;
}
