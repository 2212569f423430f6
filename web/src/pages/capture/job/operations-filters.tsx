import { useEffect, useState } from 'react';
import { isProtocolId, operationClasses, type OperationClass } from '../../../api/types';
import { formatCount } from '../../../lib/format';
import { useDebounced } from '../../../lib/use-debounced';
import { operationColour, operationLabel, operationRisk, protocolLabel } from '../capture-labels';
import { isoToLocalInput, localInputToIso, noFilter, type OperationFilter } from './operations-query';

interface OperationsFiltersProps {
  readonly filter: OperationFilter;
  readonly onChange: (filter: OperationFilter) => void;
  /** Protocols found in the capture. */
  readonly protocols: readonly string[];
  /** Operations per class for the other filters; null while loading. */
  readonly classCounts: Readonly<Record<string, number>> | null;
  /** Addresses to suggest in the host field. */
  readonly hosts: readonly string[];
}

export function OperationsFilters({ filter, onChange, protocols, classCounts, hosts }: OperationsFiltersProps) {
  const [host, setHost] = useState(filter.host);
  const settledHost = useDebounced(host, 400);

  // Clearing the filters (or following a link) resets the field; typing reaches the URL once it settles.
  useEffect(() => setHost(filter.host), [filter.host]);
  useEffect(() => {
    if (settledHost.trim() !== filter.host) onChange({ ...filter, host: settledHost.trim() });
    // Only the settled text triggers this; filter and onChange are read at that moment.
  }, [settledHost]);

  const shown = operationClasses.filter((c) => (classCounts?.[c] ?? 0) > 0 || filter.operation.includes(c));
  const toggle = (c: OperationClass, on: boolean) =>
    onChange({ ...filter, operation: on ? operationClasses.filter((x) => x === c || filter.operation.includes(x)) : filter.operation.filter((x) => x !== c) });
  const active = filter.protocol !== '' || filter.operation.length > 0 || filter.host !== '' || filter.from !== '' || filter.to !== '';

  return (
    <div className="ops-filters" role="search" aria-label="Filter operations" data-testid="ops-filters">
      <div className="toolbar">
        <select
          name="protocol"
          className="input select input-filter"
          aria-label="Filter by protocol"
          value={filter.protocol}
          onChange={(e) => onChange({ ...filter, protocol: isProtocolId(e.target.value) ? e.target.value : '' })}
        >
          <option value="">Any protocol</option>
          {protocols.map((p) => (
            <option key={p} value={p}>
              {protocolLabel(p)}
            </option>
          ))}
        </select>
        <input
          type="search"
          name="host"
          className="input input-filter mono"
          placeholder="Host address"
          aria-label="Filter by host (source or destination)"
          list="ops-hosts"
          value={host}
          onChange={(e) => setHost(e.target.value)}
        />
        <datalist id="ops-hosts">
          {hosts.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
        <label className="inline-label small muted">
          From
          <input
            type="datetime-local"
            step="0.001"
            name="from"
            className="input input-time"
            value={filter.from === '' ? '' : isoToLocalInput(filter.from)}
            onChange={(e) => onChange({ ...filter, from: localInputToIso(e.target.value) })}
          />
        </label>
        <label className="inline-label small muted">
          To
          <input
            type="datetime-local"
            step="0.001"
            name="to"
            className="input input-time"
            value={filter.to === '' ? '' : isoToLocalInput(filter.to)}
            onChange={(e) => onChange({ ...filter, to: localInputToIso(e.target.value) })}
          />
        </label>
        {active ? (
          <button type="button" className="btn btn-link" onClick={() => onChange(noFilter)}>
            Clear filters
          </button>
        ) : null}
      </div>
      <fieldset className="op-classes" data-testid="op-classes">
        <legend className="small muted">Operation class</legend>
        {classCounts === null && shown.length === 0 ? <span className="muted small">Counting…</span> : null}
        {shown.map((c) => {
          const on = filter.operation.includes(c);
          return (
            <label key={c} className={`op-class op-class-${operationRisk(c)}${on ? ' op-class-on' : ''}`} data-class={c}>
              <input type="checkbox" name="operation" value={c} checked={on} onChange={(e) => toggle(c, e.target.checked)} />
              <span className="op-dot" style={{ background: operationColour(c) }} />
              {operationLabel(c)}
              <span className="op-class-count">{formatCount(classCounts?.[c] ?? 0)}</span>
            </label>
          );
        })}
      </fieldset>
    </div>
  );
}
