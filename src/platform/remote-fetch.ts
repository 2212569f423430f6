import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { InputError } from './errors.js';

// Fetching what a user names (import URLs, ROLIE feeds, TAXII feeds) without letting the server reach its own
// network: every hop's resolved address is checked when the connection is made, so neither a
// redirect nor a DNS answer that changes between check and use gets through.

/** What the importer needs of a response. */
export interface FetchedText {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

export type FetchText = (url: string) => Promise<FetchedText>;

/** Why an address may not be fetched, or null when it may. */
export type AddressPolicy = (address: string) => string | null;

const ipv4Blocks: readonly [number, number, string][] = [
  [0x00000000, 8, 'a "this network" address (0.0.0.0/8)'],
  [0x0a000000, 8, 'a private address (10.0.0.0/8)'],
  [0x64400000, 10, 'a shared (carrier-grade NAT) address (100.64.0.0/10)'],
  [0x7f000000, 8, 'a loopback address (127.0.0.0/8)'],
  [0xa9fe0000, 16, 'a link-local address (169.254.0.0/16)'],
  [0xac100000, 12, 'a private address (172.16.0.0/12)'],
  [0xc0000000, 24, 'an IETF protocol address (192.0.0.0/24)'],
  [0xc0a80000, 16, 'a private address (192.168.0.0/16)'],
  [0xc6120000, 15, 'a benchmarking address (198.18.0.0/15)'],
  [0xe0000000, 4, 'a multicast address (224.0.0.0/4)'],
  [0xf0000000, 4, 'a reserved address (240.0.0.0/4)'],
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function refuseIpv4(address: string): string | null {
  const n = ipv4Number(address);
  for (const [base, bits, what] of ipv4Blocks) {
    const size = 2 ** (32 - bits);
    if (n >= base && n < base + size) return what;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (zone removed, dotted IPv4 tail allowed). */
export function ipv6Groups(address: string): number[] | null {
  let s = address.toLowerCase().replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const tail: number[] = [];
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    tail.push(a * 256 + b, c * 256 + d);
    s = s.slice(0, dotted.index);
    if (!s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) => (part === undefined || part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const head = parse(halves[0]);
  const rest = [...parse(halves[1]), ...tail];
  const missing = 8 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0) || [...head, ...rest].some((g) => Number.isNaN(g) || g > 0xffff)) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...rest];
}

function refuseIpv6(address: string): string | null {
  const g = ipv6Groups(address);
  if (g === null) return 'not an address';
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const v4 = `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
  const zeroHead = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroHead && g5 === 0 && g6 === 0 && (g7 === 0 || g7 === 1)) return g7 === 1 ? 'a loopback address (::1)' : 'the unspecified address (::)';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  if (zeroHead && (g5 === 0xffff || g5 === 0)) return refuseIpv4(v4);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return refuseIpv4(v4);
  if ((g0 & 0xfe00) === 0xfc00) return 'a unique local address (fc00::/7)';
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local address (fe80::/10)';
  if ((g0 & 0xffc0) === 0xfec0) return 'a site-local address (fec0::/10)';
  if ((g0 & 0xff00) === 0xff00) return 'a multicast address (ff00::/8)';
  return null;
}

/** The default policy: public unicast addresses only. */
export const refusePrivateAddress: AddressPolicy = (address) => {
  const family = isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (family === 4) return refuseIpv4(address);
  if (family === 6) return refuseIpv6(address);
  return 'not an address';
};

/** A refused destination: the user's input (400), not a failure of the server. */
export class RefusedDestinationError extends InputError {
  constructor(target: string, reason: string) {
    super(`refused to fetch ${target}: ${reason}; the operator may allow private addresses with BULWARK_ALLOW_PRIVATE_URLS`, [{ path: 'location', message: reason }]);
  }
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Resolves a URL's host and checks every address it resolves to (before an import starts). */
export async function checkUrl(location: string, refuse: AddressPolicy = refusePrivateAddress): Promise<void> {
  const url = new URL(location);
  const host = hostOf(url);
  const addresses = isIP(host) !== 0 ? [host] : await new Promise<string[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, found) => (error === null ? resolve(found.map((a) => a.address)) : reject(new InputError(`cannot resolve ${host}`, [{ path: 'location', message: error.code ?? 'lookup failed' }])))),
  );
  for (const address of addresses) {
    const reason = refuse(address);
    if (reason !== null) throw new RefusedDestinationError(url.host, `${address} is ${reason}`);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface GuardOptions {
  readonly refuse?: AddressPolicy;
  readonly maxRedirects?: number;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

/**
 * A client for URLs users name: http(s) only, at most `maxRedirects` hops each checked again, every
 * connection made to an address the policy accepts, bodies cut at `maxBytes`.
 */
function guardedClient(options: GuardOptions): { text: FetchText; fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response> } {
  const refuse = options.refuse ?? refusePrivateAddress;
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;

  // Called by the socket for host names; IP literals skip it, so they are checked before.
  const lookup = (hostname: string, lookupOptions: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, found) => {
      if (error !== null) return callback(error, '');
      const refused = found.map((a) => ({ a, reason: refuse(a.address) })).find((x) => x.reason !== null);
      if (refused !== undefined) return callback(new RefusedDestinationError(hostname, `${refused.a.address} is ${refused.reason ?? ''}`), '');
      if (lookupOptions.all === true) return callback(null, found);
      const first = found[0];
      return first === undefined ? callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '') : callback(null, first.address, first.family);
    });
  };

  function once(url: URL, init: OutboundInit): Promise<IncomingMessage> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new InputError(`only http and https URLs are fetched, not ${url.protocol}`, [{ path: 'location', message: 'unsupported scheme' }]));
    const host = hostOf(url);
    if (isIP(host) !== 0) {
      const reason = refuse(host);
      if (reason !== null) return Promise.reject(new RefusedDestinationError(url.host, `${host} is ${reason}`));
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, { method: init.method, lookup, timeout: timeoutMs, headers: init.headers }, resolve);
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(init.body);
    });
  }

  /** One exchange, redirects followed (each hop checked again), the body read up to `maxBytes`. */
  async function exchange(location: string, first: OutboundInit): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
    let url = new URL(location);
    let init = first;
    for (let hop = 0; ; hop++) {
      const response = await once(url, init);
      const status = response.statusCode ?? 0;
      const next = response.headers.location;
      if (REDIRECTS.has(status) && next !== undefined) {
        response.resume();
        if (hop >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects`);
        url = new URL(next, url);
        // 303 (and 301/302 after a POST, as browsers do) continue as a GET without the body.
        if (status === 303 || ((status === 301 || status === 302) && init.method === 'POST')) init = { method: 'GET', headers: withoutBodyHeaders(init.headers) };
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          response.destroy();
          throw new Error(`response larger than ${maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      return { status, headers: response.headers, body: Buffer.concat(chunks) };
    }
  }

  return {
    text: async (location) => {
      const { status, body } = await exchange(location, { method: 'GET', headers: { accept: 'application/json, application/xml;q=0.9, */*;q=0.5', 'user-agent': 'bulwark-import' } });
      const text = body.toString('utf8');
      return { ok: status >= 200 && status < 300, status, text: () => Promise.resolve(text) };
    },
    fetch: async (input, init) => {
      const headers: Record<string, string> = { 'user-agent': 'bulwark' };
      new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
      const body = typeof init?.body === 'string' ? init.body : init?.body === undefined || init.body === null ? undefined : Buffer.from(await new Response(init.body).arrayBuffer());
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const answer = await exchange(String(input instanceof Request ? input.url : input), { method: init?.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
      const responseHeaders = new Headers();
      for (const [key, value] of Object.entries(answer.headers)) {
        if (value !== undefined) for (const v of [value].flat()) responseHeaders.append(key, v);
      }
      // Response refuses statuses outside 200–599 (and bodies on 204/304); those are errors here anyway.
      const status = answer.status >= 200 && answer.status <= 599 ? answer.status : 502;
      return new Response(status === 204 || status === 304 ? null : answer.body, { status, headers: responseHeaders });
    },
  };
}

interface OutboundInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Buffer;
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !['content-type', 'content-length'].includes(k.toLowerCase())));
}

/** The guarded client as the importers use it: GET a URL, get its text. */
export function guardedFetch(options: GuardOptions = {}): FetchText {
  return guardedClient(options).text;
}

/** The guarded client as a drop-in `fetch` (TAXII feeds): methods, headers and bodies, same checks. */
export function guardedWebFetch(options: GuardOptions = {}): typeof fetch {
  return guardedClient(options).fetch as typeof fetch;
}

/** No checks: the local operator's own CLI, or an operator who allowed private addresses. */
export const allowEveryAddress: AddressPolicy = () => null;
