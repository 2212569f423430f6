// ISO transport on TCP (RFC 1006): TPKT frames (version 3, 16-bit length) carrying COTP TPDUs
// (ISO 8073). Data TPDUs are joined until the end-of-TSDU bit, then handed to the COTP payload
// dissector whose probe() accepts the first unit (S7comm, S7comm-plus, MMS), remembered per conversation.
import type { CaptureOutput } from './sink-adapter.js';
import { createStateSafely, SinkAdapter } from './sink-adapter.js';
import { probeSafely, type CotpSlot } from './dissector-registry.js';
import type { ConvEntry } from './conversation-table.js';
import type { DecodeLimits, ReassemblyBudget } from './limits.js';

const TPKT_HEADER = 4;
/** Units probed before a conversation's COTP payload is given up as unknown. */
const MAX_PROBES = 8;

const DT = 0xf0;
const CR = 0xe0;
const CC = 0xd0;
const DR = 0x80;
const DC = 0xc0;
const ER = 0x70;
const ED = 0x10;
const EA = 0x20;
const AK = 0x60;
const RJ = 0x50;

/** Per-conversation ISO transport state. */
export class IsoState {
  slot: CotpSlot | null = null;
  state: unknown = undefined;
  probes = 0;
  // DT fragments waiting for their end-of-TSDU, per direction.
  c2s: Uint8Array | null = null;
  c2sLen = 0;
  s2c: Uint8Array | null = null;
  s2cLen = 0;
}

/** TPKT framing: total length, 0 when fewer than 4 bytes, -1 when not a TPKT header. */
export function tpktLength(data: Uint8Array): number {
  if (data.length < TPKT_HEADER) return data.length > 0 && data[0] !== 3 ? -1 : 0;
  if (data[0] !== 3 || data[1] !== 0) return -1;
  const len = (data[2]! << 8) | data[3]!;
  return len < TPKT_HEADER + 2 ? -1 : len;
}

/** Content check for ISO transport on a port that is not 102. */
export function looksLikeTpkt(data: Uint8Array): boolean {
  const len = tpktLength(data);
  if (len <= 0 || data.length < TPKT_HEADER + 2) return false;
  const li = data[4]!;
  if (li < 1 || TPKT_HEADER + 1 + li > len) return false;
  return cotpKnown(data[5]! & 0xf0);
}

function cotpKnown(type: number): boolean {
  switch (type) {
    case DT:
    case CR:
    case CC:
    case DR:
    case DC:
    case ER:
    case ED:
    case EA:
    case AK:
    case RJ:
      return true;
    default:
      return false;
  }
}

export class IsoTransport {
  private readonly adapter: SinkAdapter;

  constructor(
    private readonly slots: readonly CotpSlot[],
    private readonly out: CaptureOutput,
    private readonly limits: DecodeLimits,
    private readonly budget: ReassemblyBudget,
  ) {
    this.adapter = new SinkAdapter(out);
  }

  /** One TPKT (as framed by tpktLength) from one direction of the conversation. */
  tpkt(entry: ConvEntry, fromClient: boolean, tpkt: Uint8Array, frame: number, time: number): void {
    const len = tpkt.length;
    if (len < TPKT_HEADER + 2) {
      this.out.report(frame, 'cotp', `TPKT of ${len} bytes has no room for a COTP header`);
      return;
    }
    const li = tpkt[4]!;
    if (li < 1 || TPKT_HEADER + 1 + li > len) {
      this.out.report(frame, 'cotp', `COTP length indicator ${li} at offset 4 exceeds the TPKT of ${len} bytes`);
      return;
    }
    const type = tpkt[5]! & 0xf0;
    if (type === DT) {
      if (li < 2) {
        this.out.report(frame, 'cotp', `COTP DT header length ${li} too short at offset 4`);
        return;
      }
      // Class 0/1 DT: TPDU-NR/EOT right after the code; classes 2-4 put the destination reference first.
      const eot = (tpkt[li === 2 ? 6 : 8]! & 0x80) !== 0;
      this.data(entry, fromClient, tpkt, TPKT_HEADER + 1 + li, eot, frame, time);
      return;
    }
    if (type === CR || type === CC || type === DR || type === DC) {
      // Connection set up or torn down: pending fragments belong to no one now.
      this.dropFragments(entry.iso!, true);
      this.dropFragments(entry.iso!, false);
      return;
    }
    if (!cotpKnown(type)) this.out.report(frame, 'cotp', `unknown COTP TPDU type 0x${(tpkt[5]! >> 4).toString(16)}0 at offset 5`);
  }

  /** Frees the conversation's pending fragments. */
  release(iso: IsoState): void {
    this.dropFragments(iso, true);
    this.dropFragments(iso, false);
  }

  private data(entry: ConvEntry, fromClient: boolean, tpkt: Uint8Array, start: number, eot: boolean, frame: number, time: number): void {
    const iso = entry.iso!;
    const pending = fromClient ? iso.c2s : iso.s2c;
    const pendingLen = fromClient ? iso.c2sLen : iso.s2cLen;
    const n = tpkt.length - start;
    if (!eot || pending !== null) {
      if (n > 0 && !this.append(iso, fromClient, tpkt, start, n, frame)) return;
      if (!eot) return;
    }
    let payload: Uint8Array;
    if (pending === null) payload = tpkt.subarray(start);
    else {
      const joined = fromClient ? iso.c2s! : iso.s2c!;
      payload = joined.subarray(0, pendingLen + n);
      // The joined unit goes out as a view: the buffer leaves the budget and the next unit starts anew.
      this.dropFragments(iso, fromClient);
    }
    if (payload.length === 0) return;
    let slot = iso.slot;
    if (slot === null) {
      if (iso.probes >= MAX_PROBES) return;
      iso.probes++;
      for (const candidate of this.slots) {
        if (probeSafely(candidate.dissector, payload)) {
          slot = candidate;
          break;
        }
      }
      if (slot === null) return;
      iso.slot = slot;
      iso.state = createStateSafely(slot.dissector, this.out, frame);
      entry.conv.protocol = slot.protocol;
    }
    slot.count++;
    this.adapter.dissect(slot.dissector, payload, entry.conv, fromClient, iso.state, frame, time);
  }

  /** Adds a DT fragment to the direction's pending user data; false when it had to be dropped. */
  private append(iso: IsoState, fromClient: boolean, src: Uint8Array, start: number, n: number, frame: number): boolean {
    let buf = fromClient ? iso.c2s : iso.s2c;
    const len = fromClient ? iso.c2sLen : iso.s2cLen;
    if (len + n > this.limits.maxPduBytes) {
      this.out.report(frame, 'cotp', `COTP user data exceeds ${this.limits.maxPduBytes} bytes before its end of TSDU: dropped`);
      this.dropFragments(iso, fromClient);
      return false;
    }
    if (buf === null || len + n > buf.length) {
      const size = Math.min(Math.max(len + n, (buf?.length ?? 0) * 2, 1024), this.limits.maxPduBytes);
      if (!this.budget.take(size - (buf?.length ?? 0))) {
        this.out.report(frame, 'cotp', 'reassembly memory budget exhausted: COTP user data dropped');
        this.dropFragments(iso, fromClient);
        return false;
      }
      const grown = new Uint8Array(size);
      if (buf !== null) grown.set(buf.subarray(0, len));
      buf = grown;
    }
    buf.set(src.subarray(start, start + n), len);
    if (fromClient) {
      iso.c2s = buf;
      iso.c2sLen = len + n;
    } else {
      iso.s2c = buf;
      iso.s2cLen = len + n;
    }
    return true;
  }

  private dropFragments(iso: IsoState, fromClient: boolean): void {
    const buf = fromClient ? iso.c2s : iso.s2c;
    if (buf !== null) this.budget.give(buf.length);
    if (fromClient) {
      iso.c2s = null;
      iso.c2sLen = 0;
    } else {
      iso.s2c = null;
      iso.s2cLen = 0;
    }
  }
}
