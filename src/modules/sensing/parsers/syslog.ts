// Syslog messages, RFC 5424 and RFC 3164 (BSD), into event drafts. One message in, one draft or one
// issue out; the listener (UDP/TCP) and the file import share this. Never throws.
import type { EventDraft, EventSeverity, ParseIssue } from '../types.js';

export type SyslogParse = { readonly draft: EventDraft } | { readonly issue: ParseIssue };

export interface SyslogParseOptions {
  /** Sender address of a network input, `ip:port`. */
  readonly sender?: string;
  /** When the message arrived: RFC 3164 has no year, RFC 5424 may have `-` for no time. Default now. */
  readonly receivedAt?: Date;
  /** Line (or frame) number reported with an issue. */
  readonly line?: number;
  readonly file?: string;
}

/** Syslog's eight severities onto ours: emerg/alert/crit → critical, err → high, warning → medium, notice → low, info/debug → info. */
const severityMap: readonly EventSeverity[] = ['critical', 'critical', 'critical', 'high', 'medium', 'low', 'info', 'info'];

export function syslogSeverity(code: number): EventSeverity {
  return severityMap[code] ?? 'info';
}

/** RFC 3164 §4.3.3: a message without PRI is user.notice (<13>). */
const DEFAULT_PRI = 13;

const months: Readonly<Record<string, number>> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|z|[+-]\d{2}:?\d{2})?$/;
const BSD_TIME = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (?:(\d{4}) )?(\d{2}):(\d{2}):(\d{2})(?: |$)/;
const TAG = /^([^\s:[\]]{1,64})(?:\[([^\]\s]{0,32})\])?:(?: |$)/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export function parseSyslogMessage(text: string, sender?: string, receivedAt?: Date): SyslogParse;
export function parseSyslogMessage(text: string, options: SyslogParseOptions): SyslogParse;
export function parseSyslogMessage(text: string, senderOrOptions?: string | SyslogParseOptions, receivedAt?: Date): SyslogParse {
  const options: SyslogParseOptions =
    typeof senderOrOptions === 'object' ? senderOrOptions : { ...(senderOrOptions !== undefined ? { sender: senderOrOptions } : {}), ...(receivedAt ? { receivedAt } : {}) };
  return parseWith(text, options);
}

function parseWith(input: string, options: SyslogParseOptions): SyslogParse {
  const line = options.line ?? 1;
  const fail = (path: string, message: string): SyslogParse => ({ issue: { line, path, message } });
  const text = trimTerminators(input);
  if (text.trim().length === 0) return fail('', 'empty syslog message');

  let pri = DEFAULT_PRI;
  let priPresent = false;
  let rest = text;
  if (text.charCodeAt(0) === 60 /* < */ && isDigit(text.charCodeAt(1))) {
    const close = text.indexOf('>');
    const digits = close > 0 ? text.slice(1, close) : '';
    if (close < 0 || close > 4 || !/^\d{1,3}$/.test(digits)) return fail('pri', 'PRI must be <0> to <191>');
    pri = Number(digits);
    if (pri > 191 || (digits.length > 1 && digits.startsWith('0'))) return fail('pri', `PRI ${digits} is not 0 to 191 without leading zeros`);
    priPresent = true;
    rest = text.slice(close + 1);
  }
  const facility = pri >> 3;
  const severity = pri & 7;
  const received = options.receivedAt ?? new Date();
  const base: Base = { text, facility, severity, priPresent, received, options };
  const version = priPresent ? /^([1-9]\d{0,2}) /.exec(rest) : null;
  if (version) return parse5424(rest.slice(version[0].length), base, fail);
  return parse3164(rest.replace(/^ +/, ''), base);
}

interface Base {
  readonly text: string;
  readonly facility: number;
  readonly severity: number;
  readonly priPresent: boolean;
  readonly received: Date;
  readonly options: SyslogParseOptions;
}

interface Header {
  readonly time: string;
  readonly host?: string;
  readonly hostIp?: string;
  readonly app?: string;
  readonly procid?: string;
  readonly msgid?: string;
  readonly sd?: Record<string, Record<string, string>>;
  readonly message: string;
}

function parse5424(body: string, base: Base, fail: (path: string, message: string) => SyslogParse): SyslogParse {
  // TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < 5; i += 1) {
    const space = body.indexOf(' ', at);
    if (space < 0) return fail(headerNames[i] ?? '', `RFC 5424 header ends before ${headerNames[i + 1] ?? 'STRUCTURED-DATA'}`);
    parts.push(body.slice(at, space));
    at = space + 1;
  }
  const [stamp = '-', host = '-', app = '-', procid = '-', msgid = '-'] = parts;
  let time: string;
  if (stamp === '-') time = base.received.toISOString();
  else {
    const parsed = parseRfc3339(stamp);
    if (parsed === null) return fail('timestamp', `not an RFC 3339 timestamp: ${clip(stamp)}`);
    time = parsed;
  }
  let sd: Record<string, Record<string, string>> | undefined;
  let message: string;
  if (body.charCodeAt(at) === 45 /* - */ && (at + 1 === body.length || body.charCodeAt(at + 1) === 32)) {
    message = body.slice(at + 2);
  } else if (body.charCodeAt(at) === 91 /* [ */) {
    const parsed = parseStructuredData(body, at);
    if ('error' in parsed) return fail(`structured_data${parsed.path}`, parsed.error);
    sd = parsed.sd;
    message = body.slice(parsed.end + (body.charCodeAt(parsed.end) === 32 ? 1 : 0));
    if (parsed.end < body.length && body.charCodeAt(parsed.end) !== 32) return fail('structured_data', 'STRUCTURED-DATA must be followed by a space or the end');
  } else if (at >= body.length) {
    message = '';
  } else {
    return fail('structured_data', 'STRUCTURED-DATA must be - or [SD-ID ...]');
  }
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  return { draft: draft(base, {
    time,
    ...(host !== '-' ? { host } : {}),
    ...(IPV4.test(host) ? { hostIp: host } : {}),
    ...(app !== '-' ? { app } : {}),
    ...(procid !== '-' ? { procid } : {}),
    ...(msgid !== '-' ? { msgid } : {}),
    ...(sd ? { sd } : {}),
    message: message.replace(/^\s+/, ''),
  }) };
}

const headerNames = ['timestamp', 'hostname', 'app_name', 'procid', 'msgid'];

type SdResult = { readonly sd: Record<string, Record<string, string>>; readonly end: number } | { readonly error: string; readonly path: string };

/** `[id name="value" ...][id2 ...]` with `\"`, `\\` and `\]` escapes inside values (RFC 5424 §6.3.3). */
function parseStructuredData(text: string, start: number): SdResult {
  const sd: Record<string, Record<string, string>> = {};
  let at = start;
  while (text.charCodeAt(at) === 91) {
    const idEnd = scanName(text, at + 1);
    const id = text.slice(at + 1, idEnd);
    if (id.length === 0 || id.length > 32) return { error: 'SD-ID must be 1 to 32 printable characters', path: '' };
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    at = idEnd;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 93 /* ] */) { at += 1; break; }
      if (c !== 32) return { error: `expected space or ] in [${clip(id)}]`, path: `.${id}` };
      const nameEnd = scanName(text, at + 1);
      const name = text.slice(at + 1, nameEnd);
      if (name.length === 0 || name.length > 32) return { error: 'PARAM-NAME must be 1 to 32 printable characters', path: `.${id}` };
      if (text.charCodeAt(nameEnd) !== 61 || text.charCodeAt(nameEnd + 1) !== 34) return { error: `expected ="value" after ${clip(name)}`, path: `.${id}.${name}` };
      let value = '';
      let i = nameEnd + 2;
      let closed = false;
      while (i < text.length) {
        const ch = text.charCodeAt(i);
        if (ch === 92 /* \ */ && i + 1 < text.length) {
          const next = text[i + 1] as string;
          value += next === '"' || next === '\\' || next === ']' ? next : `\\${next}`;
          i += 2;
        } else if (ch === 34) {
          closed = true;
          i += 1;
          break;
        } else {
          value += text[i];
          i += 1;
        }
      }
      if (!closed) return { error: 'unterminated PARAM-VALUE', path: `.${id}.${name}` };
      params[name] = value;
      at = i;
    }
    // A repeated SD-ID is invalid per RFC; merging keeps the data rather than dropping the message.
    sd[id] = { ...(sd[id] ?? {}), ...params };
  }
  return { sd, end: at };
}

/** SD-NAME: printable US-ASCII except `=`, space, `]` and `"`. */
function scanName(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c > 126 || c === 61 || c === 93 || c === 34) break;
    i += 1;
  }
  return i;
}

function parse3164(body: string, base: Base): SyslogParse {
  let rest = body;
  let time: string | null = null;
  const bsd = BSD_TIME.exec(rest);
  if (bsd) {
    time = bsdTime(bsd, base.received);
    rest = rest.slice(bsd[0].length);
  } else {
    const space = rest.indexOf(' ');
    const token = space < 0 ? rest : rest.slice(0, space);
    const iso = /^\d{4}-\d{2}-\d{2}T/.test(token) ? parseRfc3339(token) : null;
    if (iso !== null) {
      time = iso;
      rest = space < 0 ? '' : rest.slice(space + 1);
    }
  }
  if (time === null) {
    // RFC 3164 §4.3.2: no valid TIMESTAMP, so the whole text is the message and the receiver's clock applies.
    return { draft: draft(base, { time: base.received.toISOString(), message: rest }) };
  }
  let host: string | undefined;
  let hostIp: string | undefined;
  if (!TAG.test(rest)) {
    const space = rest.indexOf(' ');
    const token = space < 0 ? rest : rest.slice(0, space);
    // A hostname starts with a letter or digit ("---" in "--- last message repeated ---" is none).
    if (token.length > 0 && token.length <= 255 && /^[A-Za-z0-9]/.test(token)) {
      host = token;
      rest = space < 0 ? '' : rest.slice(space + 1);
      // "name/ip" as some relays write it.
      const slash = host.indexOf('/');
      if (slash > 0 && IPV4.test(host.slice(slash + 1))) {
        hostIp = host.slice(slash + 1);
        host = host.slice(0, slash);
      } else if (IPV4.test(host)) hostIp = host;
    }
  }
  let app: string | undefined;
  let procid: string | undefined;
  const tag = TAG.exec(rest);
  if (tag) {
    app = tag[1];
    if (tag[2]) procid = tag[2];
    rest = rest.slice(tag[0].length);
  } else if (rest.startsWith(': ')) {
    rest = rest.slice(2);
  }
  return { draft: draft(base, {
    time,
    ...(host !== undefined ? { host } : {}),
    ...(hostIp !== undefined ? { hostIp } : {}),
    ...(app !== undefined ? { app } : {}),
    ...(procid !== undefined ? { procid } : {}),
    message: rest,
  }) };
}

/** "Mmm dd [yyyy] hh:mm:ss" has no zone (taken as UTC) and usually no year: the received year, or the one
 * before when that would put the message more than a day in the future (December lines read in January). */
function bsdTime(match: RegExpExecArray, received: Date): string | null {
  const month = months[match[1] as string];
  if (month === undefined) return null;
  const day = Number(match[2]);
  const [h, m, s] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return null;
  let year = match[3] ? Number(match[3]) : received.getUTCFullYear();
  let when = Date.UTC(year, month, day, h, m, s);
  if (!match[3] && when > received.getTime() + 86_400_000) {
    year -= 1;
    when = Date.UTC(year, month, day, h, m, s);
  }
  return new Date(when).toISOString();
}

/** RFC 3339 (and the common variants: `+0400`, no zone = UTC, space for T) to ISO 8601 UTC; null when invalid. */
export function parseRfc3339(stamp: string): string | null {
  const m = RFC3339.exec(stamp);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return null;
    offset = (hours * 60 + minutes) * (digits[0] === '-' ? -1 : 1);
  }
  const when = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
  return Number.isFinite(when) ? new Date(when).toISOString() : null;
}

function draft(base: Base, header: Header): EventDraft {
  const pid = header.procid !== undefined && /^\d{1,10}$/.test(header.procid) ? Number(header.procid) : undefined;
  const syslog = {
    facility: base.facility,
    severity: base.severity,
    ...(header.app !== undefined ? { appname: header.app } : {}),
    ...(header.procid !== undefined ? { procid: header.procid } : {}),
    ...(header.msgid !== undefined ? { msgid: header.msgid } : {}),
    ...(header.sd ? { structured_data: header.sd } : {}),
  };
  const origin = {
    ...(base.options.file !== undefined ? { file: base.options.file } : {}),
    ...(base.options.line !== undefined && base.options.file !== undefined ? { line: base.options.line } : {}),
    ...(base.options.sender !== undefined ? { sender: base.options.sender } : {}),
  };
  return {
    time: header.time,
    kind: 'log',
    severity: syslogSeverity(base.severity),
    message: header.message,
    fields: {
      log: { syslog },
      ...(header.host !== undefined || header.hostIp !== undefined
        ? { host: { ...(header.host !== undefined ? { name: header.host } : {}), ...(header.hostIp !== undefined ? { ip: header.hostIp } : {}) } }
        : {}),
      ...(header.app !== undefined ? { process: { name: header.app, ...(pid !== undefined ? { pid } : {}) } } : {}),
      event: { dataset: 'syslog' },
      ...(base.priPresent ? {} : { labels: { 'syslog.pri': 'absent' } }),
    },
    raw: base.text,
    ...(Object.keys(origin).length > 0 ? { origin } : {}),
  };
}

function trimTerminators(text: string): string {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 10 && c !== 13 && c !== 0) break;
    end -= 1;
  }
  return end === text.length ? text : text.slice(0, end);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
