import type { IntelQuery } from '../../../api/intel-types';
import { isTlp, type Tlp } from '../../../api/types';

/** The browser's filters as they live in the URL, so a filtered list can be bookmarked and shared. */
export interface BrowserState {
  readonly types: readonly string[];
  readonly labels: readonly string[];
  readonly tlp: Tlp | '';
  readonly orgId: string;
  readonly q: string;
  /** Also list revoked objects. */
  readonly revoked: boolean;
}

const listOf = (value: string | null): readonly string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

export function stateFromParams(params: URLSearchParams): BrowserState {
  const tlp = params.get('tlp') ?? '';
  return {
    types: listOf(params.get('type')),
    labels: listOf(params.get('label')),
    tlp: isTlp(tlp) ? tlp : '',
    orgId: params.get('orgId') ?? '',
    q: params.get('q') ?? '',
    revoked: params.get('revoked') === 'true',
  };
}

/** Only what is set goes into the URL; lists are comma-separated as the API takes them. */
export function paramsFromState(state: BrowserState): Record<string, string> {
  const params: Record<string, string> = {};
  if (state.types.length > 0) params['type'] = state.types.join(',');
  if (state.labels.length > 0) params['label'] = state.labels.join(',');
  if (state.tlp !== '') params['tlp'] = state.tlp;
  if (state.orgId !== '') params['orgId'] = state.orgId;
  if (state.q.trim() !== '') params['q'] = state.q.trim();
  if (state.revoked) params['revoked'] = 'true';
  return params;
}

export function queryOf(state: BrowserState): IntelQuery {
  return {
    type: state.types,
    label: state.labels,
    tlp: state.tlp,
    ...(state.orgId === '' ? {} : { orgId: state.orgId }),
    // Revoked objects are hidden unless asked for; then they show beside the others.
    ...(state.revoked ? {} : { revoked: false }),
    q: state.q,
  };
}

/** Adds the value to the list, or takes it out when it is there. */
export function toggled(values: readonly string[], value: string): readonly string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

export function isFiltered(state: BrowserState): boolean {
  return Object.keys(paramsFromState(state)).length > 0;
}
