import { useId } from 'react';
import { alertStatuses, type AlertStatus } from '../../api/detection';
import { statusLabels } from './detection-model';

export { SeverityBadge } from '../events/severity-badge';

export function StatusBadge({ status }: { readonly status: AlertStatus }) {
  return <span className={`pill alert-status alert-status-${status}`}>{statusLabels[status]}</span>;
}

/** An ATT&CK technique id linking to its page in the knowledge base's matrix (when the matrix knows it). */
export function TechniqueLink({ id, stixId }: { readonly id: string; readonly stixId: string | undefined }) {
  if (stixId === undefined) return <span className="mono small">{id}</span>;
  return (
    <a href={`/knowledge/attack?technique=${encodeURIComponent(stixId)}`} className="mono small" title={`ATT&CK for ICS technique ${id}`}>
      {id}
    </a>
  );
}

interface LabelledSelectProps<V extends string> {
  readonly label: string;
  readonly name: string;
  readonly value: V;
  readonly options: readonly { readonly value: V; readonly label: string }[];
  readonly onChange: (value: V) => void;
}

/** A small select with its label above it, as the queue's filters and the alert's work form use them. */
export function LabelledSelect<V extends string>({ label, name, value, options, onChange }: LabelledSelectProps<V>) {
  const id = useId();
  return (
    <div className="labelled-select">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} name={name} className="input input-small" value={value} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const statusOptions = alertStatuses.map((s) => ({ value: s, label: statusLabels[s] }));
