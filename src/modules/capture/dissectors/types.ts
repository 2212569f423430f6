// The contract every protocol dissector implements. Dissectors are pure: bytes in, facts out
// through a sink; they never throw out of `dissect` (the pipeline still guards them) and never
// allocate what the sink does not ask for (fields are only built when `sink.wantFields`).

export const protocolIds = [
  'modbus',
  'dnp3',
  's7comm',
  's7comm-plus',
  'enip',
  'iec104',
  'bacnet',
  'opcua',
  'mms',
  'goose',
  'pn-dcp',
  'fins',
  'mqtt',
] as const;
export type ProtocolId = (typeof protocolIds)[number];

/** Normalized classes of industrial operations (what detection rules reason about). */
export const operationClasses = [
  'read',
  'write',
  'program-download',
  'program-upload',
  'mode-change',
  'start',
  'stop',
  'restart',
  'firmware-update',
  'time-sync',
  'configuration-change',
  'file-operation',
  'discovery',
  'session', // connection/association setup and teardown (S7 setup communication, OPC UA OPN, MMS initiate)
  'subscribe', // cyclic/event subscriptions (BACnet SubscribeCOV, MQTT subscribe)
  'publish', // data pushed without request (GOOSE, MQTT publish, DNP3/IEC 104 spontaneous)
  'other',
] as const;
export type OperationClass = (typeof operationClasses)[number];

export interface OperationDraft {
  readonly operation: OperationClass;
  /** Protocol vocabulary, e.g. "Write Multiple Registers", "PLC Stop", "C_SC_NA_1". */
  readonly name: string;
  /** Function / service / type code as the protocol numbers it. */
  readonly code?: number;
  /** What is touched: "holding registers 100-109", "DB1.DBX 0.0 x4", "IOA 1001", "object 3:2". */
  readonly target?: string;
  /** Small values only (a few registers, a setpoint); never bulk data. */
  readonly values?: string;
  /**
   * Key that pairs this request with its response on the same conversation
   * (e.g. Modbus transaction id, S7 PDU reference). The response reports an outcome with it.
   */
  readonly pairKey?: string;
  /** Protocol-level unit: Modbus unit id, DNP3 destination address, IEC 104 common address. */
  readonly unit?: number;
}

export interface OperationOutcome {
  readonly result: 'ok' | 'exception' | 'error';
  /** Exception or error text: "Illegal Data Address (2)", "Object does not exist". */
  readonly detail?: string;
  readonly values?: string;
}

export const identityAttributes = [
  'vendor',
  'vendor-id',
  'product',
  'product-code',
  'model',
  'order-number',
  'serial',
  'firmware',
  'hardware',
  'name', // station / system / application name
  'plant-id',
  'device-type',
  'application-uri',
  'address', // protocol address (DNP3 link address, BACnet device instance, IEC 104 common address)
  'role-hint', // 'plc', 'rtu', 'ied', 'hmi', 'engineering-workstation', 'historian', ...
] as const;
export type IdentityAttribute = (typeof identityAttributes)[number];

export interface IdentityDraft {
  /** Whose identity this PDU reveals: the sender's or the receiver's. */
  readonly subject: 'source' | 'destination';
  readonly attribute: IdentityAttribute;
  readonly value: string;
  /** 0..1: protocol identity replies ~0.9, inferences ~0.5. */
  readonly confidence: number;
}

/** Where a dissector's output goes. The pipeline fills in frame, time and addresses. */
export interface DissectSink {
  /** True only when fields are wanted (oracle tests, debugging); skip building them otherwise. */
  readonly wantFields: boolean;
  /**
   * One field value, named as Wireshark/tshark names it (e.g. "mbtcp.trans_id", "modbus.func_code"),
   * so that the differential test can compare us with tshark. Numbers in decimal.
   */
  field(name: string, value: string | number): void;
  operation(op: OperationDraft): void;
  /** The response to an earlier operation on this conversation with the same pairKey. */
  outcome(pairKey: string, outcome: OperationOutcome): void;
  identity(fact: IdentityDraft): void;
  /** The PDU is not valid for this protocol; reason says where and why. Analysis goes on. */
  malformed(reason: string): void;
}

export interface PduContext<S> {
  /** Number (1-based) of the frame that completed this PDU, as Wireshark numbers frames. */
  readonly frame: number;
  /** Microseconds since the Unix epoch. */
  readonly time: number;
  /**
   * True when the PDU travels from client to server: towards the dissector's well-known port, or
   * from the side that opened the TCP connection. Needed where requests and responses look alike.
   */
  readonly toServer: boolean;
  /** Per-conversation state owned by this dissector (created by `createState`). */
  readonly state: S;
}

export interface Dissector<S = unknown> {
  readonly protocol: ProtocolId;
  readonly transport: 'tcp' | 'udp' | 'ethernet';
  /** Well-known server ports (tcp/udp). */
  readonly ports: readonly number[];
  /** Ethernet types (transport 'ethernet'), after any VLAN tags. */
  readonly etherTypes?: readonly number[];
  /**
   * Content check for a conversation on an unexpected port (or to confirm a well-known one):
   * true when `payload` (the first payload seen, either direction) looks like this protocol.
   */
  probe(payload: Uint8Array): boolean;
  /**
   * TCP framing: total length of the PDU that starts at data[0] when known (>= 1), 0 when more bytes
   * are needed to tell, -1 when the bytes cannot be this protocol (the pipeline then resynchronizes).
   */
  pduLength?(data: Uint8Array): number;
  createState(): S;
  /** Decode one PDU (a whole TCP PDU as framed by pduLength, a UDP payload, or an Ethernet payload). */
  dissect(pdu: Uint8Array, ctx: PduContext<S>, sink: DissectSink): void;
}

/** A protocol carried inside ISO transport (TPKT + COTP data on TCP 102): S7comm, S7comm-plus, MMS. */
export interface CotpPayloadDissector<S = unknown> {
  readonly protocol: ProtocolId;
  /** True when the COTP user data looks like this protocol. */
  probe(payload: Uint8Array): boolean;
  createState(): S;
  /** Decode one COTP user-data unit (COTP DT fragments already joined). */
  dissect(payload: Uint8Array, ctx: PduContext<S>, sink: DissectSink): void;
}

/** What the differential test needs from a dissector: which tshark fields to compare, and known disagreements. */
export interface OracleSpec {
  readonly protocol: ProtocolId;
  /** tshark display filter selecting this protocol's frames, e.g. "mbtcp" or "s7comm". */
  readonly displayFilter: string;
  /** tshark field names compared frame by frame (all occurrences, in order). */
  readonly fields: readonly string[];
  /**
   * Extra tshark options, e.g. decode-as for a capture on a non-standard port
   * (["-d", "tcp.port==12001,opcua"]): where we recognize a protocol by content, tshark must be told.
   */
  readonly tsharkArgs?: readonly string[];
  /** Disagreements we accept, each with the reason. `capture` is the file name; omit frame/field for "all". */
  readonly exceptions: readonly OracleException[];
}

export interface OracleException {
  readonly capture: string;
  readonly frame?: number;
  readonly field?: string;
  readonly reason: string;
}
