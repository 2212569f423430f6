// A small data block in the load-memory form STEP 7 downloads: 36-byte header ("pp", language, type,
// number, lengths, S7 timestamps), the block's values, its interface and the 36-byte footer (author,
// family, name, version, checksum). Only the outline matters here: no tool parses the body.
import { bytes } from '../../reader/byte-builder.js';
import type { Random } from '../random.js';

const languageDb = 0x05;
const subBlockDb = 0x0a;
const s7Epoch = Date.UTC(1984, 0, 1);

/** S7 timestamp: milliseconds since midnight (4 bytes), days since 1984-01-01 (2 bytes). */
function s7Timestamp(timeUs: number): Uint8Array {
  const msTotal = Math.floor(timeUs / 1000);
  const days = Math.floor((msTotal - s7Epoch) / 86_400_000);
  return bytes().u32be(msTotal - s7Epoch - days * 86_400_000).u16be(days).build();
}

export interface DataBlock {
  readonly bytes: Uint8Array;
  readonly length: number;
  readonly mc7Length: number;
}

/** DB `number` with four REAL parameters, last edited an hour or two before `timeUs`. */
export function dataBlock(number: number, timeUs: number, random: Random): DataBlock {
  const values = bytes().f32be(1.5).f32be(2.5).f32be(0.2).f32be(4.0).build();
  // interface: one entry per REAL (type 0x08) and the block's initial values flag
  const ssb = bytes().u8(0x05).u8(0x01).u16be(4).u8(0x08).u8(0x00).u8(0x08).u8(0x00).u8(0x08).u8(0x00).u8(0x08).u8(0x00).build();
  const length = 36 + values.length + ssb.length + 36;
  const edited = timeUs - random.int(3600, 7200) * 1_000_000;
  const block = bytes()
    .u8(0x70)
    .u8(0x70)
    .u8(0x01)
    .u8(0x01)
    .u8(languageDb)
    .u8(subBlockDb)
    .u16be(number)
    .u32be(length)
    .u32be(0)
    .bytes(s7Timestamp(edited))
    .bytes(s7Timestamp(edited))
    .u16be(ssb.length)
    .u16be(0)
    .u16be(0)
    .u16be(values.length)
    .bytes(values)
    .bytes(ssb)
    .ascii('RIVRSIDE', 8, 0x20)
    .ascii('DOSING', 8, 0x20)
    .ascii('SETPTS', 8, 0x20)
    .u8(0x11)
    .u8(0x00)
    .u16be(random.int(0, 0xffff))
    .zeros(8)
    .build();
  return { bytes: block, length, mc7Length: values.length };
}
