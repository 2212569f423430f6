// What the capture pipeline (reader → link/IP/TCP decoding → dissectors) reports to whoever consumes it:
// the analysis (inventory, communications, operations), the differential test, the benchmark.
import type {
  IdentityDraft,
  OperationDraft,
  OperationOutcome,
  ProtocolId,
} from './dissectors/types.js';

export interface EndpointAddress {
  /** Lower-case colon form "00:1d:9c:c8:03:e7"; "" when the link layer has none (raw IP, SLL without address). */
  readonly mac: string;
  /** Dotted IPv4 or RFC 5952 IPv6; undefined for layer-2 protocols. */
  readonly ip?: string;
  readonly port?: number;
}

/** A conversation: TCP connection, UDP address/port pair, or Ethernet source/destination pair. */
export interface Conversation {
  readonly id: number;
  readonly transport: 'tcp' | 'udp' | 'ethernet';
  /** The side that opened the connection or sent to the well-known port; for layer 2, the sender. */
  readonly client: EndpointAddress;
  readonly server: EndpointAddress;
  readonly vlan?: number;
  /** Set once a dissector claims the conversation. */
  protocol: ProtocolId | undefined;
}

/** Where a dissected PDU sits. The pipeline reuses one object per PDU: consumers copy what they keep. */
export interface PduAt {
  readonly frame: number;
  /** Microseconds since the Unix epoch. */
  readonly time: number;
  readonly protocol: ProtocolId;
  readonly conversation: Conversation;
  /** True when the PDU goes from conversation.client to conversation.server. */
  readonly fromClient: boolean;
}

export interface FrameInfo {
  readonly frame: number;
  readonly time: number;
  /** Original length on the wire. */
  readonly length: number;
  /** Undefined for frames outside any conversation we track (ARP, non-IP, unparsable). */
  readonly conversation: Conversation | undefined;
  readonly fromClient: boolean;
}

export type MalformedLayer = 'capture' | 'link' | 'ip' | 'tcp' | 'udp' | 'cotp' | ProtocolId;

/** Receives everything the pipeline learns. Every method is called synchronously on the hot path. */
export interface CaptureSink {
  /** When false, dissectors skip building tshark-comparable fields. */
  readonly wantFields: boolean;
  frame(info: FrameInfo): void;
  /**
   * Every frame's time before it is decoded, also the frames an analysis sharded by conversation
   * leaves to another shard: the capture clock that time-driven state (the operations log) follows.
   */
  clock?(frame: number, time: number): void;
  field(at: PduAt, name: string, value: string | number): void;
  operation(at: PduAt, op: OperationDraft): void;
  outcome(at: PduAt, pairKey: string, outcome: OperationOutcome): void;
  identity(at: PduAt, fact: IdentityDraft): void;
  malformed(frame: number, layer: MalformedLayer, reason: string): void;
}

export interface CaptureSummary {
  readonly format: 'pcap' | 'pcapng';
  readonly frames: number;
  /** Bytes of packet data read (captured lengths). */
  readonly bytes: number;
  /** First and last frame timestamps, microseconds since the epoch (0 when there are no frames). */
  readonly firstTime: number;
  readonly lastTime: number;
  readonly pdus: Readonly<Partial<Record<ProtocolId, number>>>;
  readonly malformed: number;
  /** Set when reading stopped early (truncated file, absurd record length): everything before it is kept. */
  readonly error?: { readonly code: CaptureReadErrorCode; readonly message: string; readonly frame: number };
}

export type CaptureReadErrorCode = 'bad-magic' | 'truncated' | 'bad-record' | 'unsupported-link-type' | 'decompress';
