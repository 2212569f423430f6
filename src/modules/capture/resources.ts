// Capture resources as the API and the console see them (plain data, no functions).
import type { Tlp } from '../../platform/tlp.js';
import type { ProtocolId } from './dissectors/types.js';
import type { CaptureReadErrorCode } from './types.js';
import type { DeviceRole, HostIdentity, IdentityFact, RoleFact } from './analysis/types.js';

export const captureJobStatuses = ['queued', 'running', 'finished', 'failed'] as const;
export type CaptureJobStatus = (typeof captureJobStatuses)[number];

export interface CaptureJobSummary {
  readonly format: 'pcap' | 'pcapng';
  readonly frames: number;
  readonly bytes: number;
  readonly firstTime: string | null;
  readonly lastTime: string | null;
  readonly elapsedMs: number;
  readonly packetsPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly pdus: Readonly<Partial<Record<ProtocolId, number>>>;
  readonly malformed: number;
  readonly hosts: number;
  readonly communications: number;
  readonly operations: number;
  readonly assets: { readonly created: number; readonly updated: number; readonly conflicts: number };
  readonly readError: { readonly code: CaptureReadErrorCode; readonly message: string; readonly frame: number } | null;
}

export interface CaptureJob {
  readonly id: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly name: string;
  readonly status: CaptureJobStatus;
  readonly sizeBytes: number;
  readonly bytesRead: number;
  /** 0..1 */
  readonly progress: number;
  readonly frames: number;
  readonly summary: CaptureJobSummary | null;
  readonly error: string | null;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly mergeAssets: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface CaptureHost {
  readonly key: string;
  readonly assetId: string | null;
  readonly ip: string | null;
  readonly mac: string | null;
  readonly macVendor: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly packets: number;
  readonly bytes: number;
  readonly serves: readonly string[];
  readonly uses: readonly string[];
  readonly deviceType: DeviceRole | null;
  readonly roles: readonly RoleFact[];
  readonly facts: readonly IdentityFact[];
  readonly identity: HostIdentity;
}

export interface CaptureCommunication {
  readonly client: string;
  readonly server: string;
  readonly clientMac: string | null;
  readonly serverMac: string | null;
  readonly transport: string;
  readonly port: number | null;
  readonly protocol: string | null;
  readonly conversations: number;
  readonly packets: number;
  readonly bytes: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface CaptureOperation {
  readonly seq: number;
  readonly frame: number;
  readonly lastFrame: number;
  readonly time: string;
  readonly lastTime: string;
  /** `time` in microseconds since the epoch (exact; ISO strings carry microseconds too). */
  readonly timeUs: number;
  readonly count: number;
  readonly protocol: string;
  readonly operation: string;
  readonly name: string;
  readonly code: number | null;
  readonly target: string | null;
  readonly values: string | null;
  readonly unit: number | null;
  readonly source: string;
  readonly destination: string;
  readonly result: string | null;
  readonly detail: string | null;
}

export interface CaptureOperationPage {
  readonly items: readonly CaptureOperation[];
  readonly nextCursor: string | null;
  /** Operation counts by class and by protocol over the whole (filtered) log, for the timeline facets. */
  readonly counts: { readonly operation: Readonly<Record<string, number>>; readonly protocol: Readonly<Record<string, number>> };
}

export interface CaptureMalformed {
  readonly frame: number;
  readonly layer: string;
  readonly reason: string;
}

/** Microseconds since the epoch as ISO 8601 with microseconds. */
export function microsToIso(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  const micros = String(Math.floor(us) % 1000).padStart(3, '0');
  return `${iso.slice(0, -1)}${micros}Z`;
}
