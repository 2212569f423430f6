// Value helpers shared by the parser and the evaluator: STIX timestamps, bytes, IP addresses and subnets.

const STIX_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

export interface ParsedTimestamp {
  /** Fixed-width form (fraction without trailing zeros, padded to 9 digits) that sorts like the instant. */
  readonly key: string;
  readonly epochMs: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A STIX timestamp (`YYYY-MM-DDTHH:MM:SS[.s+]Z`, upper-case T and Z), or undefined when it is not one. */
export function parseStixTimestamp(text: string): ParsedTimestamp | undefined {
  const m = STIX_TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // Second 60 is a leap second; the grammar allows it.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const fraction = (m[7] ?? '').replace(/0+$/, '');
  const key = `${text.slice(0, 19)}.${fraction.padEnd(9, '0')}`;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) + (fraction === '' ? 0 : Number(`0.${fraction}`) * 1000);
  return { key, epochMs };
}

/** Event times: STIX timestamps, other ISO 8601 forms, epoch milliseconds or Dates; undefined if unreadable. */
export function timeToEpochMs(time: unknown): number | undefined {
  if (typeof time === 'number') return Number.isFinite(time) ? time : undefined;
  if (time instanceof Date) return Number.isFinite(time.getTime()) ? time.getTime() : undefined;
  if (typeof time !== 'string') return undefined;
  const stix = parseStixTimestamp(time);
  if (stix !== undefined) return stix.epochMs;
  // Only ISO-looking strings: Date.parse accepts far too much otherwise.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(time)) return undefined;
  const ms = Date.parse(time);
  return Number.isFinite(ms) ? ms : undefined;
}

const BASE64_CONSTANT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const BASE64_VALUE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)?$/;
const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

/** The body of a `b'...'` constant, as the 2.1 grammar has it (at least one quantum, padding only at the end). */
export function isBase64Constant(body: string): boolean {
  return BASE64_CONSTANT.test(body);
}

export function isHexBody(body: string): boolean {
  return HEX.test(body);
}

export function decodeBase64(body: string): Uint8Array | undefined {
  if (!BASE64_VALUE.test(body)) return undefined;
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export function decodeHex(body: string): Uint8Array | undefined {
  if (!HEX.test(body)) return undefined;
  return new Uint8Array(Buffer.from(body, 'hex'));
}

/** A string read as bytes, one per character; undefined when a character is above U+00FF (then it cannot equal bytes). */
export function stringToBytes(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

export function bytesToLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Code point order (JavaScript's `<` compares UTF-16 units, which misorders characters above U+FFFF). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only surrogates (U+D800–DFFF) need care: they stand for code points above every BMP character.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

// ---- IP addresses and subnets ----

export interface IpBlock {
  readonly v6: boolean;
  /** The address as an unsigned integer (IPv4 fits a number; IPv6 needs a bigint). */
  readonly address: bigint;
  readonly prefix: number;
}

/** IPv4 dotted quad as an unsigned 32-bit number, or undefined; no leading zeros (they read as octal elsewhere). */
export function parseIpv4(text: string): number | undefined {
  const n = text.length;
  if (n < 7 || n > 15) return undefined;
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? 46 : text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++parts > 4) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined;
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? value : undefined;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  let head = text;
  let tail: number[] = [];
  // An IPv4 tail (::ffff:192.0.2.1) counts as the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parse(halves[0] as string);
  const right = halves.length === 2 ? parse(halves[1] as string) : [];
  if (left === undefined || right === undefined) return undefined;
  const given = left.length + right.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    if (given > 7) return undefined;
    groups = [...left, ...new Array<number>(8 - given).fill(0), ...right, ...tail];
  } else {
    if (given !== 8) return undefined;
    groups = [...left, ...tail];
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** An IPv4 address or block as numbers, without bigint (the matcher's hot path); a bare address is a /32. */
export function parseIpv4Block(text: string): { readonly address: number; readonly prefix: number } | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) {
    const address = parseIpv4(text);
    return address === undefined ? undefined : { address, prefix: 32 };
  }
  const prefixText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d?)$/.test(prefixText) || Number(prefixText) > 32) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  return address === undefined ? undefined : { address, prefix: Number(prefixText) };
}

/** An address or a CIDR block (`10.0.0.0/8`, `2001:db8::/32`); a bare address is a /32 or /128. */
export function parseIpBlock(text: string): IpBlock | undefined {
  const v4 = parseIpv4Block(text);
  if (v4 !== undefined) return { v6: false, address: BigInt(v4.address), prefix: v4.prefix };
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? undefined : text.slice(slash + 1);
  if (prefixText !== undefined && !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const v6 = parseIpv6(addressText);
  if (v6 === undefined) return undefined;
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  return prefix > 128 ? undefined : { v6: true, address: v6, prefix };
}

function masked(block: IpBlock, prefix: number): bigint {
  const bits = block.v6 ? 128n : 32n;
  const host = bits - BigInt(prefix);
  return (block.address >> host) << host;
}

/** Whether `inner` lies entirely within `outer` (same family). */
export function blockContains(outer: IpBlock, inner: IpBlock): boolean {
  if (outer.v6 !== inner.v6 || outer.prefix > inner.prefix) return false;
  return masked(outer, outer.prefix) === masked(inner, outer.prefix);
}

/** IPv4 network number for a prefix length, for the matcher's subnet index. */
export function ipv4Network(address: number, prefix: number): number {
  if (prefix === 0) return 0;
  const hostBits = 32 - prefix;
  return Math.floor(address / 2 ** hostBits) * 2 ** hostBits;
}
