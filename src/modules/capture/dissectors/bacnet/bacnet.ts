// BACnet/IP (ASHRAE 135 Annex J) on UDP 47808: BVLC, NPDU (routing and network-layer messages),
// then the APDU (apdu.ts).
import type { DissectSink, Dissector, OperationClass, PduContext } from '../types.js';
import { dissectApdu } from './apdu.js';

const bvlcFunctions: readonly string[] = [
  'BVLC-Result',
  'Write-Broadcast-Distribution-Table',
  'Read-Broadcast-Distribution-Table',
  'Read-Broadcast-Distribution-Table-Ack',
  'Forwarded-NPDU',
  'Register-Foreign-Device',
  'Read-Foreign-Device-Table',
  'Read-Foreign-Device-Table-Ack',
  'Delete-Foreign-Device-Table-Entry',
  'Distribute-Broadcast-To-Network',
  'Original-Unicast-NPDU',
  'Original-Broadcast-NPDU',
  'Secure-BVLL',
];

/** BVLC management requests worth an operation: function → class. */
const bvlcOperations: Readonly<Record<number, OperationClass>> = {
  1: 'configuration-change',
  2: 'discovery',
  5: 'session',
  6: 'discovery',
  8: 'configuration-change',
};

const bvlcResults: Readonly<Record<number, string>> = {
  0x10: 'Write-Broadcast-Distribution-Table NAK',
  0x20: 'Read-Broadcast-Distribution-Table NAK',
  0x30: 'Register-Foreign-Device NAK',
  0x40: 'Read-Foreign-Device-Table NAK',
  0x50: 'Delete-Foreign-Device-Table-Entry NAK',
  0x60: 'Distribute-Broadcast-To-Network NAK',
};

const networkMessages: readonly string[] = [
  'Who-Is-Router-To-Network',
  'I-Am-Router-To-Network',
  'I-Could-Be-Router-To-Network',
  'Reject-Message-To-Network',
  'Router-Busy-To-Network',
  'Router-Available-To-Network',
  'Initialize-Routing-Table',
  'Initialize-Routing-Table-Ack',
  'Establish-Connection-To-Network',
  'Disconnect-Connection-To-Network',
  'Challenge-Request',
  'Security-Payload',
  'Security-Response',
  'Request-Key-Update',
  'Update-Key-Set',
  'Update-Distribution-Key',
  'Request-Master-Key',
  'Set-Master-Key',
  'What-Is-Network-Number',
  'Network-Number-Is',
];

const networkClasses: Readonly<Record<number, OperationClass>> = {
  0: 'discovery',
  1: 'discovery',
  6: 'configuration-change',
  8: 'session',
  9: 'session',
  18: 'discovery',
};

/** Field names of a network address: network number, MAC length, one-byte (MS/TP) MAC. */
type AddressFields = readonly [string, string, string];
const destinationFields: AddressFields = ['bacnet.dnet', 'bacnet.dlen', 'bacnet.dadr_mstp'];
const sourceFields: AddressFields = ['bacnet.snet', 'bacnet.slen', 'bacnet.sadr_mstp'];

/**
 * A destination or source specifier at `p`: network number, MAC length, MAC. Returns the offset after
 * it, or -1 when it is truncated.
 */
function npduAddress(b: Uint8Array, p: number, end: number, which: 'destination' | 'source', fields: AddressFields, sink: DissectSink): number {
  if (p + 3 > end || p + 3 + (b[p + 2] as number) > end) {
    sink.malformed(`BACnet NPDU ${which} at offset ${p} truncated`);
    return -1;
  }
  const length = b[p + 2] as number;
  if (sink.wantFields) {
    sink.field(fields[0], (b[p] as number) << 8 | (b[p + 1] as number));
    sink.field(fields[1], length);
    if (length === 1) sink.field(fields[2], b[p + 3] as number);
  }
  return p + 3 + length;
}

/** Decodes the NPDU at b[pos, end) and the APDU it carries. */
function dissectNpdu(b: Uint8Array, pos: number, end: number, toServer: boolean, sink: DissectSink): void {
  const want = sink.wantFields;
  if (pos + 2 > end) {
    sink.malformed(`BACnet NPDU header truncated at offset ${pos}`);
    return;
  }
  const control = b[pos + 1] as number;
  if (want) {
    sink.field('bacnet.version', b[pos] as number);
    sink.field('bacnet.control', control);
  }
  let p = pos + 2;
  const hasDestination = (control & 0x20) !== 0;
  if (hasDestination) {
    p = npduAddress(b, p, end, 'destination', destinationFields, sink);
    if (p < 0) return;
  }
  if (control & 0x08) {
    p = npduAddress(b, p, end, 'source', sourceFields, sink);
    if (p < 0) return;
  }
  if (hasDestination) {
    if (p >= end) {
      sink.malformed(`BACnet NPDU hop count at offset ${p} missing`);
      return;
    }
    if (want) sink.field('bacnet.hopc', b[p] as number);
    p++;
  }
  if (control & 0x80) {
    dissectNetworkMessage(b, p, end, sink);
    return;
  }
  if (p >= end) {
    sink.malformed(`BACnet APDU missing at offset ${p}`);
    return;
  }
  dissectApdu(b, p, end, toServer, sink);
}

function dissectNetworkMessage(b: Uint8Array, p: number, end: number, sink: DissectSink): void {
  if (p >= end) {
    sink.malformed(`BACnet network message type at offset ${p} missing`);
    return;
  }
  const type = b[p++] as number;
  const want = sink.wantFields;
  if (want) sink.field('bacnet.mesgtyp', type);
  if (type >= 0x80) {
    if (p + 2 > end) {
      sink.malformed(`BACnet proprietary network message vendor at offset ${p} truncated`);
      return;
    }
    if (want) sink.field('bacnet.vendor', (b[p] as number) << 8 | (b[p + 1] as number));
    sink.operation({ operation: 'other', name: `Proprietary network message ${type}`, code: type });
    return;
  }
  const networks: number[] = [];
  if (type === 3 && p < end) {
    // Reject-Message-To-Network: the reason precedes the DNET.
    if (want) sink.field('bacnet.rejectreason', b[p] as number);
    p++;
  }
  // I-Am-Router, Router-Busy and Router-Available carry a list of DNETs; others one (optional in Who-Is-Router).
  const list = type === 1 || type === 4 || type === 5;
  const single = type === 0 || type === 2 || type === 3 || type === 8 || type === 9;
  if (list || single) {
    for (; p + 2 <= end && networks.length < 256; p += 2) {
      const dnet = (b[p] as number) << 8 | (b[p + 1] as number);
      networks.push(dnet);
      if (want) sink.field('bacnet.dnet', dnet);
      if (single) break;
    }
  }
  const name = networkMessages[type] ?? `Network message ${type}`;
  sink.operation({
    operation: networkClasses[type] ?? 'other',
    name,
    code: type,
    ...(networks.length ? { target: `networks ${networks.slice(0, 16).join(', ')}` } : {}),
  });
}

function dissectBacnet(pdu: Uint8Array, ctx: PduContext<null>, sink: DissectSink): void {
  // Empty datagrams to 47808 are port probes, not BACnet PDUs.
  if (pdu.length === 0) return;
  if (pdu.length < 4) {
    sink.malformed(`BVLC header truncated at ${pdu.length} of 4 bytes`);
    return;
  }
  const type = pdu[0] as number;
  const fn = pdu[1] as number;
  const length = (pdu[2] as number) << 8 | (pdu[3] as number);
  const want = sink.wantFields;
  if (want) {
    sink.field('bvlc.type', type);
    sink.field('bvlc.function', fn);
  }
  if (type !== 0x81) {
    sink.malformed(`BVLC type 0x${type.toString(16)} at offset 0 is not BACnet/IPv4 (0x81)`);
    return;
  }
  if (length < 4) {
    sink.malformed(`BVLC length ${length} at offset 2 is shorter than its header`);
    return;
  }
  let end = length;
  if (end > pdu.length) {
    sink.malformed(`BVLC length ${length} at offset 2 exceeds the ${pdu.length}-byte datagram`);
    end = pdu.length;
  }
  switch (fn) {
    case 0x00: {
      if (end < 6) {
        sink.malformed('BVLC-Result code at offset 4 truncated');
        return;
      }
      const code = (pdu[4] as number) << 8 | (pdu[5] as number);
      if (want) sink.field('bvlc.result', code);
      sink.outcome('bvlc', code === 0 ? { result: 'ok' } : { result: 'error', detail: bvlcResults[code] ?? `Result 0x${code.toString(16)}` });
      return;
    }
    case 0x04: {
      if (end < 10) {
        sink.malformed('Forwarded-NPDU original address at offset 4 truncated');
        return;
      }
      if (want) {
        sink.field('bvlc.fwd_ip', `${pdu[4]}.${pdu[5]}.${pdu[6]}.${pdu[7]}`);
        sink.field('bvlc.fwd_port', (pdu[8] as number) << 8 | (pdu[9] as number));
      }
      dissectNpdu(pdu, 10, end, ctx.toServer, sink);
      return;
    }
    case 0x09:
    case 0x0a:
    case 0x0b:
      dissectNpdu(pdu, 4, end, ctx.toServer, sink);
      return;
    case 0x05:
      if (end >= 6 && want) sink.field('bvlc.reg_ttl', (pdu[4] as number) << 8 | (pdu[5] as number));
      break;
    default:
      if (fn > 0x0c) {
        sink.malformed(`BVLC function 0x${fn.toString(16)} at offset 1 is unknown`);
        return;
      }
  }
  const operation = bvlcOperations[fn];
  if (operation) {
    const ttl = fn === 5 && end >= 6 ? { values: `TTL ${(pdu[4] as number) << 8 | (pdu[5] as number)}s` } : {};
    sink.operation({ operation, name: bvlcFunctions[fn] ?? `BVLC function ${fn}`, code: fn, pairKey: 'bvlc', ...ttl });
  }
}

export const bacnetDissector: Dissector<null> = {
  protocol: 'bacnet',
  transport: 'udp',
  ports: [47808],
  probe: (payload) =>
    payload.length >= 4 && payload[0] === 0x81 && (payload[1] as number) <= 0x0c &&
    ((payload[2] as number) << 8 | (payload[3] as number)) === payload.length,
  createState: () => null,
  dissect: dissectBacnet,
};
