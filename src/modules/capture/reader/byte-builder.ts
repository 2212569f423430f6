// A growable byte builder, for the capture writer and the simulator's packet encoders: each write
// states its byte order.

export class ByteBuilder {
  private buf = new Uint8Array(64);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(v: number): this {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u16be(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }

  u16le(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }

  u24be(v: number): this {
    return this.u8(v >>> 16).u8(v >>> 8).u8(v);
  }

  u24le(v: number): this {
    return this.u8(v).u8(v >>> 8).u8(v >>> 16);
  }

  u32be(v: number): this {
    return this.u16be(v >>> 16).u16be(v & 0xffff);
  }

  u32le(v: number): this {
    return this.u16le(v & 0xffff).u16le(v >>> 16);
  }

  f32be(v: number): this {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, v, false);
    return this.u32be(b.getUint32(0, false));
  }

  f32le(v: number): this {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, v, true);
    return this.u32le(b.getUint32(0, true));
  }

  /** Latin-1 text, padded with `pad` (or cut) to `width` when given. */
  ascii(text: string, width?: number, pad = 0): this {
    const n = width ?? text.length;
    for (let i = 0; i < n; i++) this.u8(i < text.length ? text.charCodeAt(i) : pad);
    return this;
  }

  bytes(data: Uint8Array): this {
    this.room(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
    return this;
  }

  zeros(n: number): this {
    this.room(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
    return this;
  }

  build(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export function bytes(): ByteBuilder {
  return new ByteBuilder();
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
