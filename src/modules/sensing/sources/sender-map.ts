// Which organisation a syslog sender's messages belong to: the most specific configured range that
// holds its address, else the default organisation, else nobody (counted and dropped).
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { SenderRange } from './types.js';

export interface ParsedRange {
  readonly family: 'ipv4' | 'ipv6';
  readonly network: string;
  readonly prefix: number;
}

/** `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128); undefined when it is neither. */
export function parseRange(text: string): ParsedRange | undefined {
  const slash = text.indexOf('/');
  const network = slash === -1 ? text : text.slice(0, slash);
  const family = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : undefined;
  if (family === undefined) return undefined;
  const max = family === 'ipv4' ? 32 : 128;
  if (slash === -1) return { family, network, prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { family, network, prefix: Number(prefixText) };
}

/** An IPv4 address a dual-stack socket reports as `::ffff:a.b.c.d` is the IPv4 address. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

export interface SenderMap {
  /** The organisation for a sender address, or undefined (unmatched). */
  orgFor(address: string): string | undefined;
}

/** Senders seen are remembered (bounded), so a busy sender costs one map lookup per message. */
const CACHE_LIMIT = 4096;

export function createSenderMap(ranges: readonly SenderRange[], fallback: string | undefined): SenderMap {
  const rules = ranges
    .map((r) => {
      const parsed = parseRange(r.range);
      if (parsed === undefined) throw new Error(`not an address range: ${r.range}`);
      const list = new BlockList();
      list.addSubnet(parsed.network, parsed.prefix, parsed.family);
      return { ...parsed, list, orgId: r.orgId };
    })
    // Longest prefix first: a /24 inside a /16 takes its own organisation.
    .sort((a, b) => b.prefix - a.prefix);
  const cache = new Map<string, string | null>();
  return {
    orgFor(address) {
      const known = cache.get(address);
      if (known !== undefined) return known ?? undefined;
      const plain = plainAddress(address);
      const family = isIPv4(plain) ? 'ipv4' : 'ipv6';
      const found = rules.find((r) => r.family === family && r.list.check(plain, family))?.orgId ?? fallback;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(address, found ?? null);
      return found;
    },
  };
}
