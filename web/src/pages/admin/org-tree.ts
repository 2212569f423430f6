import { orgLevels, type Organisation, type OrgLevel } from '../../api/types';

export interface OrgNode {
  readonly org: Organisation;
  readonly depth: number;
}

/** Organisations in tree order (parents first, siblings by name) with their depth below the top. */
export function orgTree(orgs: readonly Organisation[]): OrgNode[] {
  const ids = new Set(orgs.map((o) => o.id));
  const children = new Map<string | null, Organisation[]>();
  for (const org of orgs) {
    // The caller sees only its own subtree, so its top organisation's parent is outside the list.
    const parent = org.parentId !== null && ids.has(org.parentId) ? org.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), org]);
  }
  const result: OrgNode[] = [];
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const org of list) {
      result.push({ org, depth });
      visit(org.id, depth + 1);
    }
  };
  visit(null, 0);
  return result;
}

/** Levels a child of `parent` may have: strictly below the parent's, as the API requires. */
export function levelsBelow(parent: OrgLevel): readonly OrgLevel[] {
  return orgLevels.slice(orgLevels.indexOf(parent) + 1);
}
