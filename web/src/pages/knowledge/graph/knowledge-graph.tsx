import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { useMemo, useState } from 'react';
import type { GraphNode } from '../../../api/knowledge-types';
import { GraphFrame } from '../../../components/graph-frame';
import { nodeStyle } from '../../../lib/knowledge-labels';
import { focusNodeStyle, kindNodeStyle, useCytoscape } from '../../../lib/use-cytoscape';
import { isMore, type BoundedGraph, type MoreNode } from './graph-model';
import { readableLabels } from './readable-labels';

type KnowledgeGraph = BoundedGraph;

interface KnowledgeGraphViewProps {
  readonly graph: KnowledgeGraph;
  /** The node the neighbourhood was asked for: drawn larger, in the centre. */
  readonly focus: string;
  readonly onOpen: (node: GraphNode) => void;
  /** A "+N more" node was clicked: show those neighbours. */
  readonly onExpand: (node: MoreNode) => void;
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
  const labelled = (n: GraphNode | MoreNode) =>
    isMore(n) || graph.nodes.length < 40 || (degree.get(n.id) ?? 0) >= 3 || (hops.get(n.id) === 1 && (nearKinds.get(n.kind) ?? 0) <= 6);
  const classOf = (n: GraphNode | MoreNode) => (n.id === focus ? 'focus' : isMore(n) ? 'more' : labelled(n) ? '' : 'far');
  const nodes: ElementDefinition[] = graph.nodes.map((n) => ({
    data: { id: n.id, label: n.label, kind: n.kind, colour: isMore(n) ? '#e2e8f0' : nodeStyle(n).colour, hops: hops.get(n.id) ?? 9 },
    classes: classOf(n),
  }));
  // Relations are named on the links while the picture is small enough to read them.
  const named = graph.edges.length <= 40;
  const edges: ElementDefinition[] = graph.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, type: e.type }, classes: named ? 'named' : '' }));
  return [...nodes, ...edges];
}

const style: StylesheetJson = [
  { selector: 'node', style: { ...kindNodeStyle, 'text-max-width': '120px', width: 14, height: 14, 'min-zoomed-font-size': 7 } },
  {
    selector: 'node.focus',
    style: { ...focusNodeStyle, width: 26, height: 26, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '2px' },
  },
  { selector: 'node.far', style: { label: '', width: 10, height: 10, 'border-width': 1 } },
  {
    selector: 'node.more',
    style: { shape: 'round-rectangle', width: 18, height: 18, 'border-color': '#64748b', 'border-width': 1, 'border-style': 'dashed', color: '#1e293b', 'font-weight': 600 },
  },
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
  {
    selector: 'edge.named',
    style: { label: 'data(type)', 'font-size': 11, color: '#475569', 'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': '1px' },
  },
  { selector: 'edge.hover', style: { 'line-color': '#64748b', 'target-arrow-color': '#64748b', label: 'data(type)', 'font-size': 11, color: '#475569', 'text-background-color': '#fff', 'text-background-opacity': 1 } },
];

/** The knowledge graph drawn with Cytoscape.js; a click on a node opens its page. */
export function KnowledgeGraphView({ graph, focus, onOpen, onExpand, height = 440 }: KnowledgeGraphViewProps) {
  const [hovered, setHovered] = useState<GraphNode | MoreNode | null>(null);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const container = useCytoscape(
    () => ({
      elements: elementsOf(graph, focus),
      style,
      // Rings around the focus read well for a few nodes; larger neighbourhoods cluster better by force.
      // Either way node sizes include their labels, so names do not cover each other.
      layout:
        graph.nodes.length < 30
          ? { name: 'concentric', concentric: (node) => 10 - Number(node.data('hops')), levelWidth: () => 1, minNodeSpacing: 30, padding: 24, animate: false, avoidOverlap: true, nodeDimensionsIncludeLabels: true, stop: (e: { cy: Core }) => readableLabels(e.cy, 1.3) }
          : { name: 'cose', animate: false, padding: 24, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, gravity: 0.5, numIter: 1500, randomize: false, nodeDimensionsIncludeLabels: true, stop: (e: { cy: Core }) => readableLabels(e.cy, 1.3) },
      maxFitZoom: 1.3,
    }),
    [graph, focus],
    {
      onTapNode: (id) => {
        const node = byId.get(id);
        if (node === undefined) return;
        if (isMore(node)) onExpand(node);
        else onOpen(node);
      },
      onHover: (target) => setHovered(target === null ? null : (byId.get(target.id) ?? null)),
    },
  );

  return (
    <GraphFrame canvasRef={container} height={height} testId="graph-canvas" label={`Knowledge graph with ${graph.nodes.length} nodes`}>
      {hovered === null ? (
        <span className="muted">Hover a node for details; click to open it, or click a “+N more” node to show those. Scroll to zoom, drag to pan.</span>
      ) : isMore(hovered) ? (
        <span>
          <strong>{hovered.label}</strong> <span className="muted">({hovered.relation}); click to show them</span>
        </span>
      ) : (
        <>
          <span className="graph-kind" style={{ background: nodeStyle(hovered).colour }} />
          <strong>{nodeStyle(hovered).label}</strong> {hovered.label}
          {hovered.detail === undefined || hovered.detail === null ? null : <span className="muted"> · {hovered.detail}</span>}
        </>
      )}
    </GraphFrame>
  );
}
