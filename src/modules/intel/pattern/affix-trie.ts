// Character tries for LIKE 'literal%' (prefixes) and LIKE '%literal' (suffixes, stored reversed): one
// walk along a value finds every indexed affix it starts or ends with, however many lengths there are.

interface TrieNode<T> {
  next: Map<number, TrieNode<T>> | undefined;
  items: T[] | undefined;
}

export class AffixTrie<T> {
  private readonly root: TrieNode<T> = { next: undefined, items: undefined };
  private count = 0;

  constructor(private readonly fromEnd: boolean) {}

  get size(): number {
    return this.count;
  }

  private code(text: string, i: number): number {
    return text.charCodeAt(this.fromEnd ? text.length - 1 - i : i);
  }

  add(affix: string, item: T): void {
    let node = this.root;
    for (let i = 0; i < affix.length; i++) {
      const c = this.code(affix, i);
      node.next ??= new Map();
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = { next: undefined, items: undefined }));
      node = child;
    }
    (node.items ??= []).push(item);
    this.count++;
  }

  remove(affix: string, item: T): void {
    const path: TrieNode<T>[] = [this.root];
    let node: TrieNode<T> | undefined = this.root;
    for (let i = 0; i < affix.length && node !== undefined; i++) {
      node = node.next?.get(this.code(affix, i));
      if (node !== undefined) path.push(node);
    }
    const items = node?.items;
    const at = items?.indexOf(item) ?? -1;
    if (node === undefined || items === undefined || at === -1) return;
    items.splice(at, 1);
    this.count--;
    if (items.length === 0) node.items = undefined;
    // Prune the branch back to the last node still in use.
    for (let i = affix.length; i > 0; i--) {
      const n = path[i] as TrieNode<T>;
      if (n.items !== undefined || (n.next !== undefined && n.next.size > 0)) break;
      (path[i - 1] as TrieNode<T>).next?.delete(this.code(affix, i - 1));
    }
  }

  /** Calls `visit` for every item whose affix the value starts (or ends) with. */
  forEachMatch(value: string, visit: (item: T) => void): void {
    let node: TrieNode<T> | undefined = this.root;
    for (let i = 0; i < value.length; i++) {
      node = node.next?.get(this.code(value, i));
      if (node === undefined) return;
      if (node.items !== undefined) for (const item of node.items) visit(item);
    }
  }
}
