// The OSI upper layers between COTP and MMS, decoded just far enough to reach the MMS PDU:
// ISO 8327-1 session SPDUs, ISO 8823 presentation (CP/CPA and fully-encoded user data) and
// ISO 8650 ACSE (AARQ/AARE/RLRQ/RLRE/ABRT).
import { berClass, newTlv, readInteger, readTlv, type Tlv } from '../ber/ber.js';
import type { DissectSink, PduContext } from '../types.js';
import { dissectMmsPdu, type MmsState } from './mms-pdu.js';

export const spduConnect = 13;
export const spduAccept = 14;
export const spduRefuse = 12;
export const spduFinish = 9;
export const spduDisconnect = 10;
export const spduAbort = 25;
export const spduAbortAccept = 26;
export const spduNotFinished = 8;
export const spduDataTransfer = 1;

/** Session user data parameters (PI codes). */
const userData = 193;
const extendedUserData = 194;

// Scratch TLVs by nesting level (these layers nest at most a few deep before MMS).
const levels: Tlv[] = Array.from({ length: 9 }, newTlv);
function at(level: number): Tlv {
  return levels[level] as Tlv;
}

/** Reads an SPDU length indicator at p: [value, header bytes]; undefined when truncated. */
function lengthIndicator(b: Uint8Array, p: number): { value: number; bytes: number } | undefined {
  if (p >= b.length) return undefined;
  const x = b[p] as number;
  if (x !== 0xff) return { value: x, bytes: 1 };
  if (p + 3 > b.length) return undefined;
  return { value: ((b[p + 1] as number) << 8) | (b[p + 2] as number), bytes: 3 };
}

/** Decodes one COTP user-data unit: one or more SPDUs and what they carry. */
export function dissectSession(b: Uint8Array, ctx: PduContext<MmsState>, sink: DissectSink): void {
  const want = sink.wantFields;
  let p = 0;
  let first = true;
  while (p < b.length) {
    const si = b[p] as number;
    const li = lengthIndicator(b, p + 1);
    if (!li) {
      sink.malformed(`session SPDU length at offset ${p + 1} truncated`);
      return;
    }
    const params = p + 1 + li.bytes;
    const end = params + li.value;
    if (end > b.length) {
      sink.malformed(`session SPDU type ${si} at offset ${p}: length ${li.value} exceeds the data`);
      return;
    }
    if (want) sink.field('ses.type', si);
    if (si === spduDataTransfer) {
      // A Give Tokens SPDU (also type 1) may precede the Data Transfer SPDU in the same TSDU.
      if (first && end + 2 <= b.length && b[end] === spduDataTransfer) {
        first = false;
        p = end;
        continue;
      }
      if (end < b.length) dissectPresentationData(b, end, b.length, ctx, sink);
      return;
    }
    switch (si) {
      case spduConnect:
      case spduAccept:
      case spduRefuse:
      case spduFinish:
      case spduDisconnect:
      case spduNotFinished:
        sessionUserData(b, params, end, si, ctx, sink);
        break;
      case spduAbort:
        sink.operation({ operation: 'session', name: 'session abort', code: si });
        break;
      default:
        break;
    }
    return;
  }
}

/** Finds the user data parameter of a connection-phase SPDU and decodes the PPDU in it. */
function sessionUserData(b: Uint8Array, p: number, end: number, si: number, ctx: PduContext<MmsState>, sink: DissectSink): void {
  while (p + 2 <= end) {
    const code = b[p] as number;
    const li = lengthIndicator(b, p + 1);
    if (!li) break;
    const value = p + 1 + li.bytes;
    const stop = value + li.value;
    if (stop > end) {
      sink.malformed(`session parameter ${code} at offset ${p}: length ${li.value} exceeds the SPDU`);
      return;
    }
    if (code === userData || code === extendedUserData) {
      if (si === spduConnect || si === spduAccept) dissectConnectPpdu(b, value, stop, ctx, sink);
      else dissectPresentationData(b, value, stop, ctx, sink);
      return;
    }
    p = stop;
  }
}

/** CP-type / CPA-PPDU: a SET with mode-selector [0] and normal-mode-parameters [2]. */
function dissectConnectPpdu(b: Uint8Array, start: number, end: number, ctx: PduContext<MmsState>, sink: DissectSink): void {
  const set = at(0);
  if (!readTlv(b, start, end, set) || set.cls !== berClass.universal || set.tag !== 17) {
    sink.malformed(`presentation connect PPDU at offset ${start} is not a SET`);
    return;
  }
  const child = at(1);
  for (let pos = set.start; pos < set.end; pos = child.next) {
    if (!readTlv(b, pos, set.end, child)) {
      sink.malformed(`presentation connect PPDU element at offset ${pos} truncated`);
      return;
    }
    if (child.cls !== berClass.context || child.tag !== 2) continue;
    const item = at(2);
    for (let q = child.start; q < child.end; q = item.next) {
      if (!readTlv(b, q, child.end, item)) {
        sink.malformed(`presentation normal-mode parameter at offset ${q} truncated`);
        return;
      }
      if (item.cls === berClass.context && item.tag === 4) contextDefinitions(b, item, sink);
      else if (item.cls === berClass.application && (item.tag === 0 || item.tag === 1)) userDataPdvs(b, item, ctx, sink);
    }
  }
}

/** presentation-context-definition-list: SEQUENCE OF SEQUENCE { id, abstract syntax, transfer syntaxes }. */
function contextDefinitions(b: Uint8Array, list: Tlv, sink: DissectSink): void {
  const entry = at(3);
  const element = at(4);
  for (let pos = list.start; pos < list.end; pos = entry.next) {
    if (!readTlv(b, pos, list.end, entry)) return;
    if (readTlv(b, entry.start, entry.end, element) && element.cls === berClass.universal && element.tag === 2) {
      if (sink.wantFields) sink.field('pres.presentation_context_identifier', readInteger(b, element.start, element.end));
    }
  }
}

/** User data of a DT/FN/DN SPDU: fully-encoded-data [APPLICATION 1] (or simply-encoded [APPLICATION 0]). */
function dissectPresentationData(b: Uint8Array, start: number, end: number, ctx: PduContext<MmsState>, sink: DissectSink): void {
  const data = at(2);
  if (!readTlv(b, start, end, data) || data.cls !== berClass.application || data.tag > 1) {
    sink.malformed(`presentation user data at offset ${start} is not fully- or simply-encoded data`);
    return;
  }
  userDataPdvs(b, data, ctx, sink);
}

/** The PDV lists of presentation user data; each carries an ACSE APDU or an MMS PDU. */
function userDataPdvs(b: Uint8Array, data: Tlv, ctx: PduContext<MmsState>, sink: DissectSink): void {
  if (data.tag === 0) {
    // simply-encoded-data: the value itself.
    dispatchApdu(b, data.start, data.end, ctx, sink);
    return;
  }
  const pdv = at(3);
  const element = at(4);
  for (let pos = data.start; pos < data.end; pos = pdv.next) {
    if (!readTlv(b, pos, data.end, pdv)) {
      sink.malformed(`presentation PDV-list at offset ${pos} truncated`);
      return;
    }
    let valuesStart = -1;
    let valuesEnd = -1;
    for (let q = pdv.start; q < pdv.end; q = element.next) {
      if (!readTlv(b, q, pdv.end, element)) {
        sink.malformed(`presentation PDV element at offset ${q} truncated`);
        return;
      }
      if (element.cls === berClass.universal && element.tag === 2) {
        if (sink.wantFields) sink.field('pres.presentation_context_identifier', readInteger(b, element.start, element.end));
      } else if (element.cls === berClass.context && (element.tag === 0 || element.tag === 1)) {
        valuesStart = element.start;
        valuesEnd = element.end;
      }
    }
    // single-ASN1-type holds one encoded value, octet-aligned its octets: both start with the APDU tag.
    if (valuesStart >= 0) dispatchApdu(b, valuesStart, valuesEnd, ctx, sink);
  }
}

/** ACSE APDUs are [APPLICATION n]; MMS PDUs are context-tagged. */
function dispatchApdu(b: Uint8Array, start: number, end: number, ctx: PduContext<MmsState>, sink: DissectSink): void {
  if (start >= end) return;
  const id = b[start] as number;
  if (id >> 6 === berClass.application) dissectAcse(b, start, end, ctx, sink);
  else dissectMmsPdu(b, start, end, ctx, sink);
}

function dissectAcse(b: Uint8Array, start: number, end: number, ctx: PduContext<MmsState>, sink: DissectSink): void {
  const apdu = at(5);
  if (!readTlv(b, start, end, apdu)) {
    sink.malformed(`ACSE APDU at offset ${start} truncated`);
    return;
  }
  const kind = apdu.tag;
  let mmsStart = -1;
  let mmsEnd = -1;
  let result = -1;
  const child = at(6);
  for (let pos = apdu.start; pos < apdu.end; pos = child.next) {
    if (!readTlv(b, pos, apdu.end, child)) {
      sink.malformed(`ACSE element at offset ${pos} truncated`);
      return;
    }
    if (child.cls !== berClass.context) continue;
    if (kind === 1 && child.tag === 2) {
      // AARE result [2] { INTEGER }
      const value = at(7);
      if (readTlv(b, child.start, child.end, value)) {
        result = readInteger(b, value.start, value.end);
        if (sink.wantFields) sink.field('acse.result', result);
      }
    } else if (child.tag === 30) {
      // user-information: EXTERNAL { direct-reference, indirect-reference, encoding }
      const external = at(7);
      if (!readTlv(b, child.start, child.end, external)) continue;
      const part = at(8);
      for (let q = external.start; q < external.end; q = part.next) {
        if (!readTlv(b, q, external.end, part)) break;
        if (part.cls === berClass.context && (part.tag === 0 || part.tag === 1)) {
          mmsStart = part.start;
          mmsEnd = part.end;
        }
      }
    }
  }
  switch (kind) {
    case 0:
      break;
    case 1:
      if (result > 0) sink.outcome('initiate', { result: 'error', detail: `association rejected (${result === 1 ? 'permanent' : 'transient'})` });
      break;
    case 2:
      sink.operation({ operation: 'session', name: 'release', code: 2, pairKey: 'release' });
      break;
    case 3:
      sink.outcome('release', { result: 'ok' });
      break;
    case 4:
      sink.operation({ operation: 'session', name: 'association abort', code: 4 });
      break;
    default:
      break;
  }
  if (mmsStart >= 0 && mmsStart < mmsEnd) dissectMmsPdu(b, mmsStart, mmsEnd, ctx, sink);
}

/** COTP user data that starts like a session SPDU of an ISO stack (not S7comm). */
export function looksLikeSession(payload: Uint8Array): boolean {
  if (payload.length < 2) return false;
  const si = payload[0] as number;
  if (si === spduDataTransfer) return payload.length >= 4 && payload[1] === 0 && payload[2] === spduDataTransfer && payload[3] === 0;
  if (si === spduConnect || si === spduAccept || si === spduRefuse || si === spduFinish || si === spduDisconnect || si === spduAbort) {
    const li = lengthIndicator(payload, 1);
    return li !== undefined && 1 + li.bytes + li.value <= payload.length;
  }
  return false;
}
