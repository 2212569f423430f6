import type { IndicatorType } from './types.js';

// STIX patterns for one observed value: an object path and an equality comparison. Property names
// with a hyphen are quoted ("hashes.'SHA-256'"); in string literals, quote and backslash are escaped.

const objectPaths: Partial<Record<IndicatorType, string>> = {
  ipv4: 'ipv4-addr:value',
  ipv6: 'ipv6-addr:value',
  domain: 'domain-name:value',
  url: 'url:value',
  email: 'email-addr:value',
  md5: 'file:hashes.MD5',
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
  sha512: "file:hashes.'SHA-512'",
  'file-name': 'file:name',
};

export function stixString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `[ipv4-addr:value = '198.51.100.7']`, or undefined for types that are not observables. */
export function stixPattern(type: IndicatorType, value: string): string | undefined {
  const path = objectPaths[type];
  return path === undefined ? undefined : `[${path} = ${stixString(value)}]`;
}
