// OPC UA binary (OPC 10000-6 §7, UA TCP + UA Secure Conversation): HEL/ACK/ERR/RHE, OPN/MSG/CLO
// chunks, the service type, request/response headers, and the services that reveal identity or
// touch the process. Bodies of secured channels are decoded only when they carry a known service.
import type { DissectSink, Dissector, IdentityDraft, OperationDraft, PduContext } from '../types.js';
import { r, requestBody, requestHeader, responseBody, responseHeader, setChannelPolicy, type Request } from './service-bodies.js';
import { serviceById, serviceFaultId, statusText } from './services.js';

export interface OpcuaState {
  /** Pair key of the last request, for ERR messages (they name no request). */
  lastRequest: string;
  /** Bodies of intermediate chunks ('C') by request id, joined when the final chunk arrives. */
  readonly chunks: Map<number, Uint8Array[]>;
  chunkBytes: number;
}

// Multi-chunk messages are rare and only their service header matters: keep little.
const maxChunkedMessages = 4;
const maxChunkBytes = 64 << 10;
/** A UA TCP chunk is never smaller than its header nor, in practice, larger than this. */
const maxMessageSize = 16 << 20;


function isMessageType(b0: number, b1: number, b2: number): boolean {
  switch (b0) {
    case 0x48: // HEL
      return b1 === 0x45 && b2 === 0x4c;
    case 0x41: // ACK
      return b1 === 0x43 && b2 === 0x4b;
    case 0x45: // ERR
      return b1 === 0x52 && b2 === 0x52;
    case 0x52: // RHE
      return b1 === 0x48 && b2 === 0x45;
    case 0x4f: // OPN
      return b1 === 0x50 && b2 === 0x4e;
    case 0x4d: // MSG
      return b1 === 0x53 && b2 === 0x47;
    case 0x43: // CLO
      return b1 === 0x4c && b2 === 0x4f;
    default:
      return false;
  }
}

function isChunkType(c: number): boolean {
  return c === 0x46 || c === 0x43 || c === 0x41;
}

function pduLength(data: Uint8Array): number {
  if (data.length < 8) {
    // Reject early what can never become a UA header.
    if (data.length >= 3 && !isMessageType(data[0] as number, data[1] as number, data[2] as number)) return -1;
    if (data.length >= 4 && !isChunkType(data[3] as number)) return -1;
    return 0;
  }
  if (!isMessageType(data[0] as number, data[1] as number, data[2] as number) || !isChunkType(data[3] as number)) return -1;
  const size = ((data[4] as number) | ((data[5] as number) << 8) | ((data[6] as number) << 16)) + (data[7] as number) * 0x1000000;
  if (size < 8 || size > maxMessageSize) return -1;
  return size;
}

function probe(payload: Uint8Array): boolean {
  return (
    payload.length >= 8 &&
    isMessageType(payload[0] as number, payload[1] as number, payload[2] as number) &&
    isChunkType(payload[3] as number) &&
    pduLength(payload) >= 8
  );
}

function dedupe(facts: IdentityDraft[], sink: DissectSink): void {
  const seen = new Set<string>();
  for (const f of facts) {
    const key = `${f.subject}\u0000${f.attribute}\u0000${f.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sink.identity(f);
  }
}

/** Decodes a service body starting at r.p (TypeId first). */
function dissectService(requestId: number, ctx: PduContext<OpcuaState>, sink: DissectSink): void {
  const want = sink.wantFields;
  const encoding = r.u8();
  if (!r.ok) {
    sink.malformed(`OPC UA service type id at offset ${r.p} truncated`);
    return;
  }
  // The type id is an ExpandedNodeId; services live in namespace 0 with numeric ids.
  const kind = encoding & 0x0f;
  let numeric = -1;
  if (kind === 0) numeric = r.u8();
  else if (kind === 1) {
    r.u8();
    numeric = r.u16();
  } else if (kind === 2) {
    r.u16();
    numeric = r.u32();
  }
  if (!r.ok || numeric < 0) {
    // An encrypted body (or an unknown type id): nothing more to read.
    return;
  }
  if (want) sink.field('opcua.servicenodeid.numeric', numeric);
  const pairKey = `r${requestId}`;
  const info = serviceById(numeric);
  const facts: IdentityDraft[] = [];
  if (numeric === serviceFaultId) {
    const result = responseHeader(want, sink);
    sink.outcome(pairKey, { result: 'error', detail: Number.isNaN(result) ? 'ServiceFault' : `ServiceFault ${statusText(result)}` });
    return;
  }
  if (!info) return;
  if (info.request) {
    requestHeader(want, sink);
    const request: Request = { target: '', values: '' };
    if (r.ok) requestBody(numeric, want, sink, facts, request);
    const op: OperationDraft = {
      operation: info.operation,
      name: info.name,
      code: numeric,
      ...(request.target ? { target: request.target } : {}),
      ...(request.values ? { values: request.values } : {}),
      pairKey,
    };
    sink.operation(op);
    ctx.state.lastRequest = pairKey;
  } else {
    const result = responseHeader(want, sink);
    if (r.ok) responseBody(numeric, want, sink, facts);
    if (!Number.isNaN(result)) {
      // Bad results have the top bit set; Good and Uncertain count as done.
      sink.outcome(pairKey, result >= 0x80000000 ? { result: 'error', detail: statusText(result) } : { result: 'ok' });
    }
  }
  if (!r.ok) sink.malformed(`OPC UA ${info.name}${info.request ? 'Request' : 'Response'} truncated or invalid at offset ${r.p}`);
  dedupe(facts, sink);
}

function joinChunks(state: OpcuaState, requestId: number, last: Uint8Array): Uint8Array | undefined {
  const parts = state.chunks.get(requestId);
  if (!parts) return undefined;
  state.chunks.delete(requestId);
  let size = last.length;
  for (const part of parts) size += part.length;
  state.chunkBytes = Math.max(0, state.chunkBytes - (size - last.length));
  const joined = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  joined.set(last, at);
  return joined;
}

function keepChunk(state: OpcuaState, requestId: number, body: Uint8Array): void {
  let parts = state.chunks.get(requestId);
  if (!parts) {
    if (state.chunks.size >= maxChunkedMessages) {
      state.chunks.clear();
      state.chunkBytes = 0;
    }
    parts = [];
    state.chunks.set(requestId, parts);
  }
  if (state.chunkBytes + body.length > maxChunkBytes) {
    state.chunks.delete(requestId);
    return;
  }
  parts.push(body.slice());
  state.chunkBytes += body.length;
}

function dissectOpcua(pdu: Uint8Array, ctx: PduContext<OpcuaState>, sink: DissectSink): void {
  const want = sink.wantFields;
  if (pdu.length < 8) {
    sink.malformed(`OPC UA message header truncated at ${pdu.length} of 8 bytes`);
    return;
  }
  if (!isMessageType(pdu[0] as number, pdu[1] as number, pdu[2] as number)) {
    sink.malformed('OPC UA message type at offset 0 is unknown');
    return;
  }
  const type = String.fromCharCode(pdu[0] as number, pdu[1] as number, pdu[2] as number);
  const chunk = pdu[3] as number;
  const size = ((pdu[4] as number) | ((pdu[5] as number) << 8) | ((pdu[6] as number) << 16)) + (pdu[7] as number) * 0x1000000;
  if (want) {
    sink.field('opcua.transport.type', type);
    sink.field('opcua.transport.chunk', String.fromCharCode(chunk));
    sink.field('opcua.transport.size', size);
  }
  r.reset(pdu, 8, Math.min(size, pdu.length));
  switch (type) {
    case 'HEL':
    case 'ACK': {
      const version = r.u32();
      const receive = r.u32();
      const send = r.u32();
      const maxMessage = r.u32();
      const maxChunks = r.u32();
      if (want && r.ok) {
        sink.field('opcua.transport.ver', version);
        sink.field('opcua.transport.rbs', receive);
        sink.field('opcua.transport.sbs', send);
        sink.field('opcua.transport.mms', maxMessage);
        sink.field('opcua.transport.mcc', maxChunks);
      }
      if (type === 'HEL') {
        const url = r.string();
        if (want && url) sink.field('opcua.transport.endpoint', url);
        sink.operation({ operation: 'session', name: 'Hello', ...(url ? { target: url } : {}), pairKey: 'hello' });
        ctx.state.lastRequest = 'hello';
      } else sink.outcome('hello', { result: 'ok' });
      break;
    }
    case 'ERR': {
      const error = r.u32();
      const reason = r.string();
      if (want && r.ok) {
        sink.field('opcua.transport.error', error);
        if (reason) sink.field('opcua.transport.reason', reason);
      }
      if (r.ok && ctx.state.lastRequest) {
        sink.outcome(ctx.state.lastRequest, { result: 'error', detail: statusText(error) + (reason ? `: ${reason}` : '') });
      }
      break;
    }
    case 'RHE': {
      const server = r.string();
      const url = r.string();
      if (want && r.ok) {
        if (server) sink.field('opcua.transport.suri', server);
        if (url) sink.field('opcua.transport.endpoint', url);
      }
      if (server) sink.identity({ subject: 'source', attribute: 'application-uri', value: server, confidence: 0.8 });
      break;
    }
    default: {
      // OPN, MSG, CLO: secure channel id, security header, sequence header, body.
      const channel = r.u32();
      if (want && r.ok) sink.field('opcua.transport.scid', channel);
      if (type === 'OPN') {
        const policy = r.string();
        r.skipBytes();
        r.skipBytes();
        if (want && policy) sink.field('opcua.security.spu', policy);
        setChannelPolicy(policy ?? '');
      } else {
        const token = r.u32();
        if (want && r.ok) sink.field('opcua.security.tokenid', token);
      }
      const sequence = r.u32();
      const requestId = r.u32();
      if (!r.ok) {
        sink.malformed(`OPC UA ${type} security or sequence header truncated at offset ${r.p}`);
        return;
      }
      if (want) {
        sink.field('opcua.security.seq', sequence);
        sink.field('opcua.security.rqid', requestId);
      }
      if (chunk === 0x41) {
        ctx.state.chunks.delete(requestId);
        break;
      }
      if (chunk === 0x43) {
        keepChunk(ctx.state, requestId, pdu.subarray(r.p, r.e));
        break;
      }
      const joined = joinChunks(ctx.state, requestId, pdu.subarray(r.p, r.e));
      if (joined) r.reset(joined, 0, joined.length);
      dissectService(requestId, ctx, sink);
    }
  }
}

export const opcuaDissector: Dissector<OpcuaState> = {
  protocol: 'opcua',
  transport: 'tcp',
  ports: [4840],
  probe,
  pduLength,
  createState: () => ({ lastRequest: '', chunks: new Map(), chunkBytes: 0 }),
  dissect: dissectOpcua,
};
