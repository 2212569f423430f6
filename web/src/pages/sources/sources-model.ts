// What the Sources page shows of a source or sensor: its state and counters, live when it runs.
import type { EventSourceView, Sensor, SourceRunCounters, SourceState } from '../../api/sensing-types.js';

const zero: SourceRunCounters = { received: 0, accepted: 0, stored: null, dropped: 0, rejected: 0, unmatchedSenders: 0, refusals: 0, lastEventAt: null };

/** The running instance's state and error when the server reports one, else what was saved. */
export function sourceState(s: EventSourceView): { readonly state: SourceState; readonly lastError: string | null } {
  if (s.status !== undefined) return { state: s.status.state, lastError: s.status.lastError ?? s.lastError };
  return { state: s.enabled ? 'stopped' : 'disabled', lastError: s.lastError };
}

/** The running counters when they exist, else the totals saved when the source last stopped. */
export function sourceCounters(s: EventSourceView): SourceRunCounters {
  return s.status?.counters ?? s.counters ?? zero;
}

/** A sensor that has not called in for this long is shown as silent. */
export const silentAfterMs = 5 * 60_000;

export type SensorHealth = 'revoked' | 'waiting' | 'online' | 'silent';

export function sensorHealth(s: Sensor, nowMs: number): SensorHealth {
  if (s.revokedAt !== null) return 'revoked';
  if (s.lastContactAt === null) return 'waiting';
  return nowMs - Date.parse(s.lastContactAt) > silentAfterMs ? 'silent' : 'online';
}

/** A count at a moment, as the page last read it. */
export interface CountSample {
  readonly count: number;
  readonly atMs: number;
}

/**
 * Per-second rate between two readings of a running counter; null without an earlier reading or when
 * the counter went back (the source restarted and counts from zero again).
 */
export function ratePerSecond(before: CountSample | undefined, now: CountSample): number | null {
  if (before === undefined || now.atMs <= before.atMs || now.count < before.count) return null;
  return ((now.count - before.count) * 1000) / (now.atMs - before.atMs);
}
