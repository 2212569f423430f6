// Omron FINS vocabulary (FINS commands reference manual): command names and the operation class
// each command means for detection, memory area codes, end codes.
import type { OperationClass } from '../types.js';

export interface FinsCommand {
  readonly name: string;
  readonly operation: OperationClass;
}

const commands: ReadonlyArray<readonly [number, string, OperationClass]> = [
  [0x0101, 'Memory Area Read', 'read'],
  [0x0102, 'Memory Area Write', 'write'],
  [0x0103, 'Memory Area Fill', 'write'],
  [0x0104, 'Multiple Memory Area Read', 'read'],
  [0x0105, 'Memory Area Transfer', 'write'],
  [0x0201, 'Parameter Area Read', 'read'],
  [0x0202, 'Parameter Area Write', 'configuration-change'],
  [0x0203, 'Parameter Area Clear', 'configuration-change'],
  [0x0220, 'Data Link Table Read', 'read'],
  [0x0221, 'Data Link Table Write', 'configuration-change'],
  [0x0304, 'Program Area Protect', 'configuration-change'],
  [0x0305, 'Program Area Protect Clear', 'configuration-change'],
  [0x0306, 'Program Area Read', 'program-upload'],
  [0x0307, 'Program Area Write', 'program-download'],
  [0x0308, 'Program Area Clear', 'program-download'],
  [0x0401, 'Run', 'start'],
  [0x0402, 'Stop', 'stop'],
  [0x0403, 'Reset', 'restart'],
  [0x0501, 'Controller Data Read', 'discovery'],
  [0x0502, 'Connection Data Read', 'discovery'],
  [0x0601, 'Controller Status Read', 'read'],
  [0x0602, 'Network Status Read', 'read'],
  [0x0603, 'Data Link Status Read', 'read'],
  [0x0620, 'Cycle Time Read', 'read'],
  [0x0701, 'Clock Read', 'read'],
  [0x0702, 'Clock Write', 'time-sync'],
  [0x0801, 'Loop-back Test', 'other'],
  [0x0802, 'Broadcast Test Results Read', 'other'],
  [0x0803, 'Broadcast Test Data Send', 'other'],
  [0x0920, 'Message Read/Clear, FAL/FALS Read', 'read'],
  [0x0c01, 'Access Right Acquire', 'session'],
  [0x0c02, 'Access Right Forced Acquire', 'session'],
  [0x0c03, 'Access Right Release', 'session'],
  [0x2101, 'Error Clear', 'other'],
  [0x2102, 'Error Log Read', 'read'],
  [0x2103, 'Error Log Pointer Clear', 'other'],
  [0x2201, 'File Name Read', 'file-operation'],
  [0x2202, 'Single File Read', 'file-operation'],
  [0x2203, 'Single File Write', 'file-operation'],
  [0x2204, 'File Memory Format', 'file-operation'],
  [0x2205, 'File Delete', 'file-operation'],
  [0x2206, 'Volume Label Create/Delete', 'file-operation'],
  [0x2207, 'File Copy', 'file-operation'],
  [0x2208, 'File Name Change', 'file-operation'],
  [0x2209, 'File Data Check', 'file-operation'],
  [0x220a, 'Memory Area File Transfer', 'file-operation'],
  [0x220b, 'Parameter Area File Transfer', 'file-operation'],
  [0x220c, 'Program Area File Transfer', 'file-operation'],
  [0x2215, 'Directory Create/Delete', 'file-operation'],
  [0x2301, 'Forced Set/Reset', 'write'],
  [0x2302, 'Forced Set/Reset Cancel', 'write'],
  [0x2601, 'Name Set', 'configuration-change'],
  [0x2602, 'Name Delete', 'configuration-change'],
  [0x2603, 'Name Read', 'read'],
];

const commandTable = new Map<number, FinsCommand>(commands.map(([code, name, operation]) => [code, { name, operation }]));

export function finsCommand(code: number): FinsCommand | undefined {
  return commandTable.get(code);
}

/** CS/CJ-mode memory area codes (the ones a FINS command names in its first data byte). */
const areaNames = new Map<number, string>([
  [0x30, 'CIO bit'],
  [0x31, 'WR bit'],
  [0x32, 'HR bit'],
  [0x33, 'AR bit'],
  [0x70, 'CIO bit (forced)'],
  [0x71, 'WR bit (forced)'],
  [0x72, 'HR bit (forced)'],
  [0xb0, 'CIO'],
  [0xb1, 'WR'],
  [0xb2, 'HR'],
  [0xb3, 'AR'],
  [0xf0, 'CIO (forced)'],
  [0xf1, 'WR (forced)'],
  [0xf2, 'HR (forced)'],
  [0x09, 'TIM/CNT flag'],
  [0x49, 'TIM/CNT flag (forced)'],
  [0x89, 'TIM/CNT PV'],
  [0x02, 'DM bit'],
  [0x82, 'DM'],
  [0x98, 'EM current bank'],
  [0xbc, 'DR'],
  [0xdc, 'IR'],
  [0x06, 'TK bit'],
  [0x46, 'TK'],
  [0x07, 'IR/DR'],
  [0x80, 'CIO (CV)'],
  [0x81, 'TIM/CNT PV (CV)'],
  [0x01, 'TIM/CNT flag (CV)'],
  [0x00, 'CIO bit (CV)'],
  [0x9c, 'DR (CV)'],
]);

export function areaName(code: number): string {
  const known = areaNames.get(code);
  if (known !== undefined) return known;
  if (code >= 0x20 && code <= 0x2f) return `EM${(code - 0x20).toString(16).toUpperCase()} bit`;
  if (code >= 0xa0 && code <= 0xaf) return `EM${(code - 0xa0).toString(16).toUpperCase()}`;
  if (code >= 0x90 && code <= 0x97) return `EM${code - 0x90} (CV)`;
  return `area 0x${code.toString(16).padStart(2, '0')}`;
}

/** Bit areas address single bits: one data byte per item instead of two. */
export function isBitArea(code: number): boolean {
  return (code & 0x80) === 0;
}

const endCodes = new Map<number, string>([
  [0x0001, 'Service canceled'],
  [0x0101, 'Local node not in network'],
  [0x0102, 'Token timeout'],
  [0x0103, 'Retries failed'],
  [0x0104, 'Too many send frames'],
  [0x0105, 'Node address range error'],
  [0x0106, 'Node address duplication'],
  [0x0201, 'Destination node not in network'],
  [0x0202, 'Unit missing'],
  [0x0203, 'Third node missing'],
  [0x0204, 'Destination node busy'],
  [0x0205, 'Response timeout'],
  [0x0301, 'Communications controller error'],
  [0x0302, 'CPU Unit error'],
  [0x0303, 'Controller error'],
  [0x0304, 'Unit number error'],
  [0x0401, 'Undefined command'],
  [0x0402, 'Not supported by model/version'],
  [0x0501, 'Destination address setting error'],
  [0x0502, 'No routing tables'],
  [0x0503, 'Routing table error'],
  [0x0504, 'Too many relays'],
  [0x1001, 'Command too long'],
  [0x1002, 'Command too short'],
  [0x1003, 'Elements/data do not match'],
  [0x1004, 'Command format error'],
  [0x1005, 'Header error'],
  [0x1101, 'Area classification missing'],
  [0x1102, 'Access size error'],
  [0x1103, 'Address range error'],
  [0x1104, 'Address range exceeded'],
  [0x1106, 'Program missing'],
  [0x1109, 'Relational error'],
  [0x110a, 'Duplicate data access'],
  [0x110b, 'Response too long'],
  [0x110c, 'Parameter error'],
  [0x2002, 'Protected'],
  [0x2003, 'Table missing'],
  [0x2004, 'Data missing'],
  [0x2005, 'Program missing'],
  [0x2006, 'File missing'],
  [0x2007, 'Data mismatch'],
  [0x2101, 'Read-only'],
  [0x2102, 'Protected'],
  [0x2103, 'Cannot register'],
  [0x2105, 'Program missing'],
  [0x2106, 'File missing'],
  [0x2107, 'File name already exists'],
  [0x2108, 'Cannot change'],
  [0x2201, 'Not possible during execution'],
  [0x2202, 'Not possible while running'],
  [0x2203, 'Wrong PLC mode (program)'],
  [0x2204, 'Wrong PLC mode (debug)'],
  [0x2205, 'Wrong PLC mode (monitor)'],
  [0x2206, 'Wrong PLC mode (run)'],
  [0x2207, 'Specified node not polling node'],
  [0x2208, 'Step cannot be executed'],
  [0x2301, 'File device missing'],
  [0x2302, 'Memory missing'],
  [0x2303, 'Clock missing'],
  [0x2401, 'Table missing'],
  [0x2502, 'Memory error'],
  [0x2503, 'I/O setting error'],
  [0x2504, 'Too many I/O points'],
  [0x2505, 'CPU bus error'],
  [0x2506, 'I/O duplication'],
  [0x2507, 'I/O bus error'],
  [0x2509, 'SYSMAC BUS/2 error'],
  [0x250a, 'CPU Bus Unit error'],
  [0x250d, 'SYSMAC BUS number duplication'],
  [0x250f, 'Memory error'],
  [0x2510, 'SYSMAC BUS terminator missing'],
  [0x2601, 'No protection'],
  [0x2602, 'Incorrect password'],
  [0x2604, 'Protected'],
  [0x2605, 'Service already executing'],
  [0x2606, 'Service stopped'],
  [0x2607, 'No execution right'],
  [0x2608, 'Settings not complete'],
  [0x2609, 'Necessary items not set'],
  [0x260a, 'Number already defined'],
  [0x260b, 'Error will not clear'],
  [0x3001, 'No access right'],
  [0x4001, 'Service aborted'],
]);

/**
 * Text for an end code. The top bit of the main code flags a relay error and the top two bits of the
 * sub code flag non-fatal/fatal CPU errors; the code proper is what remains.
 */
export function endCodeText(code: number): string {
  const proper = code & 0x7f3f;
  const hex = `0x${code.toString(16).padStart(4, '0')}`;
  return `${endCodes.get(proper) ?? 'Unknown end code'} (${hex})`;
}

/** True when the end code reports success: 0x0000, possibly with the CPU error flags of the sub code. */
export function isNormalCompletion(code: number): boolean {
  return (code & 0x7f3f) === 0;
}
