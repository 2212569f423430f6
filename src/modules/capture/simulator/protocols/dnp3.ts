// DNP3 (IEEE 1815) over TCP: link frames (0x0564, length, control, little-endian addresses, a CRC
// after the header and after every 16 bytes of user data), one transport octet, application fragment.
import { bytes, concat } from '../../reader/byte-builder.js';

export const DNP3_PORT = 20000;

export const FC_READ = 0x01;
export const FC_WRITE = 0x02;
export const FC_RESPONSE = 0x81;

/** Internal indications, first octet. */
export const IIN1_DEVICE_RESTART = 0x80;

/** CRC-16/DNP: polynomial 0x3d65 reflected (0xa6bc), initial 0, final complement, sent low byte first. */
export function dnp3Crc(data: Uint8Array, from = 0, to = data.length): number {
  let crc = 0;
  for (let i = from; i < to; i++) {
    crc ^= data[i]!;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa6bc : crc >>> 1;
  }
  return ~crc & 0xffff;
}

function withCrc(block: Uint8Array): Uint8Array {
  const crc = dnp3Crc(block);
  return concat(block, Uint8Array.of(crc & 0xff, crc >>> 8));
}

/**
 * A primary "unconfirmed user data" link frame (function 4) carrying one transport segment.
 * `fromMaster` sets the DIR bit.
 */
export function linkFrame(fromMaster: boolean, destination: number, source: number, userData: Uint8Array): Uint8Array {
  if (userData.length > 250) throw new Error('one link frame carries at most 250 bytes of user data');
  const control = (fromMaster ? 0x80 : 0) | 0x40 | 0x04;
  const head = bytes().u8(0x05).u8(0x64).u8(5 + userData.length).u8(control).u16le(destination).u16le(source).build();
  const parts = [withCrc(head)];
  for (let i = 0; i < userData.length; i += 16) parts.push(withCrc(userData.subarray(i, i + 16)));
  return concat(...parts);
}

/** A whole application fragment in one transport segment (FIR and FIN set). */
export function segment(transportSeq: number, fragment: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(0xc0 | (transportSeq & 0x3f)), fragment);
}

/** Request: application control (FIR, FIN, sequence), function, object headers. */
export function request(appSeq: number, fc: number, objects: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(0xc0 | (appSeq & 0x0f), fc), objects);
}

export function response(appSeq: number, iin1: number, iin2: number, objects: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(0xc0 | (appSeq & 0x0f), FC_RESPONSE, iin1, iin2), objects);
}

/** Object header for "all objects of this class/group" (qualifier 0x06, no range). */
export function allObjects(group: number, variation: number): Uint8Array {
  return Uint8Array.of(group, variation, 0x06);
}

/** Binary inputs with flags (group 1 variation 2), indexes 0..n-1, one-octet start/stop range. */
export function binaryInputs(states: readonly boolean[]): Uint8Array {
  const b = bytes().u8(1).u8(2).u8(0x00).u8(0).u8(states.length - 1);
  for (const on of states) b.u8(0x01 | (on ? 0x80 : 0)); // ONLINE, and STATE when on
  return b.build();
}

/** 16-bit analog inputs with flag (group 30 variation 2), indexes 0..n-1. */
export function analogInputs(values: readonly number[]): Uint8Array {
  const b = bytes().u8(30).u8(2).u8(0x00).u8(0).u8(values.length - 1);
  for (const v of values) b.u8(0x01).u16le(v & 0xffff);
  return b.build();
}

/** Write 0 to IIN1.7 "device restart" (group 80 variation 1, index 7), as a master does after a restart. */
export function clearRestart(): Uint8Array {
  return Uint8Array.of(80, 1, 0x00, 7, 7, 0x00);
}

export const FC_DIRECT_OPERATE = 0x05;
export const FC_COLD_RESTART = 0x0d;
export const FC_DISABLE_UNSOLICITED = 0x15;
export const FC_UNSOLICITED_RESPONSE = 0x82;

/** Control relay output block (group 12 variation 1), one point by a two-octet index: pulse on, latch on/off ... */
export function crob(index: number, controlCode: number, onTimeMs = 1000): Uint8Array {
  return bytes().u8(12).u8(1).u8(0x28).u16le(1).u16le(index).u8(controlCode).u8(1).u32le(onTimeMs).u32le(0).u8(0).build();
}

/** Time delay fine (group 52 variation 2): what an outstation answers to a cold restart, in milliseconds. */
export function timeDelayFine(delayMs: number): Uint8Array {
  return bytes().u8(52).u8(2).u8(0x07).u8(1).u16le(delayMs).build();
}

/** Unsolicited response: FIR, FIN, CON and UNS set, function 0x82. */
export function unsolicitedResponse(appSeq: number, iin1: number, iin2: number, objects: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(0xf0 | (appSeq & 0x0f), FC_UNSOLICITED_RESPONSE, iin1, iin2), objects);
}
