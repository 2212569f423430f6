// DNP3 (IEEE 1815-2012) vocabulary: application function codes with their operation classes,
// link-layer function codes and internal indication bits.
import type { OperationClass } from '../types.js';

export interface FunctionInfo {
  readonly name: string;
  /** undefined: not an operation (confirm, responses). */
  readonly operation: OperationClass | undefined;
  /** Requests whose object headers carry no object data (ranges only). */
  readonly headersOnly: boolean;
  /** tshark decodes this function's objects (so their fields are compared). */
  readonly decoded: boolean;
}

const decodedFunctions = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 25, 26, 27, 129, 130]);

function info(code: number, name: string, operation: OperationClass | undefined, headersOnly = false): FunctionInfo {
  return { name, operation, headersOnly, decoded: decodedFunctions.has(code) };
}

export const functionInfo: ReadonlyMap<number, FunctionInfo> = new Map([
  [0, info(0, 'Confirm', undefined, true)],
  [1, info(1, 'Read', 'read', true)],
  [2, info(2, 'Write', 'write')],
  [3, info(3, 'Select', 'write')],
  [4, info(4, 'Operate', 'write')],
  [5, info(5, 'Direct Operate', 'write')],
  [6, info(6, 'Direct Operate No Ack', 'write')],
  [7, info(7, 'Immediate Freeze', 'other', true)],
  [8, info(8, 'Immediate Freeze No Ack', 'other', true)],
  [9, info(9, 'Freeze and Clear', 'other', true)],
  [10, info(10, 'Freeze and Clear No Ack', 'other', true)],
  [11, info(11, 'Freeze at Time', 'other')],
  [12, info(12, 'Freeze at Time No Ack', 'other')],
  [13, info(13, 'Cold Restart', 'restart')],
  [14, info(14, 'Warm Restart', 'restart')],
  [15, info(15, 'Initialize Data', 'other')],
  [16, info(16, 'Initialize Application', 'start')],
  [17, info(17, 'Start Application', 'start')],
  [18, info(18, 'Stop Application', 'stop')],
  [19, info(19, 'Save Configuration', 'configuration-change')],
  [20, info(20, 'Enable Unsolicited', 'configuration-change')],
  [21, info(21, 'Disable Unsolicited', 'configuration-change')],
  [22, info(22, 'Assign Class', 'configuration-change', true)],
  [23, info(23, 'Delay Measurement', 'time-sync')],
  [24, info(24, 'Record Current Time', 'time-sync')],
  [25, info(25, 'Open File', 'file-operation')],
  [26, info(26, 'Close File', 'file-operation')],
  [27, info(27, 'Delete File', 'file-operation')],
  [28, info(28, 'Get File Info', 'file-operation')],
  [29, info(29, 'Authenticate File', 'file-operation')],
  [30, info(30, 'Abort File', 'file-operation')],
  [31, info(31, 'Activate Configuration', 'configuration-change')],
  [32, info(32, 'Authentication Request', 'session')],
  [33, info(33, 'Authentication Request No Ack', 'session')],
  [129, info(129, 'Response', undefined)],
  [130, info(130, 'Unsolicited Response', 'publish')],
  [131, info(131, 'Authentication Response', undefined)],
]);

/** Second IIN octet bits that mean the outstation refused or could not do the request. */
export const iinErrors: readonly (readonly [number, string])[] = [
  [0x01, 'function code not implemented'],
  [0x02, 'requested objects unknown'],
  [0x04, 'parameters invalid or out of range'],
  [0x08, 'event buffer overflow'],
  [0x10, 'operation already executing'],
  [0x20, 'configuration corrupt'],
];

/** Control status codes of CROB and analog output responses (IEEE 1815 table 11-9). */
export const controlStatusNames: readonly string[] = [
  'success',
  'timeout',
  'no select',
  'format error',
  'not supported',
  'already active',
  'hardware error',
  'local',
  'too many objects',
  'not authorized',
  'automation inhibit',
  'processing limited',
  'out of range',
  'downstream local',
  'already complete',
  'blocked',
  'canceled',
  'blocked other master',
  'downstream fail',
];

/** CROB operation types (control code low nibble). */
export const crobOperations: readonly string[] = ['Nul', 'Pulse On', 'Pulse Off', 'Latch On', 'Latch Off'];
