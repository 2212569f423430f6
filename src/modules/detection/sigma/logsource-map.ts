// The one table that ties Sigma logsources and field names to our normalized events
// (docs/detection/fields.md lists the same, for rule writers): which product, category and service an
// event belongs to, and where each source's own field names (Windows EventData, Zeek, Suricata) live.
import type { SensedEvent } from '../../sensing/index.js';

/** Sysmon event ids → Sigma taxonomy categories. */
const sysmonCategories: Readonly<Record<string, string>> = {
  '1': 'process_creation', '2': 'file_change', '3': 'network_connection', '5': 'process_termination', '6': 'driver_load',
  '7': 'image_load', '8': 'create_remote_thread', '9': 'raw_access_thread', '10': 'process_access', '11': 'file_event',
  '12': 'registry_event', '13': 'registry_set', '14': 'registry_rename', '15': 'create_stream_hash', '17': 'pipe_created',
  '18': 'pipe_created', '19': 'wmi_event', '20': 'wmi_event', '21': 'wmi_event', '22': 'dns_query', '23': 'file_delete',
  '24': 'clipboard_capture', '25': 'process_tampering', '26': 'file_delete_detected',
};

/** Windows channels → Sigma services. */
const windowsServices: Readonly<Record<string, string>> = {
  security: 'security', system: 'system', application: 'application',
  'microsoft-windows-sysmon/operational': 'sysmon',
  'windows powershell': 'powershell-classic',
  'microsoft-windows-powershell/operational': 'powershell',
  'microsoft-windows-windows defender/operational': 'windefend',
  'microsoft-windows-taskscheduler/operational': 'taskscheduler',
  'microsoft-windows-terminalservices-localsessionmanager/operational': 'terminalservices-localsessionmanager',
  'microsoft-windows-wmi-activity/operational': 'wmi',
};

/** Event actions our Windows parser sets → Sigma categories (Security 4688 is process_creation too). */
const windowsActionCategories: Readonly<Record<string, string>> = {
  'process-created': 'process_creation', 'network-connection': 'network_connection', 'file-created': 'file_event',
  'dns-query': 'dns_query', 'script-block-logged': 'ps_script', 'module-logged': 'ps_module',
};

const icsCache = new Map<string, Map<string, readonly string[]>>();
const productCache = new Map<string, readonly string[]>();
const noKeys: readonly string[] = Object.freeze([]);

/** product:ics with the protocol (category and service) and the operation class (category). */
function icsKeys(protocol: string | undefined, operation: string | undefined): readonly string[] {
  let byOperation = icsCache.get(protocol ?? '');
  if (byOperation === undefined) {
    byOperation = new Map();
    // Protocol names come from logs too; past a thousand of them they are not kept.
    if (icsCache.size < 1000) icsCache.set(protocol ?? '', byOperation);
  }
  let keys = byOperation.get(operation ?? '');
  if (keys === undefined) {
    const out = ['product:ics'];
    if (protocol !== undefined) out.push(`category:${protocol.toLowerCase()}`, `service:${protocol.toLowerCase()}`);
    if (operation !== undefined) out.push(`category:${operation}`);
    byOperation.set(operation ?? '', (keys = Object.freeze([...new Set(out)])));
  }
  return keys;
}

function windowsKeys(channel: string | undefined, provider: string, action: string | undefined, code: string | undefined): string[] {
  const keys = ['product:windows'];
  const service = channel !== undefined ? windowsServices[channel.toLowerCase()] : undefined;
  if (service !== undefined) keys.push(`service:${service}`);
  const byAction = action !== undefined ? windowsActionCategories[action] : undefined;
  const bySysmon = provider.toLowerCase().startsWith('microsoft-windows-sysmon') && code !== undefined ? sysmonCategories[code] : undefined;
  const category = bySysmon ?? byAction;
  if (category !== undefined) keys.push(`category:${category}`);
  if (bySysmon !== undefined && service === undefined) keys.push('service:sysmon');
  return keys;
}

/** The keys of the event's source product (Windows, syslog, Zeek, Suricata), computed once per distinct shape. */
function productKeys(event: SensedEvent): readonly string[] {
  const f = event.fields;
  const dataset = f.event?.dataset ?? '';
  let signature: string;
  if (event.source.type === 'winevent' || dataset === 'winevent') signature = `w\u0000${event.origin.stream ?? ''}\u0000${f.event?.provider ?? ''}\u0000${f.event?.action ?? ''}\u0000${f.event?.code ?? ''}`;
  else if (event.source.type === 'syslog' || dataset === 'syslog') signature = `s\u0000${f.log?.syslog?.appname ?? ''}`;
  else if (dataset.startsWith('zeek.') || dataset.startsWith('suricata.')) signature = `d\u0000${dataset}`;
  else return noKeys;
  let keys = productCache.get(signature);
  if (keys !== undefined) return keys;
  let out: string[];
  if (signature.startsWith('w')) out = windowsKeys(event.origin.stream, f.event?.provider ?? '', f.event?.action, f.event?.code);
  else if (signature.startsWith('s')) {
    out = ['product:linux', 'product:syslog', 'service:syslog'];
    const app = f.log?.syslog?.appname?.toLowerCase();
    if (app) out.push(`service:${app}`);
  } else {
    const zeek = dataset.startsWith('zeek.');
    const service = dataset.slice(zeek ? 5 : 9);
    out = [zeek ? 'product:zeek' : 'product:suricata', `service:${service}`];
    if (service === 'dns') out.push('category:dns');
  }
  keys = Object.freeze([...new Set(out)]);
  // Bounded: shapes are few (channels, providers, datasets); a flood of odd ones stops being cached.
  if (productCache.size < 10_000) productCache.set(signature, keys);
  return keys;
}

/** Network conversations (sensor and capture communications, Zeek conn, Suricata flow) and hosts a sensor observed. */
const networkFlowKeys: readonly string[] = Object.freeze(['product:network', 'category:flow']);
const networkHostKeys: readonly string[] = Object.freeze(['product:network', 'category:host']);

function networkKeys(event: SensedEvent): readonly string[] {
  if (event.kind === 'flow') return networkFlowKeys;
  return event.fields.event?.dataset === 'capture.hosts' ? networkHostKeys : noKeys;
}

/** The logsource keys of an event: `product:x`, `category:x`, `service:x`. */
export function eventLogsource(event: SensedEvent): readonly string[] {
  const ics = event.fields.ics;
  const own = ics !== undefined && (ics.protocol !== undefined || ics.operation !== undefined) ? icsKeys(ics.protocol, ics.operation) : networkKeys(event);
  const product = productKeys(event);
  if (product.length === 0) return own;
  if (own.length === 0) return product;
  return [...own, ...product];
}

/** Which field-name table a rule uses, from its logsource product. */
export type FieldTable = 'windows' | 'zeek' | 'suricata' | 'generic';

export function fieldTableFor(product: string | undefined): FieldTable {
  return product === 'windows' || product === 'zeek' || product === 'suricata' ? product : 'generic';
}

/** Sigma taxonomy names of Windows events → paths in our events (first one present wins). */
export const windowsFields: Readonly<Record<string, readonly string[]>> = {
  EventID: ['fields.event.code'],
  Channel: ['origin.stream'],
  Provider_Name: ['fields.event.provider'],
  Computer: ['fields.host.name'],
  Image: ['fields.process.executable'],
  NewProcessName: ['fields.process.executable'],
  OriginalFileName: ['fields.labels.OriginalFileName'],
  CommandLine: ['fields.process.command_line'],
  ProcessId: ['fields.process.pid'],
  NewProcessId: ['fields.process.pid'],
  // Our parser keeps the parent's file name, not its path: read as `\name`, so `ParentImage|endswith: '\cmd.exe'` still matches (fields.md).
  ParentImage: ['fields.process.parent.executable', 'parentImage'],
  ParentProcessName: ['fields.process.parent.executable', 'parentImage'],
  ParentCommandLine: ['fields.process.parent.command_line'],
  ScriptBlockText: ['fields.process.command_line'],
  User: ['user'],
  SubjectUserName: ['fields.user.name'],
  TargetUserName: ['fields.user.name'],
  SubjectDomainName: ['fields.user.domain'],
  TargetDomainName: ['fields.user.domain'],
  IpAddress: ['fields.source.ip'],
  IpPort: ['fields.source.port'],
  SourceIp: ['fields.source.ip'],
  SourcePort: ['fields.source.port'],
  DestinationIp: ['fields.destination.ip'],
  DestinationPort: ['fields.destination.port'],
  DestinationHostname: ['fields.destination.domain'],
  Protocol: ['fields.network.transport'],
  TargetFilename: ['fields.file.path'],
  ImagePath: ['fields.file.path'],
  ServiceFileName: ['fields.file.path'],
  QueryName: ['fields.dns.question.name'],
  Hashes: ['hashes'],
};

/** Zeek's own log field names → our paths. */
export const zeekFields: Readonly<Record<string, readonly string[]>> = {
  'id.orig_h': ['fields.source.ip'], 'id.orig_p': ['fields.source.port'], 'id.resp_h': ['fields.destination.ip'], 'id.resp_p': ['fields.destination.port'],
  proto: ['fields.network.transport'], service: ['fields.network.protocol'], orig_bytes: ['fields.source.bytes'], resp_bytes: ['fields.destination.bytes'],
  orig_pkts: ['fields.source.packets'], resp_pkts: ['fields.destination.packets'], query: ['fields.dns.question.name'], qtype_name: ['fields.dns.question.type'],
  host: ['fields.url.domain'], uri: ['fields.url.path'], community_id: ['fields.network.community_id'],
};

/** Suricata EVE field names → our paths. */
export const suricataFields: Readonly<Record<string, readonly string[]>> = {
  src_ip: ['fields.source.ip'], src_port: ['fields.source.port'], dest_ip: ['fields.destination.ip'], dest_port: ['fields.destination.port'],
  proto: ['fields.network.transport'], app_proto: ['fields.network.protocol'], event_type: ['origin.stream'], community_id: ['fields.network.community_id'],
  'alert.signature': ['fields.rule.name'], 'alert.signature_id': ['fields.rule.id'], 'alert.category': ['fields.rule.category'],
  'dns.rrname': ['fields.dns.question.name'], 'dns.rrtype': ['fields.dns.question.type'], 'http.hostname': ['fields.url.domain'], 'http.url': ['fields.url.original'],
};

/** Names every logsource understands, outside `fields`. */
export const eventFields: Readonly<Record<string, readonly string[]>> = {
  message: ['message'], kind: ['kind'], severity: ['severity'], '@timestamp': ['time'], time: ['time'], raw: ['raw'],
  'assets.source': ['assets.source'], 'assets.destination': ['assets.destination'],
  'origin.stream': ['origin.stream'], 'origin.file': ['origin.file'], 'origin.sender': ['origin.sender'],
  'event.kind': ['kind'], 'event.severity': ['severity'], 'source.type': ['source.type'], 'source.name': ['source.name'],
};

export function tableFor(table: FieldTable): Readonly<Record<string, readonly string[]>> {
  return table === 'windows' ? windowsFields : table === 'zeek' ? zeekFields : table === 'suricata' ? suricataFields : {};
}
