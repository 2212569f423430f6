// OPC UA services by the numeric node id of their binary encoding (OPC 10000-6 NodeIds), and the
// operation class each request maps to.
import type { OperationClass } from '../types.js';

export interface ServiceInfo {
  /** Service name without "Request"/"Response": "Read", "CreateSession". */
  readonly name: string;
  readonly request: boolean;
  readonly operation: OperationClass;
}

/** [request node id, name, class]; the response encoding id is the request's + 3. */
const table: ReadonlyArray<readonly [number, string, OperationClass]> = [
  [422, 'FindServers', 'discovery'],
  [428, 'GetEndpoints', 'discovery'],
  [437, 'RegisterServer', 'configuration-change'],
  [446, 'OpenSecureChannel', 'session'],
  [452, 'CloseSecureChannel', 'session'],
  [461, 'CreateSession', 'session'],
  [467, 'ActivateSession', 'session'],
  [473, 'CloseSession', 'session'],
  [479, 'Cancel', 'other'],
  [488, 'AddNodes', 'configuration-change'],
  [494, 'AddReferences', 'configuration-change'],
  [500, 'DeleteNodes', 'configuration-change'],
  [506, 'DeleteReferences', 'configuration-change'],
  [527, 'Browse', 'discovery'],
  [533, 'BrowseNext', 'discovery'],
  [554, 'TranslateBrowsePathsToNodeIds', 'discovery'],
  [560, 'RegisterNodes', 'other'],
  [566, 'UnregisterNodes', 'other'],
  [615, 'QueryFirst', 'discovery'],
  [621, 'QueryNext', 'discovery'],
  [631, 'Read', 'read'],
  [664, 'HistoryRead', 'read'],
  [673, 'Write', 'write'],
  [700, 'HistoryUpdate', 'write'],
  [712, 'Call', 'other'],
  [751, 'CreateMonitoredItems', 'subscribe'],
  [763, 'ModifyMonitoredItems', 'subscribe'],
  [769, 'SetMonitoringMode', 'subscribe'],
  [775, 'SetTriggering', 'subscribe'],
  [781, 'DeleteMonitoredItems', 'subscribe'],
  [787, 'CreateSubscription', 'subscribe'],
  [793, 'ModifySubscription', 'subscribe'],
  [799, 'SetPublishingMode', 'subscribe'],
  [826, 'Publish', 'subscribe'],
  [832, 'Republish', 'subscribe'],
  [841, 'TransferSubscriptions', 'subscribe'],
  [847, 'DeleteSubscriptions', 'subscribe'],
  [12208, 'FindServersOnNetwork', 'discovery'],
  [12211, 'RegisterServer2', 'configuration-change'],
];

export const serviceFaultId = 397;

const byId = new Map<number, ServiceInfo>();
for (const [id, name, operation] of table) {
  byId.set(id, { name, request: true, operation });
  byId.set(id + 3, { name, request: false, operation });
}

export function serviceById(id: number): ServiceInfo | undefined {
  return byId.get(id);
}

export const ids = {
  getEndpointsRequest: 428,
  getEndpointsResponse: 431,
  findServersResponse: 425,
  openSecureChannelRequest: 446,
  createSessionRequest: 461,
  createSessionResponse: 464,
  activateSessionRequest: 467,
  readRequest: 631,
  writeRequest: 673,
  callRequest: 712,
  browseRequest: 527,
  createMonitoredItemsRequest: 751,
  createSubscriptionRequest: 787,
  anonymousIdentityToken: 321,
  userNameIdentityToken: 324,
  x509IdentityToken: 327,
  issuedIdentityToken: 940,
} as const;

/** A few status codes by name (OPC 10000-4); others print as hex. */
const statusNames: Readonly<Record<number, string>> = {
  0x80010000: 'BadUnexpectedError',
  0x80020000: 'BadInternalError',
  0x80030000: 'BadOutOfMemory',
  0x80040000: 'BadResourceUnavailable',
  0x80050000: 'BadCommunicationError',
  0x80060000: 'BadEncodingError',
  0x80070000: 'BadDecodingError',
  0x80080000: 'BadEncodingLimitsExceeded',
  0x80090000: 'BadUnknownResponse',
  0x800a0000: 'BadTimeout',
  0x800b0000: 'BadServiceUnsupported',
  0x800c0000: 'BadShutdown',
  0x800d0000: 'BadServerNotConnected',
  0x800e0000: 'BadServerHalted',
  0x800f0000: 'BadNothingToDo',
  0x80100000: 'BadTooManyOperations',
  0x80120000: 'BadCertificateInvalid',
  0x80130000: 'BadSecurityChecksFailed',
  0x801a0000: 'BadCertificateUntrusted',
  0x801f0000: 'BadUserAccessDenied',
  0x80200000: 'BadIdentityTokenInvalid',
  0x80210000: 'BadIdentityTokenRejected',
  0x80220000: 'BadSecureChannelIdInvalid',
  0x80230000: 'BadInvalidTimestamp',
  0x80240000: 'BadNonceInvalid',
  0x80250000: 'BadSessionIdInvalid',
  0x80260000: 'BadSessionClosed',
  0x80270000: 'BadSessionNotActivated',
  0x80280000: 'BadSubscriptionIdInvalid',
  0x802a0000: 'BadRequestHeaderInvalid',
  0x80330000: 'BadNodeIdInvalid',
  0x80340000: 'BadNodeIdUnknown',
  0x80350000: 'BadAttributeIdInvalid',
  0x803a0000: 'BadNotReadable',
  0x803b0000: 'BadNotWritable',
  0x803c0000: 'BadOutOfRange',
  0x803d0000: 'BadNotSupported',
  0x803e0000: 'BadNotFound',
  0x80400000: 'BadNotImplemented',
  0x80540000: 'BadSecurityModeRejected',
  0x80550000: 'BadSecurityPolicyRejected',
  0x80560000: 'BadTooManySessions',
  0x80570000: 'BadUserSignatureInvalid',
  0x80740000: 'BadTypeMismatch',
  0x80750000: 'BadMethodInvalid',
  0x80760000: 'BadArgumentsMissing',
  0x807d0000: 'BadTcpServerTooBusy',
  0x807e0000: 'BadTcpMessageTypeInvalid',
  0x807f0000: 'BadTcpSecureChannelUnknown',
  0x80800000: 'BadTcpMessageTooLarge',
  0x80810000: 'BadTcpNotEnoughResources',
  0x80820000: 'BadTcpInternalError',
  0x80830000: 'BadTcpEndpointUrlInvalid',
  0x80840000: 'BadRequestInterrupted',
  0x80850000: 'BadRequestTimeout',
  0x80860000: 'BadSecureChannelClosed',
  0x80870000: 'BadSecureChannelTokenUnknown',
  0x80880000: 'BadSequenceNumberInvalid',
  0x80b80000: 'BadRequestTooLarge',
  0x80b90000: 'BadResponseTooLarge',
  0x80be0000: 'BadProtocolVersionUnsupported',
  0x80e60000: 'BadSecurityModeInsufficient',
  0x80e50000: 'BadTooManyArguments',
};

export function statusText(code: number): string {
  const hex = `0x${code.toString(16).padStart(8, '0')}`;
  const name = statusNames[code >>> 0] ?? statusNames[(code & 0xffff0000) >>> 0];
  return name ? `${name} (${hex})` : hex;
}
