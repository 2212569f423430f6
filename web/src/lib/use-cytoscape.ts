import cytoscape, { type Css, type ElementDefinition, type LayoutOptions, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, type DependencyList, type RefObject } from 'react';

// Only the graph components import this module; they load lazily, and so does Cytoscape with them.

export interface GraphDrawing {
  readonly elements: ElementDefinition[];
  readonly style: StylesheetJson;
  readonly layout: LayoutOptions;
  /** A few nodes fitted to the frame would be drawn huge; above this zoom they stay near natural size, centred. */
  readonly maxFitZoom: number;
  /** Links answer the pointer too, not only nodes. */
  readonly hoverEdges?: boolean;
}

export type GraphTarget = { readonly kind: 'node' | 'edge'; readonly id: string };

export interface GraphEvents {
  readonly onTapNode: (id: string) => void;
  /** The node or link under the pointer, null when it leaves. */
  readonly onHover: (target: GraphTarget | null) => void;
}

/** Text under each node, and a white ring that keeps touching nodes apart. */
export const nodeLabelStyle: Css.Node = {
  label: 'data(label)',
  'font-family': 'Inter, system-ui, sans-serif',
  'text-valign': 'bottom',
  'border-width': 2,
  'border-color': '#ffffff',
};

/** Nodes coloured by their kind, with names cut short. */
export const kindNodeStyle: Css.Node = {
  ...nodeLabelStyle,
  'background-color': 'data(colour)',
  'font-size': 10,
  color: '#334155',
  'text-margin-y': 4,
  'text-wrap': 'ellipsis',
};

/** The node a neighbourhood was drawn around. */
export const focusNodeStyle: Css.Node = {
  'font-size': 12,
  'font-weight': 700,
  color: '#0f172a',
  'border-color': '#0f172a',
  'text-max-width': '240px',
};

/** A link's label along the line, legible where it crosses others. */
export const edgeLabelStyle: Css.Edge = {
  label: 'data(label)',
  'font-size': 9,
  'text-rotation': 'autorotate',
  'text-background-color': '#ffffff',
  'text-background-opacity': 0.9,
  'text-background-padding': '1px',
};

/**
 * Draws a graph with Cytoscape.js in the returned container whenever `deps` change, as with useEffect;
 * scroll zooms, drag pans, and the hovered node (with its links) takes the class "hover".
 */
export function useCytoscape(draw: () => GraphDrawing, deps: DependencyList, events: GraphEvents): RefObject<HTMLDivElement | null> {
  const container = useRef<HTMLDivElement>(null);
  // Handlers change with every render of the parent; the graph is drawn only when its data do.
  const latest = useRef(events);
  useEffect(() => {
    latest.current = events;
  });

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const { elements, style, layout, maxFitZoom, hoverEdges = false } = draw();
    const cy = cytoscape({ container: element, elements, style, minZoom: 0.2, maxZoom: 3 });
    cy.layout(layout).run();
    if (cy.zoom() > maxFitZoom) {
      cy.zoom(maxFitZoom);
      cy.center();
    }
    cy.on('tap', 'node', (event) => latest.current.onTapNode(String(event.target.id())));
    cy.on('mouseover', 'node', (event) => {
      event.target.addClass('hover');
      event.target.connectedEdges().addClass('hover');
      element.style.cursor = 'pointer';
      latest.current.onHover({ kind: 'node', id: String(event.target.id()) });
    });
    if (hoverEdges) {
      cy.on('mouseover', 'edge', (event) => {
        event.target.addClass('hover');
        latest.current.onHover({ kind: 'edge', id: String(event.target.id()) });
      });
    }
    cy.on('mouseout', hoverEdges ? 'node, edge' : 'node', (event) => {
      event.target.removeClass('hover');
      if (event.target.isNode()) event.target.connectedEdges().removeClass('hover');
      element.style.cursor = '';
      latest.current.onHover(null);
    });
    return () => cy.destroy();
    // The caller lists what the drawing depends on, as with useEffect; `draw` itself is new each render.
  }, deps);

  return container;
}
