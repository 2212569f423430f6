// S7comm vocabulary: job functions, memory areas, transport sizes, item return codes, error codes,
// userdata function groups and subfunctions with the operation class each means for detection.
import type { OperationClass } from '../types.js';

export const functionNames = new Map<number, string>([
  [0x00, 'CPU services'],
  [0x04, 'Read Var'],
  [0x05, 'Write Var'],
  [0x1a, 'Request Download'],
  [0x1b, 'Download Block'],
  [0x1c, 'Download Ended'],
  [0x1d, 'Start Upload'],
  [0x1e, 'Upload'],
  [0x1f, 'End Upload'],
  [0x28, 'PI Service'],
  [0x29, 'PLC Stop'],
  [0xf0, 'Setup Communication'],
]);

/** Area code → the prefix used in S7 addresses ("DB", "M", "I"...). */
export const areaPrefixes = new Map<number, string>([
  [0x03, 'SYSINFO'],
  [0x05, 'SF'],
  [0x06, 'AI'],
  [0x07, 'AQ'],
  [0x1c, 'C'],
  [0x1d, 'T'],
  [0x1e, 'IEC C'],
  [0x1f, 'IEC T'],
  [0x80, 'P'],
  [0x81, 'I'],
  [0x82, 'Q'],
  [0x83, 'M'],
  [0x84, 'DB'],
  [0x85, 'DI'],
  [0x86, 'L'],
  [0x87, 'V'],
]);

export const transportSizes = [
  '',
  'BIT',
  'BYTE',
  'CHAR',
  'WORD',
  'INT',
  'DWORD',
  'DINT',
  'REAL',
  'DATE',
  'TOD',
  'TIME',
  'S5TIME',
  '',
  '',
  'DATE_AND_TIME',
];

export function transportSizeName(size: number): string {
  if (size === 28) return 'COUNTER';
  if (size === 29) return 'TIMER';
  if (size === 30) return 'IEC TIMER';
  if (size === 31) return 'IEC COUNTER';
  if (size === 32) return 'HS COUNTER';
  return transportSizes[size] || `size ${size}`;
}

const returnCodes = new Map<number, string>([
  [0x00, 'Reserved'],
  [0x01, 'Hardware error'],
  [0x03, 'Accessing the object not allowed'],
  [0x05, 'Invalid address'],
  [0x06, 'Data type not supported'],
  [0x07, 'Data type inconsistent'],
  [0x0a, 'Object does not exist'],
  [0xff, 'Success'],
]);

export function returnCodeText(code: number): string {
  return `${returnCodes.get(code) ?? 'Unknown return code'} (0x${code.toString(16).padStart(2, '0')})`;
}

const errorClasses = new Map<number, string>([
  [0x81, 'Application relationship error'],
  [0x82, 'Object definition error'],
  [0x83, 'No resources available'],
  [0x84, 'Error on service processing'],
  [0x85, 'Error on supplies'],
  [0x87, 'Access error'],
]);

/** The most frequent parameter error codes (class << 8 | code), from the STEP 7 system documentation. */
const errorCodes = new Map<number, string>([
  [0x0110, 'Invalid block number'],
  [0x0111, 'Invalid request length'],
  [0x0112, 'Invalid parameter'],
  [0x0113, 'Invalid block type'],
  [0x0114, 'Block not found'],
  [0x0115, 'Block already exists'],
  [0x0116, 'Block is write-protected'],
  [0x0117, 'Block or operating system update too large'],
  [0x0119, 'Incorrect password entered'],
  [0x011c, 'Protocol error'],
  [0x8001, 'Service not possible in the current block status'],
  [0x8104, 'Service not implemented on the module'],
  [0x8301, 'Insufficient memory on the module'],
  [0x8304, 'No further parallel upload possible'],
  [0x8404, 'Function cannot be performed'],
  [0x8500, 'Wrong frames'],
  [0x8701, 'Error addressing the object'],
  [0x8702, 'Service not supported by the module'],
  [0x8703, 'Access to object refused'],
  [0x8704, 'Object damaged'],
  [0xd081, 'Function not permitted in current mode'],
  [0xd0a1, 'Function not permitted in current protection level'],
  [0xd0a5, 'Referenced job not found'],
  [0xd0ad, 'Operating mode already set'],
  [0xd201, 'Syntax error in block name'],
  [0xd202, 'Syntax error in function parameters'],
  [0xd209, 'Block not found on the module'],
  [0xd20c, 'OB cannot be copied: priority class does not exist'],
  [0xd20e, 'No (further) block available'],
  [0xd210, 'Invalid block number'],
  [0xd241, 'Function not permitted in current protection level'],
  [0xd2a9, 'New parameters are being assigned to the CPU'],
  [0xd401, 'Information function unavailable'],
  [0xd402, 'Information function unavailable'],
  [0xd602, 'Incorrect password entered'],
  [0xd603, 'Connection already legitimized'],
  [0xd604, 'Connection already enabled'],
  [0xd605, 'Password does not exist'],
  [0xd801, 'At least one tag address is invalid'],
  [0xd802, 'Specified job does not exist'],
  [0xdc01, 'Date and/or time invalid'],
]);

export function errorText(cls: number, code: number): string {
  const value = (cls << 8) | code;
  const hex = `0x${value.toString(16).padStart(4, '0')}`;
  const known = errorCodes.get(value);
  if (known !== undefined) return `${known} (${hex})`;
  return `${errorClasses.get(cls) ?? 'Error code'} (${hex})`;
}

export const blockTypes = new Map<string, string>([
  ['08', 'OB'],
  ['0A', 'DB'],
  ['0B', 'SDB'],
  ['0C', 'FC'],
  ['0D', 'SFC'],
  ['0E', 'FB'],
  ['0F', 'SFB'],
]);

export interface UserdataFunction {
  readonly name: string;
  /** What a request (type 4) means; undefined when requests of this kind are not operations. */
  readonly operation: OperationClass | undefined;
}

const groupNames = [
  'Mode transition',
  'Programmer commands',
  'Cyclic services',
  'Block functions',
  'CPU functions',
  'Security',
  'PBC BSEND/BRECV',
  'Time functions',
];

type Row = readonly [number, number, string, OperationClass | undefined];

const userdataRows: readonly Row[] = [
  [1, 1, 'Block status', 'read'],
  [1, 2, 'Variable status', 'read'],
  [1, 3, 'Output ISTACK', 'read'],
  [1, 4, 'Output BSTACK', 'read'],
  [1, 5, 'Output LSTACK', 'read'],
  [1, 6, 'Time measurement', 'other'],
  [1, 7, 'Force selection', 'read'],
  [1, 8, 'Modify variable', 'write'],
  [1, 9, 'Force', 'write'],
  [1, 10, 'Breakpoint', 'other'],
  [1, 11, 'Exit HOLD', 'mode-change'],
  [1, 12, 'Memory reset', 'restart'],
  [1, 13, 'Disable job', 'other'],
  [1, 14, 'Enable job', 'other'],
  [1, 15, 'Delete job', 'other'],
  [1, 16, 'Read job list', 'read'],
  [1, 17, 'Read job', 'read'],
  [1, 18, 'Replace job', 'other'],
  [1, 19, 'Block status v2', 'read'],
  [1, 22, 'Flash LED', 'other'],
  [2, 1, 'Cyclic transfer', 'subscribe'],
  [2, 4, 'Unsubscribe', 'subscribe'],
  [2, 5, 'Change driven transfer', 'subscribe'],
  [2, 7, 'Change driven transfer modify', 'subscribe'],
  [2, 8, 'RDREC', 'read'],
  [3, 1, 'List blocks', 'read'],
  [3, 2, 'List blocks of type', 'read'],
  [3, 3, 'Get block info', 'read'],
  [4, 1, 'Read SZL', 'read'],
  [4, 2, 'Message service', 'subscribe'],
  [4, 3, 'Diagnostic message', undefined],
  [4, 5, 'ALARM_8 indication', undefined],
  [4, 6, 'NOTIFY indication', undefined],
  [4, 7, 'ALARM_8 lock', 'configuration-change'],
  [4, 8, 'ALARM_8 unlock', 'configuration-change'],
  [4, 9, 'SCAN indication', undefined],
  [4, 11, 'ALARM ack', 'other'],
  [4, 12, 'ALARM ack indication', undefined],
  [4, 13, 'ALARM lock indication', undefined],
  [4, 14, 'ALARM unlock indication', undefined],
  [4, 17, 'ALARM_SQ indication', undefined],
  [4, 18, 'ALARM_S indication', undefined],
  [4, 19, 'ALARM query', 'read'],
  [4, 22, 'NOTIFY_8 indication', undefined],
  [5, 1, 'PLC password', 'session'],
  [5, 2, 'Clean session', 'session'],
  [7, 1, 'Read clock', 'read'],
  [7, 2, 'Set clock', 'time-sync'],
  [7, 3, 'Read clock (following)', 'read'],
  [7, 4, 'Set clock', 'time-sync'],
  [15, 1, 'NC request download', 'program-download'],
  [15, 2, 'NC download block', 'program-download'],
  [15, 3, 'NC continue download', 'program-download'],
  [15, 4, 'NC download ended', 'program-download'],
  [15, 6, 'NC start upload', 'program-upload'],
  [15, 7, 'NC upload', 'program-upload'],
  [15, 8, 'NC continue upload', 'program-upload'],
];

const userdataTable = new Map<number, UserdataFunction>(userdataRows.map(([g, s, name, operation]) => [(g << 8) | s, { name, operation }]));

export function userdataFunction(group: number, subfunction: number): UserdataFunction {
  const known = userdataTable.get((group << 8) | subfunction);
  if (known !== undefined) return known;
  const groupName = group === 15 ? 'NC programming' : groupNames[group] ?? `Function group ${group}`;
  return { name: `${groupName} subfunction ${subfunction}`, operation: group === 0 ? undefined : 'other' };
}

/** PI services: what starting each program invocation means. */
export function piServiceOperation(service: string): OperationClass {
  if (service === '_INSE' || service === '_DELE') return 'program-download';
  if (service === 'P_PROGRAM') return 'start';
  if (service === '_MODU' || service === '_GARB') return 'configuration-change';
  return 'other';
}
