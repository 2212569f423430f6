import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { GraphNode, KnowledgeGraph } from '../../../api/knowledge-types';
import { nodeStyle } from '../../../lib/knowledge-labels';

interface KnowledgeGraphViewProps {
  readonly graph: KnowledgeGraph;
  /** The node the neighbourhood was asked for: drawn larger, in the centre. */
  readonly focus: string;
  readonly onOpen: (node: GraphNode) => void;
  readonly height?: number;
}

// Hops from the focus, so the layout can draw rings: the focus, its neighbours, theirs.
function distances(graph: KnowledgeGraph, focus: string): Map<string, number> {
  const adjacent = new Map<string, string[]>();
  for (const e of graph.edges) {
    adjacent.set(e.from, [...(adjacent.get(e.from) ?? []), e.to]);
    adjacent.set(e.to, [...(adjacent.get(e.to) ?? []), e.from]);
  }
  const hops = new Map([[focus, 0]]);
  const queue = [focus];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const next of adjacent.get(node) ?? []) {
      if (hops.has(next)) continue;
      hops.set(next, (hops.get(node) ?? 0) + 1);
      queue.push(next);
    }
  }
  return hops;
}

function elementsOf(graph: KnowledgeGraph, focus: string): ElementDefinition[] {
  const hops = distances(graph, focus);
  const degree = new Map<string, number>();
  for (const e of graph.edges) for (const n of [e.from, e.to]) degree.set(n, (degree.get(n) ?? 0) + 1);
  const nearKinds = new Map<string, number>();
  for (const n of graph.nodes) if (hops.get(n.id) === 1) nearKinds.set(n.kind, (nearKinds.get(n.kind) ?? 0) + 1);
  // A crowded graph labels only the focus, hubs and the few neighbours of a rare kind; the rest on hover.
  const labelled = (n: GraphNode) =>
    graph.nodes.length < 30 || (degree.get(n.id) ?? 0) >= 3 || (hops.get(n.id) === 1 && (nearKinds.get(n.kind) ?? 0) <= 6);
  const classOf = (n: GraphNode) => (n.id === focus ? 'focus' : labelled(n) ? '' : 'far');
  const nodes: ElementDefinition[] = graph.nodes.map((n) => ({
    data: { id: n.id, label: n.label, kind: n.kind, colour: nodeStyle(n).colour, hops: hops.get(n.id) ?? 9 },
    classes: classOf(n),
  }));
  const edges: ElementDefinition[] = graph.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, type: e.type } }));
  return [...nodes, ...edges];
}

const style: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-size': 10,
      'font-family': 'Inter, system-ui, sans-serif',
      color: '#334155',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-max-width': '120px',
      'text-wrap': 'ellipsis',
      width: 14,
      height: 14,
      'border-width': 2,
      'border-color': '#ffffff',
      'min-zoomed-font-size': 7,
    },
  },
  {
    selector: 'node.focus',
    style: {
      width: 26,
      height: 26,
      'font-size': 12,
      'font-weight': 700,
      color: '#0f172a',
      'border-color': '#0f172a',
      'text-max-width': '240px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
    },
  },
  { selector: 'node.far', style: { label: '', width: 10, height: 10, 'border-width': 1 } },
  { selector: 'node:active, node.hover', style: { 'border-color': '#0f172a', 'overlay-opacity': 0, label: 'data(label)', 'z-index': 10 } },
  {
    selector: 'edge',
    style: {
      width: 1,
      'line-color': '#cbd5e1',
      'curve-style': 'straight',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#cbd5e1',
      'arrow-scale': 0.7,
    },
  },
  { selector: 'edge.hover', style: { 'line-color': '#64748b', 'target-arrow-color': '#64748b', label: 'data(type)', 'font-size': 9, color: '#475569', 'text-background-color': '#fff', 'text-background-opacity': 1 } },
];

/** The knowledge graph drawn with Cytoscape.js; a click on a node opens its page. */
export function KnowledgeGraphView({ graph, focus, onOpen, height = 440 }: KnowledgeGraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpen);
  const [hovered, setHovered] = useState<GraphNode | null>(null);

  useEffect(() => {
    openRef.current = onOpen;
  }, [onOpen]);

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const cy: Core = cytoscape({
      container: element,
      elements: elementsOf(graph, focus),
      style,
      minZoom: 0.2,
      maxZoom: 3,
    });
    const small = graph.nodes.length < 30;
    // Rings around the focus read well for a few nodes; larger neighbourhoods cluster better by force.
    cy.layout(
      small
        ? { name: 'concentric', concentric: (node) => 10 - Number(node.data('hops')), levelWidth: () => 1, minNodeSpacing: 60, padding: 24, animate: false }
        : { name: 'cose', animate: false, padding: 24, nodeRepulsion: () => 6000, idealEdgeLength: () => 40, gravity: 0.6, numIter: 1200, randomize: true },
    ).run();
    // A small neighbourhood fitted to the frame would be drawn huge; keep it at natural size, centred.
    if (cy.zoom() > 1.3) {
      cy.zoom(1.3);
      cy.center();
    }
    cy.on('tap', 'node', (event) => {
      const node = byId.get(String(event.target.id()));
      if (node !== undefined) openRef.current(node);
    });
    cy.on('mouseover', 'node', (event) => {
      event.target.addClass('hover');
      event.target.connectedEdges().addClass('hover');
      element.style.cursor = 'pointer';
      setHovered(byId.get(String(event.target.id())) ?? null);
    });
    cy.on('mouseout', 'node', (event) => {
      event.target.removeClass('hover');
      event.target.connectedEdges().removeClass('hover');
      element.style.cursor = '';
      setHovered(null);
    });
    return () => cy.destroy();
  }, [graph, focus]);

  return (
    <div className="graph-frame">
      <div ref={container} className="graph-canvas" style={{ height }} data-testid="graph-canvas" role="img" aria-label={`Knowledge graph with ${graph.nodes.length} nodes`} />
      <div className="graph-hover" aria-live="polite">
        {hovered === null ? (
          <span className="muted">Hover a node for details; click to open it. Scroll to zoom, drag to pan.</span>
        ) : (
          <>
            <span className="graph-kind" style={{ background: nodeStyle(hovered).colour }} />
            <strong>{nodeStyle(hovered).label}</strong> {hovered.label}
            {hovered.detail === undefined || hovered.detail === null ? null : <span className="muted"> · {hovered.detail}</span>}
          </>
        )}
      </div>
    </div>
  );
}
