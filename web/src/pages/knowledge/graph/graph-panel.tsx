import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { getGraph } from '../../../api/knowledge';
import type { GraphNode } from '../../../api/knowledge-types';
import { ErrorBanner } from '../../../components/error-banner';
import { nodeStyle } from '../../../lib/knowledge-labels';
import { useLoad } from '../../../lib/use-load';
import { nodePath } from './node-links';

// Cytoscape is large and only this panel uses it: it loads with the first graph shown.
const KnowledgeGraphView = lazy(async () => ({ default: (await import('./knowledge-graph')).KnowledgeGraphView }));

export function GraphLegend({ nodes }: { readonly nodes: readonly GraphNode[] }) {
  const entries = new Map<string, string>();
  for (const n of nodes) {
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
  const { load } = useLoad((signal) => getGraph(node, depth, signal), [node, depth]);
  const graph = load.data;
  const open = (n: GraphNode) => {
    const path = nodePath(n);
    if (path !== null && n.id !== node && (openable?.(n) ?? true)) void navigate(path);
  };

  return (
    <div className="graph-panel" data-testid="graph-panel">
      <div className="graph-toolbar">
        <div className="segmented" role="group" aria-label="Graph depth">
          {[1, 2, 3].map((d) => (
            <button key={d} type="button" className={d === depth ? 'segment segment-active' : 'segment'} aria-pressed={d === depth} onClick={() => setDepth(d)} data-depth={d}>
              {d} {d === 1 ? 'hop' : 'hops'}
            </button>
          ))}
        </div>
        {graph === null ? null : <GraphLegend nodes={graph.nodes} />}
        <span className="spacer" />
        <span className="muted small" data-testid="graph-count">
          {load.state === 'loading' ? 'Loading…' : graph === null ? '' : `${graph.nodes.length} nodes · ${graph.edges.length} links`}
        </span>
      </div>
      {graph?.truncated === true ? <p className="muted small graph-note">The neighbourhood is large; the graph shows its first 400 nodes.</p> : null}
      <ErrorBanner error={load.state === 'failed' ? load.error : null} title="Could not load the graph." />
      {graph === null ? (
        <div className="graph-placeholder" style={{ height }}>
          {load.state === 'failed' ? 'No graph' : 'Loading graph…'}
        </div>
      ) : (
        <Suspense fallback={<div className="graph-placeholder" style={{ height }}>Loading graph…</div>}>
          <KnowledgeGraphView graph={graph} focus={node} onOpen={open} {...(height === undefined ? {} : { height })} />
        </Suspense>
      )}
    </div>
  );
}
