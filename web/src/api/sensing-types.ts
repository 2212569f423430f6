// The sensing module's answers as the console reads them: the server's own types where the JSON is the
// domain object (src/modules/sensing), and the answer envelopes. Type-only and constant imports, so
// Node tests can load it.
import type { SensedEvent as ServerEvent } from '../../../src/modules/sensing/types.js';

export { eventKinds, eventSeverities } from '../../../src/modules/sensing/types.js';
export type { EventKind, EventOrigin, EventSeverity } from '../../../src/modules/sensing/types.js';
export { eventSourceTypes } from '../../../src/modules/sensing/sources/types.js';
export type {
  EventSourceConfig,
  EventSourceInput,
  EventSourcePatch,
  EventSourceType,
  EventSourceView,
  FileSourceConfig,
  MqttSourceConfig,
  SourceRunCounters,
  SourceState,
  SyslogSourceConfig,
} from '../../../src/modules/sensing/sources/types.js';
export type { IssuedSensor, Sensor, SensorReport } from '../../../src/modules/sensing/sensor/types.js';

/**
 * An event as the list answers it: every property but id and time may be left out (the API's `fields`
 * parameter picks them), and `fields` is read as plain nested JSON.
 */
export type SensedEvent = Partial<Omit<ServerEvent, 'id' | 'time' | 'fields'>> & Pick<ServerEvent, 'id' | 'time'> & { readonly fields?: Readonly<Record<string, unknown>> };

/** The query bar's text and the time range, as the API takes them (`now-24h` or ISO 8601). */
export interface EventWindow {
  readonly query: string;
  readonly from: string;
  readonly to: string;
}

export interface EventPage {
  readonly items: readonly SensedEvent[];
  readonly nextCursor: string | null;
  readonly from: string;
  readonly to: string;
}

export interface EventHistogram {
  readonly interval: string;
  readonly intervalSeconds: number;
  readonly buckets: readonly { readonly start: string; readonly count: number }[];
  readonly from: string;
  readonly to: string;
}

export interface EventTop {
  readonly field: string;
  readonly values: readonly { readonly value: string; readonly count: number }[];
  readonly events: number;
}
