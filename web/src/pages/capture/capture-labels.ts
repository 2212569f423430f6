import type { CaptureJobStatus, DeviceRole, OperationClass } from '../../api/types';

function has<T extends object>(record: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(record, key);
}

export const roleLabels: Readonly<Record<DeviceRole, string>> = {
  plc: 'PLC',
  rtu: 'RTU',
  ied: 'IED',
  hmi: 'HMI',
  'engineering-workstation': 'Engineering workstation',
  historian: 'Historian',
  'scada-server': 'SCADA server',
  gateway: 'Gateway',
  broker: 'Broker',
  'io-device': 'I/O device',
  'io-controller': 'I/O controller',
  'building-controller': 'Building controller',
};

export function roleLabel(role: string): string {
  return has(roleLabels, role) ? roleLabels[role] : role;
}

const protocolNames: Readonly<Record<string, string>> = {
  modbus: 'Modbus/TCP',
  dnp3: 'DNP3',
  s7comm: 'S7comm',
  's7comm-plus': 'S7comm-plus',
  enip: 'EtherNet/IP',
  iec104: 'IEC 60870-5-104',
  bacnet: 'BACnet/IP',
  opcua: 'OPC UA',
  mms: 'IEC 61850 MMS',
  goose: 'IEC 61850 GOOSE',
  'pn-dcp': 'PROFINET DCP',
  fins: 'OMRON FINS',
  mqtt: 'MQTT',
  ethernet: 'Ethernet',
};

export function protocolLabel(protocol: string | null): string {
  if (protocol === null) return 'Unrecognised';
  return protocolNames[protocol] ?? protocol;
}

// Distinct hues for the protocols the dissectors know; anything else is grey.
// Okabe–Ito hues (told apart with the common colour-vision deficiencies) and a brown for a sixth, each
// 3:1 or more against white, and a line style as a second cue: DNP3 and IEC 104, often on the same network, differ
// in both hue family and lightness.
const blue = '#0072B2';
const vermillion = '#D55E00';
const green = '#007A5A';
const purple = '#AA3F8F';
const brown = '#6F4E37';
const black = '#1F2937';

export type LineStyle = 'solid' | 'dashed' | 'dotted';

const protocolLines: Readonly<Record<string, { readonly colour: string; readonly line: LineStyle }>> = {
  modbus: { colour: blue, line: 'solid' },
  dnp3: { colour: vermillion, line: 'solid' },
  iec104: { colour: green, line: 'solid' },
  s7comm: { colour: purple, line: 'solid' },
  enip: { colour: brown, line: 'solid' },
  opcua: { colour: black, line: 'solid' },
  's7comm-plus': { colour: purple, line: 'dashed' },
  bacnet: { colour: blue, line: 'dashed' },
  mms: { colour: green, line: 'dashed' },
  goose: { colour: green, line: 'dotted' },
  'pn-dcp': { colour: brown, line: 'dashed' },
  fins: { colour: vermillion, line: 'dashed' },
  mqtt: { colour: black, line: 'dashed' },
};

const otherLine = { colour: '#6B7280', line: 'dotted' as LineStyle };

/** How a protocol's links are drawn: colour and line style. */
export function protocolLine(protocol: string | null): { readonly colour: string; readonly line: LineStyle } {
  return protocol === null ? otherLine : (protocolLines[protocol] ?? otherLine);
}

export function protocolColour(protocol: string | null): string {
  return protocolLine(protocol).colour;
}

export const operationLabels: Readonly<Record<OperationClass, string>> = {
  read: 'Read',
  write: 'Write',
  'program-download': 'Program download',
  'program-upload': 'Program upload',
  'mode-change': 'Mode change',
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  'firmware-update': 'Firmware update',
  'time-sync': 'Time sync',
  'configuration-change': 'Configuration change',
  'file-operation': 'File operation',
  discovery: 'Discovery',
  session: 'Session',
  subscribe: 'Subscribe',
  publish: 'Publish',
  other: 'Other',
};

export function operationLabel(operation: string): string {
  return has(operationLabels, operation) ? operationLabels[operation] : operation;
}

/**
 * How much an operation class can change a process: `control` changes logic, firmware or run state
 * (what an attacker needs), `change` alters values or takes logic out; reads and the rest are routine.
 */
export type OperationRisk = 'control' | 'change' | 'routine';

const controlClasses: ReadonlySet<string> = new Set(['program-download', 'firmware-update', 'stop', 'start', 'restart', 'mode-change', 'configuration-change']);
const changeClasses: ReadonlySet<string> = new Set(['write', 'program-upload', 'file-operation']);

export function operationRisk(operation: string): OperationRisk {
  if (controlClasses.has(operation)) return 'control';
  if (changeClasses.has(operation)) return 'change';
  return 'routine';
}

// Histogram colours: control operations in reds, changes in ambers, routine traffic in cool tones.
const operationColourMap: Readonly<Record<OperationClass, string>> = {
  read: '#60a5fa',
  write: '#f59e0b',
  'program-download': '#b91c1c',
  'program-upload': '#d97706',
  'mode-change': '#dc2626',
  start: '#e11d48',
  stop: '#7f1d1d',
  restart: '#f43f5e',
  'firmware-update': '#881337',
  'time-sync': '#94a3b8',
  'configuration-change': '#ea580c',
  'file-operation': '#ca8a04',
  discovery: '#14b8a6',
  session: '#cbd5e1',
  subscribe: '#a78bfa',
  publish: '#818cf8',
  other: '#64748b',
};

export function operationColour(operation: string): string {
  return has(operationColourMap, operation) ? operationColourMap[operation] : '#64748b';
}

export const statusLabels: Readonly<Record<CaptureJobStatus, string>> = {
  queued: 'Queued',
  running: 'Analysing',
  finished: 'Finished',
  failed: 'Failed',
};

export const statusPills: Readonly<Record<CaptureJobStatus, string>> = {
  queued: 'pill pill-muted',
  running: 'pill pill-warn',
  finished: 'pill pill-ok',
  failed: 'pill pill-danger',
};

export function isActive(status: CaptureJobStatus): boolean {
  return status === 'queued' || status === 'running';
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
});

/** A packet time to the millisecond; the ISO string (with microseconds) goes in the tooltip. */
export function formatPacketTime(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}

// One duration format for the console (lib/format.ts rounds before splitting: never "2 min 60 s").
export { formatDurationBetween as formatDuration } from '../../lib/format';
