import { assetSortKeys, criticalities, exposureGrades, isCriticality, isTlp, tlpLevels, type AssetFilter, type AssetSelection, type AssetSortKey, type Criticality, type ExposureGrade, type Tlp } from '../../api/types';
import { tlpLabel } from '../../components/tlp-badge';
import { capitalise } from '../../lib/format';
import { gradeLabels } from '../../lib/knowledge-labels';

export interface AssetFilterValues {
  readonly q: string;
  readonly zone: string;
  readonly vendor: string;
  readonly criticality: Criticality | '';
  readonly tlp: Tlp | '';
  readonly exposed: 'yes' | 'no' | '';
  readonly kev: 'yes' | 'no' | '';
  readonly minGrade: ExposureGrade | '';
  readonly sort: AssetSortKey | '';
  readonly order: 'asc' | 'desc' | '';
}

export const noFilters: AssetFilterValues = { q: '', zone: '', vendor: '', criticality: '', tlp: '', exposed: '', kev: '', minGrade: '', sort: '', order: '' };

interface AssetFiltersProps {
  readonly values: AssetFilterValues;
  readonly onChange: (values: AssetFilterValues) => void;
}

const yesNo = (v: string): 'yes' | 'no' | '' => (v === 'yes' || v === 'no' ? v : '');
const isGrade = (v: string): v is ExposureGrade => (exposureGrades as readonly string[]).includes(v);
const isSortKey = (v: string): v is AssetSortKey => (assetSortKeys as readonly string[]).includes(v);

export function AssetFilters({ values, onChange }: AssetFiltersProps) {
  const active = (['q', 'zone', 'vendor', 'criticality', 'tlp', 'exposed', 'kev', 'minGrade'] as const).some((k) => values[k] !== '');
  return (
    <div className="toolbar" role="search" aria-label="Filter assets">
      <input
        type="search"
        name="q"
        className="input input-search"
        placeholder="Search name, IP, MAC, model…"
        aria-label="Search assets"
        value={values.q}
        onChange={(e) => onChange({ ...values, q: e.target.value })}
      />
      <input type="text" name="filterZone" className="input input-filter" placeholder="Zone" aria-label="Filter by zone" value={values.zone} onChange={(e) => onChange({ ...values, zone: e.target.value })} />
      <input type="text" name="filterVendor" className="input input-filter" placeholder="Vendor" aria-label="Filter by vendor" value={values.vendor} onChange={(e) => onChange({ ...values, vendor: e.target.value })} />
      <select name="filterCriticality" className="input select input-filter" aria-label="Filter by criticality" value={values.criticality} onChange={(e) => onChange({ ...values, criticality: isCriticality(e.target.value) ? e.target.value : '' })}>
        <option value="">Any criticality</option>
        {criticalities.map((c) => (
          <option key={c} value={c}>
            {capitalise(c)}
          </option>
        ))}
      </select>
      <select name="filterTlp" className="input select input-filter input-filter-tlp" aria-label="Filter by TLP" value={values.tlp} onChange={(e) => onChange({ ...values, tlp: isTlp(e.target.value) ? e.target.value : '' })}>
        <option value="">Any TLP</option>
        {tlpLevels.map((t) => (
          <option key={t} value={t}>
            {tlpLabel(t)}
          </option>
        ))}
      </select>
      <select name="filterExposed" className="input select input-filter" aria-label="Filter by exposure" value={values.exposed} onChange={(e) => onChange({ ...values, exposed: yesNo(e.target.value) })}>
        <option value="">Any exposure</option>
        <option value="yes">Exposed (affected)</option>
        <option value="no">Not exposed</option>
      </select>
      <select name="filterKev" className="input select input-filter" aria-label="Filter by known exploited" value={values.kev} onChange={(e) => onChange({ ...values, kev: yesNo(e.target.value) })}>
        <option value="">KEV or not</option>
        <option value="yes">Known exploited (KEV)</option>
        <option value="no">No KEV</option>
      </select>
      <select name="filterGrade" className="input select input-filter" aria-label="Filter by highest grade" value={values.minGrade} onChange={(e) => onChange({ ...values, minGrade: isGrade(e.target.value) ? e.target.value : '' })}>
        <option value="">Any grade</option>
        {exposureGrades.map((g) => (
          <option key={g} value={g}>
            {gradeLabels[g].en} {gradeLabels[g].zh} or above
          </option>
        ))}
      </select>
      {active ? (
        <button type="button" className="btn btn-link" onClick={() => onChange({ ...noFilters, sort: values.sort, order: values.order })}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

export function filterFromParams(params: URLSearchParams): AssetFilterValues {
  const get = (key: string) => params.get(key) ?? '';
  const criticality = get('criticality');
  const tlp = get('tlp');
  const grade = get('minGrade');
  const sort = get('sort');
  const order = get('order');
  return {
    q: get('q'),
    zone: get('zone'),
    vendor: get('vendor'),
    criticality: isCriticality(criticality) ? criticality : '',
    tlp: isTlp(tlp) ? tlp : '',
    exposed: yesNo(get('exposed')),
    kev: yesNo(get('kev')),
    minGrade: isGrade(grade) ? grade : '',
    sort: isSortKey(sort) ? sort : '',
    order: order === 'asc' || order === 'desc' ? order : '',
  };
}

export function paramsFromFilter(values: AssetFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== '') params[key] = value;
  return params;
}

const flag = (v: 'yes' | 'no' | '') => (v === '' ? undefined : v === 'yes');
const text = (v: string) => (v.trim() === '' ? undefined : v.trim());

/** The filters as the API and saved filters take them (absent rather than empty). */
export function selectionOf(values: AssetFilterValues): AssetSelection {
  const s: Record<string, unknown> = {
    q: text(values.q),
    zone: text(values.zone),
    vendor: text(values.vendor),
    criticality: values.criticality === '' ? undefined : values.criticality,
    tlp: values.tlp === '' ? undefined : values.tlp,
    exposed: flag(values.exposed),
    kev: flag(values.kev),
    minGrade: values.minGrade === '' ? undefined : values.minGrade,
    sort: values.sort === '' ? undefined : values.sort,
    order: values.order === '' ? undefined : values.order,
  };
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as AssetSelection;
}

/** A saved filter back into the form's values. */
export function valuesOf(selection: AssetSelection): AssetFilterValues {
  const yn = (v: boolean | undefined) => (v === undefined ? '' : v ? 'yes' : 'no');
  return {
    q: selection.q ?? '',
    zone: selection.zone ?? '',
    vendor: selection.vendor ?? '',
    criticality: selection.criticality ?? '',
    tlp: selection.tlp ?? '',
    exposed: yn(selection.exposed),
    kev: yn(selection.kev),
    minGrade: selection.minGrade ?? '',
    sort: selection.sort ?? '',
    order: selection.order ?? '',
  };
}

export function apiFilterOf(values: AssetFilterValues): AssetFilter {
  return selectionOf(values) as AssetFilter;
}
