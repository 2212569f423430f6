// The sensing module's contract: one normalized event for everything plants and a sector report
// (capture operations, sensors, syslog, Zeek, Suricata, Windows events, MQTT telemetry, HTTP batches),
// and the small ports between parsers, inputs, the ingest pipeline, storage and subscribers.
//
// Field names follow the Elastic Common Schema where ECS has one (`source.ip`, `event.action` ...);
// industrial facts live under `ics`, in the capture module's vocabulary (protocol ids, operation classes).
import type { OperationClass } from '../capture/dissectors/types.js';
import type { Tlp } from '../../platform/tlp.js';

export const eventKinds = ['operation', 'flow', 'log', 'alert', 'telemetry', 'host'] as const;
/** operation: an industrial operation (a capture's operations log); flow: a network conversation; log: a
 * device or host log line; alert: another tool's alert (Suricata, Zeek notice); telemetry: a process value
 * (MQTT, Sparkplug B); host: an endpoint event (Windows event log). */
export type EventKind = (typeof eventKinds)[number];

/** Ordered: later is more severe. Syslog's eight levels and tools' own scales map onto these five. */
export const eventSeverities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type EventSeverity = (typeof eventSeverities)[number];

export const sourceTypes = ['capture', 'sensor', 'http', 'syslog', 'zeek', 'suricata', 'winevent', 'mqtt', 'import'] as const;
export type SourceType = (typeof sourceTypes)[number];

/** Where an event came from: the input, and the place inside it (file and line, capture frame, syslog sender). */
export interface EventOrigin {
  readonly file?: string;
  readonly line?: number;
  readonly frame?: number;
  /** Sender address of a network input, `ip:port`. */
  readonly sender?: string;
  /** MQTT topic, Zeek log path, Suricata event_type, Windows channel ... */
  readonly stream?: string;
}

/** ECS-style fields, nested as ECS nests them. Only what a source knows is set. */
export interface EndpointFields {
  readonly ip?: string;
  readonly port?: number;
  readonly mac?: string;
  readonly domain?: string;
  readonly bytes?: number;
  readonly packets?: number;
}

export interface IcsFields {
  /** Capture protocol id (`modbus`, `s7comm`, `dnp3` ...) or the name a log gives. */
  readonly protocol?: string;
  readonly operation?: OperationClass;
  /** Protocol vocabulary: "Write Multiple Registers", "PLC Stop". */
  readonly function?: string;
  readonly code?: number;
  /** What is touched: "holding registers 100-109", "IOA 1001", a Sparkplug metric name. */
  readonly target?: string;
  readonly values?: string;
  /** Modbus unit, DNP3 station, IEC 104 common address. */
  readonly unit?: number;
  readonly result?: 'ok' | 'exception' | 'error';
  /** Telemetry: the value and its unit of measure. */
  readonly value?: number | string | boolean;
  readonly uom?: string;
}

export interface EventFields {
  readonly source?: EndpointFields;
  readonly destination?: EndpointFields;
  readonly network?: { readonly protocol?: string; readonly transport?: string; readonly bytes?: number; readonly packets?: number; readonly community_id?: string };
  readonly event?: {
    readonly action?: string;
    readonly outcome?: 'success' | 'failure' | 'unknown';
    readonly category?: readonly string[];
    readonly type?: readonly string[];
    readonly code?: string;
    readonly provider?: string;
    readonly dataset?: string;
    readonly duration?: number;
  };
  readonly observer?: { readonly name?: string; readonly hostname?: string; readonly type?: string; readonly vendor?: string; readonly product?: string };
  readonly host?: { readonly name?: string; readonly ip?: string };
  readonly process?: { readonly name?: string; readonly pid?: number; readonly command_line?: string; readonly executable?: string; readonly parent?: { readonly name?: string; readonly command_line?: string } };
  readonly user?: { readonly name?: string; readonly domain?: string };
  readonly file?: { readonly name?: string; readonly path?: string; readonly hash?: { readonly sha256?: string; readonly md5?: string } };
  readonly url?: { readonly original?: string; readonly domain?: string; readonly path?: string };
  readonly dns?: { readonly question?: { readonly name?: string; readonly type?: string } };
  readonly rule?: { readonly id?: string; readonly name?: string; readonly category?: string };
  readonly log?: { readonly syslog?: { readonly facility?: number; readonly severity?: number; readonly appname?: string; readonly procid?: string; readonly msgid?: string; readonly structured_data?: Readonly<Record<string, Readonly<Record<string, string>>>> } };
  readonly ics?: IcsFields;
  /** Whatever else the source said, under its own names (Zeek and Suricata fields without an ECS home). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** What a parser or input produces: the event before the ingest adds its organisation, marking and id. */
export interface EventDraft {
  /** Set when the source names its own id (NDJSON ingest); otherwise derived from the content. */
  readonly id?: string;
  /** ISO 8601 with offset; when the event happened (the source's clock). */
  readonly time: string;
  readonly kind: EventKind;
  readonly severity: EventSeverity;
  readonly message: string;
  readonly fields: EventFields;
  /** The original text, bounded by the ingest to RAW_LIMIT characters. */
  readonly raw?: string;
  readonly origin?: EventOrigin;
}

/** Longest raw text kept per event; longer text is cut and the event says so (`rawTruncated`). */
export const RAW_LIMIT = 8192;

/** The stored, normalized event. */
export interface SensedEvent {
  /** Deterministic (see event-id.ts): the same content from the same organisation is the same event. */
  readonly id: string;
  readonly time: string;
  readonly receivedAt: string;
  readonly orgId: string;
  readonly tlp: Tlp;
  /** Readable by the parent organisations' analysts, responders and admins (when the TLP travels). */
  readonly sharedUpward: boolean;
  readonly source: { readonly type: SourceType; readonly id: string; readonly name: string };
  readonly kind: EventKind;
  readonly severity: EventSeverity;
  readonly message: string;
  readonly fields: EventFields;
  /** Assets the source and destination resolved to within the organisation (by IP, then MAC). */
  readonly assets: { readonly source?: string; readonly destination?: string };
  readonly raw: string | null;
  readonly rawTruncated: boolean;
  readonly origin: EventOrigin;
}

/** A line or record a parser could not use: where, and why. The rest of the input is kept. */
export interface ParseIssue {
  /** 1-based line (or record) number in the input. */
  readonly line: number;
  /** Where inside the record, e.g. `ts` or `fields.source.ip`; empty for the whole line. */
  readonly path: string;
  readonly message: string;
}

export interface ParseResult {
  readonly events: EventDraft[];
  readonly issues: ParseIssue[];
}

/** Which organisation, marking and source a batch of drafts belongs to (the ingest's input). */
export interface IngestContext {
  readonly orgId: string;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly source: { readonly type: SourceType; readonly id: string; readonly name: string };
}

/** The answer to an offer: queued, or refused because the pipeline is full (the caller slows down). */
export type OfferResult = { readonly accepted: true; readonly events: number } | { readonly accepted: false; readonly retryAfterMs: number; readonly reason: 'saturated' };

/**
 * The ingest pipeline's entrance, the one thing inputs see. It normalizes (id, asset resolution, raw
 * bound) and queues: in process (bounded) by default, on NATS JetStream when BULWARK_NATS_URL is set.
 * `offer` never blocks and never drops silently: a refusal is counted per source and returned.
 */
export interface EventIngest {
  offer(context: IngestContext, drafts: readonly EventDraft[]): Promise<OfferResult>;
  /** Resolves when everything offered so far is stored (tests, imports that report "stored"). */
  flush(): Promise<void>;
}

/** Subscribers see each batch after it is committed (live tail now, detection next), without another read. */
export interface EventSubscriber {
  (events: readonly SensedEvent[]): void;
}

export interface EventBus {
  subscribe(subscriber: EventSubscriber): () => void;
  publish(events: readonly SensedEvent[]): void;
}

/** Per-source counters, for /metrics and the Sources page. */
export interface SourceCounters {
  readonly sourceId: string;
  readonly received: number;
  readonly stored: number;
  /** Offers turned away because the pipeline was full; the input retried, slowed down or dropped (then counted in dropped). */
  readonly refused: number;
  readonly dropped: number;
  readonly rejected: number;
  readonly lastEventAt: string | null;
}
