// One direction of a TCP connection: puts segments back in sequence order (dropping retransmitted
// bytes, holding out-of-order segments within bounds, skipping gaps that do not fill in time) and
// frames the byte stream into PDUs with the dissector's pduLength(). A PDU is reported with the
// frame that carried its last byte.
import type { MalformedLayer } from '../types.js';
import type { ConvEntry } from './conversation-table.js';
import type { DecodeLimits, ReassemblyBudget } from './limits.js';

/** Where a stream's PDUs and problems go (the decoder). */
export interface TcpReceiver {
  /** Same contract as Dissector.pduLength; must not throw. */
  pduLength(entry: ConvEntry, data: Uint8Array): number;
  pdu(entry: ConvEntry, fromClient: boolean, pdu: Uint8Array, frame: number, time: number): void;
  problem(frame: number, layer: MalformedLayer, reason: string): void;
  /** Layer that owns framing problems on this conversation (the dissector's protocol, or 'cotp'). */
  framingLayer(entry: ConvEntry): MalformedLayer;
}

interface HeldSegment {
  readonly seq: number;
  readonly data: Uint8Array;
  readonly frame: number;
  readonly time: number;
}

export class TcpHalf {
  /** Deliver each in-order chunk as one PDU (dissector without pduLength). */
  framed = true;
  private next = 0;
  private synced = false;
  private held: HeldSegment[] = [];
  private heldBytes = 0;
  private heldSince = 0;
  // The PDU being assembled across segments: its bytes so far and its length when known (else 0).
  private asm: Uint8Array | null = null;
  private asmLen = 0;
  private asmNeed = 0;
  /** A framing failure was reported and no PDU framed since: do not report every segment. */
  private lost = false;
  /** Highest acknowledgment number the peer sent: bytes below it will not be retransmitted. */
  private peerAck = 0;
  private peerAcked = false;

  constructor(
    private readonly receiver: TcpReceiver,
    private readonly entry: ConvEntry,
    private readonly fromClient: boolean,
    private readonly limits: DecodeLimits,
    private readonly budget: ReassemblyBudget,
  ) {}

  /** A SYN: the stream's data starts at seq + 1. */
  syn(seq: number): void {
    if (this.synced) return;
    this.next = (seq + 1) >>> 0;
    this.synced = true;
  }

  /**
   * A segment's payload: `len` captured bytes at b[off] of the `wireLen` bytes it carried
   * (fewer when the capture cut the packet short).
   */
  data(seq: number, b: Uint8Array, off: number, len: number, wireLen: number, frame: number, time: number): void {
    if (!this.synced) {
      this.next = seq;
      this.synced = true;
    }
    if (this.held.length > 0 && time - this.heldSince > this.limits.maxGapWaitUs) this.flush();
    let rel = (seq - this.next) | 0;
    if (len < wireLen) {
      // Bytes the capture did not keep are lost to the stream: skip them like a gap.
      if (rel + wireLen <= 0) return;
      this.receiver.problem(frame, 'tcp', `segment of ${wireLen} bytes captured only in part (${len} bytes): stream data lost`);
      this.resetFraming();
      if (rel > 0) this.flush();
      rel = (seq - this.next) | 0;
      if (rel + wireLen > 0) this.next = (seq + wireLen) >>> 0;
      this.drain();
      return;
    }
    if (rel > 0) {
      // Held unless the peer already acknowledged past the hole (the capture missed those bytes).
      const lost = this.peerAcked && ((this.peerAck - seq) | 0) >= 0;
      if (!lost && rel <= this.limits.maxOutOfOrderBytes * 4 && this.hold(seq, b, off, len, frame, time)) return;
      // Cannot wait for the missing bytes: give them up and go on from here.
      this.flush();
      rel = (seq - this.next) | 0;
      if (rel > 0) {
        this.gap(rel, frame);
        this.next = seq;
        rel = 0;
      }
    }
    // In order now. Bytes that a held segment already carried keep that (earlier) frame: the first
    // captured copy of a byte wins, as with retransmissions.
    let start = seq;
    for (;;) {
      rel = (start - this.next) | 0;
      if (rel + len <= 0) return;
      off -= rel;
      len += rel;
      start = this.next;
      let n = len;
      if (this.held.length > 0) {
        const h = (this.held[0]!.seq - this.next) | 0;
        if (h <= 0) {
          this.drain();
          continue;
        }
        if (h < n) n = h;
      }
      this.next = (this.next + n) >>> 0;
      this.deliver(b, off, n, frame, time);
      off += n;
      len -= n;
      start = this.next;
      if (this.held.length > 0) this.drain();
      if (len === 0) return;
    }
  }

  /**
   * The peer acknowledged up to `ack`: a hole before a held segment that the peer acknowledged was
   * received but not captured, so there is no point waiting for it.
   */
  acked(ack: number): void {
    if (!this.peerAcked || ((ack - this.peerAck) | 0) > 0) {
      this.peerAck = ack;
      this.peerAcked = true;
    }
    const held = this.held;
    while (held.length > 0) {
      const first = held[0]!;
      if (((ack - first.seq) | 0) < 0) return;
      const rel = (first.seq - this.next) | 0;
      if (rel > 0) {
        this.gap(rel, first.frame);
        this.next = first.seq;
      }
      this.drain();
    }
  }

  /** FIN or RST: nothing more will fill the gaps, deliver what is held. */
  close(): void {
    this.flush();
  }

  /** Delivers every held segment, skipping (and reporting) the gaps between them. */
  flush(): void {
    while (this.held.length > 0) {
      const first = this.held[0]!;
      const rel = (first.seq - this.next) | 0;
      if (rel > 0) {
        this.gap(rel, first.frame);
        this.next = first.seq;
      }
      this.drain();
    }
  }

  /** Drops everything held (the conversation is going away). */
  release(): void {
    this.budget.give(this.heldBytes);
    this.held = [];
    this.heldBytes = 0;
    this.resetFraming();
  }

  private hold(seq: number, b: Uint8Array, off: number, len: number, frame: number, time: number): boolean {
    const held = this.held;
    if (held.length >= this.limits.maxOutOfOrderSegments) return false;
    if (this.heldBytes + len > this.limits.maxOutOfOrderBytes) return false;
    if (!this.budget.take(len)) return false;
    const rel = (seq - this.next) | 0;
    let i = held.length;
    while (i > 0 && ((held[i - 1]!.seq - this.next) | 0) > rel) i--;
    held.splice(i, 0, { seq, data: b.slice(off, off + len), frame, time });
    if (held.length === 1) this.heldSince = time;
    this.heldBytes += len;
    return true;
  }

  /** Delivers held segments that now continue the stream. */
  private drain(): void {
    const held = this.held;
    while (held.length > 0) {
      const s = held[0]!;
      const rel = (s.seq - this.next) | 0;
      if (rel > 0) return;
      held.shift();
      this.heldBytes -= s.data.length;
      this.budget.give(s.data.length);
      if (held.length > 0) this.heldSince = held[0]!.time;
      const len = s.data.length + rel;
      if (len <= 0) continue;
      this.next = (this.next + len) >>> 0;
      this.deliver(s.data, -rel, len, s.frame, s.time);
    }
  }

  private gap(bytes: number, frame: number): void {
    this.receiver.problem(frame, 'tcp', `gap of ${bytes} bytes in the stream (segments not captured): resynchronizing`);
    this.resetFraming();
  }

  private deliver(b: Uint8Array, off: number, len: number, frame: number, time: number): void {
    const receiver = this.receiver;
    if (!this.framed) {
      receiver.pdu(this.entry, this.fromClient, b.subarray(off, off + len), frame, time);
      return;
    }
    if (this.asm !== null) {
      const used = this.continuePdu(b, off, len, frame, time);
      if (used < 0) return;
      off += used;
      len -= used;
    }
    while (len > 0) {
      const view = b.subarray(off, off + len);
      const n = receiver.pduLength(this.entry, view);
      if (n > 0 && n <= this.limits.maxPduBytes) {
        if (n > len) {
          this.startPdu(view, n, frame);
          return;
        }
        this.lost = false;
        receiver.pdu(this.entry, this.fromClient, n === len ? view : b.subarray(off, off + n), frame, time);
        off += n;
        len -= n;
      } else if (n === 0) {
        this.startPdu(view, 0, frame);
        return;
      } else {
        this.framingFailed(frame, n);
        return;
      }
    }
  }

  /** Copies the start of a PDU that continues in later segments. */
  private startPdu(view: Uint8Array, need: number, frame: number): void {
    const size = need > 0 ? need : Math.min(Math.max(view.length * 2, 64), this.limits.maxPduBytes);
    if (size < view.length) {
      this.framingFailed(frame, 0);
      return;
    }
    if (!this.budget.take(size)) {
      this.receiver.problem(frame, 'tcp', 'reassembly memory budget exhausted: PDU dropped');
      return;
    }
    const asm = new Uint8Array(size);
    asm.set(view);
    this.asm = asm;
    this.asmLen = view.length;
    this.asmNeed = need;
  }

  /** Adds a segment's bytes to the pending PDU; returns the bytes used, or -1 when the segment is dropped. */
  private continuePdu(b: Uint8Array, off: number, len: number, frame: number, time: number): number {
    let used = 0;
    while (used < len) {
      let asm = this.asm!;
      if (this.asmNeed > 0) {
        const take = Math.min(this.asmNeed - this.asmLen, len - used);
        asm.set(b.subarray(off + used, off + used + take), this.asmLen);
        this.asmLen += take;
        used += take;
        if (this.asmLen === this.asmNeed) {
          this.emitPdu(frame, time);
          return used;
        }
        return used;
      }
      // Length still unknown: add what we have (within the PDU limit) and ask again.
      const before = this.asmLen;
      const take = Math.min(len - used, this.limits.maxPduBytes - before);
      if (take <= 0) {
        this.framingFailed(frame, 0);
        return -1;
      }
      if (before + take > asm.length) {
        const size = Math.min(Math.max(asm.length * 2, before + take), this.limits.maxPduBytes);
        if (!this.budget.take(size - asm.length)) {
          this.receiver.problem(frame, 'tcp', 'reassembly memory budget exhausted: PDU dropped');
          this.resetFraming();
          return -1;
        }
        const grown = new Uint8Array(size);
        grown.set(asm.subarray(0, before));
        this.asm = asm = grown;
      }
      asm.set(b.subarray(off + used, off + used + take), before);
      this.asmLen = before + take;
      used += take;
      const n = this.receiver.pduLength(this.entry, asm.subarray(0, this.asmLen));
      if (n === 0) continue;
      if (n < 0 || n > this.limits.maxPduBytes || n <= before) {
        this.framingFailed(frame, n);
        return -1;
      }
      if (n <= this.asmLen) {
        // The PDU ends inside the bytes just added: give the rest back to the segment.
        used -= this.asmLen - n;
        this.asmLen = n;
        this.emitPdu(frame, time);
        return used;
      }
      if (n > asm.length) {
        if (!this.budget.take(n - asm.length)) {
          this.receiver.problem(frame, 'tcp', 'reassembly memory budget exhausted: PDU dropped');
          this.resetFraming();
          return -1;
        }
        const grown = new Uint8Array(n);
        grown.set(asm.subarray(0, this.asmLen));
        this.asm = grown;
      }
      this.asmNeed = n;
    }
    return used;
  }

  private emitPdu(frame: number, time: number): void {
    const asm = this.asm!;
    const pdu = asm.subarray(0, this.asmLen);
    this.budget.give(asm.length);
    this.asm = null;
    this.asmLen = 0;
    this.asmNeed = 0;
    this.lost = false;
    this.receiver.pdu(this.entry, this.fromClient, pdu, frame, time);
  }

  private framingFailed(frame: number, n: number): void {
    if (!this.lost) {
      this.lost = true;
      const why =
        n < 0 ? 'bytes do not start a PDU' : n === 0 ? 'PDU length still unknown at the size limit' : `PDU length ${n} exceeds the limit`;
      this.receiver.problem(frame, this.receiver.framingLayer(this.entry), `cannot frame the stream (${why}): resynchronizing at the next segment`);
    }
    this.resetFraming();
  }

  private resetFraming(): void {
    if (this.asm !== null) this.budget.give(this.asm.length);
    this.asm = null;
    this.asmLen = 0;
    this.asmNeed = 0;
  }
}
