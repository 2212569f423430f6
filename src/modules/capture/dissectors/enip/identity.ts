// Device identity in EtherNet/IP: the Identity object's attributes (CIP Get_Attributes_All and friends)
// and the ListIdentity reply item, which carries the same attributes plus the socket address.
import type { DissectSink } from '../types.js';
import { deviceTypeText, roleOfDeviceType, vendorName } from './names.js';

function le16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function le32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

function text(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Facts a responder reveals about itself; 'source' because identity comes in replies. */
export function vendorFacts(vendor: number, sink: DissectSink): void {
  sink.identity({ subject: 'source', attribute: 'vendor-id', value: String(vendor), confidence: 0.9 });
  const name = vendorName(vendor);
  if (name !== undefined) sink.identity({ subject: 'source', attribute: 'vendor', value: name, confidence: 0.9 });
}

export function deviceTypeFacts(type: number, sink: DissectSink): void {
  sink.identity({ subject: 'source', attribute: 'device-type', value: deviceTypeText(type), confidence: 0.9 });
  const role = roleOfDeviceType(type);
  if (role !== undefined) sink.identity({ subject: 'source', attribute: 'role-hint', value: role, confidence: 0.8 });
}

export function serialText(serial: number): string {
  return `0x${serial.toString(16).padStart(8, '0')}`;
}

/**
 * Decodes Identity attribute `id` (1-7) at b[i] with its tshark fields and identity facts.
 * Returns the offset after the value, -1 when the attribute is unknown or truncated.
 */
export function identityAttribute(b: Uint8Array, i: number, end: number, id: number, sink: DissectSink): number {
  const f = sink.wantFields;
  switch (id) {
    case 1:
    case 2:
    case 3: {
      if (i + 2 > end) return -1;
      const v = le16(b, i);
      if (id === 1) {
        if (f) sink.field('cip.id.vendor_id', v);
        vendorFacts(v, sink);
      } else if (id === 2) {
        if (f) sink.field('cip.id.device_type', v);
        deviceTypeFacts(v, sink);
      } else {
        if (f) sink.field('cip.id.product_code', v);
        sink.identity({ subject: 'source', attribute: 'product-code', value: String(v), confidence: 0.9 });
      }
      return i + 2;
    }
    case 4:
      if (i + 2 > end) return -1;
      if (f) {
        sink.field('cip.id.major_rev', b[i]!);
        sink.field('cip.id.minor_rev', b[i + 1]!);
      }
      sink.identity({ subject: 'source', attribute: 'firmware', value: `${b[i]}.${b[i + 1]}`, confidence: 0.9 });
      return i + 2;
    case 5:
      if (i + 2 > end) return -1;
      if (f) sink.field('cip.id.status', le16(b, i));
      return i + 2;
    case 6:
      if (i + 4 > end) return -1;
      if (f) sink.field('cip.id.serial_number', le32(b, i));
      sink.identity({ subject: 'source', attribute: 'serial', value: serialText(le32(b, i)), confidence: 0.9 });
      return i + 4;
    case 7: {
      if (i + 1 > end) return -1;
      const n = b[i]!;
      if (i + 1 + n > end) return -1;
      const name = text(b, i + 1, i + 1 + n);
      if (f) sink.field('cip.id.product_name', name);
      if (name.trim() !== '') sink.identity({ subject: 'source', attribute: 'product', value: name.trim(), confidence: 0.9 });
      return i + 1 + n;
    }
    default:
      return -1;
  }
}

/** Identity attributes first..last in order (Get_Attributes_All: 1-7; Get_Attribute_Single: one). */
export function identityFacts(b: Uint8Array, at: number, end: number, first: number, last: number, sink: DissectSink): void {
  let i = at;
  for (let id = first; id <= last && i >= 0 && i < end; id++) {
    // Get_Attributes_All lists every attribute; a single attribute's id is already in the request path.
    if (first !== last && sink.wantFields) sink.field('cip.attribute', id);
    i = identityAttribute(b, i, end, id, sink);
  }
}

/** ListIdentity reply item (type 0x0c) in b[at, end). */
export function listIdentityItem(b: Uint8Array, at: number, end: number, sink: DissectSink): void {
  // Encapsulation version (2), socket address (16, big-endian), then the identity attributes and state.
  if (end - at < 33) {
    sink.malformed(`enip: ListIdentity item at offset ${at} has ${end - at} bytes, fixed part needs 33`);
    return;
  }
  const f = sink.wantFields;
  const vendor = le16(b, at + 18);
  const type = le16(b, at + 20);
  const product = le16(b, at + 22);
  const serial = le32(b, at + 28);
  if (f) {
    sink.field('enip.encapver', le16(b, at));
    sink.field('enip.sinfamily', (b[at + 2]! << 8) | b[at + 3]!);
    sink.field('enip.sinport', (b[at + 4]! << 8) | b[at + 5]!);
    sink.field('enip.sinaddr', `${b[at + 6]}.${b[at + 7]}.${b[at + 8]}.${b[at + 9]}`);
    sink.field('enip.lir.vendor', vendor);
    sink.field('enip.lir.devtype', type);
    sink.field('enip.lir.prodcode', product);
    sink.field('enip.lir.revision', (b[at + 24]! << 8) | b[at + 25]!);
    sink.field('enip.lir.status', le16(b, at + 26));
    sink.field('enip.lir.serial', serial);
  }
  vendorFacts(vendor, sink);
  deviceTypeFacts(type, sink);
  sink.identity({ subject: 'source', attribute: 'product-code', value: String(product), confidence: 0.9 });
  sink.identity({ subject: 'source', attribute: 'firmware', value: `${b[at + 24]}.${b[at + 25]}`, confidence: 0.9 });
  sink.identity({ subject: 'source', attribute: 'serial', value: serialText(serial), confidence: 0.9 });
  const n = b[at + 32]!;
  if (f) sink.field('enip.lir.namelen', n);
  if (at + 33 + n > end) {
    sink.malformed(`enip: ListIdentity product name of ${n} bytes at offset ${at + 33} runs past ${end}`);
    return;
  }
  const name = text(b, at + 33, at + 33 + n);
  if (f) sink.field('enip.lir.name', name);
  if (name.trim() !== '') sink.identity({ subject: 'source', attribute: 'product', value: name.trim(), confidence: 0.9 });
  if (at + 33 + n < end && f) sink.field('enip.lir.state', b[at + 33 + n]!);
}
