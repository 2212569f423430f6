import type { GraphNode } from '../../../api/knowledge-types';
import { kbPaths } from '../../../lib/knowledge-labels';

/** The key after `<kind>:`; keys may themselves contain colons (STIX ids do not, product ids might). */
export function nodeKey(node: Pick<GraphNode, 'id'>): string {
  return node.id.slice(node.id.indexOf(':') + 1);
}

/** Where a click on a graph node leads, or null for kinds without a page. */
export function nodePath(node: GraphNode): string | null {
  const key = nodeKey(node);
  switch (node.kind) {
    case 'vulnerability':
      return kbPaths.vulnerability(key);
    case 'vendor':
      return kbPaths.vendor(key);
    case 'product':
      return kbPaths.product(key);
    case 'attack':
      // Techniques open in the matrix's drawer; tactics, mitigations, groups and asset types have no page of their own.
      return node.detail === 'attack-pattern' ? `/knowledge/attack?${new URLSearchParams({ technique: key }).toString()}` : '/knowledge/attack';
    case 'weakness':
      return kbPaths.search({ cwe: key });
    case 'advisory':
      return kbPaths.search({ q: key });
    case 'asset':
      return `/assets?${new URLSearchParams({ q: node.label }).toString()}`;
  }
}
