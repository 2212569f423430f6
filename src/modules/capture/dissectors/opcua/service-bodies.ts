// OPC UA service bodies (OPC 10000-4/-6): request and response headers and the services whose
// parameters name targets, carry values or reveal application identity.
import type { DissectSink, IdentityDraft } from '../types.js';
import { UaReader } from './reader.js';
import { ids } from './services.js';

/** The reader shared with opcua.ts: one PDU is decoded at a time. */
export const r = new UaReader();

function applicationDescription(want: boolean, sink: DissectSink, facts: IdentityDraft[] | undefined, subject: 'source' | 'destination'): void {
  const uri = r.string();
  const product = r.string();
  const name = r.localizedText();
  r.u32();
  r.string();
  r.string();
  const urls = r.arrayLength(4);
  for (let i = 0; i < urls && r.ok; i++) r.string();
  if (!r.ok) return;
  if (want) {
    sink.field('opcua.ApplicationUri', uri ?? '');
    sink.field('opcua.ProductUri', product ?? '');
  }
  if (facts) {
    if (uri) facts.push({ subject, attribute: 'application-uri', value: uri, confidence: 0.9 });
    if (product) facts.push({ subject, attribute: 'product', value: product, confidence: 0.8 });
    if (name) facts.push({ subject, attribute: 'name', value: name, confidence: 0.8 });
  }
}

function endpointDescription(want: boolean, sink: DissectSink, facts: IdentityDraft[] | undefined): void {
  const url = r.string();
  if (want && r.ok) sink.field('opcua.EndpointUrl', url ?? '');
  applicationDescription(want, sink, facts, 'source');
  r.skipBytes();
  const mode = r.u32();
  if (want && r.ok) sink.field('opcua.MessageSecurityMode', mode);
  r.string();
  const tokens = r.arrayLength(4);
  for (let i = 0; i < tokens && r.ok; i++) {
    r.string();
    r.u32();
    r.string();
    r.string();
    r.string();
  }
  r.string();
  r.u8();
}

export function requestHeader(want: boolean, sink: DissectSink): void {
  r.nodeId();
  r.skip(8);
  const handle = r.u32();
  if (want && r.ok) sink.field('opcua.RequestHandle', handle);
  r.u32();
  r.string();
  r.u32();
  r.extensionObject();
}

/** Returns the service result (NaN when the header is truncated). */
export function responseHeader(want: boolean, sink: DissectSink): number {
  r.skip(8);
  const handle = r.u32();
  const result = r.u32();
  if (!r.ok) return Number.NaN;
  if (want) {
    sink.field('opcua.RequestHandle', handle);
    sink.field('opcua.ServiceResult', result);
  }
  r.diagnosticInfo();
  const strings = r.arrayLength(4);
  for (let i = 0; i < strings && r.ok; i++) r.string();
  r.extensionObject();
  return result;
}

const securityModes: Readonly<Record<number, string>> = { 1: 'None', 2: 'Sign', 3: 'SignAndEncrypt' };
/** Security policy URI of the OPN being decoded (the operation target). */
let channelPolicy = '';

export function setChannelPolicy(policy: string): void {
  channelPolicy = policy;
}

const attributeNames: Readonly<Record<number, string>> = { 1: 'NodeId', 3: 'BrowseName', 4: 'DisplayName', 13: 'Value', 14: 'DataType' };

function nodeList(readValueIds: boolean, max = 4): string {
  const n = r.arrayLength(readValueIds ? 9 : 1);
  const shown: string[] = [];
  for (let i = 0; i < n && r.ok; i++) {
    const node = r.nodeId();
    let attribute = '';
    if (readValueIds) {
      const id = r.u32();
      r.string();
      r.qualifiedName();
      if (id !== 13) attribute = `.${attributeNames[id] ?? `attr${id}`}`;
    }
    if (i < max) shown.push(node + attribute);
  }
  return shown.join(', ') + (n > max ? `, … (${n})` : '');
}

export interface Request {
  target: string;
  values: string;
}

/** Service-specific request fields; fills what the operation needs. */
export function requestBody(service: number, want: boolean, sink: DissectSink, facts: IdentityDraft[], out: Request): void {
  switch (service) {
    case ids.getEndpointsRequest: {
      const url = r.string();
      // tshark prints one empty occurrence like none at all: emit single strings only when set.
      if (want && url) sink.field('opcua.EndpointUrl', url);
      out.target = url ?? '';
      return;
    }
    case ids.createSessionRequest: {
      applicationDescription(want, sink, facts, 'source');
      r.string();
      const url = r.string();
      const session = r.string();
      if (!r.ok) return;
      if (want && url) sink.field('opcua.EndpointUrl', url);
      if (want && session) sink.field('opcua.SessionName', session);
      out.target = url ?? '';
      if (session) out.values = `session "${session}"`;
      return;
    }
    case ids.activateSessionRequest: {
      r.string();
      r.skipBytes();
      const certs = r.arrayLength(8);
      for (let i = 0; i < certs && r.ok; i++) {
        r.skipBytes();
        r.skipBytes();
      }
      const locales = r.arrayLength(4);
      for (let i = 0; i < locales && r.ok; i++) r.string();
      // The user identity token: only its kind and user name; passwords are never kept.
      r.nodeId();
      const token = r.numeric;
      const encoding = r.u8();
      if (!r.ok) return;
      if (token === ids.anonymousIdentityToken) out.values = 'anonymous';
      else if (token === ids.userNameIdentityToken && encoding === 1) {
        r.i32();
        r.string();
        const user = r.string();
        out.values = user ? `user "${user}"` : 'user name';
      } else if (token === ids.x509IdentityToken) out.values = 'certificate';
      else if (token === ids.issuedIdentityToken) out.values = 'issued token';
      return;
    }
    case ids.openSecureChannelRequest: {
      r.u32();
      const requestType = r.u32();
      const mode = r.u32();
      if (!r.ok) return;
      if (want) sink.field('opcua.MessageSecurityMode', mode);
      const hash = channelPolicy.lastIndexOf('#');
      out.target = hash >= 0 ? channelPolicy.slice(hash + 1) : channelPolicy;
      out.values = `${requestType === 1 ? 'renew' : 'issue'}, mode ${securityModes[mode] ?? mode}`;
      return;
    }
    case ids.readRequest:
      r.skip(12);
      out.target = nodeList(true);
      return;
    case ids.writeRequest: {
      const n = r.arrayLength(9);
      const nodes: string[] = [];
      const values: string[] = [];
      for (let i = 0; i < n && r.ok; i++) {
        const node = r.nodeId();
        const attribute = r.u32();
        r.string();
        const value = r.dataValue();
        if (i < 4) {
          nodes.push(attribute === 13 ? node : `${node}.${attributeNames[attribute] ?? `attr${attribute}`}`);
          values.push(value);
        }
      }
      out.target = nodes.join(', ') + (n > 4 ? `, … (${n})` : '');
      out.values = values.join(', ');
      return;
    }
    case ids.callRequest: {
      const n = r.arrayLength(3);
      const calls: string[] = [];
      for (let i = 0; i < n && r.ok && i < 4; i++) {
        const object = r.nodeId();
        const objectOk = r.ok;
        const method = r.nodeId();
        if (objectOk) calls.push(`${object} method ${r.ok ? method : '?'}`);
        const args = r.arrayLength(1);
        const shown: string[] = [];
        for (let j = 0; j < args && r.ok; j++) {
          const v = r.variant();
          if (j < 4) shown.push(v);
        }
        if (r.ok && args > 0 && i === 0) out.values = shown.join(', ');
      }
      out.target = calls.join('; ');
      return;
    }
    case ids.browseRequest:
      r.nodeId();
      r.skip(12);
      r.u32();
      out.target = nodeList(false);
      return;
    case ids.createMonitoredItemsRequest: {
      r.u32();
      r.u32();
      out.target = nodeList(true);
      return;
    }
    case ids.createSubscriptionRequest: {
      const interval = r.f64();
      if (r.ok) out.values = `publishing interval ${interval} ms`;
      return;
    }
    default:
      return;
  }
}

export function responseBody(service: number, want: boolean, sink: DissectSink, facts: IdentityDraft[]): void {
  switch (service) {
    case ids.getEndpointsResponse: {
      const n = r.arrayLength(8);
      for (let i = 0; i < n && r.ok; i++) endpointDescription(want, sink, facts);
      return;
    }
    case ids.createSessionResponse: {
      r.nodeId();
      r.nodeId();
      r.skip(8);
      r.skipBytes();
      r.skipBytes();
      const n = r.arrayLength(8);
      for (let i = 0; i < n && r.ok; i++) endpointDescription(want, sink, facts);
      return;
    }
    default:
      return;
  }
}
