// Small string helpers shared by the Modbus request and response decoders, with caches so the
// polling hot path (same request every cycle) builds no new strings.

const utf8 = new TextDecoder('utf-8');
const pairKeys: (string | undefined)[] = [];
const targets = new Map<number, string>();
const maxTargets = 4096;

/** The transaction id as a pair key, one string per id for the whole process. */
export function pairKeyOf(tid: number): string {
  return (pairKeys[tid] ??= String(tid));
}

/** "holding registers 100-109" for a table name, address and quantity (cached). */
export function rangeTarget(fc: number, table: string, address: number, quantity: number): string {
  const key = fc * 0x100000000 + address * 0x10000 + quantity;
  let text = targets.get(key);
  if (text === undefined) {
    text = quantity <= 1 ? `${table} ${address}` : `${table} ${address}-${address + quantity - 1}`;
    if (targets.size >= maxTargets) targets.clear();
    targets.set(key, text);
  }
  return text;
}

/** Bytes as text: ASCII directly, anything else through UTF-8 with replacement characters. */
export function textOf(b: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (b[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return utf8.decode(b.subarray(start, end));
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(b[i]!);
  return text;
}

/** Up to `max` 16-bit values as "1, 2, 3" with "…" when there are more. */
export function registerValues(b: Uint8Array, start: number, end: number, max: number): string {
  let text = '';
  let n = 0;
  for (let i = start; i + 1 < end; i += 2) {
    if (n === max) return `${text}, …`;
    text += n === 0 ? String((b[i]! << 8) | b[i + 1]!) : `, ${(b[i]! << 8) | b[i + 1]!}`;
    n++;
  }
  return text;
}

/** Up to `max` coil states, least significant bit first, as "1 0 1" with "…" when there are more. */
export function coilValues(b: Uint8Array, start: number, end: number, count: number, max: number): string {
  let text = '';
  for (let n = 0; n < count; n++) {
    const i = start + (n >> 3);
    if (i >= end) break;
    if (n === max) return `${text} …`;
    const bit = (b[i]! >> (n & 7)) & 1;
    text += n === 0 ? String(bit) : ` ${bit}`;
  }
  return text;
}

export function hex16(v: number): string {
  return `0x${v.toString(16).padStart(4, '0')}`;
}
