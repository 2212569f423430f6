// Suricata EVE JSON, one object per line: alerts, flows, anomalies, files, HTTP, DNS and the industrial
// app-layer records (modbus, dnp3, enip) into drafts; any other event_type is kept as a log with labels.
import type { EndpointFields, EventDraft, EventFields, EventKind, EventSeverity, IcsFields, ParseResult } from '../types.js';
import { dnp3FunctionName, isNotableOperation, modbusByCode, operationFromName } from './ics-vocabulary.js';
import { createJsonLineParser, oneIssue, type LineParser, type ParseOrigin } from './line-parser.js';
import { parseRfc3339 } from './syslog.js';

type Json = Record<string, unknown>;

export function createSuricataLineParser(origin: ParseOrigin): LineParser {
  return createJsonLineParser((record, lineNo, line) => mapEveRecord(record, lineNo, line, origin));
}

/**
 * Suricata's alert severity is 1 (most severe) to 255, and rule sets use 1-3: 1 → high, 2 → medium,
 * 3 → low, anything else → info. Emerging Threats' `signature_severity: Critical` metadata raises it to critical.
 */
export function alertSeverity(severity: unknown, metadata: unknown): EventSeverity {
  const declared = metadataValues(metadata, 'signature_severity').map((value) => value.toLowerCase());
  if (declared.includes('critical')) return 'critical';
  if (severity === 1) return 'high';
  if (severity === 2) return 'medium';
  if (severity === 3) return 'low';
  return 'info';
}

interface Mapped {
  readonly kind: EventKind;
  readonly severity: EventSeverity;
  readonly message: string;
  readonly fields: Record<string, unknown>;
  readonly labels?: Record<string, string>;
}

export function mapEveRecord(record: Json, lineNo: number, raw: string, origin: ParseOrigin): ParseResult {
  const type = record['event_type'];
  if (typeof type !== 'string' || type.length === 0) return oneIssue(lineNo, 'event_type', 'missing event_type');
  const stamp = record['timestamp'];
  const time = typeof stamp === 'string' ? parseRfc3339(stamp) : null;
  if (time === null) return oneIssue(lineNo, 'timestamp', typeof stamp === 'string' ? `not a timestamp: ${stamp.slice(0, 40)}` : 'missing timestamp');

  const ether = obj(record['ether']);
  const source = endpoint(record['src_ip'], record['src_port'], ether?.['src_mac']);
  const destination = endpoint(record['dest_ip'], record['dest_port'], ether?.['dest_mac']);
  const mapped = mapByType(type, record, source, destination);
  const labels: Record<string, string> = mapped.labels ?? {};
  const flowId = record['flow_id'];
  if (typeof flowId === 'number' || typeof flowId === 'string') labels['flow_id'] = String(flowId);
  const txId = record['tx_id'];
  if (typeof txId === 'number') labels['tx_id'] = String(txId);
  const direction = str(record['direction']);
  if (direction !== undefined) labels['direction'] = direction;

  // Built in place rather than with spreads: this runs once per line and allocation is most of its cost.
  const fields: Record<string, unknown> = {};
  if (source.ip !== undefined || source.port !== undefined) fields['source'] = source;
  if (destination.ip !== undefined || destination.port !== undefined) fields['destination'] = destination;
  for (const key in mapped.fields) fields[key] = mapped.fields[key];
  const network: Record<string, unknown> = {};
  const transport = str(record['proto']);
  if (transport !== undefined) network['transport'] = transport.toLowerCase();
  const appProto = str(record['app_proto']);
  if (appProto !== undefined && appProto !== 'failed') network['protocol'] = appProto;
  const community = str(record['community_id']);
  if (community !== undefined) network['community_id'] = community;
  const mappedNetwork = mapped.fields['network'] as Record<string, unknown> | undefined;
  if (mappedNetwork) for (const key in mappedNetwork) network[key] = mappedNetwork[key];
  if (Object.keys(network).length > 0) fields['network'] = network;
  else delete fields['network'];
  const event: Record<string, unknown> = { dataset: `suricata.${type}`, provider: 'suricata' };
  const mappedEvent = mapped.fields['event'] as Record<string, unknown> | undefined;
  if (mappedEvent) for (const key in mappedEvent) event[key] = mappedEvent[key];
  fields['event'] = event;
  const sensor = str(record['host']);
  fields['observer'] = sensor !== undefined ? { ...suricataObserver, name: sensor } : suricataObserver;
  if (Object.keys(labels).length > 0) fields['labels'] = labels;
  const frame = record['pcap_cnt'];
  const draft: EventDraft = {
    time,
    kind: mapped.kind,
    severity: mapped.severity,
    message: mapped.message,
    fields: fields as EventFields,
    raw,
    origin: { ...(origin.file !== undefined ? { file: origin.file } : {}), line: lineNo, stream: type, ...(typeof frame === 'number' ? { frame } : {}) },
  };
  return { events: [draft], issues: [] };
}

function mapByType(type: string, record: Json, source: EndpointFields, destination: EndpointFields): Mapped {
  const route = `${hostPort(source)} → ${hostPort(destination)}`;
  switch (type) {
    case 'alert':
      return alert(record, route);
    case 'flow':
    case 'netflow':
      return flow(type, record, source, destination, route);
    case 'anomaly': {
      const anomaly = obj(record['anomaly']) ?? {};
      const event = str(anomaly['event']) ?? 'anomaly';
      const kindOf = str(anomaly['type']);
      return {
        kind: 'alert',
        severity: 'low',
        message: `anomaly ${kindOf ?? ''} ${event} ${route}`.replace(/\s+/g, ' '),
        fields: { rule: { name: event, ...(kindOf !== undefined ? { category: kindOf } : {}) }, event: { action: event, category: ['network'] } },
        labels: flatten(anomaly, 'anomaly'),
      };
    }
    case 'fileinfo': {
      const info = obj(record['fileinfo']) ?? {};
      const name = str(info['filename']);
      const md5 = str(info['md5']);
      const sha256 = str(info['sha256']);
      return {
        kind: 'log',
        severity: 'info',
        message: `file ${name ?? '?'}${typeof info['size'] === 'number' ? ` (${info['size']} bytes)` : ''} ${route}`,
        fields: {
          file: { ...(name !== undefined ? { name } : {}), ...(md5 !== undefined || sha256 !== undefined ? { hash: { ...(md5 !== undefined ? { md5 } : {}), ...(sha256 !== undefined ? { sha256 } : {}) } } : {}) },
          ...httpFields(record),
          event: { category: ['file'] },
        },
        labels: { ...flatten(info, 'fileinfo', ['filename', 'md5', 'sha256']), ...httpLabels(record) },
      };
    }
    case 'http': {
      const http = obj(record['http']) ?? {};
      return {
        kind: 'log',
        severity: 'info',
        message: `${str(http['http_method']) ?? 'HTTP'} ${str(http['hostname']) ?? ''}${str(http['url']) ?? ''}${http['status'] !== undefined ? ` ${String(http['status'])}` : ''}`,
        fields: { ...httpFields(record), event: { category: ['web'] } },
        labels: httpLabels(record),
      };
    }
    case 'dns':
      return dns(record, route);
    case 'modbus':
      return industrial(record, 'modbus', modbusIcs, route);
    case 'dnp3':
      return industrial(record, 'dnp3', dnp3Ics, route);
    case 'enip':
      return industrial(record, 'enip', enipIcs, route);
    default:
      return { kind: 'log', severity: 'info', message: `${type} ${route}`, fields: {}, labels: flatten(obj(record[type]) ?? {}, type) };
  }
}

function alert(record: Json, route: string): Mapped {
  const a = obj(record['alert']) ?? {};
  const signature = str(a['signature']) ?? 'alert';
  const id = a['signature_id'];
  const category = str(a['category']);
  const action = str(a['action']);
  const labels: Record<string, string> = {};
  for (const key of ['gid', 'rev', 'severity']) if (a[key] !== undefined) labels[`alert.${key}`] = String(a[key]);
  // Rule metadata (ET's, and MITRE ATT&CK tactic/technique ids) kept as labels for detection to match on.
  const metadata = obj(a['metadata']);
  if (metadata) for (const [key, value] of Object.entries(metadata)) labels[`alert.metadata.${key}`] = clip(Array.isArray(value) ? value.map(String).join(',') : String(value));
  return {
    kind: 'alert',
    severity: alertSeverity(a['severity'], metadata),
    message: `${signature} ${route}`,
    fields: {
      rule: { ...(id !== undefined ? { id: String(id) } : {}), name: signature, ...(category !== undefined ? { category } : {}) },
      event: { ...(action !== undefined ? { action } : {}), category: ['intrusion_detection'] },
      ...httpFields(record),
      ...dnsFields(record),
    },
    labels: { ...labels, ...httpLabels(record) },
  };
}

function flow(type: string, record: Json, source: EndpointFields, destination: EndpointFields, route: string): Mapped {
  const f = obj(record[type]) ?? {};
  const toServerPkts = num(f['pkts_toserver']) ?? num(f['pkts']);
  const toClientPkts = num(f['pkts_toclient']);
  const toServerBytes = num(f['bytes_toserver']) ?? num(f['bytes']);
  const toClientBytes = num(f['bytes_toclient']);
  const start = typeof f['start'] === 'string' ? parseRfc3339(f['start']) : null;
  const end = typeof f['end'] === 'string' ? parseRfc3339(f['end']) : null;
  const duration = start !== null && end !== null ? (Date.parse(end) - Date.parse(start)) * 1e6 : undefined;
  const state = str(f['state']);
  return {
    kind: 'flow',
    severity: 'info',
    message: `${str(record['proto'])?.toLowerCase() ?? 'flow'} ${route}${str(record['app_proto']) ? ` ${str(record['app_proto'])}` : ''}${state ? ` ${state}` : ''}`,
    fields: {
      source: { ...source, ...(toServerBytes !== undefined ? { bytes: toServerBytes } : {}), ...(toServerPkts !== undefined ? { packets: toServerPkts } : {}) },
      destination: { ...destination, ...(toClientBytes !== undefined ? { bytes: toClientBytes } : {}), ...(toClientPkts !== undefined ? { packets: toClientPkts } : {}) },
      network: {
        ...(toServerBytes !== undefined || toClientBytes !== undefined ? { bytes: (toServerBytes ?? 0) + (toClientBytes ?? 0) } : {}),
        ...(toServerPkts !== undefined || toClientPkts !== undefined ? { packets: (toServerPkts ?? 0) + (toClientPkts ?? 0) } : {}),
      },
      event: { category: ['network'], ...(duration !== undefined && duration >= 0 ? { duration } : {}) },
    },
    labels: flatten(f, type, ['pkts_toserver', 'pkts_toclient', 'bytes_toserver', 'bytes_toclient', 'pkts', 'bytes', 'src_ip', 'dest_ip', 'src_port', 'dest_port']),
  };
}

function dnsFields(record: Json): Record<string, unknown> {
  const d = obj(record['dns']);
  if (!d) return {};
  // EVE v1 puts rrname at the top; v2/v3 answers and queries nest it.
  const query = obj(Array.isArray(d['queries']) ? d['queries'][0] : undefined) ?? d;
  const name = str(query['rrname']);
  const type = str(query['rrtype']);
  return name !== undefined ? { dns: { question: { name, ...(type !== undefined ? { type } : {}) } } } : {};
}

function dns(record: Json, route: string): Mapped {
  const fields = dnsFields(record);
  const d = obj(record['dns']) ?? {};
  const question = (fields['dns'] as { question?: { name?: string; type?: string } } | undefined)?.question;
  return {
    kind: 'log',
    severity: 'info',
    message: `dns ${str(d['type']) ?? ''} ${question?.name ?? '?'} ${question?.type ?? ''} ${route}`.replace(/\s+/g, ' '),
    fields: { ...fields, event: { category: ['network'] } },
    labels: flatten(d, 'dns', ['rrname', 'rrtype', 'queries']),
  };
}

function httpFields(record: Json): Record<string, unknown> {
  const http = obj(record['http']);
  if (!http) return {};
  const host = str(http['hostname']);
  const url = str(http['url']);
  if (host === undefined && url === undefined) return {};
  return { url: { ...(url !== undefined ? { original: url, path: url.split('?')[0] } : {}), ...(host !== undefined ? { domain: host } : {}) } };
}

function httpLabels(record: Json): Record<string, string> {
  const http = obj(record['http']);
  return http ? flatten(http, 'http', ['hostname', 'url', 'request_headers', 'response_headers']) : {};
}

type IcsMapper = (body: Json) => IcsFields | undefined;

function industrial(record: Json, protocol: string, toIcs: IcsMapper, route: string): Mapped {
  const body = obj(record[protocol]) ?? {};
  const ics = toIcs(body) ?? { protocol };
  const failed = ics.result === 'exception' || ics.result === 'error';
  return {
    kind: 'operation',
    severity: failed || isNotableOperation(ics.operation) ? 'low' : 'info',
    message: `${[protocol, ics.function, ics.target].filter((part) => part !== undefined).join(' ')} ${route}${failed ? ` (${ics.result})` : ''}`,
    fields: { ics, ...(ics.function !== undefined ? { event: { action: ics.function } } : {}) },
    labels: flatten(body, protocol),
  };
}

/** Suricata modbus: `{request: {function_raw, unit_id, read|write: {address, quantity}}, response: {exception}}`. */
const modbusIcs: IcsMapper = (body) => {
  const request = obj(body['request']) ?? obj(body['response']);
  if (!request) return undefined;
  const raw = num(request['function_raw']);
  const fn = raw !== undefined ? modbusByCode(raw) : undefined;
  const access = str(request['access_type']) ?? '';
  const region = obj(request['read']) ?? obj(request['write']);
  const address = region ? num(region['address']) : undefined;
  const quantity = region ? num(region['quantity']) : undefined;
  const exception = obj(obj(body['response'])?.['exception']);
  const unit = num(request['unit_id']);
  const operation = fn?.operation ?? (/WRITE/.test(access) ? 'write' : /READ/.test(access) ? 'read' : 'other');
  return {
    protocol: 'modbus',
    operation,
    function: fn?.name ?? str(request['function_code']) ?? 'unknown',
    ...(fn?.code !== undefined ? { code: fn.code } : {}),
    ...(address !== undefined ? { target: `address ${address}${quantity !== undefined && quantity > 1 ? `-${address + quantity - 1}` : ''}` } : {}),
    ...(unit !== undefined ? { unit } : {}),
    ...(exception ? { result: 'exception' as const, values: str(exception['code']) ?? String(exception['raw'] ?? '') } : body['response'] !== undefined ? { result: 'ok' as const } : {}),
  };
};

/** Suricata dnp3: `{type, application: {function_code}, dst}`. */
const dnp3Ics: IcsMapper = (body) => {
  const application = obj(body['application']);
  const code = application ? num(application['function_code']) : undefined;
  if (code === undefined) return undefined;
  const name = dnp3FunctionName(code);
  const unit = num(body['dst']);
  return { protocol: 'dnp3', operation: operationFromName(name), function: name, code, ...(unit !== undefined && str(body['type']) === 'request' ? { unit } : {}) };
};

/** Suricata enip: `{request: {command, cip: {service}}, response: {status}}`. */
const enipIcs: IcsMapper = (body) => {
  const request = obj(body['request']) ?? obj(body['response']);
  if (!request) return undefined;
  const command = str(request['command']);
  const cip = obj(request['cip']);
  const service = cip ? str(cip['service']) : undefined;
  const name = service ?? command ?? 'unknown';
  const status = str(obj(body['response'])?.['status']);
  return {
    protocol: 'enip',
    operation: /send (unit|rr) data/i.test(name) ? 'other' : operationFromName(name),
    function: name,
    ...(status !== undefined ? { result: /success/i.test(status) ? ('ok' as const) : ('error' as const) } : {}),
  };
};

function endpoint(ip: unknown, port: unknown, mac: unknown): EndpointFields {
  const end: { ip?: string; port?: number; mac?: string } = {};
  if (typeof ip === 'string' && ip.length > 0) end.ip = ip;
  if (typeof port === 'number') end.port = port;
  if (typeof mac === 'string') end.mac = mac;
  return end;
}

const suricataObserver = Object.freeze({ type: 'ids', vendor: 'OISF', product: 'suricata' });

function hostPort(end: EndpointFields): string {
  if (end.ip === undefined) return '?';
  return end.port === undefined ? end.ip : end.ip.includes(':') ? `[${end.ip}]:${end.port}` : `${end.ip}:${end.port}`;
}

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function metadataValues(metadata: unknown, key: string): string[] {
  const value = obj(metadata)?.[key];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

const MAX_FLAT_LABELS = 48;

/** Scalars of a nested object as `prefix.key.sub` labels, bounded in depth, count and length. */
export function flatten(value: Json, prefix: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  const walk = (node: unknown, path: string, depth: number): void => {
    if (count >= MAX_FLAT_LABELS || node === null || node === undefined) return;
    if (typeof node === 'object') {
      if (depth >= 3) return;
      if (Array.isArray(node)) {
        if (node.every((item) => typeof item !== 'object' || item === null)) {
          out[path] = clip(node.map(String).join(','));
          count += 1;
        }
        return;
      }
      for (const [key, child] of Object.entries(node as Json)) walk(child, `${path}.${key}`, depth + 1);
      return;
    }
    out[path] = clip(String(node));
    count += 1;
  };
  for (const [key, child] of Object.entries(value)) if (!skip.includes(key)) walk(child, `${prefix}.${key}`, 1);
  return out;
}

function clip(text: string): string {
  return text.length > 512 ? `${text.slice(0, 512)}…` : text;
}
