// BACnet APDU (ASHRAE 135 clause 20.1): PDU types, invoke ids and pairing, the service choice and
// the operation it maps to; service parameters are decoded in services.ts.
import type { DissectSink, IdentityDraft, OperationClass, OperationDraft } from '../types.js';
import { cur, fresh, readErrorPair, type Parsed } from './cursor.js';
import {
  abortReasons,
  communicationStates,
  confirmedServices,
  nameOr,
  objectTypeProgram,
  programRequests,
  reinitializeStates,
  rejectReasons,
  unconfirmedServices,
} from './names.js';
import { decodeComplexAck, decodeConfirmed, decodeUnconfirmed } from './services.js';

const confirmedClasses: readonly OperationClass[] = [
  'other', 'publish', 'publish', 'read', 'read', 'subscribe', 'program-upload', 'file-operation',
  'write', 'write', 'configuration-change', 'configuration-change', 'read', 'read', 'read', 'write',
  'write', 'configuration-change', 'other', 'other', 'restart', 'session', 'session', 'other',
  'session', 'session', 'read', 'other', 'subscribe', 'read', 'subscribe', 'publish', 'publish', 'read',
];
const unconfirmedClasses: readonly OperationClass[] = [
  'discovery', 'discovery', 'publish', 'publish', 'other', 'other', 'time-sync', 'discovery',
  'discovery', 'time-sync', 'write', 'publish', 'publish', 'discovery', 'configuration-change',
];

function displayName(service: string): string {
  return service.charAt(0).toUpperCase() + service.slice(1);
}

/** Request pair key: the invoke id, qualified by who asked (the client side or the server side). */
function requestKey(fromClient: boolean, invokeId: number): string {
  return `${fromClient ? 'c' : 's'}${invokeId}`;
}

function finishRequest(service: number, parsed: Parsed, pairKey: string | undefined): void {
  const serviceName = confirmedServices[service];
  let operation: OperationClass = confirmedClasses[service] ?? 'other';
  let name = serviceName ? displayName(serviceName) : `Confirmed service ${service}`;
  if (service === 20 && parsed.enumValue >= 0) name += ` (${nameOr(reinitializeStates, parsed.enumValue, 'state')})`;
  if (service === 17 && parsed.enumValue >= 0) name += ` (${nameOr(communicationStates, parsed.enumValue, 'state')})`;
  if (service === 7 && parsed.objType === objectTypeProgram) operation = 'program-download';
  if (service === 15 && parsed.enumValue >= 0) {
    // program-change on a program object: load = download, run/halt/restart change its state.
    const request = parsed.enumValue;
    operation = request === 1 ? 'program-download' : request === 2 ? 'start' : request === 3 ? 'stop' : request === 4 ? 'restart' : 'write';
    name += ` (${nameOr(programRequests, request, 'request')})`;
  }
  const op: OperationDraft = {
    operation,
    name,
    code: service,
    ...(parsed.targets.length ? { target: parsed.targets.join('; ') } : {}),
    ...(parsed.values ? { values: parsed.values } : {}),
    ...(pairKey !== undefined ? { pairKey } : {}),
  };
  cur.out.operation(op);
}

/**
 * The header a Confirmed-Request and a ComplexACK share from their invoke id at `pos + at`: sequence
 * number and window size when segmented, then the service choice. Returns where the service
 * parameters start, or -1 when there are none to decode here (truncated header or a later segment).
 */
function serviceHeader(buf: Uint8Array, pos: number, end: number, at: number, segmented: boolean, pdu: string, sink: DissectSink): number {
  const header = at + (segmented ? 4 : 2);
  if (pos + header > end) {
    sink.malformed(`BACnet ${pdu} header truncated at offset ${pos}`);
    return -1;
  }
  const sequence = segmented ? (buf[pos + at + 1] as number) : 0;
  if (sink.wantFields) {
    sink.field('bacapp.invoke_id', buf[pos + at] as number);
    if (segmented) {
      sink.field('bacapp.sequence_number', sequence);
      sink.field('bacapp.window_size', buf[pos + at + 2] as number);
    }
    sink.field('bacapp.confirmed_service', buf[pos + header - 1] as number);
  }
  // Later segments continue the service data: only the first one starts with parameters.
  return segmented && sequence !== 0 ? -1 : pos + header;
}

/** Decodes the APDU in b[pos, end). `fromClient` is the pipeline's toServer. */
export function dissectApdu(buf: Uint8Array, pos: number, end: number, fromClient: boolean, sink: DissectSink): void {
  cur.b = buf;
  cur.e = end;
  cur.out = sink;
  const want = sink.wantFields;
  const first = buf[pos] as number;
  const type = first >> 4;
  if (want) sink.field('bacapp.type', type);
  const parsed = fresh();
  const facts: IdentityDraft[] = [];
  switch (type) {
    case 0: {
      // Confirmed-Request: a byte of segmentation limits before the invoke id.
      const segmented = (first & 0x08) !== 0;
      const params = serviceHeader(buf, pos, end, 2, segmented, 'confirmed request', sink);
      if (params < 0) return;
      const service = buf[params - 1] as number;
      cur.p = params;
      if (!segmented) decodeConfirmed(service, parsed);
      finishRequest(service, parsed, requestKey(fromClient, buf[pos + 2] as number));
      break;
    }
    case 1: {
      // Unconfirmed-Request
      if (pos + 2 > end) {
        sink.malformed(`BACnet unconfirmed request truncated at offset ${pos}`);
        return;
      }
      const service = buf[pos + 1] as number;
      if (want) sink.field('bacapp.unconfirmed_service', service);
      cur.p = pos + 2;
      decodeUnconfirmed(service, parsed, facts);
      const serviceName = unconfirmedServices[service];
      sink.operation({
        operation: unconfirmedClasses[service] ?? 'other',
        name: serviceName ? displayName(serviceName) : `Unconfirmed service ${service}`,
        code: service,
        ...(parsed.targets.length ? { target: parsed.targets.join('; ') } : {}),
        ...(parsed.values ? { values: parsed.values } : {}),
      });
      break;
    }
    case 2: {
      // SimpleACK
      if (pos + 3 > end) {
        sink.malformed(`BACnet SimpleACK truncated at offset ${pos}`);
        return;
      }
      if (want) {
        sink.field('bacapp.invoke_id', buf[pos + 1] as number);
        sink.field('bacapp.confirmed_service', buf[pos + 2] as number);
      }
      sink.outcome(requestKey(!fromClient, buf[pos + 1] as number), { result: 'ok' });
      break;
    }
    case 3: {
      // ComplexACK
      const segmented = (first & 0x08) !== 0;
      const params = serviceHeader(buf, pos, end, 1, segmented, 'ComplexACK', sink);
      if (params < 0) return;
      cur.p = params;
      if (!segmented) decodeComplexAck(buf[params - 1] as number, parsed, facts);
      sink.outcome(requestKey(!fromClient, buf[pos + 1] as number), { result: 'ok', ...(parsed.values ? { values: parsed.values } : {}) });
      break;
    }
    case 4: {
      // SegmentACK
      if (pos + 4 > end) {
        sink.malformed(`BACnet SegmentACK truncated at offset ${pos}`);
        return;
      }
      if (want) {
        sink.field('bacapp.invoke_id', buf[pos + 1] as number);
        sink.field('bacapp.sequence_number', buf[pos + 2] as number);
        sink.field('bacapp.window_size', buf[pos + 3] as number);
      }
      return;
    }
    case 5: {
      // Error
      if (pos + 3 > end) {
        sink.malformed(`BACnet Error PDU truncated at offset ${pos}`);
        return;
      }
      const invokeId = buf[pos + 1] as number;
      if (want) {
        sink.field('bacapp.invoke_id', invokeId);
        sink.field('bacapp.confirmed_service', buf[pos + 2] as number);
      }
      cur.p = pos + 3;
      readErrorPair(parsed);
      sink.outcome(requestKey(!fromClient, invokeId), { result: 'error', detail: parsed.problem });
      break;
    }
    case 6:
    case 7: {
      // Reject, Abort
      if (pos + 3 > end) {
        sink.malformed(`BACnet ${type === 6 ? 'Reject' : 'Abort'} PDU truncated at offset ${pos}`);
        return;
      }
      const invokeId = buf[pos + 1] as number;
      const reason = buf[pos + 2] as number;
      if (want) {
        sink.field('bacapp.invoke_id', invokeId);
        sink.field(type === 6 ? 'bacapp.reject_reason' : 'bacapp.abort_reason', reason);
      }
      const detail = type === 6 ? `Reject: ${nameOr(rejectReasons, reason, 'reason')}` : `Abort: ${nameOr(abortReasons, reason, 'reason')}`;
      // A reject, or an abort with the SRV bit, comes from the responder; an abort without it from
      // the requester itself.
      const askedByClient = type === 7 && (first & 1) === 0 ? fromClient : !fromClient;
      sink.outcome(requestKey(askedByClient, invokeId), { result: 'exception', detail });
      break;
    }
    default:
      sink.malformed(`BACnet APDU type ${type} at offset ${pos} is reserved`);
      return;
  }
  for (const f of facts) sink.identity(f);
}
