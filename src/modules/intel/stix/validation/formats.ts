// Format checks for STIX strings. Every pattern is compiled once here, never per object.

const timestampPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface ParsedTimestamp {
  /** Digits after the decimal point (0 when there is none). */
  readonly fractionDigits: number;
}

/** RFC 3339 in UTC with `Z`: real calendar dates, seconds up to 60 (leap second). */
export function parseTimestamp(value: string): ParsedTimestamp | null {
  const m = timestampPattern.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  if (day > (daysInMonth[month - 1] as number) + (leap ? 1 : 0)) return null;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60) return null;
  return { fractionDigits: m[7]?.length ?? 0 };
}

/**
 * Orders two valid timestamps. Plain string comparison is wrong when the number of fractional
 * digits differs (`…:00Z` and `…:00.000Z` are equal), so whole seconds and fractions are compared apart.
 */
export function compareTimestamps(a: string, b: string): number {
  const head = a.slice(0, 19).localeCompare(b.slice(0, 19));
  if (head !== 0) return head < 0 ? -1 : 1;
  const fa = a.length > 20 ? a.slice(20, -1) : '';
  const fb = b.length > 20 ? b.slice(20, -1) : '';
  const width = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(width, '0');
  const pb = fb.padEnd(width, '0');
  return pa === pb ? 0 : pa < pb ? -1 : 1;
}

const identifierPattern = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** The object type of an identifier, or null when it is not `type--uuid` with an RFC 4122 UUID. */
export function identifierType(value: string): string | null {
  const m = identifierPattern.exec(value);
  return m === null ? null : (m[1] as string);
}

/** The UUID version digit of a valid identifier. */
export function identifierUuidVersion(id: string): number {
  return Number(id.charAt(id.length - 22));
}

const typeNamePattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Object type names: a–z, 0–9 and single hyphens, starting with a letter, 3 to 250 characters. */
export function isValidTypeName(value: string): boolean {
  return value.length >= 3 && value.length <= 250 && typeNamePattern.test(value);
}

const propertyNamePattern = /^[a-z][a-z0-9_]{2,249}$/;

/** Custom and extension property names: a–z, 0–9 and underscore, starting with a letter, 3 to 250 characters. */
export function isValidPropertyName(value: string): boolean {
  return propertyNamePattern.test(value);
}

const dictionaryKeyPattern = /^[a-zA-Z0-9_-]{1,250}$/;

export function isValidDictionaryKey(value: string): boolean {
  return dictionaryKeyPattern.test(value);
}

const hashKeyPattern = /^[a-zA-Z0-9_-]{3,250}$/;

export function isValidHashKey(value: string): boolean {
  return hashKeyPattern.test(value);
}

const hexPattern = /^(?:[0-9a-fA-F]{2})+$/;
const lowerHexPattern = /^[0-9a-f]*$/;

/** Even-length hexadecimal; `lowercase` is false when upper-case letters appear (the spec asks for lower case). */
export function checkHex(value: string): { readonly valid: boolean; readonly lowercase: boolean } {
  return { valid: hexPattern.test(value), lowercase: lowerHexPattern.test(value) };
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
  return value.length > 0 && base64Pattern.test(value);
}

// RFC 5646 in its general shape: a 2–3 letter language (or 4–8), then subtags of up to 8 alphanumerics.
const languageTagPattern = /^(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8}|[xX](?=-))(?:-[a-zA-Z0-9]{1,8})*$/;

export function isLanguageTag(value: string): boolean {
  return languageTagPattern.test(value);
}

const ipv4Pattern = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?$/;

/** An IPv4 address with an optional CIDR suffix. */
export function isIpv4Cidr(value: string): boolean {
  return ipv4Pattern.test(value);
}

const ipv6GroupPattern = /^[0-9a-fA-F]{1,4}$/;

/** An IPv6 address (full, compressed, or with an embedded IPv4 tail) with an optional CIDR suffix. */
export function isIpv6Cidr(value: string): boolean {
  const slash = value.indexOf('/');
  let address = value;
  if (slash >= 0) {
    const prefix = value.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > 128) return false;
    address = value.slice(0, slash);
  }
  if ((address.startsWith(':') && !address.startsWith('::')) || (address.endsWith(':') && !address.endsWith('::'))) return false;
  let groups = address.split(':');
  const last = groups[groups.length - 1] as string;
  if (last.includes('.')) {
    // An embedded IPv4 tail stands for the last two groups.
    if (last.includes('/') || !isIpv4Cidr(last)) return false;
    groups = groups.slice(0, -1).concat(['0', '0']);
  }
  const doubleColon = address.indexOf('::');
  if (doubleColon !== address.lastIndexOf('::')) return false;
  if (doubleColon >= 0) {
    const explicit = groups.filter((g) => g !== '');
    return explicit.length <= 7 && explicit.every((g) => ipv6GroupPattern.test(g));
  }
  return groups.length === 8 && groups.every((g) => ipv6GroupPattern.test(g));
}

const macPattern = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** Colon-delimited, lower-case MAC-48 with leading zeros, as the spec requires. */
export function isMac48(value: string): boolean {
  return macPattern.test(value);
}

const hashFormats: ReadonlyMap<string, RegExp> = new Map([
  ['MD5', /^[0-9a-fA-F]{32}$/],
  ['SHA-1', /^[0-9a-fA-F]{40}$/],
  ['SHA-256', /^[0-9a-fA-F]{64}$/],
  ['SHA-512', /^[0-9a-fA-F]{128}$/],
  ['SHA3-256', /^[0-9a-fA-F]{64}$/],
  ['SHA3-512', /^[0-9a-fA-F]{128}$/],
  ['SSDEEP', /^\d+:[a-zA-Z0-9/+]+:[a-zA-Z0-9/+]+(?:,"?[^"]*"?)?$/],
  ['TLSH', /^(?:T1)?[0-9a-fA-F]{70}$/],
]);

/** True when the value fits a known algorithm; undefined for algorithms outside the vocabulary. */
export function hashFits(algorithm: string, value: string): boolean | undefined {
  return hashFormats.get(algorithm)?.test(value);
}

const cvePattern = /^CVE-\d{4}-(?:0\d{3}|[1-9]\d{3,})$/;
const capecPattern = /^CAPEC-\d+$/;

export function isCveId(value: string): boolean {
  return cvePattern.test(value);
}

export function isCapecId(value: string): boolean {
  return capecPattern.test(value);
}

const relationshipTypePattern = /^[a-z0-9-]+$/;

export function isRelationshipTypeName(value: string): boolean {
  return relationshipTypePattern.test(value);
}

const customExtensionKeyPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*-ext$/;

/** Deprecated custom SCO extension names end in `-ext`. */
export function isCustomExtensionKey(value: string): boolean {
  return value.length <= 250 && customExtensionKeyPattern.test(value);
}

const uriPattern = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;

/** A scheme and something after it: a cheap stand-in for an RFC 3986 URI, used at warning level. */
export function isUri(value: string): boolean {
  return uriPattern.test(value);
}
