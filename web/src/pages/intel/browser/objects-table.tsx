import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { IntelObjectSummary } from '../../../api/intel-types';
import { DataTable, type Column } from '../../../components/data-table';
import { TlpBadge } from '../../../components/tlp-badge';
import { formatDateTime } from '../../../lib/format';
import { ConfidenceCell } from '../confidence-cell';
import { stixTypeColour, stixTypeLabel } from '../intel-labels';
import { intelPaths } from '../paths';
import { ReliabilityBadge } from '../reliability-badge';
import { relationVerb, StixRef } from '../object/stix-ref';
import { useNeighbours } from '../object/use-neighbours';

/**
 * A relationship or sighting read as a sentence: its two ends by name, each a link to that object, and
 * the verb a link to the relationship itself.
 */
function Endpoints({ o, names }: { readonly o: IntelObjectSummary; readonly names: ReadonlyMap<string, IntelObjectSummary> }) {
  if (o.sourceRef === null) return null;
  const self = (text: string) => (
    <Link to={intelPaths.object(o.id)} className="cell-strong intel-verb" onClick={(e) => e.stopPropagation()}>
      {text}
    </Link>
  );
  return (
    <span className="intel-endpoints" data-testid="intel-endpoints" onClick={(e) => e.stopPropagation()}>
      {o.type === 'sighting' ? (
        <>
          {self('Sighting')} <span className="muted">of</span> <StixRef id={o.sourceRef} names={names} />
        </>
      ) : (
        <>
          <StixRef id={o.sourceRef} names={names} /> {self(relationVerb(o))} {o.targetRef === null ? null : <StixRef id={o.targetRef} names={names} />}
        </>
      )}
    </span>
  );
}

interface ObjectsTableProps {
  readonly items: readonly IntelObjectSummary[];
  readonly loading: boolean;
  readonly onOrganisation: (orgId: string) => void;
}

export function TypeTag({ type }: { readonly type: string }) {
  return (
    <span className="stix-type" data-type={type}>
      <span className="graph-kind" style={{ background: stixTypeColour(type) }} aria-hidden="true" />
      {stixTypeLabel(type)}
    </span>
  );
}

export function ObjectsTable({ items, loading, onOrganisation }: ObjectsTableProps) {
  const navigate = useNavigate();
  // The ends of the page's relationships and sightings, named in one batch.
  const ends = useMemo(() => [...new Set(items.flatMap((o) => [o.sourceRef, o.targetRef].filter((r): r is string => r !== null)))], [items]);
  const names = useNeighbours(ends);
  const columns: readonly Column<IntelObjectSummary>[] = [
    { key: 'type', header: 'Type', className: 'nowrap', render: (o) => <TypeTag type={o.type} /> },
    {
      key: 'name',
      header: 'Name',
      className: 'wrap',
      render: (o) => (
        <>
          {(o.type === 'relationship' || o.type === 'sighting') && o.sourceRef !== null ? (
            <Endpoints o={o} names={names} />
          ) : (
            <Link to={intelPaths.object(o.id)} className="cell-strong" onClick={(e) => e.stopPropagation()}>
              {o.name ?? o.id}
            </Link>
          )}
          {o.revoked ? <span className="pill pill-danger pill-inline">revoked</span> : null}
        </>
      ),
    },
    { key: 'tlp', header: 'TLP', className: 'nowrap', render: (o) => <TlpBadge tlp={o.tlp} /> },
    { key: 'confidence', header: 'Confidence', className: 'nowrap', render: (o) => <ConfidenceCell summary={o} /> },
    {
      key: 'source',
      header: 'Source',
      className: 'nowrap',
      render: (o) => (
        <span className="intel-source">
          <ReliabilityBadge reliability={o.reliability} /> {o.source === '' ? <span className="muted">own</span> : o.source}
        </span>
      ),
    },
    {
      key: 'org',
      header: 'Organisation',
      className: 'nowrap',
      render: (o) => (
        <button
          type="button"
          className="btn btn-link"
          title={`Show only what ${o.orgName} holds`}
          onClick={(e) => {
            e.stopPropagation();
            onOrganisation(o.orgId);
          }}
        >
          {o.orgName}
        </button>
      ),
    },
    { key: 'added', header: 'Added', className: 'nowrap', render: (o) => formatDateTime(o.dateAdded) },
  ];
  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(o) => o.id}
      label="Intelligence objects"
      testId="intel-objects-table"
      loading={loading}
      onRowClick={(o) => void navigate(intelPaths.object(o.id))}
      rowClassName={(o) => (o.revoked ? 'row-disabled' : '')}
    />
  );
}
