// Capture sensors: a `bulwark sensor` process on a plant network that ships what it sees to a server
// with a token of its own. The token may only write events for the sensor's organisation (ADR 016).

/** Sensor tokens start with this, so the auth hook knows them before any lookup. */
export const SENSOR_TOKEN_PREFIX = 'bwsn';

/** Header in which a sensor reports its own figures with every batch (JSON of SensorReport). */
export const SENSOR_STATS_HEADER = 'x-bulwark-sensor-stats';
/** Header with the number of events (NDJSON lines) in the batch, counted as received on success. */
export const SENSOR_EVENTS_HEADER = 'x-bulwark-sensor-events';

/** What the sensor says about itself: what it read, shipped, holds on disk and had to drop. */
export interface SensorReport {
  readonly packets?: number;
  readonly packetsPerSecond?: number;
  readonly eventsShipped?: number;
  readonly eventsPerSecond?: number;
  readonly spooledEvents?: number;
  readonly spooledBytes?: number;
  /** Events dropped because the spool was full (oldest segments first), since the spool was made. */
  readonly droppedEvents?: number;
  readonly droppedSegments?: number;
  /** Batches the server refused as a whole (bad request): kept out of the spool, counted. */
  readonly rejectedEvents?: number;
}

export interface Sensor {
  readonly id: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly name: string;
  readonly tokenPrefix: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastContactAt: string | null;
  readonly lastAddress: string | null;
  readonly batchesReceived: number;
  readonly eventsReceived: number;
  readonly reported: SensorReport;
}

/** A new sensor with its token: shown once, only the hash is stored. */
export interface IssuedSensor extends Sensor {
  readonly token: string;
}
