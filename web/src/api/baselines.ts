// The baselines' API as the console reads it: zones with learning progress, one baseline's content,
// versions and deviations, accepting deviations and relearning (types from the module itself).
import type { BaselineDetail, BaselineSettings, BaselineSummary } from '../../../src/modules/detection/baseline/types.js';
import { apiUrl, request } from './client';

export type { BaselineDetail, BaselineDeviation, BaselineItem, BaselineSummary, BaselineVersion } from '../../../src/modules/detection/baseline/types.js';

export interface BaselineList {
  readonly items: readonly BaselineSummary[];
  readonly settings: BaselineSettings | null;
}

const path = (id: string) => `/baselines/${encodeURIComponent(id)}`;

export const listBaselines = (signal?: AbortSignal) => request<BaselineList>(apiUrl('/baselines'), signal === undefined ? {} : { signal });
export const getBaseline = (id: string, signal?: AbortSignal) => request<BaselineDetail>(apiUrl(path(id)), signal === undefined ? {} : { signal });
export const acceptDeviations = (id: string, deviations: readonly string[], note?: string) =>
  request<BaselineDetail>(apiUrl(`${path(id)}/accept`), { method: 'POST', json: { deviations, ...(note === undefined || note === '' ? {} : { note }) } });
export const relearnBaseline = (id: string, reason?: string) =>
  request<BaselineDetail>(apiUrl(`${path(id)}/relearn`), { method: 'POST', json: reason === undefined || reason === '' ? {} : { reason } });
