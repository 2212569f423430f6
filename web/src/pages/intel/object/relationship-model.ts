import type { IntelObjectDetail, IntelObjectSummary } from '../../../api/intel-types';
import { isStixId } from '../paths';

/** One edge of the picture around an object, as STIX states it: from `source` to `target`. */
export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  readonly label: string;
  /** The relationship or sighting object itself, when the edge is one. */
  readonly via: string | null;
  readonly revoked: boolean;
}

export interface ObjectGraph {
  readonly centre: string;
  /** Every other object in the picture, in order of first mention. */
  readonly neighbours: readonly string[];
  readonly edges: readonly GraphEdge[];
  /** More references than the picture draws. */
  readonly truncated: boolean;
}

const MAX_REFS = 150;

const refs = (value: unknown): readonly string[] => (Array.isArray(value) ? value.filter(isStixId) : isStixId(value) ? [value] : []);

/**
 * The object in the middle, its relationships and sightings (both directions), and what the object
 * itself refers to (a sighting's sighted object and places, a report's or grouping's contents).
 */
export function objectGraph(detail: IntelObjectDetail): ObjectGraph {
  const centre = detail.summary.id;
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const add = (edge: GraphEdge) => {
    const key = `${edge.source}|${edge.target}|${edge.label}`;
    if (seen.has(key) || edge.source === edge.target) return;
    if (edges.length >= MAX_REFS) {
      truncated = true;
      return;
    }
    seen.add(key);
    edges.push(edge);
  };

  for (const r of detail.relationships) {
    if (r.type === 'sighting') {
      // The sighting is the neighbour: it saw this object.
      add({ source: r.id, target: r.sourceRef ?? centre, label: 'sighting of', via: r.id, revoked: r.revoked });
    } else if (r.sourceRef !== null && r.targetRef !== null) {
      add({ source: r.sourceRef, target: r.targetRef, label: r.relationshipType ?? 'related-to', via: r.id, revoked: r.revoked });
    }
  }
  const o = detail.object;
  for (const id of refs(o['sighting_of_ref'])) add({ source: centre, target: id, label: 'sighting of', via: null, revoked: false });
  for (const id of refs(o['where_sighted_refs'])) add({ source: centre, target: id, label: 'sighted at', via: null, revoked: false });
  for (const id of refs(o['observed_data_refs'])) add({ source: centre, target: id, label: 'observed in', via: null, revoked: false });
  if (o['type'] === 'relationship') {
    for (const id of refs(o['source_ref'])) add({ source: id, target: centre, label: 'source', via: null, revoked: false });
    for (const id of refs(o['target_ref'])) add({ source: centre, target: id, label: 'target', via: null, revoked: false });
  }
  for (const id of refs(o['object_refs'])) add({ source: centre, target: id, label: 'refers to', via: null, revoked: false });

  const neighbours: string[] = [];
  for (const e of edges) for (const id of [e.source, e.target]) if (id !== centre && !neighbours.includes(id)) neighbours.push(id);
  return { centre, neighbours, edges, truncated };
}

/**
 * Relationship objects among the neighbours (a report's contents, say) become what they mean: a labelled
 * link from their source to their target, once their summaries are known; their ends join the picture.
 */
export function relationshipsAsEdges(graph: ObjectGraph, names: ReadonlyMap<string, IntelObjectSummary>, verb: (s: IntelObjectSummary) => string): ObjectGraph {
  const sros = new Map<string, IntelObjectSummary>();
  for (const id of graph.neighbours) {
    const s = names.get(id);
    if (s !== undefined && s.type === 'relationship' && s.sourceRef !== null && s.targetRef !== null) sros.set(id, s);
  }
  if (sros.size === 0) return graph;
  const edges: GraphEdge[] = graph.edges.filter((e) => !sros.has(e.source) && !sros.has(e.target));
  const seen = new Set(edges.map((e) => `${e.source}|${e.target}|${e.label}`));
  for (const [id, s] of sros) {
    const edge = { source: s.sourceRef ?? '', target: s.targetRef ?? '', label: verb(s), via: id, revoked: s.revoked };
    const key = `${edge.source}|${edge.target}|${edge.label}`;
    if (!seen.has(key) && edge.source !== edge.target) {
      seen.add(key);
      edges.push(edge);
    }
  }
  const neighbours: string[] = [];
  for (const e of edges) for (const id of [e.source, e.target]) if (id !== graph.centre && !neighbours.includes(id)) neighbours.push(id);
  return { ...graph, neighbours, edges };
}
