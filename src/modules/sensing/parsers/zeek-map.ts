// Zeek records into event drafts: conn → flow, notice/weird → alert, the ICS logs (core and CISA's
// ICSNPP parsers) → operations in the capture module's vocabulary, anything else → log with labels.
import type { OperationClass } from '../../capture/dissectors/types.js';
import type { EndpointFields, EventDraft, EventFields, EventKind, EventSeverity, IcsFields, ParseResult } from '../types.js';
import { isNotableOperation, modbusFunction, modbusTable, operationFromName, titleCase } from './ics-vocabulary.js';
import { oneIssue, type ParseOrigin } from './line-parser.js';
import { parseRfc3339, syslogSeverity } from './syslog.js';
import { RecordReader, type ZeekRecord } from './zeek-record.js';

export type { ZeekRecord } from './zeek-record.js';

/** What a log-specific mapper adds to the common fields. */
interface Mapped {
  readonly kind: EventKind;
  readonly severity?: EventSeverity;
  readonly message?: string;
  readonly ics?: IcsFields;
  readonly fields?: Partial<Record<keyof EventFields, unknown>>;
  readonly action?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Fields holding secrets: replaced in the raw text too (which is then the record as JSON). */
  readonly redact?: readonly string[];
}

type Mapper = (r: RecordReader, ends: Ends) => Mapped;

interface Ends {
  readonly source: EndpointFields;
  readonly destination: EndpointFields;
}

export function mapZeekRecord(path: string, record: ZeekRecord, lineNo: number, raw: string, origin: ParseOrigin): ParseResult {
  const r = new RecordReader(record);
  const stamp = r.str('ts');
  let time = stamp === undefined ? null : zeekTime(stamp);
  let timeLabel: string | undefined;
  if (time === null) {
    if (origin.invalidTime !== 'use-received') return oneIssue(lineNo, 'ts', stamp === undefined ? 'no ts' : `ts is not a time: ${stamp.slice(0, 40)}`);
    time = (origin.receivedAt ?? new Date()).toISOString();
    timeLabel = stamp ?? '';
  }
  const ends = endpoints(r);
  const mapper = mapperFor(path);
  const mapped = mapper(r, ends);
  const ics = mapped.ics;
  // Built in place rather than with spreads: this runs once per line and allocation is most of its cost.
  const fields: Record<string, unknown> = {};
  if (ends.source.ip !== undefined || ends.source.port !== undefined) fields['source'] = ends.source;
  if (ends.destination.ip !== undefined || ends.destination.port !== undefined) fields['destination'] = ends.destination;
  const extra = mapped.fields;
  if (extra) for (const key in extra) fields[key] = extra[key as keyof EventFields];
  const event: Record<string, unknown> = { dataset: `zeek.${path}` };
  const action = mapped.action ?? ics?.function;
  if (action !== undefined) event['action'] = action;
  const extraEvent = extra?.event as Record<string, unknown> | undefined;
  if (extraEvent) for (const key in extraEvent) event[key] = extraEvent[key];
  fields['event'] = event;
  fields['observer'] = zeekObserver;
  if (ics) fields['ics'] = ics;
  let labels = r.labels();
  if (mapped.labels || timeLabel !== undefined) {
    labels ??= {};
    if (mapped.labels) for (const key in mapped.labels) labels[key] = mapped.labels[key] as string;
    if (timeLabel !== undefined) labels['zeek.ts'] = timeLabel;
  }
  if (labels) fields['labels'] = labels;
  const severity = mapped.severity ?? (ics && (ics.result === 'exception' || ics.result === 'error' || isNotableOperation(ics.operation)) ? 'low' : 'info');
  const draft: EventDraft = {
    time,
    kind: mapped.kind,
    severity,
    message: mapped.message ?? defaultMessage(path, ics, ends),
    fields: fields as EventFields,
    raw: mapped.redact ? redactedRaw(record, mapped.redact) : raw,
    origin: origin.file !== undefined ? { file: origin.file, line: lineNo, stream: path } : { line: lineNo, stream: path },
  };
  return { events: [draft], issues: [] };
}

function redactedRaw(record: ZeekRecord, names: readonly string[]): string {
  const copy: Record<string, string> = { ...record };
  for (const name of names) if (name in copy) copy[name] = '(redacted)';
  return JSON.stringify(copy);
}

/** Zeek's `ts`: epoch seconds with microseconds in TSV, ISO 8601 (or epoch) in JSON. */
export function zeekTime(stamp: string): string | null {
  const epoch = /^(\d{1,12})(?:\.(\d{1,9}))?$/.exec(stamp);
  if (epoch) {
    // Digits, not float arithmetic: microseconds are cut to milliseconds the same way as in ISO stamps.
    const millis = Number(epoch[1]) * 1000 + Number((epoch[2] ?? '').padEnd(3, '0').slice(0, 3));
    return new Date(millis).toISOString();
  }
  return parseRfc3339(stamp);
}

/** ICSNPP logs name the PDU's own sender (`source_h`); core logs only the connection's originator. */
function endpoints(r: RecordReader): Ends {
  const pduSource = r.str('source_h');
  const sourcePort = r.num('source_p');
  const pduDestination = r.str('destination_h');
  const destinationPort = r.num('destination_p');
  const origH = r.str('id.orig_h');
  const origP = r.num('id.orig_p');
  const respH = r.str('id.resp_h');
  const respP = r.num('id.resp_p');
  const source = endpoint(pduSource ?? origH, pduSource !== undefined ? sourcePort : origP);
  const destination = endpoint(pduDestination ?? respH, pduDestination !== undefined ? destinationPort : respP);
  return { source, destination };
}

function endpoint(ip: string | undefined, port: number | undefined): EndpointFields {
  const end: { ip?: string; port?: number } = {};
  if (ip !== undefined) end.ip = ip;
  if (port !== undefined) end.port = port;
  return end;
}

const zeekObserver = Object.freeze({ type: 'sensor', product: 'zeek' });

function defaultMessage(path: string, ics: IcsFields | undefined, ends: Ends): string {
  const what = ics ? [ics.protocol, ics.function, ics.target].filter((part) => part !== undefined).join(' ') : path;
  const route = ends.source.ip !== undefined || ends.destination.ip !== undefined ? ` ${hostPort(ends.source)} → ${hostPort(ends.destination)}` : '';
  const outcome = ics?.result === 'exception' || ics?.result === 'error' ? ` (${ics.result})` : '';
  return `${what}${route}${outcome}`;
}

function hostPort(end: EndpointFields): string {
  if (end.ip === undefined) return '?';
  return end.port === undefined ? end.ip : end.ip.includes(':') ? `[${end.ip}]:${end.port}` : `${end.ip}:${end.port}`;
}

function mapperFor(path: string): Mapper {
  const exact = mappers[path];
  if (exact) return exact;
  if (/^opcua[-_]binary/.test(path)) return path === 'opcua-binary' || path === 'opcua_binary' ? opcua : opcuaDetail;
  if (path.startsWith('synchrophasor')) return synchrophasorLog;
  return generic;
}

const conn: Mapper = (r, ends) => {
  const transport = r.str('proto');
  const service = r.str('service');
  const duration = Number(r.str('duration'));
  const origBytes = r.num('orig_bytes');
  const respBytes = r.num('resp_bytes');
  const origPkts = r.num('orig_pkts');
  const respPkts = r.num('resp_pkts');
  const origIp = r.num('orig_ip_bytes');
  const respIp = r.num('resp_ip_bytes');
  const community = r.str('community_id');
  const state = r.peek('conn_state');
  const source = { ...ends.source, ...(origBytes !== undefined ? { bytes: origBytes } : {}), ...(origPkts !== undefined ? { packets: origPkts } : {}) };
  const destination = { ...ends.destination, ...(respBytes !== undefined ? { bytes: respBytes } : {}), ...(respPkts !== undefined ? { packets: respPkts } : {}) };
  const bytes = origIp !== undefined || respIp !== undefined ? (origIp ?? 0) + (respIp ?? 0) : origBytes !== undefined || respBytes !== undefined ? (origBytes ?? 0) + (respBytes ?? 0) : undefined;
  const packets = origPkts !== undefined || respPkts !== undefined ? (origPkts ?? 0) + (respPkts ?? 0) : undefined;
  return {
    kind: 'flow',
    severity: 'info',
    message: `${transport ?? 'conn'} ${hostPort(ends.source)} → ${hostPort(ends.destination)}${service ? ` ${service}` : ''}${state ? ` ${state}` : ''}`,
    fields: {
      source,
      destination,
      network: {
        ...(transport !== undefined ? { transport } : {}),
        ...(service !== undefined ? { protocol: service.split(',')[0] } : {}),
        ...(bytes !== undefined ? { bytes } : {}),
        ...(packets !== undefined ? { packets } : {}),
        ...(community !== undefined ? { community_id: community } : {}),
      },
      // ECS event.duration is in nanoseconds.
      ...(Number.isFinite(duration) ? { event: { duration: Math.round(duration * 1e9) } } : {}),
    },
  };
};

const notice: Mapper = (r, ends) => {
  const note = r.str('note') ?? 'notice';
  const msg = r.str('msg');
  const src = r.str('src');
  const dst = r.str('dst');
  const port = r.num('p');
  const transport = r.str('proto');
  return {
    kind: 'alert',
    severity: 'medium',
    message: msg !== undefined ? `${note}: ${msg}` : note,
    action: note,
    fields: {
      rule: { name: note },
      ...(ends.source.ip === undefined && src !== undefined ? { source: { ip: src } } : {}),
      ...(ends.destination.ip === undefined && dst !== undefined ? { destination: { ip: dst, ...(port !== undefined ? { port } : {}) } } : {}),
      ...(transport !== undefined ? { network: { transport } } : {}),
      event: { category: ['intrusion_detection'], provider: 'zeek' },
    },
  };
};

const weird: Mapper = (r) => {
  const name = r.str('name') ?? 'weird';
  const addl = r.peek('addl');
  return { kind: 'alert', severity: 'low', message: `weird: ${name}${addl !== undefined ? ` (${addl})` : ''}`, action: name, fields: { rule: { name } } };
};

type Loose<T> = { [K in keyof T]?: T[K] | undefined };

/** Drops undefined members, so optional fields are absent rather than undefined (exactOptionalPropertyTypes). */
function compact<T extends object>(value: Loose<T>): T {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const member = value[key];
    if (member !== undefined) out[key] = member;
  }
  return out as T;
}

/** An industrial operation: the class comes from the function name unless given. */
function op(protocol: string, name: string, extra: Loose<IcsFields> = {}): Mapped {
  return { kind: 'operation', ics: compact<IcsFields>({ protocol, function: name, ...extra, operation: extra.operation ?? operationFromName(name) }) };
}

/** A status text as a result: ok when it matches, error otherwise, nothing when absent. */
function verdict(status: string | undefined, ok: RegExp): IcsFields['result'] {
  return status === undefined ? undefined : ok.test(status) ? 'ok' : 'error';
}

function joined(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((part) => part !== undefined);
  return present.length > 0 ? present.join(' ') : undefined;
}

function modbusBase(r: RecordReader): { ics: IcsFields; code: number | undefined } {
  const fn = modbusFunction(r.str('func') ?? 'unknown');
  const exception = r.str('exception') ?? r.str('exception_code');
  const pdu = r.peek('pdu_type') ?? r.peek('request_response');
  const result = exception !== undefined || fn.exception ? 'exception' : pdu === 'RESP' || pdu === 'RESPONSE' ? 'ok' : undefined;
  return { code: fn.code, ics: compact<IcsFields>({ protocol: 'modbus', operation: fn.operation, function: fn.name, code: fn.code, unit: r.num('unit'), result, values: exception }) };
}

function range(table: string | undefined, start: number | undefined, count: number | undefined): string | undefined {
  if (start === undefined) return undefined;
  const what = table ?? 'address';
  return count !== undefined && count > 1 ? `${what} ${start}-${start + count - 1}` : `${what} ${start}`;
}

function modbusWith(ics: IcsFields, extra: Loose<IcsFields>): Mapped {
  return { kind: 'operation', ics: compact<IcsFields>({ ...extra, ...ics, values: ics.values ?? (extra.values !== undefined ? clip(extra.values) : undefined) }) };
}

const modbus: Mapper = (r) => ({ kind: 'operation', ics: modbusBase(r).ics });

const modbusDetailed: Mapper = (r) => {
  const { ics, code } = modbusBase(r);
  return modbusWith(ics, { target: range(modbusTable(code), r.num('address'), r.num('quantity')), values: r.str('request_values') ?? r.str('response_values') });
};

const modbusMaskWrite: Mapper = (r) => {
  const { ics } = modbusBase(r);
  const address = r.num('address');
  const and = r.str('and_mask');
  const or = r.str('or_mask');
  return modbusWith(ics, { target: range('holding registers', address, 1), values: and !== undefined || or !== undefined ? `and ${and ?? '?'} or ${or ?? '?'}` : undefined });
};

const modbusReadWrite: Mapper = (r) => {
  const { ics } = modbusBase(r);
  const writes = r.str('write_registers');
  const write = range('holding registers', r.num('write_start_address'), writes === undefined ? undefined : writes.split(',').length);
  const read = range('read holding registers', r.num('read_start_address'), r.num('read_quantity'));
  const target = [write, read].filter((part) => part !== undefined).join(', ');
  return modbusWith(ics, { target: target || undefined, values: writes ?? r.str('read_registers') });
};

const modbusRegisterChange: Mapper = (r) =>
  op('modbus', 'Register Change', { operation: 'write', target: range('holding registers', r.num('register'), 1), values: `${r.str('old_val') ?? '?'} -> ${r.str('new_val') ?? '?'}` });

const knownHost = (protocol: string): Mapper => (r) => {
  const host = r.str('host');
  return { kind: 'log', message: `${protocol} device ${host ?? '?'}${r.peek('device_type') ? ` (${r.peek('device_type')})` : ''}`, ics: { protocol }, fields: host !== undefined ? { host: { ip: host } } : {} };
};

const dnp3: Mapper = (r) => {
  const request = r.str('fc_request');
  const reply = r.str('fc_reply');
  const name = request ?? reply ?? 'unknown';
  return op('dnp3', titleCase(name), { operation: operationFromName(name), result: request !== undefined && reply !== undefined ? 'ok' : undefined });
};

const dnp3Control: Mapper = (r) => {
  const fn = r.str('function_code') ?? 'unknown';
  const block = r.str('block_type');
  const index = r.str('index_number');
  const status = r.peek('status_code');
  const named = operationFromName(fn);
  return op('dnp3', titleCase(fn), {
    operation: named === 'other' ? 'write' : named,
    target: block !== undefined || index !== undefined ? joined(block ?? 'point', index) : undefined,
    values: joined(r.str('operation_type'), r.str('trip_control_code')),
    result: status === undefined ? undefined : status === '0' ? 'ok' : verdict(status, /success/i),
  });
};

const dnp3Objects: Mapper = (r) => {
  const fn = r.str('function_code') ?? 'unknown';
  const object = r.str('object_type');
  const low = r.str('range_low');
  const high = r.str('range_high');
  return op('dnp3', titleCase(fn), { operation: operationFromName(fn), target: object !== undefined ? joined(object, low !== undefined ? `${low}-${high ?? low}` : undefined) : undefined });
};

/** S7 PLC Control services (PI service names), as the capture module classes them. */
const plcControl: Readonly<Record<string, OperationClass>> = { _INSE: 'program-download', _DELE: 'program-download', P_PROGRAM: 'start', _MODU: 'configuration-change', _GARB: 'configuration-change' };

const s7comm: Mapper = (r) => {
  const rosctr = r.peek('rosctr_name');
  const functionName = r.str('function_name');
  const errorClass = r.peek('error_class');
  const result = errorClass === undefined ? undefined : /^no error$/i.test(errorClass) ? ('ok' as const) : ('exception' as const);
  const code = r.num('function_code');
  if (functionName === 'PLC Control') {
    const service = r.peek('subfunction_code');
    // Acknowledgements do not repeat the service, so they cannot be classed.
    return op('s7comm', functionName, { code, operation: service !== undefined ? plcControl[service] ?? 'other' : 'other', target: r.str('subfunction_name'), result });
  }
  const name = r.str('subfunction_name') ?? functionName?.replace(/^(Request|Response): /, '') ?? rosctr ?? 'unknown';
  return op('s7comm', name, { code, result });
};

const s7commPlus: Mapper = (r) => op('s7comm-plus', r.str('function_name') ?? r.str('opcode_name') ?? 'unknown', { code: r.num('function_code') ?? r.num('opcode') });

const cotp: Mapper = (r) => {
  const name = r.str('pdu_name') ?? 'unknown';
  return op('cotp', name, { code: r.num('pdu_code'), operation: /connect|disconnect/i.test(name) ? 'session' : 'other' });
};

const s7Szl: Mapper = (r) => {
  const szl = r.str('szl_id_name') ?? r.str('szl_id');
  const ret = r.peek('return_code_name');
  return op('s7comm', 'Read SZL', { operation: 'read', target: szl !== undefined ? `SZL ${szl}` : undefined, result: r.peek('method') === 'Response' ? verdict(ret, /success/i) : undefined });
};

const s7UploadDownload: Mapper = (r) => {
  const name = r.str('function_name') ?? 'unknown';
  const block = r.str('block_type');
  const number = r.str('block_number');
  return op('s7comm', name, { target: r.str('filename') ?? (block !== undefined ? `${block}${number ?? ''}` : undefined) });
};

/** Send Unit/RR Data only carries CIP; the CIP log says what it does. */
const encapsulationOnly = /send (unit|rr) data/i;

const enip: Mapper = (r) => {
  const name = r.str('enip_command') ?? 'unknown';
  return op('enip', name, {
    code: r.num('enip_command_code'),
    operation: encapsulationOnly.test(name) ? 'other' : undefined,
    result: r.peek('is_orig') === 'F' ? verdict(r.peek('enip_status'), /success/i) : undefined,
  });
};

const cip: Mapper = (r) => {
  const name = r.str('cip_service') ?? 'unknown';
  const className = r.str('class_name');
  const classId = r.str('class_id');
  const instance = r.str('instance_id');
  const attribute = r.str('attribute_id');
  const objectClass = className !== undefined && className !== 'unknown' ? className : classId;
  return op('enip', name, {
    code: r.num('cip_service_code'),
    target: objectClass !== undefined ? joined(`class ${objectClass}`, instance !== undefined ? `instance ${instance}` : undefined, attribute !== undefined ? `attribute ${attribute}` : undefined) : undefined,
    result: verdict(r.peek('cip_status'), /success/i),
  });
};

const cipIo: Mapper = (r) => {
  const connection = r.str('connection_id');
  return op('enip', 'I/O Data', { operation: 'publish', target: connection !== undefined ? `connection ${connection}` : undefined });
};

const identity = (protocol: string, names: readonly string[]): Mapper => (r) => {
  const parts = names.map((name) => r.peek(name)).filter((part) => part !== undefined);
  return { kind: 'log', ics: { protocol }, message: `${protocol} identity${parts.length ? `: ${parts.join(', ')}` : ''}` };
};

const bacnet: Mapper = (r) => {
  const type = r.peek('pdu_type');
  const name = r.str('pdu_service') ?? type ?? 'unknown';
  return op('bacnet', name, { result: type === undefined ? undefined : /^(ERROR|REJECT|ABORT)/.test(type) ? 'error' : /ACK/.test(type) ? 'ok' : undefined });
};

const bacnetObject = (r: RecordReader): string | undefined => {
  const type = r.str('object_type');
  return type !== undefined ? joined(type, r.str('instance_number'), r.str('property')) : undefined;
};

const bacnetDiscovery: Mapper = (r) => op('bacnet', r.str('pdu_service') ?? 'unknown', { operation: 'discovery', target: bacnetObject(r) });

const bacnetProperty: Mapper = (r) => {
  const value = r.str('value');
  return op('bacnet', r.str('pdu_service') ?? 'unknown', { target: bacnetObject(r), values: value !== undefined ? clip(value) : undefined });
};

const bacnetDeviceControl: Mapper = (r) => {
  // The password a client sent is a credential: it is not stored, only that one was given.
  const password = r.str('password');
  const mapped = op('bacnet', r.str('pdu_service') ?? 'unknown', { values: r.str('device_state'), result: verdict(r.peek('result'), /success|ack/i) });
  return password !== undefined ? { ...mapped, labels: { password: '(given, not stored)' }, redact: ['password'] } : mapped;
};

const opcua: Mapper = (r) => {
  const type = r.str('msg_type');
  const service = r.str('identifier_str');
  const operation: OperationClass =
    service === undefined ? (type === 'MSG' ? 'other' : 'session') : /endpoints|findservers/i.test(service) ? 'discovery' : operationFromName(service.replace(/(Request|Response)$/, ''));
  return op('opcua', service ?? type ?? 'unknown', { operation, result: r.peek('error') !== undefined ? 'error' : undefined });
};

const opcuaDetail: Mapper = (r) => ({ kind: 'log', ics: compact<IcsFields>({ protocol: 'opcua', values: r.peek('sub_code_str') ?? r.peek('severity_str') }) });

const synchrophasorCmd: Mapper = (r) => op('synchrophasor', r.str('command') ?? 'unknown');

const synchrophasorData: Mapper = (r) => {
  const frame = r.str('data_frame_id');
  return op('synchrophasor', 'Data Frame', { operation: 'publish', target: frame !== undefined ? `frame ${frame}` : undefined });
};

const synchrophasorLog: Mapper = (r) => ({ kind: 'log', ics: compact<IcsFields>({ protocol: 'synchrophasor', function: r.peek('frame_type') }) });

const syslogFacilities = ['KERN', 'USER', 'MAIL', 'DAEMON', 'AUTH', 'SYSLOG', 'LPR', 'NEWS', 'UUCP', 'CRON', 'AUTHPRIV', 'FTP', 'NTP', 'AUDIT', 'ALERT', 'CLOCK', 'LOCAL0', 'LOCAL1', 'LOCAL2', 'LOCAL3', 'LOCAL4', 'LOCAL5', 'LOCAL6', 'LOCAL7'];
const syslogLevels = ['EMERG', 'ALERT', 'CRIT', 'ERR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

/** Zeek's own syslog.log: messages it saw on the wire, facility and severity by name. */
const zeekSyslog: Mapper = (r) => {
  const facility = syslogFacilities.indexOf(r.str('facility') ?? '');
  const level = syslogLevels.indexOf(r.str('severity') ?? '');
  const message = r.str('message') ?? '';
  const transport = r.str('proto');
  return {
    kind: 'log',
    severity: level >= 0 ? syslogSeverity(level) : 'info',
    message,
    fields: {
      log: { syslog: { ...(facility >= 0 ? { facility } : {}), ...(level >= 0 ? { severity: level } : {}) } },
      ...(transport !== undefined ? { network: { transport } } : {}),
    },
  };
};

const files: Mapper = (r) => {
  const tx = r.str('tx_hosts')?.split(',')[0];
  const rx = r.str('rx_hosts')?.split(',')[0];
  const name = r.str('filename');
  const md5 = r.str('md5');
  const sha256 = r.str('sha256');
  const mime = r.peek('mime_type');
  return {
    kind: 'log',
    message: `file ${name ?? r.peek('fuid') ?? ''}${mime !== undefined ? ` (${mime})` : ''} ${tx ?? '?'} → ${rx ?? '?'}`,
    fields: {
      ...(tx !== undefined ? { source: { ip: tx } } : {}),
      ...(rx !== undefined ? { destination: { ip: rx } } : {}),
      ...(name !== undefined || md5 !== undefined || sha256 !== undefined
        ? { file: { ...(name !== undefined ? { name } : {}), ...(md5 !== undefined || sha256 !== undefined ? { hash: { ...(md5 !== undefined ? { md5 } : {}), ...(sha256 !== undefined ? { sha256 } : {}) } } : {}) } }
        : {}),
    },
  };
};

const generic: Mapper = () => ({ kind: 'log' });

const mappers: Readonly<Record<string, Mapper>> = {
  conn,
  notice,
  weird,
  modbus,
  modbus_detailed: modbusDetailed,
  modbus_mask_write_register: modbusMaskWrite,
  modbus_read_write_multiple_registers: modbusReadWrite,
  modbus_register_change: modbusRegisterChange,
  known_modbus: knownHost('modbus'),
  dnp3,
  dnp3_control: dnp3Control,
  dnp3_objects: dnp3Objects,
  s7comm,
  s7comm_plus: s7commPlus,
  cotp,
  s7comm_read_szl: s7Szl,
  s7comm_upload_download: s7UploadDownload,
  s7comm_known_devices: identity('s7comm', ['automation_system_name', 'module_name', 'plant_name', 'module_serial']),
  enip,
  cip,
  cip_io: cipIo,
  cip_identity: identity('enip', ['vendor_name', 'product_name', 'device_type_name', 'serial_number', 'revision']),
  bacnet,
  bacnet_discovery: bacnetDiscovery,
  bacnet_property: bacnetProperty,
  bacnet_device_control: bacnetDeviceControl,
  synchrophasor_cmd: synchrophasorCmd,
  synchrophasor_data: synchrophasorData,
  synchrophasor_data_detail: synchrophasorData,
  syslog: zeekSyslog,
  files,
};

function clip(text: string): string {
  return text.length > 256 ? `${text.slice(0, 256)}…` : text;
}
