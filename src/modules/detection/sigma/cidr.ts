// IPv4 and IPv6 addresses as big integers, and CIDR networks over them (the `cidr` modifier).

export interface Cidr {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly mask: bigint;
}

function ipv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function ipv6(text: string): bigint | null {
  let address = text;
  const zone = address.indexOf('%');
  if (zone !== -1) address = address.slice(0, zone);
  let tail: bigint[] = [];
  // An embedded IPv4 tail (::ffff:10.0.0.1) is two groups.
  const lastColon = address.lastIndexOf(':');
  if (address.includes('.', lastColon)) {
    const v4 = ipv4(address.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [v4 >> 16n, v4 & 0xffffn];
    address = address.slice(0, lastColon + 1);
    if (!address.endsWith('::')) address = address.slice(0, -1);
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string): bigint[] | null => {
    if (s === '') return [];
    const groups = s.split(':');
    const out: bigint[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(BigInt(parseInt(g, 16)));
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  if (head === null || rest === null) return null;
  const given = head.length + rest.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const groups = [...head, ...Array<bigint>(8 - given).fill(0n), ...rest, ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function parseIp(text: string): { readonly version: 4 | 6; readonly value: bigint } | null {
  const t = text.trim();
  if (t.includes(':')) {
    const v = ipv6(t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t);
    return v === null ? null : { version: 6, value: v };
  }
  const v = ipv4(t);
  return v === null ? null : { version: 4, value: v };
}

export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const ip = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (ip === null) return null;
  const bits = ip.version === 4 ? 32 : 128;
  const lengthText = slash === -1 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return null;
  const length = Number(lengthText);
  if (length > bits) return null;
  const all = (1n << BigInt(bits)) - 1n;
  const mask = length === 0 ? 0n : (all << BigInt(bits - length)) & all;
  return { version: ip.version, network: ip.value & mask, mask };
}

export function cidrContains(cidr: Cidr, address: string): boolean {
  const ip = parseIp(address);
  if (ip === null) return false;
  if (ip.version === cidr.version) return (ip.value & cidr.mask) === cidr.network;
  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) belongs to IPv4 networks.
  if (cidr.version === 4 && ip.version === 6 && ip.value >> 32n === 0xffffn) return ((ip.value & 0xffffffffn) & cidr.mask) === cidr.network;
  return false;
}
