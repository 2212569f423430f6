// CIP explicit messages: request (service, path, data) and response (service | 0x80, general and
// extended status, data). Multiple Service Packet and Unconnected Send are unwrapped, so every
// embedded request is an operation of its own and every embedded response reports its outcome.
import type { DissectSink, OperationClass, PduContext } from '../types.js';
import { parsePath, pathTarget, type CipPath } from './cip-path.js';
import { identityAttribute, identityFacts } from './identity.js';
import { connectionManagerClass, generalStatusText, hex2, serviceName } from './names.js';
import { type CipRequest, type EnipState, reportEngineeringWorkstation, reportTagServer } from './state.js';

/** Multiple Service Packets and Unconnected Sends nest; deeper nesting is not decoded. */
const maxDepth = 4;
const identityClass = 0x01;

function le16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function hex(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += hex2(b[i]!);
  return s;
}

function isTagPath(path: CipPath): boolean {
  // Logix tag services address symbols, or vendor-specific classes (0x64-0xc7) other than controller and program.
  return path.tag !== '' || (path.cls >= 0x64 && path.cls <= 0xc7 && path.cls !== 0x8e && path.cls !== 0xac);
}

function isTagService(service: number): boolean {
  return service === 0x4c || service === 0x4d || service === 0x4e || service === 0x52 || service === 0x53;
}

/** Operation class of a request, or undefined for the wrappers whose contents are the operations. */
export function classify(service: number, path: CipPath): OperationClass | undefined {
  if (path.cls === connectionManagerClass) {
    if (service === 0x52) return undefined;
    if (service === 0x54 || service === 0x5b || service === 0x4e) return 'session';
    if (service === 0x56 || service === 0x57 || service === 0x5a) return 'read';
  }
  switch (service) {
    case 0x0a:
      return undefined;
    case 0x01:
    case 0x03:
    case 0x0e:
    case 0x11:
    case 0x18:
      return 'read';
    case 0x02:
    case 0x04:
    case 0x10:
    case 0x19:
    case 0x1a:
    case 0x1b:
      return 'write';
    case 0x05:
      return path.cls === identityClass ? 'restart' : 'configuration-change';
    case 0x06:
      return 'start';
    case 0x07:
      return 'stop';
    case 0x08:
      return path.cls === 0xac ? 'program-download' : 'configuration-change';
    case 0x09:
    case 0x0d:
    case 0x15:
    case 0x16:
      return 'configuration-change';
    case 0x4c:
    case 0x52:
    case 0x55:
      return isTagPath(path) ? 'read' : 'other';
    case 0x4d:
    case 0x4e:
    case 0x53:
      return isTagPath(path) ? 'write' : 'other';
    case 0x51:
    case 0x6a:
      return 'write';
    default:
      return 'other';
  }
}

function operationName(service: number, path: CipPath, operation: OperationClass): string {
  const name = serviceName(service, path.cls);
  // Vendor services on non-tag objects keep their number rather than a misleading tag-service name.
  if (operation === 'other' && service >= 0x4b && service <= 0x55 && path.cls !== connectionManagerClass) {
    return `Service 0x${hex2(service)}`;
  }
  return name;
}

function smallValues(b: Uint8Array, service: number, data: number, end: number): string | undefined {
  // Write_Tag carries data type and element count before the value.
  const from = service === 0x4d ? data + 4 : service === 0x10 || service === 0x19 ? data : -1;
  if (from < 0 || from >= end || end - from > 16) return undefined;
  return hex(b, from, end);
}

/** Decodes a CIP request in b[at, end); returns what its response will need, undefined when unreadable. */
export function dissectCipRequest(
  b: Uint8Array,
  at: number,
  end: number,
  opKey: string,
  depth: number,
  ctx: PduContext<EnipState>,
  sink: DissectSink,
): CipRequest | undefined {
  if (end - at < 2) {
    sink.malformed(`enip: CIP request at offset ${at} has ${end - at} bytes, service and path size need 2`);
    return undefined;
  }
  const service = b[at]! & 0x7f;
  const pathEnd = at + 2 + 2 * b[at + 1]!;
  const wantFields = sink.wantFields;
  if (wantFields) sink.field('cip.sc', service);
  if (pathEnd > end) {
    sink.malformed(`enip: CIP request path at offset ${at + 2} runs past the message end ${end}`);
    return undefined;
  }
  const path = parsePath(b, at + 2, pathEnd, wantFields);
  if (wantFields) for (let i = 0; i < path.fields.length; i += 2) sink.field(path.fields[i] as string, path.fields[i + 1]!);
  const request: CipRequest = { service, path, children: undefined, opKey: undefined, wrapper: 0 };
  const data = pathEnd;
  if (service === 0x0a && depth < maxDepth) {
    request.wrapper = 1;
    request.children = multipleServiceRequests(b, data, end, opKey, depth, ctx, sink);
    return request;
  }
  if (service === 0x52 && path.cls === connectionManagerClass && depth < maxDepth) {
    // Unconnected Send: the embedded request travels on; its response comes back unwrapped.
    request.wrapper = 2;
    if (end - data >= 4) {
      const size = le16(b, data + 2);
      const inner = data + 4;
      if (inner + size > end) sink.malformed(`enip: Unconnected Send message of ${size} bytes at offset ${inner} runs past ${end}`);
      const child = dissectCipRequest(b, inner, Math.min(end, inner + size), opKey, depth + 1, ctx, sink);
      request.children = child ? [child] : [];
    }
    return request;
  }
  if (wantFields) requestDataFields(b, service, path, data, end, sink);
  const operation = classify(service, path) ?? 'other';
  const target = service === 0x54 || service === 0x5b || service === 0x4e ? connectionTarget(b, service, path, data, end) : pathTarget(path);
  const values = smallValues(b, service, data, end);
  request.opKey = opKey;
  sink.operation({
    operation,
    name: operationName(service, path, operation),
    code: service,
    ...(target !== undefined ? { target } : {}),
    ...(values !== undefined ? { values } : {}),
    pairKey: opKey,
  });
  if (operation === 'program-download' || operation === 'start' || operation === 'stop' || operation === 'restart') {
    reportEngineeringWorkstation(ctx.state, sink);
  }
  return request;
}

function multipleServiceRequests(
  b: Uint8Array,
  data: number,
  end: number,
  opKey: string,
  depth: number,
  ctx: PduContext<EnipState>,
  sink: DissectSink,
): CipRequest[] {
  const children: CipRequest[] = [];
  if (end - data < 2) return children;
  const count = le16(b, data);
  if (sink.wantFields) sink.field('cip.msp.num_services', count);
  if (data + 2 + 2 * count > end) {
    sink.malformed(`enip: Multiple Service Packet offset list of ${count} entries at offset ${data + 2} runs past ${end}`);
    return children;
  }
  for (let i = 0; i < count; i++) {
    const start = data + le16(b, data + 2 + 2 * i);
    const stop = i + 1 < count ? data + le16(b, data + 4 + 2 * i) : end;
    if (start >= end || stop > end || stop <= start) {
      sink.malformed(`enip: Multiple Service Packet service ${i + 1} at offset ${start} is outside the packet`);
      break;
    }
    const child = dissectCipRequest(b, start, stop, `${opKey}#${i}`, depth + 1, ctx, sink);
    if (child) children.push(child);
  }
  return children;
}

/** Fields tshark shows for a few services' request data. */
function requestDataFields(b: Uint8Array, service: number, path: CipPath, data: number, end: number, sink: DissectSink): void {
  if (service === 0x03 && end - data >= 2) {
    const count = le16(b, data);
    for (let i = 0; i < count && data + 4 + 2 * i <= end; i++) sink.field('cip.attribute', le16(b, data + 2 + 2 * i));
    return;
  }
  if (path.cls !== connectionManagerClass) return;
  const range = connectionPathRange(b, service, data, end);
  if (range === undefined) return;
  const cp = parsePath(b, range[0], range[1], true);
  for (let i = 0; i < cp.fields.length; i += 2) sink.field(cp.fields[i] as string, cp.fields[i + 1]!);
}

/** Where the connection path of a Forward Open / Large Forward Open / Forward Close lies, if present. */
function connectionPathRange(b: Uint8Array, service: number, data: number, end: number): [number, number] | undefined {
  // The opens have the path size (in words) just before the path; Forward Close has a reserved byte between.
  const size = service === 0x54 ? data + 35 : service === 0x5b ? data + 39 : service === 0x4e ? data + 10 : -1;
  if (size < 0 || size >= end) return undefined;
  const start = service === 0x4e ? size + 2 : size + 1;
  return [start, Math.min(end, start + 2 * b[size]!)];
}

function connectionTarget(b: Uint8Array, service: number, path: CipPath, data: number, end: number): string | undefined {
  const range = connectionPathRange(b, service, data, end);
  if (range === undefined) return pathTarget(path);
  const target = pathTarget(parsePath(b, range[0], range[1], false));
  return target === undefined ? undefined : `connection to ${target}`;
}

/** Decodes a CIP response in b[at, end), matched with its request when the request was seen. */
export function dissectCipResponse(
  b: Uint8Array,
  at: number,
  end: number,
  request: CipRequest | undefined,
  depth: number,
  ctx: PduContext<EnipState>,
  sink: DissectSink,
): void {
  if (end - at < 4) {
    sink.malformed(`enip: CIP response at offset ${at} has ${end - at} bytes, service and status need 4`);
    return;
  }
  const service = b[at]! & 0x7f;
  const status = b[at + 2]!;
  const extWords = b[at + 3]!;
  const data = at + 4 + 2 * extWords;
  const wantFields = sink.wantFields;
  if (wantFields) {
    sink.field('cip.sc', service);
    sink.field('cip.genstat', status);
    sink.field('cip.addstat_size', extWords);
  }
  if (data > end) {
    sink.malformed(`enip: CIP response extended status of ${extWords} words at offset ${at + 4} runs past ${end}`);
    return;
  }
  let extended = '';
  for (let i = at + 4; i < data; i += 2) {
    const word = le16(b, i);
    if (wantFields) sink.field('cip.addstat', word);
    extended += ` ext 0x${word.toString(16).padStart(4, '0')}`;
  }
  let matched = request;
  if (matched && wantFields) replayPath(matched.path, sink);
  // An Unconnected Send is answered by the embedded service's own response (0xd2 only on routing errors).
  if (matched && matched.wrapper === 2 && service !== 0x52) {
    matched = matched.children?.[0];
    if (matched && wantFields) replayPath(matched.path, sink);
  }
  if (service === 0x0a && depth < maxDepth) {
    multipleServiceResponses(b, data, end, matched, depth, ctx, sink);
    return;
  }
  if (matched && matched.opKey !== undefined) {
    const ok = status === 0 || status === 0x06;
    sink.outcome(matched.opKey, ok ? { result: 'ok' } : { result: 'exception', detail: generalStatusText(status) + extended });
    if (ok && isTagService(matched.service) && isTagPath(matched.path)) reportTagServer(ctx.state, sink);
  } else if (matched && matched.wrapper === 2 && status !== 0) {
    // The routing itself failed: every operation inside gets the error.
    for (const child of matched.children ?? []) {
      if (child.opKey !== undefined) sink.outcome(child.opKey, { result: 'error', detail: generalStatusText(status) + extended });
    }
  }
  if (status === 0 || status === 0x06) responseData(b, service, matched, data, end, sink);
}

function replayPath(path: CipPath, sink: DissectSink): void {
  const f = path.fields;
  for (let i = 0; i < f.length; i += 2) sink.field(f[i] as string, f[i + 1]!);
}

function multipleServiceResponses(
  b: Uint8Array,
  data: number,
  end: number,
  request: CipRequest | undefined,
  depth: number,
  ctx: PduContext<EnipState>,
  sink: DissectSink,
): void {
  if (end - data < 2) return;
  const count = le16(b, data);
  if (sink.wantFields) sink.field('cip.msp.num_services', count);
  if (data + 2 + 2 * count > end) {
    sink.malformed(`enip: Multiple Service Packet response offsets (${count}) at offset ${data + 2} run past ${end}`);
    return;
  }
  for (let i = 0; i < count; i++) {
    const start = data + le16(b, data + 2 + 2 * i);
    const stop = i + 1 < count ? data + le16(b, data + 4 + 2 * i) : end;
    if (start >= end || stop > end || stop <= start) {
      sink.malformed(`enip: Multiple Service Packet response ${i + 1} at offset ${start} is outside the packet`);
      return;
    }
    dissectCipResponse(b, start, stop, request?.children?.[i], depth + 1, ctx, sink);
  }
}

/** Response data worth decoding: identity attributes (vendor, product, serial...) and attribute lists. */
function responseData(b: Uint8Array, service: number, request: CipRequest | undefined, data: number, end: number, sink: DissectSink): void {
  const isIdentity = request !== undefined && request.path.cls === identityClass;
  if (service === 0x01 && isIdentity) {
    identityFacts(b, data, end, 1, 7, sink);
    return;
  }
  if (service === 0x0e && isIdentity && request.path.attribute >= 1) {
    identityFacts(b, data, end, request.path.attribute, request.path.attribute, sink);
    return;
  }
  if (service !== 0x03 || end - data < 2) return;
  // Attribute list: id, status, value. Without the class's attribute sizes only the first id is readable.
  const count = le16(b, data);
  let i = data + 2;
  for (let n = 0; n < count && i + 4 <= end; n++) {
    const id = le16(b, i);
    const status = le16(b, i + 2);
    if (sink.wantFields) sink.field('cip.attribute', id);
    i += 4;
    if (status !== 0) continue;
    const next = isIdentity ? identityAttribute(b, i, end, id, sink) : -1;
    if (next < 0) break;
    i = next;
  }
}
