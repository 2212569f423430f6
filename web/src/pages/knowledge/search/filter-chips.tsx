import { facetTitles, lifecycleLabels } from '../../../lib/knowledge-labels';
import { facetValueLabel } from './facet-labels';
import { filterKeys, type FilterKey, type SearchState } from './search-state';

const title = (key: FilterKey) => (key === 'lifecycle' ? 'Lifecycle' : facetTitles[key]);

interface FilterChipsProps {
  readonly state: SearchState;
  readonly onRemove: (key: FilterKey) => void;
  readonly onClear: () => void;
}

export function FilterChips({ state, onRemove, onClear }: FilterChipsProps) {
  const active = filterKeys.filter((key) => state[key] !== '');
  if (active.length === 0) return null;
  return (
    <div className="chips" data-testid="kb-filter-chips">
      {active.map((key) => (
        <span key={key} className="chip" data-filter={key}>
          <span className="chip-key">{title(key)}:</span> {key === 'lifecycle' && state.lifecycle !== '' ? lifecycleLabels[state.lifecycle] : facetValueLabel(key, state[key])}
          <button type="button" className="chip-remove" aria-label={`Remove filter ${title(key)}`} onClick={() => onRemove(key)}>
            ×
          </button>
        </span>
      ))}
      {active.length > 1 ? (
        <button type="button" className="btn btn-link btn-small" onClick={onClear}>
          Clear all
        </button>
      ) : null}
    </div>
  );
}
