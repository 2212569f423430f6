// EtherNet/IP encapsulation (CIP Volume 2, chapter 2): the ListIdentity request a scanning tool
// broadcasts on UDP 44818 and the reply carrying the responder's Identity object (item type 0x0c).
// Encapsulation fields are little-endian; the socket address inside the item is big-endian.
import { bytes } from '../../reader/byte-builder.js';
import { ipBytes } from '../frames.js';

export const ENIP_PORT = 44818;
const listIdentity = 0x0063;
const cipIdentityItem = 0x000c;

function encapsulation(command: number, context: Uint8Array, body: Uint8Array): Uint8Array {
  if (context.length !== 8) throw new Error('sender context is 8 bytes');
  return bytes().u16le(command).u16le(body.length).u32le(0).u32le(0).bytes(context).u32le(0).bytes(body).build();
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
