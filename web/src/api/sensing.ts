// The sensing module's API as the console reads it: events (query, count, histogram, top-N, one event,
// live tail), event sources (listeners and followed files) and capture sensors. Types mirror
// src/modules/sensing/types.ts, sources/types.ts and sensor/types.ts.
import { apiUrl, request, requestNoContent } from './client';
import type { EventHistogram, EventPage, EventSourceInput, EventSourcePatch, EventSourceView, EventTop, EventWindow, IssuedSensor, SensedEvent, Sensor } from './sensing-types';

export { eventKinds, eventSeverities, eventSourceTypes } from './sensing-types';
export type { EventHistogram, EventKind, EventOrigin, EventPage, EventSeverity, EventSourceConfig, EventSourceInput, EventSourcePatch, EventSourceType, EventSourceView, EventTop, EventWindow, FileSourceConfig, IssuedSensor, MqttSourceConfig, SensedEvent, Sensor, SensorReport, SourceRunCounters, SourceState, SyslogSourceConfig } from './sensing-types';

const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });
const windowQuery = (w: EventWindow) => ({ query: w.query.trim(), from: w.from, to: w.to });

export function searchEvents(w: EventWindow, limit: number, cursor: string | null, signal?: AbortSignal): Promise<EventPage> {
  return request<EventPage>(apiUrl('/events', { ...windowQuery(w), limit, cursor }), withSignal(signal));
}

export function countEvents(w: EventWindow, signal?: AbortSignal): Promise<{ readonly count: number }> {
  return request(apiUrl('/events/count', windowQuery(w)), withSignal(signal));
}

export function eventHistogram(w: EventWindow, signal?: AbortSignal): Promise<EventHistogram> {
  return request<EventHistogram>(apiUrl('/events/histogram', windowQuery(w)), withSignal(signal));
}

export function topEventValues(w: EventWindow, field: string, limit: number, signal?: AbortSignal): Promise<EventTop> {
  return request<EventTop>(apiUrl('/events/top', { ...windowQuery(w), field, limit }), withSignal(signal));
}

export function getEvent(id: string, signal?: AbortSignal): Promise<SensedEvent> {
  return request<SensedEvent>(apiUrl(`/events/${encodeURIComponent(id)}`), withSignal(signal));
}

export function eventTailUrl(query: string): string {
  return apiUrl('/events/tail', { query: query.trim() });
}

/** How long the caller's organisation keeps its events (GET /api/v1/events/retention). */
export interface EventRetention {
  readonly orgId: string;
  readonly days: number;
  readonly ownDays: number | null;
  readonly defaultDays: number;
}

export function getEventRetention(signal?: AbortSignal): Promise<EventRetention> {
  return request<EventRetention>(apiUrl('/events/retention'), withSignal(signal));
}

export function listEventSources(signal?: AbortSignal): Promise<{ readonly items: readonly EventSourceView[] }> {
  return request(apiUrl('/sources'), withSignal(signal));
}

export function addEventSource(input: EventSourceInput): Promise<EventSourceView> {
  return request<EventSourceView>(apiUrl('/sources'), { method: 'POST', json: input });
}

export function updateEventSource(id: string, patch: EventSourcePatch): Promise<EventSourceView> {
  return request<EventSourceView>(apiUrl(`/sources/${encodeURIComponent(id)}`), { method: 'PATCH', json: patch });
}

export function deleteEventSource(id: string): Promise<void> {
  return requestNoContent(apiUrl(`/sources/${encodeURIComponent(id)}`), { method: 'DELETE' });
}

export function listSensors(signal?: AbortSignal): Promise<{ readonly items: readonly Sensor[] }> {
  return request(apiUrl('/sensors'), withSignal(signal));
}

export function addSensor(name: string): Promise<IssuedSensor> {
  return request<IssuedSensor>(apiUrl('/sensors'), { method: 'POST', json: { name } });
}

export function revokeSensor(id: string): Promise<void> {
  return requestNoContent(apiUrl(`/sensors/${encodeURIComponent(id)}`), { method: 'DELETE' });
}
