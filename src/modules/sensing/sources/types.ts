// Event sources: the inputs an organisation defines (syslog listeners, MQTT subscriptions, followed
// Zeek, Suricata and Windows event files) and that run inside the server process.
import type { Tlp } from '../../../platform/tlp.js';

export const eventSourceTypes = ['syslog', 'mqtt', 'zeek', 'suricata', 'winevent'] as const;
export type EventSourceType = (typeof eventSourceTypes)[number];

export const syslogProtocols = ['udp', 'tcp', 'tls'] as const;
export type SyslogProtocol = (typeof syslogProtocols)[number];

/** A sender address range and the organisation its messages belong to. */
export interface SenderRange {
  /** CIDR (`10.20.0.0/16`, `2001:db8::/32`) or a single address. */
  readonly range: string;
  readonly orgId: string;
}

export interface SyslogSourceConfig {
  readonly protocol: SyslogProtocol;
  /** Address to bind; 0.0.0.0 by default. */
  readonly host?: string | undefined;
  readonly port: number;
  /** TLS only: PEM files on the server. */
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
  /** TLS: ask clients for a certificate signed by this CA and refuse those without one. */
  readonly caFile?: string | undefined;
  /** Most specific range wins; the source's own organisation when none is listed. */
  readonly senders?: readonly SenderRange[] | undefined;
  /** Where a sender outside every range goes; without it, its messages are counted and dropped. */
  readonly defaultOrgId?: string | null | undefined;
}

/** Where a JSON payload keeps the value, its time, the metric name and unit (dot paths, `a.b.0.c`). */
export interface MqttJsonMapping {
  readonly valuePath: string;
  readonly timePath?: string | undefined;
  /** The metric name: from the payload, else `metric`, else the topic. */
  readonly metricPath?: string | undefined;
  readonly metric?: string | undefined;
  readonly unit?: string | undefined;
  readonly unitPath?: string | undefined;
}

export interface MqttSourceConfig {
  /** mqtt://, mqtts://, ws:// or wss:// broker URL (no credentials in it). */
  readonly brokerUrl: string;
  readonly topics: readonly string[];
  readonly qos?: 0 | 1 | 2 | undefined;
  readonly clientId?: string | undefined;
  readonly username?: string | undefined;
  /** A file on the server holding the password (the password is not stored in the database). */
  readonly passwordFile?: string | undefined;
  /** json: every payload through `mapping`; sparkplug: Sparkplug B protobuf; auto: spBv1.0/ topics are Sparkplug B. */
  readonly payload?: 'auto' | 'json' | 'sparkplug' | undefined;
  readonly mapping?: MqttJsonMapping | undefined;
}

export interface FileSourceConfig {
  /** A file or a directory (every file in it) on the server. */
  readonly path: string;
  /** Keep reading as the file grows, across rotation. */
  readonly follow?: boolean | undefined;
}

export type EventSourceConfig = SyslogSourceConfig | MqttSourceConfig | FileSourceConfig;

export interface ConfigOf {
  readonly syslog: SyslogSourceConfig;
  readonly mqtt: MqttSourceConfig;
  readonly zeek: FileSourceConfig;
  readonly suricata: FileSourceConfig;
  readonly winevent: FileSourceConfig;
}

/** What a source has done since it (re)started in this process. */
export interface SourceRunCounters {
  /** Messages, datagrams, payloads or lines that arrived. */
  readonly received: number;
  /** Events handed to the ingest and accepted. */
  readonly accepted: number;
  /** Events the ingest reports stored, when it counts per source. */
  readonly stored: number | null;
  /** Lost to saturation (UDP datagrams while the buffer was full) and counted. */
  readonly dropped: number;
  /** Input refused: unparsable, or from a sender no range maps to an organisation. */
  readonly rejected: number;
  /** Of `rejected`: messages from senders outside every range. */
  readonly unmatchedSenders: number;
  /** Times the ingest refused a batch (back-pressure). */
  readonly refusals: number;
  readonly lastEventAt: string | null;
}

export type SourceState = 'stopped' | 'starting' | 'running' | 'failed' | 'disabled';

export interface SourceStatus {
  readonly id: string;
  readonly state: SourceState;
  /** When the running instance started. */
  readonly since: string | null;
  /** Where a listener listens (`udp 0.0.0.0:5514`), the broker, or the file. */
  readonly endpoint: string | null;
  readonly counters: SourceRunCounters;
  readonly lastError: string | null;
}

export interface EventSource<T extends EventSourceType = EventSourceType> {
  readonly id: string;
  readonly orgId: string;
  readonly type: T;
  readonly name: string;
  readonly config: ConfigOf[T];
  readonly enabled: boolean;
  /** The marking of every event from this source. */
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastError: string | null;
  /** Counters saved when the source last stopped or changed (totals across restarts). */
  readonly counters: SourceRunCounters;
}

export interface EventSourceInput {
  readonly type: EventSourceType;
  readonly name: string;
  readonly config: EventSourceConfig;
  /** The owning organisation; the caller's own by default. */
  readonly orgId?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
}

export interface EventSourcePatch {
  readonly name?: string | undefined;
  /** Replaces the whole config; checked against the source's type. */
  readonly config?: unknown;
  readonly enabled?: boolean | undefined;
  readonly tlp?: Tlp | undefined;
  readonly sharedUpward?: boolean | undefined;
}

/** A running input: what it reads from, and how to stop it. */
export interface RunningInput {
  /** `udp 0.0.0.0:5514`, the broker and topics, the file. */
  readonly endpoint: string;
  /** Datagrams the kernel dropped on the input's socket since it opened (UDP on Linux), else 0. */
  kernelDrops(): Promise<number>;
  /** Stops reading, offers what is held for a moment, counts the rest as dropped. */
  close(): Promise<void>;
}

/** A source with what it is doing now in this process. */
export interface EventSourceView extends EventSource {
  readonly status: SourceStatus;
}
