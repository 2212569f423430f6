// The detection module's API as the console reads it: alerts (queue, counts, detail, similar, bulk
// work, comments), saved views, rules (list, enable, validate, trial, import) and ATT&CK coverage.
// Types are the server's (src/modules/detection), type-only, where the JSON is the domain object.
import { apiUrl, request, requestNoContent } from './client';
import type { AlertComment, AlertStatus, AlertFilter as ServerAlertFilter, AlertDetail as ServerAlertDetail, DetectionRule, ValidationReport, Alert } from '../../../src/modules/detection/types.js';
import type { AlertCounts, Coverage } from '../../../src/modules/detection/coverage.service.js';
import type { RuleTrialReport as ServerTrialReport } from '../../../src/modules/detection/rule-trial.js';
import type { SensedEvent } from './sensing-types';

export { alertSeverities, alertStatuses } from '../../../src/modules/detection/types.js';
export type { Alert, AlertComment, AlertSeverity, AlertStatus, AlertStatusChange, DetectionRule, RuleProblem, ValidationReport } from '../../../src/modules/detection/types.js';
export type { AlertCounts, Coverage, TechniqueCoverage } from '../../../src/modules/detection/coverage.service.js';
export type { WouldRaise } from '../../../src/modules/detection/rule-trial.js';

/** The alert with its linked events as the events API answers them. */
export type AlertDetail = Omit<ServerAlertDetail, 'events'> & { readonly events: readonly SensedEvent[] };

/** A trial's report, its matching events read as the console reads events. */
export type RuleTrialReport = Omit<ServerTrialReport, 'events'> & {
  readonly events: readonly (Omit<ServerTrialReport['events'][number], 'event'> & { readonly event: SensedEvent })[];
};

/** The queue's filters, as the list, the counts and saved views take them. */
export type AlertFilter = Omit<ServerAlertFilter, 'limit' | 'cursor' | 'orgId'>;

export interface AlertView {
  readonly id: string;
  readonly name: string;
  readonly filter: AlertFilter;
  readonly createdAt: string;
}

export type AlertChange = { readonly status?: AlertStatus; readonly assignee?: string | null; readonly note?: string };

const withSignal = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });

export function listAlerts(filter: AlertFilter, limit: number, cursor: string | null, signal?: AbortSignal): Promise<{ readonly items: readonly Alert[]; readonly nextCursor: string | null }> {
  return request<{ items: Alert[]; next: string | null }>(apiUrl('/alerts', { ...filter, limit, cursor }), withSignal(signal)).then((p) => ({ items: p.items, nextCursor: p.next }));
}

export function alertCounts(filter: AlertFilter, signal?: AbortSignal): Promise<AlertCounts> {
  const { severity: _ignored, ...rest } = filter;
  return request<AlertCounts>(apiUrl('/alerts/counts', rest), withSignal(signal));
}

export function getAlert(id: string, signal?: AbortSignal): Promise<AlertDetail> {
  return request<AlertDetail>(apiUrl(`/alerts/${encodeURIComponent(id)}`), withSignal(signal));
}

export function similarAlerts(id: string, signal?: AbortSignal): Promise<{ readonly alert: Alert; readonly items: readonly Alert[] }> {
  return request(apiUrl(`/alerts/${encodeURIComponent(id)}/similar`, { limit: 20 }), withSignal(signal));
}

export function changeAlert(id: string, change: AlertChange): Promise<Alert> {
  return request<Alert>(apiUrl(`/alerts/${encodeURIComponent(id)}`), { method: 'PATCH', json: change });
}

export function bulkChangeAlerts(ids: readonly string[], change: AlertChange): Promise<{ readonly updated: number }> {
  return request(apiUrl('/alerts/bulk'), { method: 'POST', json: { ids, ...change } });
}

export function commentOnAlert(id: string, body: string): Promise<AlertComment> {
  return request<AlertComment>(apiUrl(`/alerts/${encodeURIComponent(id)}/comments`), { method: 'POST', json: { body } });
}

export function listAlertViews(signal?: AbortSignal): Promise<readonly AlertView[]> {
  return request<{ items: AlertView[] }>(apiUrl('/alert-views'), withSignal(signal)).then((r) => r.items);
}

export function saveAlertView(name: string, filter: AlertFilter): Promise<AlertView> {
  return request<AlertView>(apiUrl('/alert-views'), { method: 'POST', json: { name, filter } });
}

export function deleteAlertView(id: string): Promise<void> {
  return requestNoContent(apiUrl(`/alert-views/${encodeURIComponent(id)}`), { method: 'DELETE' });
}

export function listRules(signal?: AbortSignal): Promise<readonly DetectionRule[]> {
  return request<{ items: DetectionRule[] }>(apiUrl('/rules'), withSignal(signal)).then((r) => r.items);
}

export function getRule(id: string, signal?: AbortSignal): Promise<DetectionRule> {
  return request<DetectionRule>(apiUrl(`/rules/${encodeURIComponent(id)}`), withSignal(signal));
}

export function setRuleEnabled(id: string, enabled: boolean): Promise<DetectionRule> {
  return request<DetectionRule>(apiUrl(`/rules/${encodeURIComponent(id)}`), { method: 'PATCH', json: { enabled } });
}

export function validateRule(text: string, signal?: AbortSignal): Promise<ValidationReport> {
  return request<ValidationReport>(apiUrl('/rules/validate'), { method: 'POST', json: { text }, ...withSignal(signal) });
}

export function trialRule(text: string, events: { readonly ndjson: string } | { readonly stored: '24h' }): Promise<RuleTrialReport> {
  const source = 'ndjson' in events ? { events: events.ndjson } : { stored: events.stored };
  return request<RuleTrialReport>(apiUrl('/rules/test'), { method: 'POST', json: { text, ...source } });
}

export function importRule(text: string): Promise<{ readonly created: number; readonly updated: number; readonly unchanged: number; readonly rules: readonly DetectionRule[] }> {
  return request(apiUrl('/rules'), { method: 'POST', json: { text } });
}

export function getCoverage(signal?: AbortSignal): Promise<Coverage> {
  return request<Coverage>(apiUrl('/detection/coverage'), withSignal(signal));
}
