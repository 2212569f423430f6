// The Events page's state and the pure logic behind it: the time range and query held in the URL,
// field suggestions for the query bar, filters added from a click, and the bounded live-tail list.
// No DOM here, so the console tests run it under Node.

export const rangePresets = [
  { key: '15m', label: '15 min' },
  { key: '1h', label: '1 h' },
  { key: '24h', label: '24 h' },
  { key: '7d', label: '7 d' },
] as const;
export type RangePreset = (typeof rangePresets)[number]['key'];
export const defaultPreset: RangePreset = '24h';

/** A preset relative to now, or a fixed span (ISO 8601) chosen in the picker or on the histogram. */
export type TimeRange = { readonly kind: 'preset'; readonly preset: RangePreset } | { readonly kind: 'custom'; readonly from: string; readonly to: string };

export interface EventsState {
  readonly query: string;
  readonly range: TimeRange;
}

const isPreset = (value: string | null): value is RangePreset => rangePresets.some((p) => p.key === value);
const isIsoTime = (value: string | null): value is string => value !== null && value.length <= 40 && !Number.isNaN(Date.parse(value));

/** Reads `?q=…&range=24h` or `?q=…&from=…&to=…`; anything unreadable falls back to the last 24 hours. */
export function readEventsState(params: URLSearchParams): EventsState {
  const query = params.get('q') ?? '';
  const from = params.get('from');
  const to = params.get('to');
  if (isIsoTime(from) && isIsoTime(to) && Date.parse(from) < Date.parse(to)) return { query, range: { kind: 'custom', from, to } };
  const preset = params.get('range');
  return { query, range: { kind: 'preset', preset: isPreset(preset) ? preset : defaultPreset } };
}

/** The URL's search part for a state; the default range is left out so plain links stay short. */
export function eventsSearch(state: EventsState): string {
  const params = new URLSearchParams();
  if (state.query.trim() !== '') params.set('q', state.query.trim());
  if (state.range.kind === 'custom') {
    params.set('from', state.range.from);
    params.set('to', state.range.to);
  } else if (state.range.preset !== defaultPreset) {
    params.set('range', state.range.preset);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** A link to the Events page showing `query` over `range` (the default: the last 24 hours). */
export function eventsLink(query: string, range: TimeRange = { kind: 'preset', preset: defaultPreset }): string {
  return `/events${eventsSearch({ query, range })}`;
}

/** The range as the API takes it: `now-24h`..`now`, or the fixed bounds. */
export function rangeBounds(range: TimeRange): { readonly from: string; readonly to: string } {
  return range.kind === 'preset' ? { from: `now-${range.preset}`, to: 'now' } : { from: range.from, to: range.to };
}

/** A histogram selection (bucket starts, inclusive) as a custom range ending at the last bucket's end. */
export function rangeOfBuckets(firstStart: string, lastStart: string, intervalSeconds: number): TimeRange {
  const from = new Date(Date.parse(firstStart)).toISOString();
  const to = new Date(Date.parse(lastStart) + intervalSeconds * 1000).toISOString();
  return { kind: 'custom', from, to };
}

/** `<input type="datetime-local">` value (local time, minutes) for an ISO time, and back. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Field names the query bar suggests, with what they hold: the query language's copied columns, then
 * ECS paths and the `ics` section (src/modules/sensing/query-language.ts: `hotFields`, `fieldSections`).
 */
export const queryFields: readonly { readonly name: string; readonly hint: string }[] = [
  { name: 'kind', hint: 'operation, flow, log, alert, telemetry, host' },
  { name: 'severity', hint: 'info < low < medium < high < critical (>= works)' },
  { name: 'action', hint: 'ics.operation, else event.action' },
  { name: 'protocol', hint: 'ics.protocol, else network.protocol' },
  { name: 'message', hint: 'words in the message' },
  { name: 'source.ip', hint: 'address or CIDR range' },
  { name: 'destination.ip', hint: 'address or CIDR range' },
  { name: 'source.port', hint: 'port number' },
  { name: 'destination.port', hint: 'port number' },
  { name: 'source.mac', hint: 'MAC address' },
  { name: 'destination.mac', hint: 'MAC address' },
  { name: 'asset', hint: 'asset id, source or destination' },
  { name: 'source.asset', hint: 'asset id' },
  { name: 'destination.asset', hint: 'asset id' },
  { name: 'input.type', hint: 'capture, sensor, http, syslog, zeek, suricata, winevent, mqtt, import' },
  { name: 'input.name', hint: 'the source the event came through' },
  { name: 'input.id', hint: 'the source id' },
  { name: 'tlp', hint: 'clear, green, amber, amber+strict, red' },
  { name: 'ics.protocol', hint: 'modbus, s7comm, dnp3, iec104, enip …' },
  { name: 'ics.operation', hint: 'read, write, program-download, stop …' },
  { name: 'ics.function', hint: 'protocol function name' },
  { name: 'ics.code', hint: 'function code' },
  { name: 'ics.target', hint: 'registers, objects, metric' },
  { name: 'ics.unit', hint: 'unit, station, common address' },
  { name: 'ics.result', hint: 'ok, exception, error' },
  { name: 'ics.value', hint: 'telemetry value' },
  { name: 'ics.uom', hint: 'unit of measure' },
  { name: 'network.protocol', hint: 'application protocol' },
  { name: 'network.transport', hint: 'tcp, udp' },
  { name: 'event.action', hint: 'what happened' },
  { name: 'event.outcome', hint: 'success, failure, unknown' },
  { name: 'event.code', hint: 'e.g. a Windows event id' },
  { name: 'event.provider', hint: 'e.g. a Windows provider' },
  { name: 'event.dataset', hint: 'e.g. zeek.conn, capture.operations' },
  { name: 'observer.name', hint: 'sensor or device that saw it' },
  { name: 'host.name', hint: 'host name' },
  { name: 'host.ip', hint: 'host address' },
  { name: 'user.name', hint: 'account' },
  { name: 'process.name', hint: 'program' },
  { name: 'process.command_line', hint: 'full command line' },
  { name: 'file.name', hint: 'file name' },
  { name: 'url.domain', hint: 'web domain' },
  { name: 'dns.question.name', hint: 'name asked' },
  { name: 'rule.name', hint: 'alert rule' },
  { name: 'rule.id', hint: 'alert rule id' },
  { name: 'log.syslog.appname', hint: 'syslog application' },
];

/** The word the caret is in (from the last space or bracket before it), and where it starts. */
export function wordAt(text: string, caret: number): { readonly word: string; readonly start: number } {
  let start = Math.max(0, Math.min(caret, text.length));
  while (start > 0 && !/[\s(]/.test(text[start - 1] ?? '')) start -= 1;
  return { word: text.slice(start, caret), start };
}

/**
 * Fields whose name starts with (then contains) the word being typed, while it has no comparison yet;
 * a leading minus (negation) is kept aside. Nothing for an empty word: the list opens on typing.
 */
export function fieldSuggestions(text: string, caret: number, max = 8): readonly { readonly name: string; readonly hint: string }[] {
  const { word } = wordAt(text, caret);
  const bare = word.startsWith('-') ? word.slice(1) : word;
  if (bare === '' || /[:<>"]/.test(bare)) return [];
  const lower = bare.toLowerCase();
  const starts = queryFields.filter((f) => f.name.startsWith(lower) && f.name !== lower);
  const contains = queryFields.filter((f) => !f.name.startsWith(lower) && f.name.includes(lower));
  return [...starts, ...contains].slice(0, max);
}

/** The text with the word at the caret replaced by `field:`, and the caret after the colon. */
export function applySuggestion(text: string, caret: number, field: string): { readonly text: string; readonly caret: number } {
  const { word, start } = wordAt(text, caret);
  const sign = word.startsWith('-') ? '-' : '';
  const inserted = `${sign}${field}:`;
  const after = text.slice(caret);
  return { text: `${text.slice(0, start)}${inserted}${after}`, caret: start + inserted.length };
}

/** A value as the query language reads it back: bare when it can be, else in quotes with \ escapes. */
export function queryValue(value: string): string {
  return value !== '' && !/[\s(),"\\]/.test(value) && !value.endsWith('*') && !value.startsWith('-') ? value : `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Adds `field:value` (or `-field:value`) to the query unless that very clause is there already. */
export function addFilter(query: string, field: string, value: string, negate = false): string {
  const clause = `${negate ? '-' : ''}${field}:${queryValue(value)}`;
  const words = query.trim() === '' ? [] : query.trim().split(/\s+/);
  if (words.includes(clause)) return query.trim();
  return [...words, clause].join(' ');
}

/** Live events newest first, without repeats, at most `max` (the oldest fall off). */
export function mergeTail<T extends { readonly id: string; readonly time: string }>(shown: readonly T[], incoming: readonly T[], max: number): T[] {
  const seen = new Set<string>();
  const fresh = [...incoming].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  const out: T[] = [];
  for (const e of [...fresh, ...shown]) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
    if (out.length >= max) break;
  }
  return out;
}

/** One line of the field tree: its dotted path, depth, and the value (leaves only). */
export interface FieldLine {
  readonly path: string;
  readonly key: string;
  readonly depth: number;
  readonly value?: string;
}

/** Nested fields as tree lines, sections first then their leaves, in the order the event holds them. */
export function fieldLines(fields: unknown, prefix = '', depth = 0): FieldLine[] {
  if (typeof fields !== 'object' || fields === null) return [];
  const lines: FieldLine[] = [];
  for (const [key, value] of Object.entries(fields as Record<string, unknown>)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      lines.push({ path, key, depth });
      lines.push(...fieldLines(value, path, depth + 1));
    } else {
      lines.push({ path, key, depth, value: Array.isArray(value) ? value.map(String).join(', ') : String(value) });
    }
  }
  return lines;
}

/** A field of a nested event by its dotted path (`source.ip`), as text; undefined when absent. */
export function fieldText(fields: unknown, path: string): string | undefined {
  let at: unknown = fields;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  if (at === undefined || at === null || typeof at === 'object') return undefined;
  return String(at);
}

/** `10.20.1.5:502`, or the MAC, for the table's source and destination columns. */
export function endpointText(fields: unknown, side: 'source' | 'destination'): string {
  const ip = fieldText(fields, `${side}.ip`) ?? fieldText(fields, `${side}.mac`) ?? '';
  const port = fieldText(fields, `${side}.port`);
  return ip === '' ? '' : port === undefined ? ip : `${ip}:${port}`;
}
