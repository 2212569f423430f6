import { useState } from 'react';
import { facetNames, type FacetName, type FacetValue, type VulnerabilitySearch } from '../../../api/knowledge-types';
import { hazardGrades } from '../../../api/types';
import { causeLabel, facetTitles } from '../../../lib/knowledge-labels';
import { formatCount } from '../../../lib/format';
import { facetValueLabel } from './facet-labels';
import type { SearchState } from './search-state';

const FOLDED = 8;

// Grades read from worst to least, yes/no facets yes first; the long lists stay in count order.
function ordered(name: FacetName, values: readonly FacetValue[]): readonly FacetValue[] {
  const grades: readonly string[] = hazardGrades;
  if (name === 'grade') return [...values].sort((a, b) => grades.indexOf(a.value) - grades.indexOf(b.value));
  if (name === 'kev' || name === 'hasFix') return [...values].sort((a, b) => (a.value === 'true' ? -1 : 0) - (b.value === 'true' ? -1 : 0));
  return values;
}

interface FacetGroupProps {
  readonly name: FacetName;
  readonly values: readonly FacetValue[];
  readonly selected: string;
  readonly onSelect: (name: FacetName, value: string) => void;
}

function FacetGroup({ name, values, selected, onSelect }: FacetGroupProps) {
  const [open, setOpen] = useState(false);
  // The selected value stays listed even when the server sends no count for it (it filtered everything out).
  const listed = selected !== '' && !values.some((v) => v.value === selected) ? [{ value: selected, count: 0 }, ...values] : values;
  const shown = open ? listed : listed.slice(0, FOLDED);
  if (listed.length === 0) return null;
  return (
    <section className="facet" data-facet={name}>
      <h3 className="facet-title">{facetTitles[name]}</h3>
      <ul className="facet-list">
        {shown.map((v) => {
          const active = v.value === selected;
          const title = name === 'cause' ? (causeLabel(v.value).zh ?? undefined) : undefined;
          return (
            <li key={v.value}>
              <button
                type="button"
                className={active ? 'facet-value facet-value-active' : 'facet-value'}
                aria-pressed={active}
                data-value={v.value}
                onClick={() => onSelect(name, active ? '' : v.value)}
                {...(title === undefined ? {} : { title })}
              >
                <span className="facet-check" aria-hidden="true" />
                <span className="facet-label">{facetValueLabel(name, v.value)}</span>
                <span className="facet-count">{formatCount(v.count)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {listed.length > FOLDED ? (
        <button type="button" className="btn btn-link facet-more" onClick={() => setOpen((o) => !o)}>
          {open ? 'Show fewer' : `Show all ${listed.length}`}
        </button>
      ) : null}
    </section>
  );
}

interface FacetSidebarProps {
  readonly facets: VulnerabilitySearch['facets'] | null;
  readonly state: SearchState;
  readonly onSelect: (name: FacetName, value: string) => void;
}

/** Counts per value within the current results; a click narrows the results to that value. */
export function FacetSidebar({ facets, state, onSelect }: FacetSidebarProps) {
  return (
    <aside className="facets card" aria-label="Filter by facet" data-testid="kb-facets">
      {facets !== null && facetNames.every((name) => (facets[name] ?? []).length === 0) ? <p className="facet-none">Nothing to narrow down.</p> : null}
      {facetNames.map((name) => (
        <FacetGroup key={name} name={name} values={ordered(name, facets?.[name] ?? [])} selected={state[name]} onSelect={onSelect} />
      ))}
    </aside>
  );
}
