// MMS (ISO 9506-2) service names and the operation class each confirmed service maps to.
import type { OperationClass } from '../types.js';

/** ConfirmedServiceRequest/Response choice numbers 0..77. */
export const confirmedServiceNames: readonly string[] = [
  'status', 'getNameList', 'identify', 'rename', 'read', 'write', 'getVariableAccessAttributes',
  'defineNamedVariable', 'defineScatteredAccess', 'getScatteredAccessAttributes', 'deleteVariableAccess',
  'defineNamedVariableList', 'getNamedVariableListAttributes', 'deleteNamedVariableList', 'defineNamedType',
  'getNamedTypeAttributes', 'deleteNamedType', 'input', 'output', 'takeControl', 'relinquishControl',
  'defineSemaphore', 'deleteSemaphore', 'reportSemaphoreStatus', 'reportPoolSemaphoreStatus',
  'reportSemaphoreEntryStatus', 'initiateDownloadSequence', 'downloadSegment', 'terminateDownloadSequence',
  'initiateUploadSequence', 'uploadSegment', 'terminateUploadSequence', 'requestDomainDownload',
  'requestDomainUpload', 'loadDomainContent', 'storeDomainContent', 'deleteDomain', 'getDomainAttributes',
  'createProgramInvocation', 'deleteProgramInvocation', 'start', 'stop', 'resume', 'reset', 'kill',
  'getProgramInvocationAttributes', 'obtainFile', 'defineEventCondition', 'deleteEventCondition',
  'getEventConditionAttributes', 'reportEventConditionStatus', 'alterEventConditionMonitoring', 'triggerEvent',
  'defineEventAction', 'deleteEventAction', 'getEventActionAttributes', 'reportEventActionStatus',
  'defineEventEnrollment', 'deleteEventEnrollment', 'alterEventEnrollment', 'reportEventEnrollmentStatus',
  'getEventEnrollmentAttributes', 'acknowledgeEventNotification', 'getAlarmSummary',
  'getAlarmEnrollmentSummary', 'readJournal', 'writeJournal', 'initializeJournal', 'reportJournalStatus',
  'createJournal', 'deleteJournal', 'getCapabilityList', 'fileOpen', 'fileRead', 'fileClose', 'fileRename',
  'fileDelete', 'fileDirectory',
];

const classes: Readonly<Record<number, OperationClass>> = {
  0: 'discovery',
  1: 'discovery',
  2: 'discovery',
  3: 'configuration-change',
  4: 'read',
  5: 'write',
  6: 'discovery',
  7: 'configuration-change',
  8: 'configuration-change',
  9: 'discovery',
  10: 'configuration-change',
  11: 'configuration-change',
  12: 'discovery',
  13: 'configuration-change',
  14: 'configuration-change',
  15: 'discovery',
  16: 'configuration-change',
  26: 'program-download',
  27: 'program-download',
  28: 'program-download',
  29: 'program-upload',
  30: 'program-upload',
  31: 'program-upload',
  32: 'program-download',
  33: 'program-upload',
  34: 'program-download',
  35: 'program-upload',
  36: 'configuration-change',
  37: 'discovery',
  38: 'configuration-change',
  39: 'configuration-change',
  40: 'start',
  41: 'stop',
  42: 'start',
  43: 'restart',
  44: 'stop',
  45: 'discovery',
  46: 'file-operation',
  47: 'configuration-change',
  48: 'configuration-change',
  49: 'read',
  50: 'read',
  51: 'configuration-change',
  52: 'other',
  53: 'configuration-change',
  54: 'configuration-change',
  55: 'read',
  56: 'read',
  57: 'configuration-change',
  58: 'configuration-change',
  59: 'configuration-change',
  60: 'read',
  61: 'read',
  63: 'read',
  64: 'read',
  65: 'read',
  66: 'write',
  67: 'write',
  68: 'read',
  69: 'configuration-change',
  70: 'configuration-change',
  71: 'discovery',
  72: 'file-operation',
  73: 'file-operation',
  74: 'file-operation',
  75: 'file-operation',
  76: 'file-operation',
  77: 'file-operation',
};

export function confirmedServiceClass(service: number): OperationClass {
  return classes[service] ?? 'other';
}

export function confirmedServiceName(service: number): string {
  return confirmedServiceNames[service] ?? `service ${service}`;
}

export const unconfirmedServiceNames: readonly string[] = ['informationReport', 'unsolicitedStatus', 'eventNotification'];

export const errorClassNames: readonly string[] = [
  'vmd-state', 'application-reference', 'definition', 'resource', 'service', 'service-preempt',
  'time-resolution', 'access', 'initiate', 'conclude', 'cancel', 'file', 'others',
];

/** Error codes for the classes where a name helps; others print as numbers. */
export const errorCodeNames: Readonly<Record<number, readonly string[]>> = {
  2: ['other', 'object-undefined', 'invalid-address', 'type-unsupported', 'type-inconsistent', 'object-exists', 'object-attribute-inconsistent'],
  4: ['other', 'primitives-out-of-sequence', 'object-state-conflict', 'pdu-size', 'continuation-invalid', 'object-constraint-conflict'],
  7: ['other', 'object-access-unsupported', 'object-non-existent', 'object-access-denied', 'object-invalidated'],
  11: [
    'other', 'filename-ambiguous', 'file-busy', 'filename-syntax-error', 'content-type-invalid', 'position-invalid',
    'file-access-denied', 'file-non-existent', 'duplicate-filename', 'insufficient-space-in-filestore',
  ],
};

export const dataAccessErrors: readonly string[] = [
  'object-invalidated', 'hardware-fault', 'temporarily-unavailable', 'object-access-denied', 'object-undefined',
  'invalid-address', 'type-unsupported', 'type-inconsistent', 'object-attribute-inconsistent',
  'object-access-unsupported', 'object-non-existent', 'object-value-invalid',
];

export const rejectPduNames: readonly string[] = [
  '', 'confirmed-requestPDU', 'confirmed-responsePDU', 'confirmed-errorPDU', 'unconfirmedPDU', 'pdu-error',
  'cancel-requestPDU', 'cancel-responsePDU', 'cancel-errorPDU', 'conclude-requestPDU', 'conclude-responsePDU',
  'conclude-errorPDU',
];

/** Basic object classes of getNameList. */
export const objectClassNames: readonly string[] = [
  'namedVariable', 'scatteredAccess', 'namedVariableList', 'namedType', 'semaphore', 'eventCondition',
  'eventAction', 'eventEnrollment', 'journal', 'domain', 'programInvocation', 'operatorStation', 'dataExchange',
  'accessControlList',
];

export const objectClassDomain = 9;
