// Modbus/TCP application data units (Modbus Application Protocol V1.1b3 and the Modbus Messaging on
// TCP/IP guide): the MBAP header, then function code and data, all big-endian.
import { bytes, type ByteBuilder } from '../../reader/byte-builder.js';

export const READ_COILS = 1;
export const READ_HOLDING_REGISTERS = 3;
export const WRITE_SINGLE_REGISTER = 6;
export const ENCAPSULATED_INTERFACE = 43;
const meiReadDeviceId = 14;

export const ILLEGAL_DATA_ADDRESS = 2;

/** MBAP header (transaction id, protocol 0, length of unit id + PDU, unit id) and the PDU. */
function adu(transaction: number, unit: number, pdu: (b: ByteBuilder) => ByteBuilder): Uint8Array {
  const body = pdu(bytes()).build();
  return bytes().u16be(transaction).u16be(0).u16be(1 + body.length).u8(unit).bytes(body).build();
}

/** Read coils (1), discrete inputs (2), holding (3) or input registers (4). */
export function readRequest(transaction: number, unit: number, fc: number, address: number, quantity: number): Uint8Array {
  return adu(transaction, unit, (b) => b.u8(fc).u16be(address).u16be(quantity));
}

export function registersResponse(transaction: number, unit: number, fc: number, values: readonly number[]): Uint8Array {
  return adu(transaction, unit, (b) => {
    b.u8(fc).u8(values.length * 2);
    for (const v of values) b.u16be(v);
    return b;
  });
}

/** Coil states packed eight to a byte, first coil in the low bit; unused high bits are zero. */
export function coilsResponse(transaction: number, unit: number, states: readonly boolean[]): Uint8Array {
  const packed = new Uint8Array(Math.ceil(states.length / 8));
  states.forEach((on, i) => {
    if (on) packed[i >> 3]! |= 1 << (i & 7);
  });
  return adu(transaction, unit, (b) => b.u8(READ_COILS).u8(packed.length).bytes(packed));
}

/** Write single register: the response echoes the request. */
export function writeSingleRegister(transaction: number, unit: number, address: number, value: number): Uint8Array {
  return adu(transaction, unit, (b) => b.u8(WRITE_SINGLE_REGISTER).u16be(address).u16be(value));
}

export function exceptionResponse(transaction: number, unit: number, fc: number, code: number): Uint8Array {
  return adu(transaction, unit, (b) => b.u8(fc | 0x80).u8(code));
}

/** Read Device Identification (43 / MEI 14): category (1 basic, 2 regular) from an object id. */
export function readDeviceIdRequest(transaction: number, unit: number, category: number, objectId: number): Uint8Array {
  return adu(transaction, unit, (b) => b.u8(ENCAPSULATED_INTERFACE).u8(meiReadDeviceId).u8(category).u8(objectId));
}

/** The whole answer in one response: no "more follows", objects as id, length, text. */
export function readDeviceIdResponse(
  transaction: number,
  unit: number,
  category: number,
  conformity: number,
  objects: ReadonlyArray<readonly [number, string]>,
): Uint8Array {
  return adu(transaction, unit, (b) => {
    b.u8(ENCAPSULATED_INTERFACE).u8(meiReadDeviceId).u8(category).u8(conformity).u8(0).u8(0).u8(objects.length);
    for (const [id, text] of objects) b.u8(id).u8(text.length).ascii(text);
    return b;
  });
}

export const WRITE_SINGLE_COIL = 5;
export const DIAGNOSTICS = 8;
export const WRITE_MULTIPLE_REGISTERS = 16;
export const WRITE_FILE_RECORD = 21;
export const DIAG_FORCE_LISTEN_ONLY = 4;
export const DIAG_CLEAR_COUNTERS = 10;

/** Write single coil (5): 0xff00 on, 0x0000 off; the response echoes the request. */
export function writeSingleCoil(transaction: number, unit: number, address: number, on: boolean): Uint8Array {
  return adu(transaction, unit, (b) => b.u8(WRITE_SINGLE_COIL).u16be(address).u16be(on ? 0xff00 : 0));
}

export function writeMultipleRegistersRequest(transaction: number, unit: number, address: number, values: readonly number[]): Uint8Array {
  return adu(transaction, unit, (b) => {
    b.u8(WRITE_MULTIPLE_REGISTERS).u16be(address).u16be(values.length).u8(values.length * 2);
    for (const v of values) b.u16be(v);
    return b;
  });
}

export function writeMultipleRegistersResponse(transaction: number, unit: number, address: number, quantity: number): Uint8Array {
  return adu(transaction, unit, (b) => b.u8(WRITE_MULTIPLE_REGISTERS).u16be(address).u16be(quantity));
}

/** Diagnostics (8): sub-function and one data word; a normal response echoes it. */
export function diagnostics(transaction: number, unit: number, sub: number, data: number): Uint8Array {
  return adu(transaction, unit, (b) => b.u8(DIAGNOSTICS).u16be(sub).u16be(data));
}

/** Write File Record (21) with one sub-request (reference type 6): file, starting record, the record words. The response echoes it. */
export function writeFileRecord(transaction: number, unit: number, file: number, record: number, words: readonly number[]): Uint8Array {
  return adu(transaction, unit, (b) => {
    b.u8(WRITE_FILE_RECORD).u8(7 + words.length * 2).u8(6).u16be(file).u16be(record).u16be(words.length);
    for (const w of words) b.u16be(w);
    return b;
  });
}
