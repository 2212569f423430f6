import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { GraphNode } from '../../../api/knowledge-types';
import { ErrorBanner } from '../../../components/error-banner';
import { nodeStyle } from '../../../lib/knowledge-labels';
import { useLoad } from '../../../lib/use-load';
import { nodePath } from './node-links';
import { getBoundedGraph, isMore, mergeGraphs, type BoundedGraph, type MoreNode } from './graph-model';

// Cytoscape is large and only this panel uses it: it loads with the first graph shown.
const KnowledgeGraphView = lazy(async () => ({ default: (await import('./knowledge-graph')).KnowledgeGraphView }));

export function GraphLegend({ nodes }: { readonly nodes: readonly (GraphNode | MoreNode)[] }) {
  const entries = new Map<string, string>();
  for (const n of nodes) {
    if (isMore(n)) continue;
    const style = nodeStyle(n);
    entries.set(style.label, style.colour);
  }
  return (
    <ul className="graph-legend" aria-label="Node kinds">
      {[...entries].map(([label, colour]) => (
        <li key={label}>
          <span className="graph-kind" style={{ background: colour }} />
          {label}
        </li>
      ))}
    </ul>
  );
}

interface GraphPanelProps {
  /** `<kind>:<id>` of the entity in the middle. */
  readonly node: string;
  readonly initialDepth?: number;
  readonly height?: number;
  /** Which nodes a click may open; by default every node with a page. */
  readonly openable?: (node: GraphNode) => boolean;
}

/** The neighbourhood of one entity, 1 to 3 hops out, with a depth selector. */
export function GraphPanel({ node, initialDepth = 1, height, openable }: GraphPanelProps) {
  const navigate = useNavigate();
  const [depth, setDepth] = useState(initialDepth);
  const { load } = useLoad((signal) => getBoundedGraph(node, depth, undefined, signal), [node, depth]);
  // "+N more" nodes opened so far: each entity's own neighbourhood with a larger limit, merged in.
  const [expansions, setExpansions] = useState<ReadonlyMap<string, BoundedGraph>>(new Map());
  const [expandError, setExpandError] = useState<unknown>(null);
  const base = load.data;
  const graph = useMemo(() => (base === null ? null : mergeGraphs(base, expansions)), [base, expansions]);
  const expand = (more: MoreNode) => {
    setExpandError(null);
    getBoundedGraph(more.parent, 1, 40).then(
      (g) => setExpansions((m) => new Map([...m, [more.parent, g]])),
      (e: unknown) => setExpandError(e),
    );
  };
  const hidden = graph === null ? 0 : graph.nodes.filter(isMore).reduce((n, m) => n + m.count, 0);
  const open = (n: GraphNode) => {
    const path = nodePath(n);
    if (path !== null && n.id !== node && (openable?.(n) ?? true)) void navigate(path);
  };

  return (
    <div className="graph-panel" data-testid="graph-panel">
      <div className="graph-toolbar">
        <div className="segmented" role="group" aria-label="Graph depth">
          {[1, 2, 3].map((d) => (
            <button
              key={d}
              type="button"
              className={d === depth ? 'segment segment-active' : 'segment'}
              aria-pressed={d === depth}
              onClick={() => {
                setDepth(d);
                setExpansions(new Map());
              }}
              data-depth={d}
            >
              {d} {d === 1 ? 'hop' : 'hops'}
            </button>
          ))}
        </div>
        {graph === null ? null : <GraphLegend nodes={graph.nodes} />}
        <span className="spacer" />
        <span className="muted small" data-testid="graph-count">
          {load.state === 'loading' ? 'Loading…' : graph === null ? '' : `${graph.nodes.filter((n) => !isMore(n)).length} nodes · ${graph.edges.length} links${hidden > 0 ? ` · ${hidden} more grouped` : ''}`}
        </span>
      </div>
      {hidden > 0 ? (
        <p className="muted small graph-note" data-testid="graph-more-note">
          The neighbourhood is large: {hidden} further entities are grouped in “+N more” nodes. Click one to show them, or open an entity to centre the graph on it.
        </p>
      ) : null}
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the graph." />
      <ErrorBanner error={expandError} title="Could not show more." onDismiss={() => setExpandError(null)} />
      {graph === null ? (
        <div className="graph-placeholder" style={{ height }}>
          {load.state === 'failed' ? 'No graph' : 'Loading graph…'}
        </div>
      ) : (
        <Suspense fallback={<div className="graph-placeholder" style={{ height }}>Loading graph…</div>}>
          <KnowledgeGraphView graph={graph} focus={node} onOpen={open} onExpand={expand} {...(height === undefined ? {} : { height })} />
        </Suspense>
      )}
    </div>
  );
}
