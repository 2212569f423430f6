// The knowledge graph as people can read it: a neighbourhood of at most `maxNodes` entities, each
// entity showing at most `perRelation` neighbours of one relation and kind, the rest gathered into one
// "N more" node that the console expands on request. The unbounded walk drew hundreds of nodes (a
// vendor's products, their vulnerabilities, those vulnerabilities' other products) and queried them one
// by one; this walk expands each level's entities concurrently and never expands what it does not show.
import type { Actor } from '../../../platform/access.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { ExploreService } from '../explore.service.js';
import type { GraphEdge, GraphNode, NodeKind } from '../explore.service.js';

export interface MoreNode {
  readonly id: string;
  readonly kind: 'more';
  readonly label: string;
  /** The entity whose further neighbours these are, the relation and their kind. */
  readonly parent: string;
  readonly relation: string;
  readonly of: NodeKind;
  /** How many are left out; `atLeast` when the count itself was cut (each relation is read up to 40). */
  readonly count: number;
  readonly atLeast: boolean;
}

export interface BoundedGraph {
  readonly nodes: (GraphNode | MoreNode)[];
  readonly edges: GraphEdge[];
  /** Entities left out in all (the sum of the "more" nodes). */
  readonly hidden: number;
  readonly truncated: boolean;
}

export interface BoundOptions {
  readonly maxNodes?: number | undefined;
  readonly perRelation?: number | undefined;
}

/** What edgesOf reads per relation and node (explore.service FANOUT). */
const READ_PER_RELATION = 40;
const kindOf = (id: string) => id.slice(0, id.indexOf(':')) as NodeKind;
const plural: Readonly<Record<NodeKind, string>> = {
  vulnerability: 'vulnerabilities',
  product: 'products',
  vendor: 'vendors',
  weakness: 'weaknesses',
  advisory: 'advisories',
  attack: 'ATT&CK objects',
  asset: 'assets',
};

export async function boundedNeighbourhood(
  explore: Pick<ExploreService, 'edgesOf' | 'label' | 'visible'>,
  actor: Actor,
  start: string,
  depth: number,
  options: BoundOptions = {},
): Promise<BoundedGraph> {
  const maxNodes = options.maxNodes ?? 60;
  const perRelation = options.perRelation ?? 8;
  if (!(await explore.visible(actor, start))) throw new NotFoundError(`${start} not found`);
  const shown = new Set<string>([start]);
  const edges = new Map<string, GraphEdge>();
  const more: MoreNode[] = [];
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    // One level's entities at once: on PostgreSQL their queries overlap; on PGlite they queue.
    const found = await Promise.all(frontier.map(async (node) => ({ node, edges: await explore.edgesOf(actor, node) })));
    const next: string[] = [];
    for (const { node, edges: around } of found) {
      // Grouped by relation and by the kind of entity at the other end, in the order the store gave them.
      const groups = new Map<string, { relation: string; of: NodeKind; edges: GraphEdge[] }>();
      for (const e of around) {
        const other = e.from === node ? e.to : e.from;
        const key = `${e.type}|${e.from === node ? 'out' : 'in'}|${kindOf(other)}`;
        const g = groups.get(key) ?? { relation: e.type, of: kindOf(other), edges: [] };
        g.edges.push(e);
        groups.set(key, g);
      }
      for (const [key, g] of groups) {
        // Entities already in the picture cost nothing to link; new ones take places.
        const known = g.edges.filter((e) => shown.has(e.from === node ? e.to : e.from));
        const fresh = g.edges.filter((e) => !shown.has(e.from === node ? e.to : e.from));
        for (const e of known) edges.set(`${e.from}|${e.type}|${e.to}`, e);
        let taken = 0;
        let left = 0;
        for (const e of fresh) {
          const other = e.from === node ? e.to : e.from;
          if (shown.has(other)) {
            edges.set(`${e.from}|${e.type}|${e.to}`, e);
            continue;
          }
          if (taken >= perRelation || shown.size >= maxNodes) {
            left++;
            continue;
          }
          taken++;
          shown.add(other);
          next.push(other);
          edges.set(`${e.from}|${e.type}|${e.to}`, e);
        }
        if (left > 0) {
          const id = `more:${node}|${key}`;
          const atLeast = g.edges.length >= READ_PER_RELATION;
          more.push({ id, kind: 'more', label: `+${left}${atLeast ? ' or more' : ''} ${plural[g.of]}`, parent: node, relation: g.relation, of: g.of, count: left, atLeast });
          const outgoing = g.edges[0]?.from === node;
          edges.set(`${id}|${g.relation}`, outgoing ? { from: node, to: id, type: g.relation } : { from: id, to: node, type: g.relation });
        }
      }
    }
    frontier = next;
  }
  const nodes = await Promise.all([...shown].map((id) => explore.label(id)));
  const hidden = more.reduce((n, m) => n + m.count, 0);
  return { nodes: [...nodes, ...more], edges: [...edges.values()], hidden, truncated: hidden > 0 };
}
