import { useState } from 'react';
import { topEventValues, type EventWindow } from '../../api/sensing';
import { ErrorBanner } from '../../components/error-banner';
import { formatCount } from '../../lib/format';
import { useLoad } from '../../lib/use-load';

export const topFields = [
  { field: 'action', label: 'Action' },
  { field: 'protocol', label: 'Protocol' },
  { field: 'source.ip', label: 'Source IP' },
  { field: 'destination.ip', label: 'Destination IP' },
  { field: 'kind', label: 'Kind' },
  { field: 'severity', label: 'Severity' },
  { field: 'input.name', label: 'Source' },
] as const;

interface TopValuesProps {
  readonly window: EventWindow;
  readonly onFilter: (field: string, value: string) => void;
  /** False while the page already says the query failed. */
  readonly showErrors?: boolean;
}

/** The most frequent values of one field among the matching events; a value filters on click. */
export function TopValues({ window, onFilter, showErrors = true }: TopValuesProps) {
  const [field, setField] = useState<string>(topFields[0].field);
  const { load } = useLoad((signal) => topEventValues(window, field, 10, signal), [window.query, window.from, window.to, field], { key: ['events', 'top'] });
  const values = load.data?.values ?? [];
  const most = values[0]?.count ?? 0;
  return (
    <aside className="card events-top" aria-labelledby="events-top-title" data-testid="events-top">
      <h2 id="events-top-title" className="card-title">
        Top values
      </h2>
      <label className="field-label" htmlFor="events-top-field">
        Field
      </label>
      <select id="events-top-field" className="input" value={field} onChange={(e) => setField(e.target.value)}>
        {topFields.map((f) => (
          <option key={f.field} value={f.field}>
            {f.label} ({f.field})
          </option>
        ))}
      </select>
      {load.state === 'failed' && showErrors ? <ErrorBanner error={load.error} title="Could not count the values." /> : null}
      {load.state === 'ready' && values.length === 0 ? <p className="muted small">No event in the range has this field.</p> : null}
      <ul className="events-top-list">
        {values.map((v) => (
          <li key={v.value}>
            <button type="button" className="events-top-value" onClick={() => onFilter(field, v.value)} title={`Add ${field}:${v.value} to the query`}>
              <span className="events-top-bar" style={{ width: `${most === 0 ? 0 : Math.max(2, (v.count / most) * 100)}%` }} aria-hidden="true" />
              <span className="events-top-text mono">{v.value}</span>
              <span className="events-top-count">{formatCount(v.count)}</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
