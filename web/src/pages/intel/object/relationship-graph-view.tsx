import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { useState } from 'react';
import type { IntelObjectSummary } from '../../../api/intel-types';
import { GraphFrame } from '../../../components/graph-frame';
import { edgeLabelStyle, focusNodeStyle, kindNodeStyle, useCytoscape } from '../../../lib/use-cytoscape';
import { stixTypeColour, stixTypeLabel } from '../intel-labels';
import { stixTypeOf } from '../paths';
import { readableLabels } from '../../knowledge/graph/readable-labels';
import type { ObjectGraph } from './relationship-model';

interface RelationshipGraphViewProps {
  readonly graph: ObjectGraph;
  readonly names: ReadonlyMap<string, IntelObjectSummary>;
  readonly centreName: string;
  readonly onOpen: (id: string) => void;
  readonly height?: number;
}

const style: StylesheetJson = [
  { selector: 'node', style: { ...kindNodeStyle, 'font-size': 12, 'text-max-width': '160px', width: 16, height: 16, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '1px' } },
  { selector: 'node.hidden-object', style: { 'background-color': '#cbd5e1', color: '#64748b' } },
  { selector: 'node.focus', style: { ...focusNodeStyle, width: 28, height: 28 } },
  { selector: 'node.hover', style: { 'border-color': '#0f172a', 'z-index': 10 } },
  {
    selector: 'edge',
    style: {
      ...edgeLabelStyle,
      width: 1.2,
      'line-color': '#94a3b8',
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#94a3b8',
      'arrow-scale': 0.8,
      color: '#334155',
      'font-size': 11,
    },
  },
  // Membership (a report's or grouping's contents) is context, not a statement: a faint line, no label.
  { selector: 'edge.contains', style: { label: '', 'line-style': 'dashed', 'line-color': '#cbd5e1', 'target-arrow-shape': 'none', width: 1 } },
  { selector: 'edge.hover', style: { 'line-color': '#0f172a', 'target-arrow-color': '#0f172a', 'z-index': 10 } },
  { selector: 'edge.revoked', style: { 'line-style': 'dashed', 'line-color': '#e2a0a0', 'target-arrow-color': '#e2a0a0' } },
];

function elementsOf(graph: ObjectGraph, names: ReadonlyMap<string, IntelObjectSummary>, centreName: string): ElementDefinition[] {
  const nodes: ElementDefinition[] = [graph.centre, ...graph.neighbours].map((id) => {
    const known = names.get(id);
    const type = known?.type ?? stixTypeOf(id);
    const label = id === graph.centre ? centreName : (known?.name ?? id);
    const classes = id === graph.centre ? 'focus' : known === undefined ? 'hidden-object' : '';
    return { data: { id, label, type, colour: stixTypeColour(type) }, classes };
  });
  const edges: ElementDefinition[] = graph.edges.map((e, i) => ({
    data: { id: `e${i}`, source: e.source, target: e.target, label: e.label },
    classes: [e.revoked ? 'revoked' : '', e.label === 'refers to' ? 'contains' : 'statement'].join(' ').trim(),
  }));
  return [...nodes, ...edges];
}

/** The object in the centre and its neighbours drawn with Cytoscape.js; a click on a neighbour opens its page. */
export function RelationshipGraphView({ graph, names, centreName, onOpen, height = 380 }: RelationshipGraphViewProps) {
  const [hovered, setHovered] = useState<string | null>(null);
  const container = useCytoscape(
    () => ({
      elements: elementsOf(graph, names, centreName),
      style,
      // The centre in the middle, the rest around it; node sizes include their names, so names never overlap.
      layout:
        graph.neighbours.length <= 24
          ? { name: 'concentric', concentric: (node) => (node.id() === graph.centre ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 40, padding: 30, animate: false, avoidOverlap: true, nodeDimensionsIncludeLabels: true, stop: (e: { cy: Core }) => readableLabels(e.cy, 1.3) }
          : { name: 'cose', animate: false, padding: 30, nodeRepulsion: () => 12000, idealEdgeLength: () => 120, gravity: 0.4, numIter: 1500, randomize: false, nodeDimensionsIncludeLabels: true, stop: (e: { cy: Core }) => readableLabels(e.cy, 1.3) },
      maxFitZoom: 1.3,
    }),
    [graph, names, centreName],
    {
      onTapNode: (id) => {
        if (id !== graph.centre) onOpen(id);
      },
      onHover: (target) => setHovered(target?.id ?? null),
    },
  );

  const hoveredType = hovered === null ? null : (names.get(hovered)?.type ?? stixTypeOf(hovered));
  return (
    <GraphFrame canvasRef={container} height={height} testId="intel-graph-canvas" label={`Relationship graph with ${graph.neighbours.length} neighbours`}>
      {hovered === null || hoveredType === null ? (
        <span className="muted">Hover a node for details; click a neighbour to open it. Scroll to zoom, drag to pan.</span>
      ) : (
        <>
          <span className="graph-kind" style={{ background: stixTypeColour(hoveredType) }} />
          <strong>{stixTypeLabel(hoveredType)}</strong> {names.get(hovered)?.name ?? hovered}
        </>
      )}
    </GraphFrame>
  );
}
