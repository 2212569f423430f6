// MMS PDUs (ISO 9506-2, BER): confirmed request/response/error, unconfirmed, reject, initiate,
// conclude, cancel, with pairing of requests and responses; service parameters in service-bodies.ts.
import { berClass, readInteger, readTlv, readUnsigned, type Tlv } from '../ber/ber.js';
import type { DissectSink, IdentityDraft, OperationDraft, PduContext } from '../types.js';
import { mx, tlv, variableAccess } from './context.js';
import { summarizeDataList } from './data-values.js';
import { confirmedServiceClass, confirmedServiceName, rejectPduNames, unconfirmedServiceNames } from './names.js';
import { confirmedRequestBody, confirmedResponseBody, serviceErrorText, type Request, type Response } from './service-bodies.js';

export interface MmsState {
  /** Pending confirmed requests: pair key → service, plus getNameList object class (bounded). */
  readonly pending: Map<string, { service: number; objectClass: number }>;
}

const maxPending = 256;

function remember(state: MmsState, key: string, service: number, objectClass: number): void {
  if (state.pending.size >= maxPending && !state.pending.has(key)) {
    const oldest = state.pending.keys().next().value;
    if (oldest !== undefined) state.pending.delete(oldest);
  }
  state.pending.set(key, { service, objectClass });
}

function confirmed(pdu: Tlv, ctx: PduContext<MmsState>, sink: DissectSink, facts: IdentityDraft[]): void {
  const request = pdu.tag === 0;
  const c = tlv(1);
  let invokeId = Number.NaN;
  let service = -1;
  let pos = pdu.start;
  for (; pos < pdu.end && readTlv(mx.b, pos, pdu.end, c); pos = c.next) {
    if (c.cls === berClass.universal && c.tag === 2) {
      invokeId = readUnsigned(mx.b, c.start, c.end);
      if (mx.want) mx.out.field('mms.invokeID', invokeId);
    } else if (c.cls === berClass.context) {
      service = c.tag;
      if (mx.want) mx.out.field(request ? 'mms.confirmedServiceRequest' : 'mms.confirmedServiceResponse', service);
      break;
    }
  }
  if (service < 0 || Number.isNaN(invokeId)) {
    sink.malformed(`MMS confirmed ${request ? 'request' : 'response'} at offset ${pos}: invokeID or service missing`);
    return;
  }
  // c holds the service element; its children use levels 2 and up.
  if (request) {
    const req: Request = { target: '', values: '', objectClass: -1 };
    confirmedRequestBody(service, c, 1, req);
    const pairKey = `${ctx.toServer ? 'c' : 's'}${invokeId}`;
    remember(ctx.state, pairKey, service, req.objectClass);
    const op: OperationDraft = {
      operation: confirmedServiceClass(service),
      name: confirmedServiceName(service),
      code: service,
      ...(req.target ? { target: req.target } : {}),
      ...(req.values ? { values: req.values } : {}),
      pairKey,
    };
    sink.operation(op);
    return;
  }
  const pairKey = `${ctx.toServer ? 's' : 'c'}${invokeId}`;
  const pending = ctx.state.pending.get(pairKey);
  ctx.state.pending.delete(pairKey);
  const res: Response = { values: '', failure: '' };
  confirmedResponseBody(service, c, 1, pending?.service === 1 ? pending.objectClass : -1, facts, res);
  sink.outcome(pairKey, res.failure ? { result: 'exception', detail: res.failure } : { result: 'ok', ...(res.values ? { values: res.values } : {}) });
}

/** Decodes one MMS PDU in b[start, end). */
export function dissectMmsPdu(buf: Uint8Array, start: number, end: number, ctx: PduContext<MmsState>, sink: DissectSink): void {
  mx.b = buf;
  mx.out = sink;
  mx.want = sink.wantFields;
  const pdu = tlv(0);
  if (!readTlv(mx.b, start, end, pdu) || pdu.cls !== berClass.context) {
    sink.malformed(`MMS PDU at offset ${start}: truncated or not a context-tagged PDU`);
    return;
  }
  const facts: IdentityDraft[] = [];
  // A response travels opposite to its request: key requests by the side that sent them.
  const mine = ctx.toServer ? 'c' : 's';
  const theirs = ctx.toServer ? 's' : 'c';
  const c = tlv(1);
  const k = tlv(2);
  switch (pdu.tag) {
    case 0:
    case 1:
      confirmed(pdu, ctx, sink, facts);
      break;
    case 2: {
      // confirmed-ErrorPDU: invokeID [0], modifierPosition [1], serviceError [2]
      let invokeId = Number.NaN;
      let detail = 'service error';
      for (let pos = pdu.start; pos < pdu.end && readTlv(mx.b, pos, pdu.end, c); pos = c.next) {
        if (c.cls !== berClass.context) continue;
        if (c.tag === 0) {
          invokeId = readUnsigned(mx.b, c.start, c.end);
          if (mx.want) mx.out.field('mms.invokeID', invokeId);
        } else if (c.tag === 2) detail = serviceErrorText(c.start, c.end, 2);
      }
      if (!Number.isNaN(invokeId)) {
        ctx.state.pending.delete(`${theirs}${invokeId}`);
        sink.outcome(`${theirs}${invokeId}`, { result: 'error', detail });
      }
      break;
    }
    case 3: {
      // unconfirmed-PDU: informationReport [0], unsolicitedStatus [1], eventNotification [2]
      if (!readTlv(mx.b, pdu.start, pdu.end, c) || c.cls !== berClass.context) break;
      if (mx.want) mx.out.field('mms.unconfirmedService', c.tag);
      const names: string[] = [];
      let values = '';
      if (c.tag === 0) {
        let index = 0;
        for (let pos = c.start; pos < c.end && readTlv(mx.b, pos, c.end, k); pos = k.next) {
          if (index++ === 0) variableAccess(k, 2, names);
          else if (k.cls === berClass.context && k.tag === 0) values = summarizeDataList(mx.b, k.start, k.end);
        }
      }
      sink.operation({
        operation: 'publish',
        name: unconfirmedServiceNames[c.tag] ?? `unconfirmed service ${c.tag}`,
        code: c.tag,
        ...(names.length ? { target: names.join(', ') } : {}),
        ...(values ? { values } : {}),
      });
      break;
    }
    case 4: {
      // rejectPDU: originalInvokeID [0], rejectReason CHOICE [1..11]
      let invokeId = Number.NaN;
      let reason = 'reject';
      for (let pos = pdu.start; pos < pdu.end && readTlv(mx.b, pos, pdu.end, c); pos = c.next) {
        if (c.cls !== berClass.context) continue;
        if (c.tag === 0) {
          invokeId = readUnsigned(mx.b, c.start, c.end);
          if (mx.want) mx.out.field('mms.originalInvokeID', invokeId);
        } else {
          if (mx.want) mx.out.field('mms.rejectReason', c.tag);
          reason = `reject ${rejectPduNames[c.tag] ?? c.tag}: ${readInteger(mx.b, c.start, c.end)}`;
        }
      }
      if (!Number.isNaN(invokeId)) sink.outcome(`${theirs}${invokeId}`, { result: 'exception', detail: reason });
      break;
    }
    case 5:
      sink.operation({ operation: 'other', name: 'cancel', code: 5, pairKey: `cancel${mine}` });
      break;
    case 6:
    case 7:
      sink.outcome(`cancel${theirs}`, pdu.tag === 6 ? { result: 'ok' } : { result: 'error', detail: 'cancel error' });
      break;
    case 8:
    case 9:
      initiate(pdu, sink);
      break;
    case 10:
      sink.outcome('initiate', { result: 'error', detail: serviceErrorText(pdu.start, pdu.end, 1) });
      break;
    case 11:
      sink.operation({ operation: 'session', name: 'conclude', code: 11, pairKey: 'conclude' });
      break;
    case 12:
    case 13:
      sink.outcome('conclude', pdu.tag === 12 ? { result: 'ok' } : { result: 'error', detail: serviceErrorText(pdu.start, pdu.end, 1) });
      break;
    default:
      sink.malformed(`MMS PDU tag [${pdu.tag}] at offset ${start} is unknown`);
      return;
  }
  for (const f of facts) sink.identity(f);
}

const requestFields = ['mms.localDetailCalling', 'mms.proposedMaxServOutstandingCalling', 'mms.proposedMaxServOutstandingCalled', 'mms.proposedDataStructureNestingLevel'];
const responseFields = ['mms.localDetailCalled', 'mms.negociatedMaxServOutstandingCalling', 'mms.negociatedMaxServOutstandingCalled', 'mms.negociatedDataStructureNestingLevel'];

function initiate(pdu: Tlv, sink: DissectSink): void {
  const request = pdu.tag === 8;
  const names = request ? requestFields : responseFields;
  let version = Number.NaN;
  const c = tlv(1);
  const d = tlv(2);
  for (let pos = pdu.start; pos < pdu.end && readTlv(mx.b, pos, pdu.end, c); pos = c.next) {
    if (c.cls !== berClass.context) continue;
    if (c.tag <= 3) {
      if (mx.want) mx.out.field(names[c.tag] as string, readInteger(mx.b, c.start, c.end));
    } else if (c.tag === 4 && readTlv(mx.b, c.start, c.end, d) && d.tag === 0) {
      version = readInteger(mx.b, d.start, d.end);
      if (mx.want) mx.out.field(request ? 'mms.proposedVersionNumber' : 'mms.negociatedVersionNumber', version);
    }
  }
  const values = Number.isNaN(version) ? {} : { values: `MMS version ${version}` };
  if (request) sink.operation({ operation: 'session', name: 'initiate', code: 8, ...values, pairKey: 'initiate' });
  else sink.outcome('initiate', { result: 'ok', ...values });
}
