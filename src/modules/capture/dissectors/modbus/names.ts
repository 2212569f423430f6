// Modbus vocabulary from the Modbus Application Protocol Specification V1.1b3, indexed by code
// so the hot path does one array read instead of a switch.
import type { OperationClass } from '../types.js';

export const functionNames: readonly (string | undefined)[] = (() => {
  const names: (string | undefined)[] = new Array<string | undefined>(128).fill(undefined);
  names[1] = 'Read Coils';
  names[2] = 'Read Discrete Inputs';
  names[3] = 'Read Holding Registers';
  names[4] = 'Read Input Registers';
  names[5] = 'Write Single Coil';
  names[6] = 'Write Single Register';
  names[7] = 'Read Exception Status';
  names[8] = 'Diagnostics';
  names[11] = 'Get Comm Event Counter';
  names[12] = 'Get Comm Event Log';
  names[15] = 'Write Multiple Coils';
  names[16] = 'Write Multiple Registers';
  names[17] = 'Report Server ID';
  names[20] = 'Read File Record';
  names[21] = 'Write File Record';
  names[22] = 'Mask Write Register';
  names[23] = 'Read/Write Multiple Registers';
  names[24] = 'Read FIFO Queue';
  names[43] = 'Encapsulated Interface Transport';
  return names;
})();

/** Operation class per function code; 8 and 43 depend on the sub-function and are decided in the dissector. */
export const functionClasses: readonly (OperationClass | undefined)[] = (() => {
  const classes: (OperationClass | undefined)[] = new Array<OperationClass | undefined>(128).fill(undefined);
  for (const fc of [1, 2, 3, 4, 7, 11, 12, 20, 24]) classes[fc] = 'read';
  for (const fc of [5, 6, 15, 16, 21, 22, 23]) classes[fc] = 'write';
  classes[17] = 'discovery';
  return classes;
})();

export const exceptionNames: readonly (string | undefined)[] = [
  undefined,
  'Illegal Function',
  'Illegal Data Address',
  'Illegal Data Value',
  'Server Device Failure',
  'Acknowledge',
  'Server Device Busy',
  'Negative Acknowledge',
  'Memory Parity Error',
  undefined,
  'Gateway Path Unavailable',
  'Gateway Target Device Failed to Respond',
];

export const diagnosticNames: readonly (string | undefined)[] = [
  'Return Query Data',
  'Restart Communications Option',
  'Return Diagnostic Register',
  'Change ASCII Input Delimiter',
  'Force Listen Only Mode',
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  'Clear Counters and Diagnostic Register',
  'Return Bus Message Count',
  'Return Bus Communication Error Count',
  'Return Bus Exception Error Count',
  'Return Server Message Count',
  'Return Server No Response Count',
  'Return Server NAK Count',
  'Return Server Busy Count',
  'Return Bus Character Overrun Count',
  undefined,
  'Clear Overrun Counter and Flag',
];

/** What a request's register range names, per function code (zero-based protocol addresses). */
export const tableNames: readonly (string | undefined)[] = (() => {
  const names: (string | undefined)[] = new Array<string | undefined>(128).fill(undefined);
  names[1] = 'coils';
  names[2] = 'discrete inputs';
  names[3] = 'holding registers';
  names[4] = 'input registers';
  names[5] = 'coil';
  names[6] = 'holding register';
  names[15] = 'coils';
  names[16] = 'holding registers';
  names[22] = 'holding register';
  names[24] = 'FIFO queue';
  return names;
})();
