// Writes small pcap and pcapng files (both byte orders, any timestamp resolution), for tests and
// for exporting selected packets.
import { ByteBuilder, concat } from './byte-builder.js';

export interface PacketToWrite {
  readonly data: Uint8Array;
  /** Microseconds since the Unix epoch. */
  readonly time?: number;
  /** Length on the wire; defaults to data.length. */
  readonly originalLength?: number;
}

export interface PcapWriteOptions {
  readonly linkType?: number;
  readonly nanosecond?: boolean;
  readonly bigEndian?: boolean;
  readonly snapLength?: number;
}

/** A byte builder in the byte order of one file or section. */
class ByteWriter extends ByteBuilder {
  constructor(private readonly bigEndian: boolean) {
    super();
  }

  u16(v: number): this {
    return this.bigEndian ? this.u16be(v) : this.u16le(v);
  }

  u32(v: number): this {
    return this.bigEndian ? this.u32be(v) : this.u32le(v);
  }

  u64(v: bigint): this {
    const hi = Number((v >> 32n) & 0xffffffffn);
    const lo = Number(v & 0xffffffffn);
    return this.bigEndian ? this.u32(hi).u32(lo) : this.u32(lo).u32(hi);
  }

  pad4(): this {
    while (this.length % 4 !== 0) this.u8(0);
    return this;
  }

  at(offset: number): { u32(v: number): void } {
    return {
      u32: (v: number) => {
        const saved = this.length;
        this.length = offset;
        this.u32(v);
        this.length = saved;
      },
    };
  }
}

export function writePcap(packets: readonly PacketToWrite[], options: PcapWriteOptions = {}): Uint8Array {
  const w = new ByteWriter(options.bigEndian === true);
  const nano = options.nanosecond === true;
  w.u32(nano ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0);
  w.u32(options.snapLength ?? 262144).u32(options.linkType ?? 1);
  for (const p of packets) {
    const t = p.time ?? 0;
    const sec = Math.floor(t / 1_000_000);
    const us = t - sec * 1_000_000;
    w.u32(sec).u32(nano ? us * 1000 : us).u32(p.data.length).u32(p.originalLength ?? p.data.length).bytes(p.data);
  }
  return w.build();
}

export interface PcapngInterface {
  readonly linkType: number;
  readonly snapLength?: number;
  /** if_tsresol option byte (default: microseconds, no option written). */
  readonly tsresol?: number;
  /** if_tsoffset in seconds. */
  readonly tsoffset?: number;
}

export type PcapngItem =
  | ({ readonly interface: number; readonly simple?: false; readonly obsolete?: boolean } & PacketToWrite)
  | ({ readonly simple: true } & PacketToWrite)
  | { readonly blockType: number; readonly body: Uint8Array };

export interface PcapngSection {
  readonly bigEndian?: boolean;
  readonly interfaces: readonly PcapngInterface[];
  readonly items: readonly PcapngItem[];
}

export function writePcapng(sections: readonly PcapngSection[]): Uint8Array {
  return concat(...sections.map(writeSection));
}

function writeSection(section: PcapngSection): Uint8Array {
  const w = new ByteWriter(section.bigEndian === true);
  const block = (type: number, body: (w: ByteWriter) => void): void => {
    const start = w.length;
    w.u32(type).u32(0);
    body(w);
    w.pad4();
    const len = w.length - start + 4;
    w.u32(len);
    w.at(start + 4).u32(len);
  };
  block(0x0a0d0d0a, (w) => w.u32(0x1a2b3c4d).u16(1).u16(0).u64(-1n & 0xffffffffffffffffn));
  for (const iface of section.interfaces) {
    block(1, (w) => {
      w.u16(iface.linkType).u16(0).u32(iface.snapLength ?? 0);
      if (iface.tsresol !== undefined) w.u16(9).u16(1).u8(iface.tsresol).pad4();
      if (iface.tsoffset !== undefined) w.u16(14).u16(8).u64(BigInt(iface.tsoffset));
      if (iface.tsresol !== undefined || iface.tsoffset !== undefined) w.u16(0).u16(0);
    });
  }
  for (const item of section.items) {
    if ('blockType' in item) {
      block(item.blockType, (w) => w.bytes(item.body));
    } else if (item.simple === true) {
      block(3, (w) => w.u32(item.originalLength ?? item.data.length).bytes(item.data));
    } else {
      const iface = section.interfaces[item.interface];
      const units = toUnits(item.time ?? 0, iface?.tsresol, iface?.tsoffset ?? 0);
      const hi = Number(units >> 32n);
      const lo = Number(units & 0xffffffffn);
      if (item.obsolete === true) {
        block(2, (w) => w.u16(item.interface).u16(0).u32(hi).u32(lo).u32(item.data.length).u32(item.originalLength ?? item.data.length).bytes(item.data));
      } else {
        block(6, (w) => w.u32(item.interface).u32(hi).u32(lo).u32(item.data.length).u32(item.originalLength ?? item.data.length).bytes(item.data));
      }
    }
  }
  return w.build();
}

/** Microseconds → timestamp units of an interface's resolution (minus its offset). */
function toUnits(us: number, tsresol: number | undefined, offsetSeconds: number): bigint {
  const v = BigInt(Math.round(us)) - BigInt(offsetSeconds) * 1_000_000n;
  const r = tsresol ?? 6;
  if ((r & 0x80) !== 0) return (v * (1n << BigInt(r & 0x7f))) / 1_000_000n;
  return r >= 6 ? v * 10n ** BigInt(r - 6) : v / 10n ** BigInt(6 - r);
}
