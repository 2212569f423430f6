import type { FacetCount, IntelFacets } from '../../../api/intel-types';
import { tlpLevels, type Tlp } from '../../../api/types';
import { TlpBadge } from '../../../components/tlp-badge';
import { formatCount } from '../../../lib/format';
import { stixTypeLabel } from '../intel-labels';
import type { BrowserState } from './browser-state';

// Offered when the server sends no facet counts, so the type filter still works.
const commonTypes = ['indicator', 'malware', 'threat-actor', 'intrusion-set', 'attack-pattern', 'vulnerability', 'sighting', 'report', 'tool', 'campaign'];

/** Selected values stay listed even when the current filters leave them no count. */
function withSelected(values: readonly FacetCount[] | undefined, selected: readonly string[], fallback: readonly string[]): readonly (FacetCount | { value: string; count: null })[] {
  const listed: (FacetCount | { value: string; count: null })[] = values === undefined ? fallback.map((value) => ({ value, count: null })) : [...values];
  for (const s of selected) if (!listed.some((v) => v.value === s)) listed.unshift({ value: s, count: values === undefined ? null : 0 });
  return listed;
}

interface CheckGroupProps {
  readonly title: string;
  readonly name: string;
  readonly values: readonly (FacetCount | { value: string; count: null })[];
  readonly selected: readonly string[];
  readonly label: (value: string) => string;
  readonly onToggle: (value: string) => void;
}

function CheckGroup({ title, name, values, selected, label, onToggle }: CheckGroupProps) {
  if (values.length === 0) return null;
  return (
    <fieldset className="facet intel-facet" data-facet={name}>
      <legend className="facet-title">{title}</legend>
      <ul className="facet-list">
        {values.map((v) => (
          <li key={v.value}>
            <label className="intel-facet-check">
              <input type="checkbox" name={name} value={v.value} checked={selected.includes(v.value)} onChange={() => onToggle(v.value)} />
              <span className="facet-label">{label(v.value)}</span>
              {v.count === null ? null : <span className="facet-count">{formatCount(v.count)}</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

interface IntelFacetsProps {
  readonly facets: IntelFacets | null;
  readonly state: BrowserState;
  readonly onTypes: (value: string) => void;
  readonly onLabels: (value: string) => void;
  readonly onTlp: (tlp: Tlp | '') => void;
}

/** Counts per type, TLP and label within the current filters; types and labels combine, TLP is one level. */
export function IntelFacetSidebar({ facets, state, onTypes, onLabels, onTlp }: IntelFacetsProps) {
  const tlpCounts = new Map((facets?.tlp ?? []).map((t) => [t.value, t.count]));
  return (
    <aside className="facets card" aria-label="Filter intelligence" data-testid="intel-facets">
      <CheckGroup title="Type" name="type" values={withSelected(facets?.types, state.types, commonTypes)} selected={state.types} label={stixTypeLabel} onToggle={onTypes} />
      <section className="facet" data-facet="tlp">
        <h3 className="facet-title">TLP</h3>
        <ul className="facet-list">
          {tlpLevels
            .filter((t) => facets === null || tlpCounts.has(t) || state.tlp === t)
            .map((t) => {
              const active = state.tlp === t;
              return (
                <li key={t}>
                  <button type="button" className={active ? 'facet-value facet-value-active' : 'facet-value'} aria-pressed={active} data-value={t} onClick={() => onTlp(active ? '' : t)}>
                    <span className="facet-check" aria-hidden="true" />
                    <span className="facet-label">
                      <TlpBadge tlp={t} />
                    </span>
                    {tlpCounts.has(t) ? <span className="facet-count">{formatCount(tlpCounts.get(t) ?? 0)}</span> : null}
                  </button>
                </li>
              );
            })}
        </ul>
      </section>
      <CheckGroup title="Label" name="label" values={withSelected(facets?.labels, state.labels, [])} selected={state.labels} label={(v) => v} onToggle={onLabels} />
    </aside>
  );
}
