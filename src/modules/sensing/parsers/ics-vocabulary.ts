// Industrial function names as logs spell them ("WRITE_MULTIPLE_REGISTERS", "PLC Stop", "COLD_RESTART",
// "device_communication_control") mapped to the capture module's operation classes, so an event from a
// Zeek or Suricata log and one from our own capture answer the same query (`ics.operation:stop`).
import type { OperationClass } from '../../capture/dissectors/types.js';

/** Modbus function codes by the names Zeek logs (base/protocols/modbus consts), with the spec's names. */
const modbusFunctions: Readonly<Record<string, readonly [number, string]>> = {
  READ_COILS: [1, 'Read Coils'],
  READ_DISCRETE_INPUTS: [2, 'Read Discrete Inputs'],
  READ_HOLDING_REGISTERS: [3, 'Read Holding Registers'],
  READ_INPUT_REGISTERS: [4, 'Read Input Registers'],
  WRITE_SINGLE_COIL: [5, 'Write Single Coil'],
  WRITE_SINGLE_REGISTER: [6, 'Write Single Register'],
  READ_EXCEPTION_STATUS: [7, 'Read Exception Status'],
  DIAGNOSTICS: [8, 'Diagnostics'],
  GET_COMM_EVENT_COUNTER: [11, 'Get Comm Event Counter'],
  GET_COMM_EVENT_LOG: [12, 'Get Comm Event Log'],
  WRITE_MULTIPLE_COILS: [15, 'Write Multiple Coils'],
  WRITE_MULTIPLE_REGISTERS: [16, 'Write Multiple Registers'],
  REPORT_SLAVE_ID: [17, 'Report Server ID'],
  READ_FILE_RECORD: [20, 'Read File Record'],
  WRITE_FILE_RECORD: [21, 'Write File Record'],
  MASK_WRITE_REGISTER: [22, 'Mask Write Register'],
  READ_WRITE_MULTIPLE_REGISTERS: [23, 'Read/Write Multiple Registers'],
  READ_FIFO_QUEUE: [24, 'Read FIFO Queue'],
  ENCAP_INTERFACE_TRANSPORT: [43, 'Encapsulated Interface Transport'],
};

const modbusClasses: Readonly<Record<number, OperationClass>> = {
  1: 'read', 2: 'read', 3: 'read', 4: 'read', 7: 'read', 11: 'read', 12: 'read', 20: 'read', 24: 'read',
  5: 'write', 6: 'write', 15: 'write', 16: 'write', 21: 'write', 22: 'write', 23: 'write',
  17: 'discovery', 43: 'discovery',
};

/** What a Modbus function's address range names (zero-based protocol addresses). */
const modbusTables: Readonly<Record<number, string>> = {
  1: 'coils', 5: 'coils', 15: 'coils', 2: 'discrete inputs', 3: 'holding registers', 6: 'holding registers',
  16: 'holding registers', 22: 'holding registers', 23: 'holding registers', 4: 'input registers',
};

export interface ModbusFunction {
  readonly code?: number;
  readonly name: string;
  readonly operation: OperationClass;
  readonly exception: boolean;
}

/** Logs repeat a handful of names millions of times: classify each once (bounded, in case names vary). */
function memo<T>(compute: (name: string) => T): (name: string) => T {
  const cache = new Map<string, T>();
  return (name) => {
    let hit = cache.get(name);
    if (hit === undefined) {
      hit = compute(name);
      if (cache.size < 4096) cache.set(name, hit);
    }
    return hit;
  };
}

/** Zeek's Modbus `func` ("WRITE_MULTIPLE_REGISTERS", "unknown-100", "READ_COILS_EXCEPTION"). */
export const modbusFunction = memo(classifyModbus);

function classifyModbus(func: string): ModbusFunction {
  const exception = func.endsWith('_EXCEPTION');
  const bare = exception ? func.slice(0, -'_EXCEPTION'.length) : func;
  const known = modbusFunctions[bare];
  if (known) return { code: known[0], name: known[1], operation: modbusClasses[known[0]] ?? 'other', exception };
  const unknown = /^unknown-(\d{1,3})$/.exec(bare);
  if (unknown) {
    // Codes of 128 and above are exception responses to function (code - 128).
    const raw = Number(unknown[1]);
    const code = raw >= 128 ? raw - 128 : raw;
    const named = Object.values(modbusFunctions).find(([known]) => known === code);
    return { code, name: named ? named[1] : `Function ${code}`, operation: modbusClasses[code] ?? 'other', exception: exception || raw >= 128 };
  }
  return { name: titleCase(bare), operation: operationFromName(bare), exception };
}

export function modbusTable(code: number | undefined): string | undefined {
  return code === undefined ? undefined : modbusTables[code];
}

/** Exact names first (where a keyword would mislead), then keywords in an order where the most consequential wins. */
const exact: Readonly<Record<string, OperationClass>> = {
  'plc stop': 'stop',
  'plc control': 'start',
  'stop appl': 'stop',
  'start appl': 'start',
  'initialize appl': 'start',
  'cold restart': 'restart',
  'warm restart': 'restart',
  'unsolicited response': 'publish',
  response: 'other',
  confirm: 'other',
  'setup communication': 'session',
  'read szl': 'read',
  'report slave id': 'discovery',
  'list identity': 'discovery',
  'list services': 'discovery',
  'list interfaces': 'discovery',
  'register session': 'session',
  'unregister session': 'session',
  'device communication control': 'configuration-change',
  'reinitialize device': 'restart',
  'who is': 'discovery',
  'who has': 'discovery',
  'i am': 'discovery',
  'i have': 'discovery',
  'time synchronization': 'time-sync',
  'utc time synchronization': 'time-sync',
  'send cfg 1': 'read',
  'send cfg 2': 'read',
  'send cfg 3': 'read',
  'send hdr': 'read',
  'data on': 'configuration-change',
  'data off': 'configuration-change',
};

const keywordRules: readonly (readonly [RegExp, OperationClass])[] = [
  [/\bfirmware\b/, 'firmware-update'],
  [/\bdownload\b/, 'program-download'],
  [/\bupload\b/, 'program-upload'],
  [/\bstop\b/, 'stop'],
  [/\b(restart|reinitiali[sz]e|reboot|memory reset|reset)\b/, 'restart'],
  [/\b(start|run)\b/, 'start'],
  [/\b(mode|hold)\b/, 'mode-change'],
  [/\b(clock|time sync|delay measure|record current time)\b/, 'time-sync'],
  [/\b(unsolicited|assign class|save config|activate config|add nodes|delete nodes|add references|delete references|configuration)\b/, 'configuration-change'],
  [/\bfile\b/, 'file-operation'],
  [/\b(subscri\w*|monitored item\w*|cov)\b/, 'subscribe'],
  [/\b(notification|publish|unconfirmed event|confirmed event|event notification)\b/, 'publish'],
  [/\b(write|set|modify|force|operate|select|mask|direct operate)\b/, 'write'],
  [/\b(read|get|browse|query|translate)\b/, 'read'],
  [/\b(session|hello|hel|ack|opn|clo|open|close|connect|forward open|forward close|authenticat\w*|password|login|logon)\b/, 'session'],
  [/\b(identity|who|discover\w*|ident)\b/, 'discovery'],
];

/** A function or service name in any log's spelling onto an operation class; 'other' when nothing fits. */
export const operationFromName = memo(classifyName);

function classifyName(name: string): OperationClass {
  const normal = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/^(request|response):\s*/i, '')
    .replace(/[_\-/:]+/g, ' ')
    .trim()
    .toLowerCase();
  const hit = exact[normal];
  if (hit) return hit;
  for (const [pattern, operation] of keywordRules) if (pattern.test(normal)) return operation;
  return 'other';
}

/** "COLD_RESTART" → "Cold Restart"; names that already have case are kept. */
export function titleCase(name: string): string {
  if (/[a-z]/.test(name)) return name;
  return name
    .toLowerCase()
    .split(/[_\s]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/** Operations worth an operator's eye even when allowed: they change what the process does. */
const notable: ReadonlySet<OperationClass> = new Set<OperationClass>(['stop', 'start', 'restart', 'mode-change', 'program-download', 'firmware-update']);

export function isNotableOperation(operation: OperationClass | undefined): boolean {
  return operation !== undefined && notable.has(operation);
}

/** A Modbus function by code, for logs that give the number (Suricata `function_raw`). */
export function modbusByCode(code: number): ModbusFunction {
  const base = code >= 128 ? code - 128 : code;
  const named = Object.values(modbusFunctions).find(([known]) => known === base);
  return { code: base, name: named ? named[1] : `Function ${base}`, operation: modbusClasses[base] ?? 'other', exception: code >= 128 };
}

/** DNP3 application function codes (IEEE 1815), for logs that give the number. */
const dnp3Functions: Readonly<Record<number, string>> = {
  0: 'Confirm', 1: 'Read', 2: 'Write', 3: 'Select', 4: 'Operate', 5: 'Direct Operate', 6: 'Direct Operate No Ack',
  7: 'Immediate Freeze', 8: 'Immediate Freeze No Ack', 9: 'Freeze Clear', 10: 'Freeze Clear No Ack', 11: 'Freeze At Time',
  12: 'Freeze At Time No Ack', 13: 'Cold Restart', 14: 'Warm Restart', 15: 'Initialize Data', 16: 'Initialize Application',
  17: 'Start Application', 18: 'Stop Application', 19: 'Save Configuration', 20: 'Enable Unsolicited', 21: 'Disable Unsolicited',
  22: 'Assign Class', 23: 'Delay Measurement', 24: 'Record Current Time', 25: 'Open File', 26: 'Close File', 27: 'Delete File',
  28: 'Get File Info', 29: 'Authenticate File', 30: 'Abort File', 31: 'Activate Configuration', 32: 'Authentication Request',
  33: 'Authentication Request No Ack', 129: 'Response', 130: 'Unsolicited Response', 131: 'Authentication Response',
};

export function dnp3FunctionName(code: number): string {
  return dnp3Functions[code] ?? `Function ${code}`;
}
