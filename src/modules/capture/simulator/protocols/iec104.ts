// IEC 60870-5-104 APDUs: the APCI (start 0x68, length, four control octets in I, S or U format) and
// ASDUs with a one-octet type, variable structure qualifier, two-octet cause of transmission,
// two-octet common address and three-octet information object addresses, all little-endian.
import { bytes, concat, type ByteBuilder } from '../../reader/byte-builder.js';

export const IEC104_PORT = 2404;

export const STARTDT_ACT = 0x07;
export const STARTDT_CON = 0x0b;

export const M_SP_NA_1 = 1;
export const M_ME_NC_1 = 13;
export const M_ME_TF_1 = 36;
export const C_IC_NA_1 = 100;

export const COT_SPONTANEOUS = 3;
export const COT_ACTIVATION = 6;
export const COT_ACTIVATION_CON = 7;
export const COT_ACTIVATION_TERM = 10;
export const COT_INTERROGATED = 20;

/** Quality descriptor: all bits clear is a good value. */
const goodQuality = 0x00;
/** Qualifier of interrogation: station interrogation (global). */
const stationInterrogation = 20;

export function uFrame(control: number): Uint8Array {
  return Uint8Array.of(0x68, 4, control, 0, 0, 0);
}

export function sFrame(receiveSeq: number): Uint8Array {
  return Uint8Array.of(0x68, 4, 0x01, 0, (receiveSeq << 1) & 0xfe, (receiveSeq >>> 7) & 0xff);
}

export function iFrame(sendSeq: number, receiveSeq: number, asdu: Uint8Array): Uint8Array {
  return concat(
    Uint8Array.of(0x68, 4 + asdu.length, (sendSeq << 1) & 0xfe, (sendSeq >>> 7) & 0xff, (receiveSeq << 1) & 0xfe, (receiveSeq >>> 7) & 0xff),
    asdu,
  );
}

export interface InformationObject {
  readonly address: number;
  readonly write: (b: ByteBuilder) => void;
}

/** An ASDU with one information object address per element (SQ = 0), originator address 0. */
export function asdu(type: number, cause: number, commonAddress: number, objects: readonly InformationObject[]): Uint8Array {
  const b = bytes().u8(type).u8(objects.length).u8(cause).u8(0).u16le(commonAddress);
  for (const o of objects) {
    b.u24le(o.address);
    o.write(b);
  }
  return b.build();
}

export function interrogation(cause: number, commonAddress: number): Uint8Array {
  return asdu(C_IC_NA_1, cause, commonAddress, [{ address: 0, write: (b) => b.u8(stationInterrogation) }]);
}

export function shortFloat(address: number, value: number): InformationObject {
  return { address, write: (b) => b.f32le(value).u8(goodQuality) };
}

export function singlePoint(address: number, on: boolean): InformationObject {
  return { address, write: (b) => b.u8(on ? 1 : 0) };
}

/** Short floating point value with a CP56Time2a time tag (the time the RTU measured it, UTC). */
export function shortFloatWithTime(address: number, value: number, timeUs: number): InformationObject {
  return { address, write: (b) => b.f32le(value).u8(goodQuality).bytes(cp56Time2a(timeUs)) };
}

/** Seven-octet binary time: milliseconds of the minute, minute, hour, day and weekday, month, year. */
export function cp56Time2a(timeUs: number): Uint8Array {
  const d = new Date(Math.floor(timeUs / 1000));
  const ms = d.getUTCSeconds() * 1000 + d.getUTCMilliseconds();
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return Uint8Array.of(
    ms & 0xff,
    ms >>> 8,
    d.getUTCMinutes(),
    d.getUTCHours(),
    d.getUTCDate() | (weekday << 5),
    d.getUTCMonth() + 1,
    d.getUTCFullYear() % 100,
  );
}
