import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../../platform/access.js';
import type { GraphEdge, GraphNode, NodeKind } from '../explore.service.js';
import { boundedNeighbourhood } from './bounded-graph.js';

/** A star of stars: one vendor, `products` products, each affected by `vulns` vulnerabilities (some shared). */
function world(products: number, vulns: number) {
  const edges: GraphEdge[] = [];
  for (let p = 0; p < products; p++) {
    edges.push({ from: `product:p${p}`, to: 'vendor:v', type: 'made by' });
    for (let v = 0; v < vulns; v++) edges.push({ from: `vulnerability:V${(p * 3 + v) % (products * 2)}`, to: `product:p${p}`, type: 'affects' });
  }
  const explore = {
    visible: (_a: unknown, node: string) => Promise.resolve(node !== 'vendor:hidden'),
    // As the store answers: at most 40 per relation and node.
    edgesOf: (_a: unknown, node: string) => Promise.resolve(edges.filter((e) => e.from === node || e.to === node).slice(0, 80)),
    label: (node: string): Promise<GraphNode> => Promise.resolve({ id: node, kind: node.slice(0, node.indexOf(':')) as NodeKind, label: node }),
  };
  return { explore, edges };
}

describe('bounded knowledge graph', () => {
  it('keeps a vendor with 30 products to a few per relation, the rest in one "N more" node', async () => {
    const { explore } = world(30, 4);
    const g = await boundedNeighbourhood(explore, systemActor(), 'vendor:v', 1, { perRelation: 8 });
    expect(g.nodes.filter((n) => n.kind === 'product')).toHaveLength(8);
    const more = g.nodes.filter((n) => n.kind === 'more');
    expect(more).toEqual([expect.objectContaining({ label: '+22 products', parent: 'vendor:v', count: 22, relation: 'made by' })]);
    expect(g.hidden).toBe(22);
    expect(g.edges.filter((e) => e.to === 'vendor:v' || e.from === 'vendor:v')).toHaveLength(9);
  });

  it('never shows more than maxNodes entities, every edge joins shown nodes, and depth 3 stays bounded (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 5, max: 60 }), async (products, vulns, depth, per, max) => {
        const { explore } = world(products, vulns);
        const g = await boundedNeighbourhood(explore, systemActor(), 'vendor:v', depth, { perRelation: per, maxNodes: max });
        const entities = g.nodes.filter((n) => n.kind !== 'more');
        expect(entities.length).toBeLessThanOrEqual(max);
        const ids = new Set(g.nodes.map((n) => n.id));
        for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
        expect(new Set(entities.map((n) => n.id)).size).toBe(entities.length);
      }),
      { numRuns: 60 },
    );
  });

  it('answers 404 for what the reader may not see', async () => {
    const { explore } = world(2, 1);
    await expect(boundedNeighbourhood(explore, systemActor(), 'vendor:hidden', 2)).rejects.toThrow(/not found/);
  });
});
