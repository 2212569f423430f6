import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { useMemo, useState } from 'react';
import { GraphFrame } from '../../../components/graph-frame';
import { formatCount } from '../../../lib/format';
import { edgeLabelStyle, nodeLabelStyle, useCytoscape } from '../../../lib/use-cytoscape';
import { readableLabels } from '../../knowledge/graph/readable-labels';
import { formatBytes, percent, protocolColour, protocolLabel, protocolLine, roleLabel } from '../capture-labels';
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
      colour: protocolLine(e.protocol).colour,
      line: protocolLine(e.protocol).line,
      width: 1.5 + (4 * Math.log1p(e.packets)) / Math.log1p(most),
    },
  }));
  return [...nodes, ...edges];
}

const style: StylesheetJson = [
  {
    selector: 'node',
    style: {
      ...nodeLabelStyle,
      'text-wrap': 'wrap',
      'text-halign': 'center',
      'text-margin-y': 5,
      'font-size': 12,
      color: '#1e293b',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      width: 22,
      height: 22,
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
      ...edgeLabelStyle,
      width: 'data(width)',
      'line-color': 'data(colour)',
      'line-style': 'data(line)' as 'solid',
      'target-arrow-color': 'data(colour)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      opacity: 0.9,
      color: '#1e293b',
      'font-size': 11,
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
  const [hovered, setHovered] = useState<Hovered>(null);
  const nodes = useMemo(() => new Map(map.nodes.map((n) => [n.id, n])), [map]);
  const edges = useMemo(() => new Map(map.edges.map((e) => [e.id, e])), [map]);
  const container = useCytoscape(
    () => ({
      elements: elementsOf(map),
      style,
      // Few hosts: layered like a plant network, the clients (HMIs, workstations) above the servers they
      // poll; many hosts: a force layout, which clusters cells around their controllers.
      layout:
        map.nodes.length <= 40
          ? { name: 'breadthfirst', directed: true, roots: rootIds(map), spacingFactor: 1.6, padding: 40, animate: false, nodeDimensionsIncludeLabels: true, stop: (e: { cy: Core }) => readableLabels(e.cy, 1.6) }
          : { name: 'cose', animate: false, padding: 30, nodeRepulsion: () => 12000, idealEdgeLength: () => 110, gravity: 0.4, numIter: 1500, randomize: true, nodeDimensionsIncludeLabels: true, stop: (e: { cy: Core }) => readableLabels(e.cy, 1.6) },
      maxFitZoom: 1.6,
      hoverEdges: true,
    }),
    [map],
    {
      onTapNode: onOpenHost,
      onHover: (target) => {
        const node = target?.kind === 'node' ? nodes.get(target.id) : undefined;
        const edge = target?.kind === 'edge' ? edges.get(target.id) : undefined;
        setHovered(node !== undefined ? { kind: 'node', node } : edge !== undefined ? { kind: 'edge', edge } : null);
      },
    },
  );

  return (
    <>
      <GraphFrame canvasRef={container} height={height} testId="comm-graph" label={`Communications map with ${map.nodes.length} hosts and ${map.edges.length} links`}>
        <HoverText hovered={hovered} />
      </GraphFrame>
      <ProtocolLegend protocols={[...new Set(map.edges.map((e) => e.protocol))]} />
    </>
  );
}

/** Which line is which protocol: colour and line style, as drawn. */
export function ProtocolLegend({ protocols }: { readonly protocols: readonly (string | null)[] }) {
  if (protocols.length === 0) return null;
  const sorted = [...protocols].sort((a, b) => (a ?? '~').localeCompare(b ?? '~'));
  return (
    <ul className="graph-legend comm-legend" aria-label="Protocols" data-testid="comm-legend">
      {sorted.map((p) => {
        const { colour, line } = protocolLine(p);
        return (
          <li key={p ?? 'other'} data-protocol={p ?? 'other'}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="27" y2="5" stroke={colour} strokeWidth="3" strokeDasharray={line === 'dashed' ? '6 3' : line === 'dotted' ? '2 3' : undefined} />
            </svg>
            {p === null ? 'Other (transport only)' : protocolLabel(p)}
          </li>
        );
      })}
    </ul>
  );
}
