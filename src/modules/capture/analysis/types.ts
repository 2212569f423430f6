// What a capture analysis produces: hosts with identity and evidence, communications, operations.
import type { IdentityAttribute, OperationClass, ProtocolId } from '../dissectors/types.js';

export const deviceRoles = [
  'plc',
  'rtu',
  'ied',
  'hmi',
  'engineering-workstation',
  'historian',
  'scada-server',
  'gateway',
  'broker',
  'io-device',
  'io-controller',
  'building-controller',
] as const;
export type DeviceRole = (typeof deviceRoles)[number];

export interface Evidence {
  readonly protocol: ProtocolId | 'ethernet';
  /** Up to a few frame numbers where the fact was seen. */
  readonly frames: readonly number[];
  readonly count: number;
}

export interface IdentityFact {
  readonly attribute: IdentityAttribute | 'mac-vendor';
  readonly value: string;
  readonly confidence: number;
  readonly evidence: Evidence;
}

export interface RoleFact {
  readonly role: DeviceRole;
  readonly confidence: number;
  /** Why: "serves modbus on port 502 to 2 peers", "sent program-download (s7comm)". */
  readonly reason: string;
  readonly frames: readonly number[];
}

/** The best identity from facts and fingerprint rules. */
export interface HostIdentity {
  readonly vendor?: string;
  readonly model?: string;
  readonly firmware?: string;
  readonly serial?: string;
  readonly name?: string;
  readonly deviceType?: DeviceRole;
  readonly confidence: number;
  /** Fingerprint rules that matched, by id. */
  readonly rules: readonly string[];
}

export interface DiscoveredHost {
  /** IP when the host has one, else its MAC. */
  readonly key: string;
  readonly ip: string | null;
  readonly mac: string | null;
  readonly macVendor: string | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly packets: number;
  readonly bytes: number;
  /** Protocols this host serves (answers as a server / publishes) and uses as a client. */
  readonly serves: readonly ProtocolId[];
  readonly uses: readonly ProtocolId[];
  readonly roles: readonly RoleFact[];
  readonly facts: readonly IdentityFact[];
  readonly identity: HostIdentity;
}

export interface CommunicationPair {
  readonly client: string;
  readonly server: string;
  readonly clientMac: string | null;
  readonly serverMac: string | null;
  readonly transport: 'tcp' | 'udp' | 'ethernet';
  /** Server port (tcp/udp); null for layer 2. */
  readonly port: number | null;
  readonly protocol: ProtocolId | null;
  readonly conversations: number;
  readonly packets: number;
  readonly bytes: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface OperationRecord {
  /** First and last frame of this record; `count` > 1 when identical consecutive operations were folded. */
  readonly frame: number;
  readonly lastFrame: number;
  readonly time: number;
  readonly lastTime: number;
  readonly count: number;
  readonly protocol: ProtocolId;
  readonly operation: OperationClass;
  readonly name: string;
  readonly code: number | null;
  readonly target: string | null;
  readonly values: string | null;
  readonly unit: number | null;
  readonly source: string;
  readonly destination: string;
  /** null when no response was seen. */
  readonly result: 'ok' | 'exception' | 'error' | null;
  readonly detail: string | null;
}

export interface MalformedReport {
  readonly frame: number;
  readonly layer: string;
  readonly reason: string;
}
