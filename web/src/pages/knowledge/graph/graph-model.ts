import { apiUrl, request } from '../../../api/client';
import type { GraphEdge, GraphNode } from '../../../api/knowledge-types';

/** Neighbours the server left out of one relation, drawn as one node ("+22 products") that expands on click. */
export interface MoreNode {
  readonly id: string;
  readonly kind: 'more';
  readonly label: string;
  readonly parent: string;
  readonly relation: string;
  readonly count: number;
}

export interface BoundedGraph {
  readonly nodes: readonly (GraphNode | MoreNode)[];
  readonly edges: readonly GraphEdge[];
  readonly truncated: boolean;
  readonly hidden?: number;
}

export const isMore = (n: GraphNode | MoreNode): n is MoreNode => n.kind === 'more';

/** The neighbourhood, bounded by the server: at most `limit` neighbours per relation (default 8). */
export function getBoundedGraph(node: string, depth: number, limit: number | undefined, signal?: AbortSignal): Promise<BoundedGraph> {
  return request<BoundedGraph>(apiUrl('/kb/graph', { node, depth, limit }), signal === undefined ? {} : { signal });
}

/**
 * The graph with expansions merged in: each expansion is one entity's own neighbourhood (depth 1, a
 * larger limit); its "more" nodes replace the ones it answers, nodes and links are not repeated.
 */
export function mergeGraphs(base: BoundedGraph, expansions: ReadonlyMap<string, BoundedGraph>): BoundedGraph {
  if (expansions.size === 0) return base;
  const nodes = new Map<string, GraphNode | MoreNode>();
  const edges = new Map<string, GraphEdge>();
  const all = [base, ...expansions.values()];
  for (const g of all) for (const n of g.nodes) if (!(isMore(n) && expansions.has(n.parent) && g === base)) nodes.set(n.id, n);
  for (const g of all) for (const e of g.edges) if (nodes.has(e.from) && nodes.has(e.to)) edges.set(`${e.from}|${e.type}|${e.to}`, e);
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: [...nodes.values()].some(isMore) };
}

