import { criticalities, isCriticality, isTlp, tlpLevels, type Criticality, type Tlp } from '../../api/types';
import { tlpLabel } from '../../components/tlp-badge';
import { capitalise } from '../../lib/format';

export interface AssetFilterValues {
  readonly q: string;
  readonly zone: string;
  readonly vendor: string;
  readonly criticality: Criticality | '';
  readonly tlp: Tlp | '';
}

interface AssetFiltersProps {
  readonly values: AssetFilterValues;
  readonly onChange: (values: AssetFilterValues) => void;
}

export function AssetFilters({ values, onChange }: AssetFiltersProps) {
  const active = values.q !== '' || values.zone !== '' || values.vendor !== '' || values.criticality !== '' || values.tlp !== '';
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
      <input
        type="text"
        name="filterZone"
        className="input input-filter"
        placeholder="Zone"
        aria-label="Filter by zone"
        value={values.zone}
        onChange={(e) => onChange({ ...values, zone: e.target.value })}
      />
      <input
        type="text"
        name="filterVendor"
        className="input input-filter"
        placeholder="Vendor"
        aria-label="Filter by vendor"
        value={values.vendor}
        onChange={(e) => onChange({ ...values, vendor: e.target.value })}
      />
      <select
        name="filterCriticality"
        className="input select input-filter"
        aria-label="Filter by criticality"
        value={values.criticality}
        onChange={(e) => onChange({ ...values, criticality: isCriticality(e.target.value) ? e.target.value : '' })}
      >
        <option value="">Any criticality</option>
        {criticalities.map((c) => (
          <option key={c} value={c}>
            {capitalise(c)}
          </option>
        ))}
      </select>
      <select
        name="filterTlp"
        className="input select input-filter input-filter-tlp"
        aria-label="Filter by TLP"
        value={values.tlp}
        onChange={(e) => onChange({ ...values, tlp: isTlp(e.target.value) ? e.target.value : '' })}
      >
        <option value="">Any TLP</option>
        {tlpLevels.map((t) => (
          <option key={t} value={t}>
            {tlpLabel(t)}
          </option>
        ))}
      </select>
      {active ? (
        <button type="button" className="btn btn-link" onClick={() => onChange({ q: '', zone: '', vendor: '', criticality: '', tlp: '' })}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

export function filterFromParams(params: URLSearchParams): AssetFilterValues {
  const criticality = params.get('criticality') ?? '';
  const tlp = params.get('tlp') ?? '';
  return {
    q: params.get('q') ?? '',
    zone: params.get('zone') ?? '',
    vendor: params.get('vendor') ?? '',
    criticality: isCriticality(criticality) ? criticality : '',
    tlp: isTlp(tlp) ? tlp : '',
  };
}

export function paramsFromFilter(values: AssetFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== '') params[key] = value;
  return params;
}
