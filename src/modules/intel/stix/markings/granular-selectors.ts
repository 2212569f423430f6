// Granular marking selectors (section 7.2.3): dot-separated property names, dictionary keys and
// `[n]` list indexes, rooted at the marked object.

export type SelectorStep = string | number;

const firstStep = /^(?:[a-z0-9_]{3,250}|id)$/;
const keyStep = /^[a-zA-Z0-9_-]{1,250}$/;
const indexStep = /^\[(0|[1-9]\d*)\]$/;

/** The steps of a selector, or null when its syntax is invalid. */
export function parseSelector(selector: string): SelectorStep[] | null {
  const parts = selector.split('.');
  const steps: SelectorStep[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const index = indexStep.exec(part);
    if (index !== null) {
      if (i === 0) return null;
      steps.push(Number(index[1]));
    } else if ((i === 0 ? firstStep : keyStep).test(part)) steps.push(part);
    else return null;
  }
  return steps;
}

/** Follows the steps from the root; undefined when any step does not exist on the object. */
export function resolveSelector(root: unknown, steps: readonly SelectorStep[]): unknown {
  let node: unknown = root;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(node) || step >= node.length) return undefined;
      node = node[step];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, step)) return undefined;
      node = (node as Record<string, unknown>)[step];
    }
  }
  return node;
}
