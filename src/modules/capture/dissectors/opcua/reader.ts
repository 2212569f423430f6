// OPC UA binary encoding (OPC 10000-6 §5.2) read with bounds checks. One reader is reused for every
// PDU; a failed read sets `ok` to false and every later read returns a neutral value.

const utf8 = new TextDecoder('utf-8');
// Scratch buffers to read little-endian floats without a DataView per value.
const f32 = new Float32Array(1);
const f64 = new Float64Array(1);
const f32Bytes = new Uint8Array(f32.buffer);
const f64Bytes = new Uint8Array(f64.buffer);
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
/** Strings longer than this are cut (URIs and names are short; certificates are ByteStrings). */
const maxString = 512;
/** Nested DiagnosticInfo / Variant depth we follow before giving up. */
const maxDepth = 4;

export class UaReader {
  b: Uint8Array = new Uint8Array(0);
  p = 0;
  e = 0;
  ok = true;

  reset(b: Uint8Array, p: number, e: number): void {
    this.b = b;
    this.p = p;
    this.e = Math.min(e, b.length);
    this.ok = p <= this.e;
  }

  remaining(): number {
    return this.ok ? this.e - this.p : 0;
  }

  private need(n: number): boolean {
    if (!this.ok || this.p + n > this.e) {
      this.ok = false;
      return false;
    }
    return true;
  }

  u8(): number {
    if (!this.need(1)) return 0;
    return this.b[this.p++] as number;
  }

  u16(): number {
    if (!this.need(2)) return 0;
    const b = this.b;
    const v = (b[this.p] as number) | ((b[this.p + 1] as number) << 8);
    this.p += 2;
    return v;
  }

  u32(): number {
    if (!this.need(4)) return 0;
    const b = this.b;
    const p = this.p;
    this.p += 4;
    return ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16)) + (b[p + 3] as number) * 0x1000000;
  }

  i32(): number {
    return this.u32() | 0;
  }

  skip(n: number): void {
    if (n > 0 && this.need(n)) this.p += n;
  }

  /** String or ByteString: Int32 length, -1 = null. Returns null for null, '' on failure. */
  string(): string | null {
    const n = this.i32();
    if (!this.ok) return '';
    if (n < 0) return null;
    if (!this.need(n)) return '';
    const b = this.b;
    const start = this.p;
    this.p += n;
    const stop = start + Math.min(n, maxString);
    for (let i = start; i < stop; i++) if ((b[i] as number) >= 0x80) return utf8.decode(b.subarray(start, stop));
    let s = '';
    for (let i = start; i < stop; i++) s += String.fromCharCode(b[i] as number);
    return s;
  }

  /** Skips a ByteString (or String); returns its length, -1 for null. */
  skipBytes(): number {
    const n = this.i32();
    if (n > 0) this.skip(n);
    return n;
  }

  /** NodeId as "i=631", "ns=2;s=Temperature"; '' when the encoding byte is unknown (ok = false). */
  nodeId(): string {
    const mask = this.u8();
    return this.nodeIdBody(mask & 0x0f);
  }

  /** Numeric id of the last nodeId read with a numeric form, else -1. */
  numeric = -1;
  namespace = 0;

  private nodeIdBody(kind: number): string {
    this.numeric = -1;
    this.namespace = 0;
    switch (kind) {
      case 0:
        this.numeric = this.u8();
        return `i=${this.numeric}`;
      case 1:
        this.namespace = this.u8();
        this.numeric = this.u16();
        return this.namespace ? `ns=${this.namespace};i=${this.numeric}` : `i=${this.numeric}`;
      case 2:
        this.namespace = this.u16();
        this.numeric = this.u32();
        return this.namespace ? `ns=${this.namespace};i=${this.numeric}` : `i=${this.numeric}`;
      case 3: {
        this.namespace = this.u16();
        const s = this.string();
        return `${this.namespace ? `ns=${this.namespace};` : ''}s=${s ?? ''}`;
      }
      case 4: {
        this.namespace = this.u16();
        this.skip(16);
        return `${this.namespace ? `ns=${this.namespace};` : ''}g=…`;
      }
      case 5: {
        this.namespace = this.u16();
        this.skipBytes();
        return `${this.namespace ? `ns=${this.namespace};` : ''}b=…`;
      }
      default:
        this.ok = false;
        return '';
    }
  }

  expandedNodeId(): string {
    const mask = this.u8();
    const id = this.nodeIdBody(mask & 0x0f);
    if (mask & 0x80) this.string();
    if (mask & 0x40) this.u32();
    return id;
  }

  localizedText(): string {
    const mask = this.u8();
    if (mask & 0x01) this.string();
    return mask & 0x02 ? (this.string() ?? '') : '';
  }

  qualifiedName(): string {
    const ns = this.u16();
    const name = this.string() ?? '';
    return ns ? `${ns}:${name}` : name;
  }

  diagnosticInfo(depth = 0): void {
    const mask = this.u8();
    if (mask & 0x01) this.skip(4);
    if (mask & 0x02) this.skip(4);
    if (mask & 0x08) this.skip(4);
    if (mask & 0x04) this.skip(4);
    if (mask & 0x10) this.string();
    if (mask & 0x20) this.skip(4);
    if (mask & 0x40) {
      if (depth >= maxDepth) this.ok = false;
      else this.diagnosticInfo(depth + 1);
    }
  }

  extensionObject(): number {
    this.nodeId();
    const type = this.numeric;
    const encoding = this.u8();
    if (encoding === 1 || encoding === 2) this.skipBytes();
    return type;
  }

  /** Array length; -1 (null) reads as 0. Fails when the count cannot fit in what is left. */
  arrayLength(minElementSize: number): number {
    const n = this.i32();
    if (!this.ok || n <= 0) return 0;
    if (n * minElementSize > this.e - this.p) {
      this.ok = false;
      return 0;
    }
    return n;
  }

  /** A Variant as short text; arrays summarized by length. */
  variant(depth = 0): string {
    const mask = this.u8();
    const type = mask & 0x3f;
    if (mask & 0x80) {
      const n = this.arrayLength(1);
      const shown: string[] = [];
      for (let i = 0; i < n && this.ok; i++) {
        const v = this.scalar(type, depth);
        if (i < 4) shown.push(v);
      }
      if (mask & 0x40) {
        const dims = this.arrayLength(4);
        this.skip(dims * 4);
      }
      return `[${shown.join(', ')}${n > 4 ? `, … (${n})` : ''}]`;
    }
    return this.scalar(type, depth);
  }

  private scalar(type: number, depth: number): string {
    switch (type) {
      case 0:
        return 'null';
      case 1:
        return this.u8() ? 'true' : 'false';
      case 2:
        return String((this.u8() << 24) >> 24);
      case 3:
        return String(this.u8());
      case 4:
        return String((this.u16() << 16) >> 16);
      case 5:
        return String(this.u16());
      case 6:
        return String(this.i32());
      case 7:
      case 19:
        return String(this.u32());
      case 8:
      case 9:
      case 13: {
        const lo = this.u32();
        const hi = this.u32();
        if (type === 13) return 'datetime';
        return type === 8 && hi >= 0x80000000 ? String(-((0xffffffff - hi) * 0x100000000 + (0x100000000 - lo))) : String(hi * 0x100000000 + lo);
      }
      case 10:
        return this.float(4);
      case 11:
        return this.float(8);
      case 12:
      case 16:
        return JSON.stringify(this.string() ?? '');
      case 14:
        this.skip(16);
        return 'guid';
      case 15: {
        const n = this.skipBytes();
        return n < 0 ? 'null' : `${n} bytes`;
      }
      case 17:
        return this.nodeId();
      case 18:
        return this.expandedNodeId();
      case 20:
        return this.qualifiedName();
      case 21:
        return JSON.stringify(this.localizedText());
      case 22:
        return `extension i=${this.extensionObject()}`;
      case 23: {
        if (depth >= maxDepth) {
          this.ok = false;
          return '?';
        }
        return this.dataValue(depth + 1);
      }
      case 24:
        if (depth >= maxDepth) {
          this.ok = false;
          return '?';
        }
        return this.variant(depth + 1);
      case 25:
        this.diagnosticInfo();
        return 'diagnostic';
      default:
        this.ok = false;
        return '?';
    }
  }

  private float(n: 4 | 8): string {
    return n === 4 ? String(Number(this.f32().toPrecision(7))) : String(this.f64());
  }

  f32(): number {
    if (!this.need(4)) return Number.NaN;
    for (let i = 0; i < 4; i++) f32Bytes[littleEndian ? i : 3 - i] = this.b[this.p + i] as number;
    this.p += 4;
    return f32[0] as number;
  }

  f64(): number {
    if (!this.need(8)) return Number.NaN;
    for (let i = 0; i < 8; i++) f64Bytes[littleEndian ? i : 7 - i] = this.b[this.p + i] as number;
    this.p += 8;
    return f64[0] as number;
  }

  /** DataValue: mask, then value / status / timestamps. Returns the value text. */
  dataValue(depth = 0): string {
    const mask = this.u8();
    const value = mask & 0x01 ? this.variant(depth) : '';
    if (mask & 0x02) this.skip(4);
    if (mask & 0x04) this.skip(8);
    if (mask & 0x10) this.skip(2);
    if (mask & 0x08) this.skip(8);
    if (mask & 0x20) this.skip(2);
    return value;
  }
}
