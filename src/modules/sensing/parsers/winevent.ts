// Windows events (one JSON record per line) into host events with ECS fields: logons, process creation,
// service installs, log clearing, Sysmon process/network/file/DNS events, PowerShell script blocks.
// Engineering workstations and HMIs are Windows machines; these are the events detection needs first.
import type { EventDraft, EventFields, EventSeverity } from '../types.js';
import { createJsonLineParser, oneIssue, type LineParser, type ParseOrigin } from './line-parser.js';
import { readWinEvent, type WinEvent } from './winevent-record.js';

export function createWinEventLineParser(origin: ParseOrigin): LineParser {
  return createJsonLineParser((record, lineNo, line) => {
    const read = readWinEvent(record);
    if ('path' in read) return oneIssue(lineNo, read.path, read.message);
    return { events: [toDraft(read.event, lineNo, line, origin)], issues: [] };
  });
}

interface Mapped {
  readonly action?: string;
  readonly outcome?: 'success' | 'failure';
  readonly category?: readonly string[];
  readonly type?: readonly string[];
  readonly severity?: EventSeverity;
  readonly message?: string;
  readonly fields?: Partial<Record<keyof EventFields, unknown>>;
  /** EventData names the mapping used, so they are not repeated as labels. */
  readonly used?: readonly string[];
}

type Mapper = (d: Readonly<Record<string, string>>, e: WinEvent) => Mapped;

const SYSMON = 'microsoft-windows-sysmon';
const POWERSHELL = 'microsoft-windows-powershell';

/** Windows levels onto ours: 1 critical, 2 error → high, 3 warning → medium, others info. */
const levelSeverity: Readonly<Record<number, EventSeverity>> = { 1: 'critical', 2: 'high', 3: 'medium' };

const order: readonly EventSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

function toDraft(e: WinEvent, lineNo: number, raw: string, origin: ParseOrigin): EventDraft {
  const provider = (e.provider ?? '').toLowerCase();
  const mapper = provider.startsWith(SYSMON) ? sysmon[e.eventId] : provider.startsWith(POWERSHELL) ? powershell[e.eventId] : windows[e.eventId];
  const mapped = mapper ? mapper(e.data, e) : {};
  const used = new Set(mapped.used ?? []);
  const labels: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(e.data)) {
    if (used.has(key) || value === '' || value === '-' || count >= 64) continue;
    labels[key] = value.length > 512 ? `${value.slice(0, 512)}…` : value;
    count += 1;
  }
  if (e.recordId !== undefined) labels['winlog.record_id'] = e.recordId;
  const byLevel = e.level !== undefined ? levelSeverity[e.level] ?? 'info' : 'info';
  const byMapping = mapped.severity ?? 'info';
  const severity = order.indexOf(byLevel) > order.indexOf(byMapping) ? byLevel : byMapping;
  const extra = mapped.fields ?? {};
  const fields: Record<string, unknown> = {
    ...extra,
    event: {
      code: String(e.eventId),
      dataset: 'winevent',
      ...(e.provider !== undefined ? { provider: e.provider } : {}),
      ...(mapped.action !== undefined ? { action: mapped.action } : {}),
      ...(mapped.outcome !== undefined ? { outcome: mapped.outcome } : {}),
      ...(mapped.category !== undefined ? { category: mapped.category } : {}),
      ...(mapped.type !== undefined ? { type: mapped.type } : {}),
    },
    ...(e.computer !== undefined ? { host: { name: e.computer, ...((extra['host'] as object | undefined) ?? {}) } } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
  const message = mapped.message ?? firstLine(e.message) ?? `${e.channel ?? 'Windows'} event ${e.eventId}${e.provider !== undefined ? ` from ${e.provider}` : ''}`;
  return {
    time: e.time,
    kind: 'host',
    severity,
    message,
    fields: fields as EventFields,
    raw,
    origin: { ...(origin.file !== undefined ? { file: origin.file } : {}), line: lineNo, ...(e.channel !== undefined ? { stream: e.channel } : {}) },
  };
}

function firstLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const line = text.split(/\r?\n/, 1)[0]?.trim();
  return line ? line : undefined;
}

const value = (v: string | undefined): string | undefined => (v === undefined || v === '' || v === '-' ? undefined : v);

function basename(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return path.split(/[\\/]/).pop();
}

/** Windows writes process ids in hex in Security events ("0x1a4") and in decimal in Sysmon. */
function pid(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const parsed = /^0x[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : Number(v);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

function port(v: string | undefined): number | undefined {
  const parsed = Number(v);
  return v !== undefined && Number.isInteger(parsed) && parsed > 0 && parsed < 65536 ? parsed : undefined;
}

function user(name: string | undefined, domain: string | undefined): Record<string, unknown> {
  const n = value(name);
  if (n === undefined) return {};
  const d = value(domain);
  return { user: { name: n, ...(d !== undefined ? { domain: d } : {}) } };
}

function userLabel(name: string | undefined, domain: string | undefined): string {
  const n = value(name) ?? '?';
  const d = value(domain);
  return d !== undefined ? `${d}\\${n}` : n;
}

const logonTypes: Readonly<Record<string, string>> = {
  '2': 'interactive', '3': 'network', '4': 'batch', '5': 'service', '7': 'unlock', '8': 'network cleartext', '9': 'new credentials', '10': 'remote interactive', '11': 'cached interactive',
};

function logon(outcome: 'success' | 'failure'): Mapper {
  return (d) => {
    const ip = value(d['IpAddress']);
    const type = d['LogonType'];
    const who = userLabel(d['TargetUserName'], d['TargetDomainName']);
    return {
      action: outcome === 'success' ? 'logged-in' : 'logon-failed',
      outcome,
      category: ['authentication'],
      type: ['start'],
      severity: outcome === 'failure' ? 'low' : 'info',
      message: `${outcome === 'success' ? 'Logon' : 'Failed logon'} of ${who}${type !== undefined ? ` (${logonTypes[type] ?? `type ${type}`})` : ''}${ip !== undefined ? ` from ${ip}` : ''}`,
      fields: {
        ...user(d['TargetUserName'], d['TargetDomainName']),
        ...(ip !== undefined ? { source: { ip, ...(port(d['IpPort']) !== undefined ? { port: port(d['IpPort']) } : {}) } } : {}),
      },
      used: ['TargetUserName', 'TargetDomainName', 'IpAddress', 'IpPort'],
    };
  };
}

const processCreated: Mapper = (d) => {
  const executable = value(d['NewProcessName']);
  const commandLine = value(d['CommandLine']);
  const parent = value(d['ParentProcessName']);
  return {
    action: 'process-created',
    category: ['process'],
    type: ['start'],
    message: `Process ${commandLine ?? executable ?? '?'} started by ${userLabel(d['SubjectUserName'], d['SubjectDomainName'])}${parent !== undefined ? ` (parent ${basename(parent)})` : ''}`,
    fields: {
      process: {
        ...(executable !== undefined ? { executable, name: basename(executable) } : {}),
        ...(commandLine !== undefined ? { command_line: commandLine } : {}),
        ...(pid(d['NewProcessId']) !== undefined ? { pid: pid(d['NewProcessId']) } : {}),
        ...(parent !== undefined ? { parent: { name: basename(parent) } } : {}),
      },
      ...user(d['SubjectUserName'], d['SubjectDomainName']),
    },
    used: ['NewProcessName', 'CommandLine', 'NewProcessId', 'ParentProcessName', 'SubjectUserName', 'SubjectDomainName'],
  };
};

const serviceInstalled: Mapper = (d) => {
  const name = value(d['ServiceName']);
  const image = value(d['ImagePath']) ?? value(d['ServiceFileName']);
  return {
    action: 'service-installed',
    category: ['configuration', 'persistence'],
    type: ['creation'],
    // A new service is how much ransomware and remote tooling gets onto an engineering workstation.
    severity: 'medium',
    message: `Service ${name ?? '?'} installed${image !== undefined ? `: ${image}` : ''}`,
    fields: {
      ...(image !== undefined ? { file: { path: image, ...(basename(image) !== undefined ? { name: basename(image) } : {}) } } : {}),
      ...user(d['AccountName'] ?? d['SubjectUserName'], d['SubjectDomainName']),
    },
    used: ['ImagePath', 'ServiceFileName'],
  };
};

const logCleared: Mapper = (d) => ({
  action: 'audit-log-cleared',
  category: ['iam'],
  type: ['deletion'],
  severity: 'high',
  message: `Event log cleared by ${userLabel(d['SubjectUserName'], d['SubjectDomainName'])}`,
  fields: user(d['SubjectUserName'], d['SubjectDomainName']),
});

function accountChange(action: string, verb: string, severity: EventSeverity): Mapper {
  return (d) => ({
    action,
    category: ['iam'],
    type: ['change'],
    severity,
    message: `${verb} ${userLabel(d['TargetUserName'] ?? d['MemberName'], d['TargetDomainName'])} by ${userLabel(d['SubjectUserName'], d['SubjectDomainName'])}`,
    fields: user(d['SubjectUserName'], d['SubjectDomainName']),
  });
}

const windows: Readonly<Record<number, Mapper>> = {
  4624: logon('success'),
  4625: logon('failure'),
  4634: (d) => ({ action: 'logged-out', category: ['authentication'], type: ['end'], message: `Logoff of ${userLabel(d['TargetUserName'], d['TargetDomainName'])}`, fields: user(d['TargetUserName'], d['TargetDomainName']) }),
  4648: (d) => ({ action: 'explicit-credentials-logon', category: ['authentication'], severity: 'low', message: `${userLabel(d['SubjectUserName'], d['SubjectDomainName'])} used the credentials of ${userLabel(d['TargetUserName'], d['TargetDomainName'])}`, fields: user(d['SubjectUserName'], d['SubjectDomainName']) }),
  4672: (d) => ({ action: 'special-privileges-assigned', category: ['iam'], message: `Special privileges assigned to ${userLabel(d['SubjectUserName'], d['SubjectDomainName'])}`, fields: user(d['SubjectUserName'], d['SubjectDomainName']) }),
  4688: processCreated,
  4697: serviceInstalled,
  7045: serviceInstalled,
  1102: logCleared,
  104: logCleared,
  4720: accountChange('user-created', 'User created:', 'medium'),
  4722: accountChange('user-enabled', 'User enabled:', 'low'),
  4724: accountChange('password-reset', 'Password reset for', 'low'),
  4728: accountChange('group-member-added', 'Added to a global group:', 'medium'),
  4732: accountChange('group-member-added', 'Added to a local group:', 'medium'),
  4756: accountChange('group-member-added', 'Added to a universal group:', 'medium'),
  4740: accountChange('user-locked-out', 'Account locked out:', 'low'),
};

function hashes(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  const found: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [algo, digest] = part.split('=');
    if (algo && digest) found[algo.trim().toLowerCase()] = digest.trim().toLowerCase();
  }
  const hash = { ...(found['sha256'] ? { sha256: found['sha256'] } : {}), ...(found['md5'] ? { md5: found['md5'] } : {}) };
  return Object.keys(hash).length > 0 ? { hash } : {};
}

/** Sysmon's `User` is "DOMAIN\name". */
function sysmonUser(v: string | undefined): Record<string, unknown> {
  const raw = value(v);
  if (raw === undefined) return {};
  const slash = raw.indexOf('\\');
  return slash > 0 ? { user: { domain: raw.slice(0, slash), name: raw.slice(slash + 1) } } : { user: { name: raw } };
}

function sysmonProcess(d: Readonly<Record<string, string>>): Record<string, unknown> {
  const image = value(d['Image']);
  return {
    ...(image !== undefined ? { executable: image, name: basename(image) } : {}),
    ...(value(d['CommandLine']) !== undefined ? { command_line: d['CommandLine'] } : {}),
    ...(pid(d['ProcessId']) !== undefined ? { pid: pid(d['ProcessId']) } : {}),
  };
}

const sysmon: Readonly<Record<number, Mapper>> = {
  1: (d) => {
    const parentImage = value(d['ParentImage']);
    const parentCommand = value(d['ParentCommandLine']);
    const image = value(d['Image']);
    const file = hashes(d['Hashes']);
    return {
      action: 'process-created',
      category: ['process'],
      type: ['start'],
      message: `Process ${value(d['CommandLine']) ?? image ?? '?'} started${parentImage !== undefined ? ` by ${basename(parentImage)}` : ''}`,
      fields: {
        process: {
          ...sysmonProcess(d),
          ...(parentImage !== undefined || parentCommand !== undefined
            ? { parent: { ...(parentImage !== undefined ? { name: basename(parentImage) } : {}), ...(parentCommand !== undefined ? { command_line: parentCommand } : {}) } }
            : {}),
        },
        ...sysmonUser(d['User']),
        ...(Object.keys(file).length > 0 && image !== undefined ? { file: { path: image, name: basename(image), ...file } } : {}),
      },
      used: ['Image', 'CommandLine', 'ProcessId', 'ParentImage', 'ParentCommandLine', 'User', 'Hashes'],
    };
  },
  3: (d) => {
    const sourceIp = value(d['SourceIp']);
    const destinationIp = value(d['DestinationIp']);
    const transport = value(d['Protocol']);
    const host = value(d['DestinationHostname']);
    return {
      action: 'network-connection',
      category: ['network'],
      type: ['connection'],
      message: `${basename(d['Image']) ?? 'process'} connected ${sourceIp ?? '?'}:${d['SourcePort'] ?? '?'} → ${destinationIp ?? '?'}:${d['DestinationPort'] ?? '?'}${transport !== undefined ? ` ${transport}` : ''}`,
      fields: {
        source: { ...(sourceIp !== undefined ? { ip: sourceIp } : {}), ...(port(d['SourcePort']) !== undefined ? { port: port(d['SourcePort']) } : {}) },
        destination: {
          ...(destinationIp !== undefined ? { ip: destinationIp } : {}),
          ...(port(d['DestinationPort']) !== undefined ? { port: port(d['DestinationPort']) } : {}),
          ...(host !== undefined ? { domain: host } : {}),
        },
        ...(transport !== undefined ? { network: { transport: transport.toLowerCase() } } : {}),
        process: sysmonProcess(d),
        ...sysmonUser(d['User']),
      },
      used: ['SourceIp', 'SourcePort', 'DestinationIp', 'DestinationPort', 'DestinationHostname', 'Protocol', 'Image', 'ProcessId', 'User'],
    };
  },
  11: (d) => {
    const path = value(d['TargetFilename']);
    return {
      action: 'file-created',
      category: ['file'],
      type: ['creation'],
      message: `File created: ${path ?? '?'}`,
      fields: { ...(path !== undefined ? { file: { path, name: basename(path) } } : {}), process: sysmonProcess(d), ...sysmonUser(d['User']) },
      used: ['TargetFilename', 'Image', 'ProcessId', 'User'],
    };
  },
  22: (d) => {
    const name = value(d['QueryName']);
    return {
      action: 'dns-query',
      category: ['network'],
      type: ['protocol'],
      message: `DNS query ${name ?? '?'} by ${basename(d['Image']) ?? 'process'}`,
      fields: { ...(name !== undefined ? { dns: { question: { name } } } : {}), process: sysmonProcess(d), ...sysmonUser(d['User']) },
      used: ['QueryName', 'Image', 'ProcessId', 'User'],
    };
  },
};

const powershell: Readonly<Record<number, Mapper>> = {
  4104: (d) => {
    const script = d['ScriptBlockText'] ?? '';
    return {
      action: 'script-block-logged',
      category: ['process'],
      type: ['info'],
      message: `PowerShell script block: ${script.length > 200 ? `${script.slice(0, 200)}…` : script}`,
      fields: { process: { name: 'powershell.exe', ...(script ? { command_line: script.length > 8192 ? script.slice(0, 8192) : script } : {}) } },
      used: ['ScriptBlockText'],
    };
  },
  4103: (d) => ({
    action: 'module-logged',
    category: ['process'],
    message: `PowerShell pipeline: ${(d['Payload'] ?? '').slice(0, 200)}`,
    fields: { process: { name: 'powershell.exe' } },
  }),
};
