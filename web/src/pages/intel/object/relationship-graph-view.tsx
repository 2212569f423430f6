import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { IntelObjectSummary } from '../../../api/intel-types';
import { stixTypeColour, stixTypeLabel } from '../intel-labels';
import { stixTypeOf } from '../paths';
import type { ObjectGraph } from './relationship-model';

interface RelationshipGraphViewProps {
  readonly graph: ObjectGraph;
  readonly names: ReadonlyMap<string, IntelObjectSummary>;
  readonly centreName: string;
  readonly onOpen: (id: string) => void;
  readonly height?: number;
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
      'text-max-width': '140px',
      'text-wrap': 'ellipsis',
      width: 16,
      height: 16,
      'border-width': 2,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.hidden-object', style: { 'background-color': '#cbd5e1', color: '#64748b' } },
  {
    selector: 'node.focus',
    style: { width: 28, height: 28, 'font-size': 12, 'font-weight': 700, color: '#0f172a', 'border-color': '#0f172a', 'text-max-width': '240px' },
  },
  { selector: 'node.hover', style: { 'border-color': '#0f172a', 'z-index': 10 } },
  {
    selector: 'edge',
    style: {
      width: 1.2,
      'line-color': '#94a3b8',
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#94a3b8',
      'arrow-scale': 0.8,
      label: 'data(label)',
      'font-size': 9,
      color: '#475569',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '1px',
    },
  },
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
  const edges: ElementDefinition[] = graph.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, label: e.label }, classes: e.revoked ? 'revoked' : '' }));
  return [...nodes, ...edges];
}

/** The object in the centre and its neighbours drawn with Cytoscape.js; a click on a neighbour opens its page. */
export function RelationshipGraphView({ graph, names, centreName, onOpen, height = 380 }: RelationshipGraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpen);
  const [hovered, setHovered] = useState<string | null>(null);

  useEffect(() => {
    openRef.current = onOpen;
  }, [onOpen]);

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const cy: Core = cytoscape({ container: element, elements: elementsOf(graph, names, centreName), style, minZoom: 0.2, maxZoom: 3 });
    cy.layout({ name: 'concentric', concentric: (node) => (node.id() === graph.centre ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 70, padding: 30, animate: false }).run();
    // A couple of nodes fitted to the frame would be drawn huge; keep them at natural size, centred.
    if (cy.zoom() > 1.3) {
      cy.zoom(1.3);
      cy.center();
    }
    cy.on('tap', 'node', (event) => {
      const id = String(event.target.id());
      if (id !== graph.centre) openRef.current(id);
    });
    cy.on('mouseover', 'node', (event) => {
      event.target.addClass('hover');
      element.style.cursor = 'pointer';
      setHovered(String(event.target.id()));
    });
    cy.on('mouseout', 'node', (event) => {
      event.target.removeClass('hover');
      element.style.cursor = '';
      setHovered(null);
    });
    return () => cy.destroy();
  }, [graph, names, centreName]);

  const hoveredType = hovered === null ? null : (names.get(hovered)?.type ?? stixTypeOf(hovered));
  return (
    <div className="graph-frame">
      <div
        ref={container}
        className="graph-canvas"
        style={{ height }}
        data-testid="intel-graph-canvas"
        role="img"
        aria-label={`Relationship graph with ${graph.neighbours.length} neighbours`}
      />
      <div className="graph-hover" aria-live="polite">
        {hovered === null || hoveredType === null ? (
          <span className="muted">Hover a node for details; click a neighbour to open it. Scroll to zoom, drag to pan.</span>
        ) : (
          <>
            <span className="graph-kind" style={{ background: stixTypeColour(hoveredType) }} />
            <strong>{stixTypeLabel(hoveredType)}</strong> {names.get(hovered)?.name ?? hovered}
          </>
        )}
      </div>
    </div>
  );
}
