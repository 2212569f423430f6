// Windows event records come in several JSON shapes; this reads them into one:
// - evtx dumps (`{"Event": {"System": {...}, "EventData": {...}}}`, with `#attributes`/`#text` or `Data` lists),
// - Winlogbeat (`winlog.event_id`, `winlog.channel`, `winlog.event_data`, `@timestamp`),
// - NXLog (`EventID`, `SourceName`, `Hostname`, `EventTime`, the event's data as top-level keys),
// - flat exports (`EventID`, `Channel`, `Provider`, `Computer`, `TimeCreated`, `EventData`).
import { parseRfc3339 } from './syslog.js';

type Json = Record<string, unknown>;

export interface WinEvent {
  readonly eventId: number;
  readonly channel?: string;
  readonly provider?: string;
  readonly computer?: string;
  readonly time: string;
  /** Windows level: 1 critical, 2 error, 3 warning, 4 information, 5 verbose (0 = unset). */
  readonly level?: number;
  readonly recordId?: string;
  readonly message?: string;
  readonly data: Readonly<Record<string, string>>;
}

export type WinEventRead = { readonly event: WinEvent } | { readonly path: string; readonly message: string };

/** NXLog's own keys: everything else at the top level of an NXLog record is the event's data. */
const nxlogKeys = new Set([
  'EventTime', 'EventReceivedTime', 'Hostname', 'Keywords', 'EventType', 'SeverityValue', 'Severity', 'EventID', 'SourceName',
  'ProviderGuid', 'Version', 'Task', 'OpcodeValue', 'RecordNumber', 'ActivityID', 'ProcessID', 'ThreadID', 'Channel', 'Category',
  'Opcode', 'Message', 'SourceModuleName', 'SourceModuleType', 'Domain', 'AccountName', 'UserID', 'AccountType', 'Level',
  'ExecutionProcessID', 'ExecutionThreadID', 'EventData', 'Provider', 'ProviderName', 'Computer', 'TimeCreated', 'System', 'RecordId', 'EventRecordID',
]);

export function readWinEvent(record: Json): WinEventRead {
  const event = obj(record['Event']);
  if (event) return fromEvtx(event);
  const winlog = obj(record['winlog']);
  if (winlog) return fromWinlogbeat(record, winlog);
  return fromFlat(record);
}

function fromEvtx(event: Json): WinEventRead {
  const system = obj(event['System']) ?? {};
  const provider = attribute(system['Provider'], 'Name');
  const time = readTime(attribute(system['TimeCreated'], 'SystemTime') ?? system['TimeCreated']);
  const eventId = readNumber(text(system['EventID']));
  const data = { ...readData(event['EventData']), ...readData(event['UserData']) };
  return build(eventId, time, {
    channel: text(system['Channel']),
    provider,
    computer: text(system['Computer']),
    level: readNumber(text(system['Level'])),
    recordId: text(system['EventRecordID']),
    message: text(event['Message']) ?? text(obj(event['RenderingInfo'])?.['Message']),
    data,
  });
}

function fromWinlogbeat(record: Json, winlog: Json): WinEventRead {
  const eventId = readNumber(text(winlog['event_id'])) ?? readNumber(text(obj(record['event'])?.['code']));
  const time = readTime(record['@timestamp']);
  const levelName = text(obj(record['log'])?.['level']);
  return build(eventId, time, {
    channel: text(winlog['channel']),
    provider: text(winlog['provider_name']),
    computer: text(winlog['computer_name']) ?? text(obj(record['host'])?.['name']),
    level: levelName !== undefined ? levelFromName(levelName) : undefined,
    recordId: text(winlog['record_id']),
    message: text(record['message']),
    data: { ...readData(winlog['event_data']), ...readData(winlog['user_data']) },
  });
}

function fromFlat(record: Json): WinEventRead {
  const eventId = readNumber(text(record['EventID']) ?? text(record['EventId']) ?? text(record['Id']) ?? text(record['event_id']));
  const time = readTime(record['TimeCreated'] ?? record['EventTime'] ?? record['@timestamp'] ?? record['TimeGenerated'] ?? record['timestamp']);
  const data: Record<string, string> = { ...readData(record['EventData']), ...readData(record['UserData']) };
  // NXLog puts the event's data at the top level.
  for (const [key, value] of Object.entries(record)) {
    if (nxlogKeys.has(key) || key.startsWith('@') || key in data) continue;
    const scalar = text(value);
    if (scalar !== undefined) data[key] = scalar;
  }
  const level = readNumber(text(record['Level'])) ?? (typeof record['Severity'] === 'string' ? levelFromName(record['Severity']) : undefined);
  return build(eventId, time, {
    channel: text(record['Channel']) ?? text(record['LogName']),
    provider: text(record['Provider']) ?? text(record['ProviderName']) ?? text(record['SourceName']) ?? attribute(record['Provider'], 'Name'),
    computer: text(record['Computer']) ?? text(record['Hostname']) ?? text(record['MachineName']),
    level,
    recordId: text(record['EventRecordID']) ?? text(record['RecordNumber']) ?? text(record['RecordId']),
    message: text(record['Message']),
    data,
  });
}

interface Parts {
  channel: string | undefined;
  provider: string | undefined;
  computer: string | undefined;
  level: number | undefined;
  recordId: string | undefined;
  message: string | undefined;
  data: Record<string, string>;
}

function build(eventId: number | undefined, time: string | null | undefined, parts: Parts): WinEventRead {
  if (eventId === undefined) return { path: 'EventID', message: 'no EventID (EventID, winlog.event_id or Event.System.EventID)' };
  if (time === undefined) return { path: 'TimeCreated', message: 'no time (TimeCreated, @timestamp or EventTime)' };
  if (time === null) return { path: 'TimeCreated', message: 'time is not a date' };
  return {
    event: {
      eventId,
      time,
      data: parts.data,
      ...(parts.channel !== undefined ? { channel: parts.channel } : {}),
      ...(parts.provider !== undefined ? { provider: parts.provider } : {}),
      ...(parts.computer !== undefined ? { computer: parts.computer } : {}),
      ...(parts.level !== undefined ? { level: parts.level } : {}),
      ...(parts.recordId !== undefined ? { recordId: parts.recordId } : {}),
      ...(parts.message !== undefined ? { message: parts.message } : {}),
    },
  };
}

/** EventData as a map, as a `Data` list of `{Name, #text}` (or `@Name`, `#attributes.Name`), or as a plain string. */
function readData(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const node = obj(value);
  if (!node) return out;
  const list = node['Data'];
  if (Array.isArray(list)) {
    list.forEach((item, index) => {
      const entry = obj(item);
      const name = entry ? text(entry['Name']) ?? text(entry['@Name']) ?? attribute(entry, 'Name') : undefined;
      const content = entry ? text(entry['#text']) ?? text(entry['value']) ?? text(entry['Value']) : text(item);
      if (content !== undefined) out[name ?? `Data${index}`] = content;
    });
    return out;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('#') || key.startsWith('@')) continue;
    const scalar = text(child);
    if (scalar !== undefined) out[key] = scalar;
    else {
      // UserData nests one element (e.g. LogFileCleared) around its fields.
      const inner = obj(child);
      if (inner) for (const [innerKey, innerValue] of Object.entries(inner)) {
        const innerScalar = text(innerValue);
        if (innerScalar !== undefined && !innerKey.startsWith('#') && !innerKey.startsWith('@')) out[innerKey] = innerScalar;
      }
    }
  }
  return out;
}

function attribute(value: unknown, name: string): string | undefined {
  const node = obj(value);
  if (!node) return undefined;
  return text(obj(node['#attributes'])?.[name]) ?? text(node[`@${name}`]) ?? text(node[name]);
}

/** A scalar as text; `{"#text": ...}` and `{"value": ...}` wrappers unwrapped. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const node = obj(value);
  if (node) return text(node['#text']) ?? text(node['value']);
  return undefined;
}

function readNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.trim());
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

/** ISO 8601 (with or without zone), NXLog's "YYYY-MM-DD hh:mm:ss", PowerShell's "/Date(ms)/". */
function readTime(value: unknown): string | null | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const dotnet = /^\/Date\((-?\d+)\)\/$/.exec(raw);
  if (dotnet) return new Date(Number(dotnet[1])).toISOString();
  // Windows writes seven fractional digits; RFC 3339 parsing takes up to nine.
  return parseRfc3339(raw.trim());
}

function levelFromName(name: string): number | undefined {
  const map: Record<string, number> = { critical: 1, error: 2, warning: 3, information: 4, info: 4, verbose: 5, debug: 5 };
  return map[name.toLowerCase()];
}

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}
