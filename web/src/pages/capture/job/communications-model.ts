import type { CaptureCommunication, CaptureHost } from '../../../api/types';
import { roleLabel } from '../capture-labels';

/** Hosts are drawn by what they are: field controllers, operator and engineering stations, the rest. */
export const nodeGroups = ['controller', 'station', 'network', 'unknown'] as const;
export type NodeGroup = (typeof nodeGroups)[number];

const groups: Readonly<Record<string, NodeGroup>> = {
  plc: 'controller',
  rtu: 'controller',
  ied: 'controller',
  'io-device': 'controller',
  'building-controller': 'controller',
  hmi: 'station',
  'engineering-workstation': 'station',
  historian: 'station',
  'scada-server': 'station',
  'io-controller': 'station',
  gateway: 'network',
  broker: 'network',
};

export const groupStyles: Readonly<Record<NodeGroup, { readonly label: string; readonly colour: string; readonly shape: 'round-rectangle' | 'ellipse' | 'diamond' }>> = {
  controller: { label: 'Controller / field device', colour: '#c2410c', shape: 'round-rectangle' },
  station: { label: 'HMI, workstation, server', colour: '#1f6feb', shape: 'ellipse' },
  network: { label: 'Gateway / broker', colour: '#7c3aed', shape: 'diamond' },
  unknown: { label: 'Role unknown', colour: '#94a3b8', shape: 'ellipse' },
};

export interface MapNode {
  readonly id: string;
  readonly role: string | null;
  readonly label: string;
  readonly group: NodeGroup;
  readonly packets: number;
  readonly host: CaptureHost | null;
}

/** One protocol between one client and one server; the table keeps the per-port detail. */
export interface MapEdge {
  readonly id: string;
  readonly client: string;
  readonly server: string;
  readonly protocol: string | null;
  readonly transport: string;
  readonly packets: number;
  readonly bytes: number;
  readonly ports: readonly number[];
}

export interface CommunicationsMap {
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
  /** Hosts left out to keep the map readable. */
  readonly hidden: number;
}

/** A graph beyond a few hundred nodes is a hairball; the busiest hosts stay, the table keeps all pairs. */
export const MAX_NODES = 250;

export function buildMap(hosts: readonly CaptureHost[], communications: readonly CaptureCommunication[]): CommunicationsMap {
  const byKey = new Map(hosts.map((h) => [h.key, h]));
  const traffic = new Map<string, number>();
  for (const c of communications) {
    traffic.set(c.client, (traffic.get(c.client) ?? 0) + c.packets);
    traffic.set(c.server, (traffic.get(c.server) ?? 0) + c.packets);
  }
  // Endpoints of pairs come first: a host seen only in broadcasts has nothing to draw an edge to.
  const ids = [...traffic.keys()].sort((a, b) => (traffic.get(b) ?? 0) - (traffic.get(a) ?? 0));
  const kept = new Set(ids.slice(0, MAX_NODES));
  const nodes: MapNode[] = [...kept].map((id) => {
    const host = byKey.get(id) ?? null;
    const role = host?.roles[0]?.role ?? null;
    return {
      id,
      role,
      label: role === null ? id : `${id}\n${roleLabel(role)}`,
      group: role === null ? 'unknown' : (groups[role] ?? 'unknown'),
      packets: traffic.get(id) ?? 0,
      host,
    };
  });
  const edges = new Map<string, { client: string; server: string; protocol: string | null; transport: string; packets: number; bytes: number; ports: Set<number> }>();
  for (const c of communications) {
    if (!kept.has(c.client) || !kept.has(c.server)) continue;
    const id = `${c.client}>${c.server}>${c.protocol ?? c.transport}`;
    const edge = edges.get(id) ?? { client: c.client, server: c.server, protocol: c.protocol, transport: c.transport, packets: 0, bytes: 0, ports: new Set<number>() };
    edge.packets += c.packets;
    edge.bytes += c.bytes;
    if (c.port !== null) edge.ports.add(c.port);
    edges.set(id, edge);
  }
  return {
    nodes,
    edges: [...edges].map(([id, e]) => ({ id, client: e.client, server: e.server, protocol: e.protocol, transport: e.transport, packets: e.packets, bytes: e.bytes, ports: [...e.ports].sort((a, b) => a - b) })),
    hidden: Math.max(0, ids.length - kept.size),
  };
}
