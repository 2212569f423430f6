import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { IntelObjectDetail, IntelObjectSummary } from '../../../api/intel-types';
import { EmptyState } from '../../../components/empty-state';
import { TypeTag } from '../browser/objects-table';
import { intelPaths, stixTypeOf } from '../paths';
import { objectGraph, relationshipsAsEdges, type GraphEdge } from './relationship-model';
import { relationVerb, StixRef } from './stix-ref';
import { useNeighbours } from './use-neighbours';

// Cytoscape is large and only this panel uses it: it loads with the first graph shown.
const RelationshipGraphView = lazy(async () => ({ default: (await import('./relationship-graph-view')).RelationshipGraphView }));

/** One link of the picture as a row: source, relation (a link to the relationship object when it is one), target. */
function EdgeRow({ edge, names }: { readonly edge: GraphEdge; readonly names: ReadonlyMap<string, IntelObjectSummary> }) {
  return (
    <tr data-neighbour={`${edge.source} ${edge.target}`} className={edge.revoked ? 'row-disabled' : undefined}>
      <td className="wrap">
        <TypeTag type={names.get(edge.source)?.type ?? stixTypeOf(edge.source)} />
        <br />
        <StixRef id={edge.source} names={names} />
      </td>
      <td className="nowrap">
        {edge.via === null ? <span className="code-chip">{edge.label}</span> : <Link to={intelPaths.object(edge.via)} className="code-chip">{edge.label}</Link>}
        {edge.revoked ? <span className="pill pill-danger pill-inline">revoked</span> : null}
      </td>
      <td className="wrap">
        <TypeTag type={names.get(edge.target)?.type ?? stixTypeOf(edge.target)} />
        <br />
        <StixRef id={edge.target} names={names} />
      </td>
    </tr>
  );
}

/** The object's neighbourhood: a graph to see it, and a table to read and follow it. */
export function RelationshipsPanel({ detail }: { readonly detail: IntelObjectDetail }) {
  const navigate = useNavigate();
  const first = useMemo(() => objectGraph(detail), [detail]);
  const firstNames = useNeighbours(first.neighbours);
  // Relationship objects among the neighbours are drawn as the links they state; their ends are named next.
  const graph = useMemo(() => relationshipsAsEdges(first, firstNames, relationVerb), [first, firstNames]);
  const moreNames = useNeighbours(graph.neighbours.filter((id) => !firstNames.has(id)));
  const names = useMemo(() => new Map([...firstNames, ...moreNames, [detail.summary.id, detail.summary]]), [firstNames, moreNames, detail.summary]);
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
              <th scope="col">Source</th>
              <th scope="col">Relationship</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {graph.edges.map((e) => (
              <EdgeRow key={`${e.source}|${e.target}|${e.label}`} edge={e} names={names} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
