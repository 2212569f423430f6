import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { IntelObjectDetail, IntelObjectSummary } from '../../../api/intel-types';
import { EmptyState } from '../../../components/empty-state';
import { TypeTag } from '../browser/objects-table';
import { intelPaths, stixTypeOf } from '../paths';
import { objectGraph, type GraphEdge } from './relationship-model';
import { useNeighbours } from './use-neighbours';

// Cytoscape is large and only this panel uses it: it loads with the first graph shown.
const RelationshipGraphView = lazy(async () => ({ default: (await import('./relationship-graph-view')).RelationshipGraphView }));

function ObjectLink({ id, names }: { readonly id: string; readonly names: ReadonlyMap<string, IntelObjectSummary> }) {
  const known = names.get(id);
  if (known === undefined) {
    return (
      <span className="mono small" title="Not visible to you, or not held here">
        {id}
      </span>
    );
  }
  return <Link to={intelPaths.object(id)}>{known.name ?? id}</Link>;
}

function EdgeRow({ edge, centre, names }: { readonly edge: GraphEdge; readonly centre: string; readonly names: ReadonlyMap<string, IntelObjectSummary> }) {
  const outgoing = edge.source === centre;
  const other = outgoing ? edge.target : edge.source;
  return (
    <tr data-neighbour={other} className={edge.revoked ? 'row-disabled' : undefined}>
      <td className="nowrap">
        {outgoing ? (
          <span title="From this object">
            this <span aria-hidden="true">→</span>
          </span>
        ) : (
          <span title="To this object">
            <span aria-hidden="true">←</span> this
          </span>
        )}
      </td>
      <td className="nowrap">
        <span className="code-chip">{edge.label}</span>
        {edge.revoked ? <span className="pill pill-danger pill-inline">revoked</span> : null}
      </td>
      <td className="nowrap">
        <TypeTag type={names.get(other)?.type ?? stixTypeOf(other)} />
      </td>
      <td className="wrap">
        <ObjectLink id={other} names={names} />
      </td>
    </tr>
  );
}

/** The object's neighbourhood: a graph to see it, and a table to read and follow it. */
export function RelationshipsPanel({ detail }: { readonly detail: IntelObjectDetail }) {
  const navigate = useNavigate();
  const graph = useMemo(() => objectGraph(detail), [detail]);
  const names = useNeighbours(graph.neighbours);
  const centreName = detail.summary.name ?? detail.summary.id;
  if (graph.edges.length === 0) {
    return <EmptyState title="No relationships.">No relationship, sighting or reference you can see connects this object to another.</EmptyState>;
  }
  return (
    <div className="intel-relationships" data-testid="intel-relationships">
      <Suspense fallback={<div className="graph-placeholder">Loading graph…</div>}>
        <RelationshipGraphView graph={graph} names={names} centreName={centreName} onOpen={(id) => void navigate(intelPaths.object(id))} />
      </Suspense>
      {graph.truncated ? <p className="muted small graph-note">The object refers to more objects than the graph draws; the first 150 are shown.</p> : null}
      <div className="table-wrap">
        <table className="table" aria-label="Relationships" data-testid="intel-neighbours">
          <thead>
            <tr>
              <th scope="col">Direction</th>
              <th scope="col">Relationship</th>
              <th scope="col">Type</th>
              <th scope="col">Object</th>
            </tr>
          </thead>
          <tbody>
            {graph.edges.map((e) => (
              <EdgeRow key={`${e.source}|${e.target}|${e.label}`} edge={e} centre={graph.centre} names={names} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
