// The dissectors one analysis uses, indexed for dispatch by port, Ethernet type and content, with
// per-dissector PDU counters for the summary.
import type { CotpPayloadDissector, Dissector, ProtocolId } from '../dissectors/types.js';

/** One dissector as the decoder uses it: the dissector plus its PDU counter. */
export class DissectorSlot {
  count = 0;
  readonly protocol: ProtocolId;
  readonly framed: boolean;
  constructor(readonly dissector: Dissector) {
    this.protocol = dissector.protocol;
    this.framed = typeof dissector.pduLength === 'function';
  }
}

export class CotpSlot {
  count = 0;
  readonly protocol: ProtocolId;
  constructor(readonly dissector: CotpPayloadDissector) {
    this.protocol = dissector.protocol;
  }
}

/** ISO transport (TPKT + COTP) has its own well-known port. */
export const ISO_TSAP_PORT = 102;

export class DissectorRegistry {
  readonly tcp: readonly DissectorSlot[];
  readonly udp: readonly DissectorSlot[];
  readonly cotp: readonly CotpSlot[];
  private readonly all: readonly DissectorSlot[];
  private readonly tcpPorts = new Map<number, DissectorSlot[]>();
  private readonly udpPorts = new Map<number, DissectorSlot[]>();
  private readonly etherTypes = new Map<number, DissectorSlot>();

  constructor(dissectors: readonly Dissector[], cotpDissectors: readonly CotpPayloadDissector[]) {
    const slots = dissectors.map((d) => new DissectorSlot(d));
    this.all = slots;
    this.tcp = slots.filter((s) => s.dissector.transport === 'tcp');
    this.udp = slots.filter((s) => s.dissector.transport === 'udp');
    this.cotp = cotpDissectors.map((d) => new CotpSlot(d));
    for (const slot of slots) {
      const d = slot.dissector;
      if (d.transport === 'ethernet') {
        for (const type of d.etherTypes ?? []) if (!this.etherTypes.has(type)) this.etherTypes.set(type, slot);
        continue;
      }
      const ports = d.transport === 'tcp' ? this.tcpPorts : this.udpPorts;
      for (const port of d.ports) {
        const list = ports.get(port);
        if (list === undefined) ports.set(port, [slot]);
        else if (!list.includes(slot)) list.push(slot);
      }
    }
  }

  /** Dissectors registered on a TCP port (ISO transport's port counts as well-known too). */
  tcpPort(port: number): readonly DissectorSlot[] | undefined {
    return this.tcpPorts.get(port);
  }

  isWellKnownTcp(port: number): boolean {
    return port === ISO_TSAP_PORT || this.tcpPorts.has(port);
  }

  udpPort(port: number): readonly DissectorSlot[] | undefined {
    return this.udpPorts.get(port);
  }

  etherType(type: number): DissectorSlot | undefined {
    return this.etherTypes.get(type);
  }

  /** PDUs dissected per protocol so far. */
  pduCounts(): Partial<Record<ProtocolId, number>> {
    const counts: Partial<Record<ProtocolId, number>> = {};
    for (const slot of [...this.all, ...this.cotp]) {
      if (slot.count > 0) counts[slot.protocol] = (counts[slot.protocol] ?? 0) + slot.count;
    }
    return counts;
  }
}

/** probe() that cannot throw: an exception means "not this protocol". */
export function probeSafely(d: { probe(payload: Uint8Array): boolean }, payload: Uint8Array): boolean {
  try {
    return d.probe(payload) === true;
  } catch {
    return false;
  }
}
