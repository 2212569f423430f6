import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../../../lib/format';
import { formatBytes, percent, protocolColour, protocolLabel, roleLabel } from '../capture-labels';
import { groupStyles, nodeGroups, type CommunicationsMap, type MapEdge, type MapNode } from './communications-model';

interface CommunicationsGraphProps {
  readonly map: CommunicationsMap;
  readonly onOpenHost: (id: string) => void;
  readonly height?: number;
}

function edgeLabel(e: MapEdge): string {
  return `${e.protocol === null ? e.transport.toUpperCase() : protocolLabel(e.protocol)} · ${formatCount(e.packets)}`;
}

function elementsOf(map: CommunicationsMap): ElementDefinition[] {
  const most = Math.max(1, ...map.edges.map((e) => e.packets));
  const nodes: ElementDefinition[] = map.nodes.map((n) => ({
    data: { id: n.id, label: n.label },
    classes: n.group,
  }));
  // Width grows with the log of the packet count, so one chatty pair does not swamp the rest.
  // A crowded map labels links only on hover; the table lists them all.
  const quiet = map.edges.length > 30;
  const edges: ElementDefinition[] = map.edges.map((e) => ({
    classes: quiet ? 'quiet' : '',
    data: {
      id: e.id,
      source: e.client,
      target: e.server,
      label: edgeLabel(e),
      colour: protocolColour(e.protocol),
      width: 1.5 + (4 * Math.log1p(e.packets)) / Math.log1p(most),
    },
  }));
  return [...nodes, ...edges];
}

const style: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 5,
      'font-size': 10.5,
      'font-family': 'Inter, system-ui, sans-serif',
      color: '#1e293b',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      width: 22,
      height: 22,
      'border-width': 2,
      'border-color': '#ffffff',
      'min-zoomed-font-size': 6,
    },
  },
  ...nodeGroups.map((group) => ({
    selector: `node.${group}`,
    style: { 'background-color': groupStyles[group].colour, shape: groupStyles[group].shape },
  })),
  { selector: 'node.hover, node:selected', style: { 'border-color': '#0f172a', 'overlay-opacity': 0, 'z-index': 10 } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': 'data(colour)',
      'target-arrow-color': 'data(colour)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      opacity: 0.85,
      label: 'data(label)',
      'font-size': 9,
      color: '#334155',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 7,
    },
  },
  { selector: 'edge.quiet', style: { label: '' } },
  { selector: 'edge.hover', style: { opacity: 1, 'z-index': 10, label: 'data(label)' } },
];

// Hosts nobody connects to (pure clients) head the layers; when every host is also a server, the busiest clients do.
function rootIds(map: CommunicationsMap): string[] {
  const servers = new Set(map.edges.map((e) => e.server));
  const clients = map.nodes.filter((n) => !servers.has(n.id)).map((n) => n.id);
  if (clients.length > 0) return clients;
  const outgoing = new Map<string, number>();
  for (const e of map.edges) outgoing.set(e.client, (outgoing.get(e.client) ?? 0) + 1);
  const most = Math.max(0, ...outgoing.values());
  return [...outgoing].filter(([, n]) => n === most).map(([id]) => id);
}

type Hovered = { readonly kind: 'node'; readonly node: MapNode } | { readonly kind: 'edge'; readonly edge: MapEdge } | null;

function HoverText({ hovered }: { readonly hovered: Hovered }) {
  if (hovered === null) return <span className="muted">Hover a host or a link for details; click a host to see it in the inventory. Scroll to zoom, drag to pan.</span>;
  if (hovered.kind === 'edge') {
    const e = hovered.edge;
    return (
      <>
        <span className="graph-kind" style={{ background: protocolColour(e.protocol) }} />
        <strong>{e.protocol === null ? e.transport.toUpperCase() : protocolLabel(e.protocol)}</strong> {e.client} → {e.server}
        {e.ports.length === 0 ? null : <span className="muted"> · port {e.ports.join(', ')}</span>}
        <span className="muted">
          {' '}
          · {formatCount(e.packets)} packets, {formatBytes(e.bytes)}
        </span>
      </>
    );
  }
  const n = hovered.node;
  const identity = n.host?.identity;
  const top = n.host?.roles[0];
  return (
    <>
      <span className="graph-kind" style={{ background: groupStyles[n.group].colour }} />
      <strong>{n.id}</strong>
      {top === undefined ? <span className="muted"> · role unknown</span> : <span> · {roleLabel(top.role)} ({percent(top.confidence)})</span>}
      {identity?.vendor === undefined && identity?.model === undefined ? null : (
        <span className="muted"> · {[identity.vendor, identity.model].filter((v) => v !== undefined).join(' ')}</span>
      )}
      <span className="muted"> · {formatCount(n.packets)} packets</span>
    </>
  );
}

/** Who talks to whom: hosts as nodes, one arrow from client to server per protocol, drawn with Cytoscape.js. */
export function CommunicationsGraph({ map, onOpenHost, height = 460 }: CommunicationsGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpenHost);
  const [hovered, setHovered] = useState<Hovered>(null);

  useEffect(() => {
    openRef.current = onOpenHost;
  }, [onOpenHost]);

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const nodes = new Map(map.nodes.map((n) => [n.id, n]));
    const edges = new Map(map.edges.map((e) => [e.id, e]));
    const cy: Core = cytoscape({ container: element, elements: elementsOf(map), style, minZoom: 0.2, maxZoom: 3 });
    const small = map.nodes.length <= 40;
    // Few hosts: layered like a plant network, the clients (HMIs, workstations) above the servers they
    // poll; many hosts: a force layout, which clusters cells around their controllers.
    const roots = rootIds(map);
    cy.layout(
      small
        ? { name: 'breadthfirst', directed: true, roots, spacingFactor: 1.6, padding: 40, animate: false }
        : { name: 'cose', animate: false, padding: 30, nodeRepulsion: () => 12000, idealEdgeLength: () => 110, gravity: 0.4, numIter: 1500, randomize: true },
    ).run();
    // A handful of hosts fitted to the frame would be drawn huge; keep them near natural size, centred.
    if (cy.zoom() > 1.6) {
      cy.zoom(1.6);
      cy.center();
    }
    cy.on('tap', 'node', (event) => openRef.current(String(event.target.id())));
    cy.on('mouseover', 'node', (event) => {
      event.target.addClass('hover');
      event.target.connectedEdges().addClass('hover');
      element.style.cursor = 'pointer';
      const node = nodes.get(String(event.target.id()));
      setHovered(node === undefined ? null : { kind: 'node', node });
    });
    cy.on('mouseover', 'edge', (event) => {
      event.target.addClass('hover');
      const edge = edges.get(String(event.target.id()));
      setHovered(edge === undefined ? null : { kind: 'edge', edge });
    });
    cy.on('mouseout', 'node, edge', (event) => {
      event.target.removeClass('hover');
      if (event.target.isNode()) event.target.connectedEdges().removeClass('hover');
      element.style.cursor = '';
      setHovered(null);
    });
    return () => cy.destroy();
  }, [map]);

  return (
    <div className="graph-frame">
      <div
        ref={container}
        className="graph-canvas"
        style={{ height }}
        data-testid="comm-graph"
        role="img"
        aria-label={`Communications map with ${map.nodes.length} hosts and ${map.edges.length} links`}
      />
      <div className="graph-hover" aria-live="polite">
        <HoverText hovered={hovered} />
      </div>
    </div>
  );
}
