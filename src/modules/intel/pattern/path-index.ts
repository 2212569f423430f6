// The matcher's index for one (object type, path): exact values in a hash map, LIKE prefixes and
// suffixes in tries, IPv4 subnets by prefix length and network number.
import { AffixTrie } from './affix-trie.js';
import type { AnchorKey } from './anchors.js';
import { isRefName, someValue, type Resolver } from './compile.js';
import type { PathStep } from './types.js';
import { ipv4Network, parseIpv4Block } from './values.js';

/** Most keys have one item, so a bucket is the item itself until a second one arrives. */
type Bucket<T> = T | T[];

function bucketAdd<K, T>(map: Map<K, Bucket<T>>, key: K, item: T): void {
  const b = map.get(key);
  if (b === undefined) map.set(key, item);
  else if (Array.isArray(b)) b.push(item);
  else map.set(key, [b, item]);
}

function bucketRemove<K, T>(map: Map<K, Bucket<T>>, key: K, item: T): void {
  const b = map.get(key);
  if (b === item) map.delete(key);
  else if (Array.isArray(b)) {
    const i = b.indexOf(item);
    if (i !== -1) b.splice(i, 1);
    if (b.length === 1) map.set(key, b[0] as T);
  }
}

function bucketVisit<T>(b: Bucket<T> | undefined, visit: (item: T) => void): void {
  if (b === undefined) return;
  if (Array.isArray(b)) for (const item of b) visit(item);
  else visit(b);
}

export class PathIndex<T extends object> {
  private readonly equal = new Map<unknown, Bucket<T>>();
  private readonly prefix = new AffixTrie<T>(false);
  private readonly suffix = new AffixTrie<T>(true);
  private readonly cidr4 = new Map<number, Map<number, Bucket<T>>>();
  /** The prefix lengths present in cidr4, to loop over without an iterator. */
  private cidrLengths: number[] = [];
  /** Paths of plain property names are walked in a loop; lists need the general walk. */
  private readonly plain: boolean;
  size = 0;

  constructor(readonly steps: readonly PathStep[]) {
    this.plain = steps.every((s) => s.kind === 'property');
  }

  add(key: AnchorKey, item: T): void {
    if (key.kind === 'equal') bucketAdd(this.equal, key.value, item);
    else if (key.kind === 'prefix') this.prefix.add(key.text, item);
    else if (key.kind === 'suffix') this.suffix.add(key.text, item);
    else {
      let networks = this.cidr4.get(key.prefix);
      if (networks === undefined) {
        this.cidr4.set(key.prefix, (networks = new Map()));
        this.cidrLengths = [...this.cidr4.keys()];
      }
      bucketAdd(networks, key.network, item);
    }
    this.size++;
  }

  remove(key: AnchorKey, item: T): void {
    if (key.kind === 'equal') bucketRemove(this.equal, key.value, item);
    else if (key.kind === 'prefix') this.prefix.remove(key.text, item);
    else if (key.kind === 'suffix') this.suffix.remove(key.text, item);
    else {
      const networks = this.cidr4.get(key.prefix);
      if (networks !== undefined) {
        bucketRemove(networks, key.network, item);
        if (networks.size === 0) {
          this.cidr4.delete(key.prefix);
          this.cidrLengths = [...this.cidr4.keys()];
        }
      }
    }
    this.size--;
  }

  get keys(): number {
    let n = this.equal.size + this.prefix.size + this.suffix.size;
    for (const m of this.cidr4.values()) n += m.size;
    return n;
  }

  /** Visits the items whose keys the values at this path of `root` hit (an item may come more than once). */
  lookup(root: unknown, resolve: Resolver, visit: (item: T) => void): void {
    if (!this.plain) {
      someValue(root, this.steps, 0, undefined, resolve, (value) => {
        this.lookupValue(value, visit);
        return false;
      });
      return;
    }
    let node: unknown = root;
    let property: string | undefined;
    for (const step of this.steps) {
      if (typeof node === 'string' && isRefName(property)) node = resolve(node);
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
      const name = (step as { readonly name: string }).name;
      if (!Object.hasOwn(node, name)) return;
      node = (node as Record<string, unknown>)[name];
      property = name;
    }
    if (node !== undefined && node !== null) this.lookupValue(node, visit);
  }

  private lookupValue(value: unknown, visit: (item: T) => void): void {
    bucketVisit(this.equal.get(value), visit);
    if (typeof value !== 'string') return;
    if (this.prefix.size > 0) this.prefix.forEachMatch(value, visit);
    if (this.suffix.size > 0) this.suffix.forEachMatch(value, visit);
    const lengths = this.cidrLengths;
    if (lengths.length > 0) {
      const block = parseIpv4Block(value);
      if (block === undefined) return;
      for (let i = 0; i < lengths.length; i++) {
        const prefix = lengths[i] as number;
        if (prefix <= block.prefix) bucketVisit(this.cidr4.get(prefix)?.get(ipv4Network(block.address, prefix)), visit);
      }
    }
  }
}
