// Bytes in, lines out, with a bound: a line longer than maxLineBytes is not kept in memory; it comes
// out as `null` (reported by the caller) and the bytes up to its newline are dropped.

export class LineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private oversized = false;

  constructor(private readonly maxLineBytes: number) {}

  /** Lines completed by this chunk (without LF or CRLF); `null` for a line over the bound. */
  push(chunk: Buffer): (string | null)[] {
    const lines: (string | null)[] = [];
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(10, start);
      if (lf < 0) break;
      if (this.oversized) {
        lines.push(null);
        this.oversized = false;
      } else if (this.carryBytes > 0) {
        if (this.carryBytes + (lf - start) > this.maxLineBytes) lines.push(null);
        else lines.push(decodeLine(Buffer.concat([...this.carry, chunk.subarray(start, lf)])));
      } else if (lf - start > this.maxLineBytes) lines.push(null);
      else lines.push(decodeLine(chunk.subarray(start, lf)));
      this.carry = [];
      this.carryBytes = 0;
      start = lf + 1;
    }
    if (start < chunk.length && !this.oversized) {
      const rest = chunk.subarray(start);
      if (this.carryBytes + rest.length > this.maxLineBytes) {
        this.oversized = true;
        this.carry = [];
        this.carryBytes = 0;
      } else {
        // Copy: the caller may reuse its buffer.
        this.carry.push(Buffer.from(rest));
        this.carryBytes += rest.length;
      }
    }
    return lines;
  }

  /** The unterminated last line at end of input (null when over the bound, undefined when none). */
  flush(): string | null | undefined {
    const oversized = this.oversized;
    const rest = this.carryBytes > 0 ? decodeLine(Buffer.concat(this.carry)) : undefined;
    this.reset();
    if (oversized) return null;
    return rest;
  }

  reset(): void {
    this.carry = [];
    this.carryBytes = 0;
    this.oversized = false;
  }

  get pendingBytes(): number {
    return this.carryBytes;
  }
}

function decodeLine(bytes: Buffer): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
}
