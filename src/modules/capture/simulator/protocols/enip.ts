// EtherNet/IP encapsulation (CIP Volume 2, chapter 2): the ListIdentity request a scanning tool
// broadcasts on UDP 44818 and the reply carrying the responder's Identity object (item type 0x0c).
// Encapsulation fields are little-endian; the socket address inside the item is big-endian.
import { bytes } from '../../reader/byte-builder.js';
import { ipBytes } from '../frames.js';

export const ENIP_PORT = 44818;
const listIdentity = 0x0063;
const cipIdentityItem = 0x000c;

function encapsulation(command: number, context: Uint8Array, body: Uint8Array, session = 0): Uint8Array {
  if (context.length !== 8) throw new Error('sender context is 8 bytes');
  return bytes().u16le(command).u16le(body.length).u32le(session).u32le(0).bytes(context).u32le(0).bytes(body).build();
}

export function listIdentityRequest(context: Uint8Array): Uint8Array {
  return encapsulation(listIdentity, context, new Uint8Array(0));
}

export interface CipIdentity {
  readonly ip: string;
  readonly vendorId: number;
  readonly deviceType: number;
  readonly productCode: number;
  readonly revision: readonly [number, number];
  readonly status: number;
  readonly serial: number;
  readonly productName: string;
  readonly state: number;
}

export function listIdentityReply(context: Uint8Array, id: CipIdentity): Uint8Array {
  const item = bytes()
    .u16le(1) // encapsulation protocol version
    .u16be(2) // sin_family AF_INET
    .u16be(ENIP_PORT)
    .bytes(ipBytes(id.ip))
    .zeros(8)
    .u16le(id.vendorId)
    .u16le(id.deviceType)
    .u16le(id.productCode)
    .u8(id.revision[0])
    .u8(id.revision[1])
    .u16le(id.status)
    .u32le(id.serial)
    .u8(id.productName.length)
    .ascii(id.productName)
    .u8(id.state)
    .build();
  const cpf = bytes().u16le(1).u16le(cipIdentityItem).u16le(item.length).bytes(item).build();
  return encapsulation(listIdentity, context, cpf);
}

const registerSessionCommand = 0x0065;
const sendRRDataCommand = 0x006f;

export const CIP_RESET = 0x05;
export const CIP_START = 0x06;
export const CIP_STOP = 0x07;
export const CIP_IDENTITY_CLASS = 0x01;

/** Register Session: protocol version 1, no options; the reply carries the session handle. */
export function registerSession(context: Uint8Array, session = 0): Uint8Array {
  return encapsulation(registerSessionCommand, context, bytes().u16le(1).u16le(0).build(), session);
}

/** Send RR Data with an unconnected message: interface 0, timeout, a null address item and the CIP message. */
export function sendRRData(session: number, context: Uint8Array, cip: Uint8Array): Uint8Array {
  const body = bytes().u32le(0).u16le(10).u16le(2).u16le(0).u16le(0).u16le(0x00b2).u16le(cip.length).bytes(cip).build();
  return encapsulation(sendRRDataCommand, context, body, session);
}

/** A CIP request to class/instance with 8-bit logical segments. */
export function cipRequest(service: number, cls: number, instance: number): Uint8Array {
  return Uint8Array.of(service, 2, 0x20, cls, 0x24, instance);
}

export function cipReply(service: number, status = 0): Uint8Array {
  return Uint8Array.of(service | 0x80, 0, status, 0);
}
