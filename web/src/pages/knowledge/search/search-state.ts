import { hazardGrades, lifecycleStates, type HazardGrade, type LifecycleState } from '../../../api/types';
import { searchSorts, type FacetName, type SearchSort, type VulnerabilityQuery } from '../../../api/knowledge-types';

export const pageSizes = [25, 50, 100] as const;
const defaultLimit = 25;

/** The search as it lives in the URL, so a result list can be bookmarked and shared. */
export interface SearchState {
  readonly q: string;
  readonly vendor: string;
  readonly deviceType: string;
  readonly cwe: string;
  readonly cause: string;
  readonly grade: HazardGrade | '';
  readonly kev: 'true' | 'false' | '';
  readonly hasFix: 'true' | 'false' | '';
  readonly lifecycle: LifecycleState | '';
  readonly sort: SearchSort | '';
  readonly limit: number;
  readonly offset: number;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : '';

const whole = (value: string | null, fallback: number) => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

export function stateFromParams(params: URLSearchParams): SearchState {
  const limit = whole(params.get('limit'), defaultLimit);
  return {
    q: params.get('q') ?? '',
    vendor: params.get('vendor') ?? '',
    deviceType: params.get('deviceType') ?? '',
    cwe: params.get('cwe') ?? '',
    cause: params.get('cause') ?? '',
    grade: oneOf(hazardGrades, params.get('grade')),
    kev: oneOf(['true', 'false'] as const, params.get('kev')),
    hasFix: oneOf(['true', 'false'] as const, params.get('hasFix')),
    lifecycle: oneOf(lifecycleStates, params.get('lifecycle')),
    sort: oneOf(searchSorts, params.get('sort')),
    limit: (pageSizes as readonly number[]).includes(limit) ? limit : defaultLimit,
    offset: whole(params.get('offset'), 0),
  };
}

/** Only what differs from the defaults goes into the URL. */
export function paramsFromState(state: SearchState): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(state)) {
    if (value === '' || (key === 'offset' && value === 0) || (key === 'limit' && value === defaultLimit)) continue;
    params[key] = String(value);
  }
  return params;
}

export function queryOf(state: SearchState): VulnerabilityQuery {
  const q = state.q.trim();
  // Relevance needs words to rank by; without them the newest come first.
  const sort: SearchSort = state.sort !== '' ? state.sort : q === '' ? 'published' : 'relevance';
  return {
    q,
    vendor: state.vendor,
    deviceType: state.deviceType,
    cwe: state.cwe,
    cause: state.cause,
    grade: state.grade,
    kev: state.kev,
    hasFix: state.hasFix,
    lifecycle: state.lifecycle,
    sort,
    limit: state.limit,
    offset: state.offset,
  };
}

/** The facet filters that are set, in sidebar order, for the chips above the results. */
export const filterKeys = ['grade', 'kev', 'hasFix', 'vendor', 'deviceType', 'cwe', 'cause', 'lifecycle'] as const;
export type FilterKey = (typeof filterKeys)[number];

export function isFacetFilter(key: FacetName): key is FacetName & FilterKey {
  return (filterKeys as readonly string[]).includes(key);
}

/** A new state with one filter changed; any change of filter goes back to the first page. */
export function withFilter(state: SearchState, key: FilterKey, value: string): SearchState {
  return { ...state, [key]: value, offset: 0 };
}
