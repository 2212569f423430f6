// compileRules: parsed rules (with the filters that apply to them) into an indexed matcher. Rules are
// bucketed by their most specific logsource key, and inside a bucket by a field value they cannot match
// without (`EventID: 4688`, `ics.operation: program-download`), so an event only meets the rules that
// could match it. Selections, patterns and regexes are compiled once.
import type { SensedEvent } from '../../sensing/index.js';
import { compileFieldAccessor, type FieldAccessor } from './field-access.js';
import { EventView } from './event-view.js';
import { fieldTableFor } from './logsource-map.js';
import type { ConditionNode, RuleHit, SigmaFilter, SigmaLogsource, SigmaProblem, SigmaRule, SourcePos } from './types.js';
import { compileItem, type Anchor, type CompiledItem, type ItemTest } from './value-test.js';

export interface CompileOptions {
  /** Sigma filters; each applies to the rules it names (or `any`) whose logsource it covers. */
  readonly filters?: readonly SigmaFilter[];
  /** Values of `%placeholder%`s for the `expand` modifier. */
  readonly placeholders?: Readonly<Record<string, readonly string[]>>;
  /** Bucket rules by logsource and required values (default true; false checks every rule, for comparison). */
  readonly indexed?: boolean;
}

export interface SigmaMatcher {
  match(event: SensedEvent): RuleHit[];
  /** Rules compiled. */
  readonly size: number;
  /** How the rules were bucketed: rules reached through a required value, and rules checked for every event of their logsource. */
  readonly stats: { readonly anchored: number; readonly loose: number; readonly buckets: number };
}

export interface CompileResult {
  readonly matcher: SigmaMatcher;
  readonly problems: readonly SigmaProblem[];
}

interface CompiledRule {
  readonly hit: Omit<RuleHit, 'selections'>;
  /** Logsource keys the event must have. */
  readonly requires: readonly string[];
  readonly primary: string;
  readonly test: ItemTest;
  readonly selections: readonly { readonly name: string; readonly test: ItemTest }[];
  readonly anchor: MaybeAnchor;
  stamp: number;
}

/** Rules reached through one field: by whole value, or by the value's end or beginning of each length registered. */
interface AnchorIndex {
  readonly slot: number;
  readonly kind: Anchor['kind'];
  readonly byValue: Map<string, CompiledRule[]>;
  lengths: number[];
}

interface Bucket {
  readonly anchored: Map<string, AnchorIndex>;
  /** The same as an array, walked per event without an iterator. */
  indexes: AnchorIndex[];
  readonly loose: CompiledRule[];
}

export function ruleKey(rule: { readonly id?: string; readonly name?: string; readonly title: string }): string {
  return rule.id ?? rule.name ?? rule.title;
}

export function logsourceKeys(logsource: SigmaLogsource): string[] {
  const keys: string[] = [];
  if (logsource.product !== undefined) keys.push(`product:${logsource.product}`);
  if (logsource.category !== undefined) keys.push(`category:${logsource.category}`);
  if (logsource.service !== undefined) keys.push(`service:${logsource.service}`);
  return keys;
}

function filterApplies(filter: SigmaFilter, rule: SigmaRule): boolean {
  const named = filter.rules === 'any' || filter.rules.some((r) => r === rule.id || r === rule.name);
  if (!named) return false;
  const { category, product, service } = filter.logsource;
  return (category === undefined || category === rule.logsource.category) && (product === undefined || product === rule.logsource.product) && (service === undefined || service === rule.logsource.service);
}

function renamed(node: ConditionNode, prefix: string): ConditionNode {
  if (node.op === 'ref') return { op: 'ref', name: `${prefix}${node.name}` };
  if (node.op === 'not') return { op: 'not', arg: renamed(node.arg, prefix) };
  return { op: node.op, args: node.args.map((a) => renamed(a, prefix)) };
}

export function compileRules(rules: readonly SigmaRule[], options: CompileOptions = {}): CompileResult {
  const problems: SigmaProblem[] = [];
  const slots = new Map<string, number>();
  const accessors: FieldAccessor[] = [() => undefined];
  const compiled: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const table = fieldTableFor(rule.logsource.product);
    const problem = (message: string, pos = rule.pos) =>
      problems.push({ ...(rule.file !== undefined ? { file: rule.file } : {}), path: 'detection', line: pos.line, column: pos.column, message, severity: 'error' });
    const ctx = {
      slot(field: string): number {
        const key = `${table}\u0000${field}`;
        let slot = slots.get(key);
        if (slot === undefined) {
          slot = accessors.length;
          accessors.push(compileFieldAccessor(table, field));
          slots.set(key, slot);
        }
        return slot;
      },
      placeholders: options.placeholders ?? {},
      problem: (message: string, pos: SourcePos) => problem(message, pos),
    };
    const key = ruleKey(rule);
    if (seen.has(key)) problems.push({ ...(rule.file !== undefined ? { file: rule.file } : {}), path: 'id', line: rule.pos.line, column: rule.pos.column, message: `another rule has the id ${key}`, severity: 'warning' });
    seen.add(key);
    let condition = rule.condition;
    const selections = [...rule.selections];
    (options.filters ?? []).forEach((filter, index) => {
      if (!filterApplies(filter, rule)) return;
      const prefix = `_filter${index}_`;
      for (const s of filter.selections) selections.push({ ...s, name: `${prefix}${s.name}` });
      condition = { op: 'and', args: [condition, renamed(filter.condition, prefix)] };
    });
    const bySelection = new Map<string, { test: ItemTest; anchor: CompiledItem['anchor'] }>();
    let failed = false;
    for (const selection of selections) {
      const alternatives: { tests: ItemTest[]; anchor: CompiledItem['anchor'] }[] = [];
      for (const items of selection.alternatives) {
        const parts = items.map((item) => compileItem(item, ctx));
        if (parts.some((p) => p === undefined)) {
          failed = true;
          break;
        }
        const ok = parts as CompiledItem[];
        alternatives.push({ tests: ok.map((p) => p.test), anchor: bestAnchor(ok.map((p) => p.anchor)) });
      }
      if (failed) break;
      const altTests = alternatives.map((a) => andOf(a.tests));
      bySelection.set(selection.name, { test: orOf(altTests), anchor: unionAnchor(alternatives.map((a) => a.anchor)) });
    }
    if (failed) continue;
    const requires = logsourceKeys(rule.logsource);
    const primary = requires.find((k) => k.startsWith('category:')) ?? requires.find((k) => k.startsWith('service:')) ?? requires[0] ?? '*';
    compiled.push({
      hit: {
        ruleId: key,
        ...(rule.name !== undefined ? { name: rule.name } : {}),
        title: rule.title,
        level: rule.level ?? 'medium',
        tags: rule.tags,
        techniques: rule.techniques,
      },
      requires,
      primary,
      test: conditionTest(condition, bySelection),
      selections: rule.selections.map((s) => ({ name: s.name, test: (bySelection.get(s.name) as { test: ItemTest }).test })),
      anchor: conditionAnchor(condition, bySelection),
      stamp: 0,
    });
  }
  return { matcher: buildMatcher(compiled, accessors, options.indexed ?? true), problems };
}

function andOf(tests: readonly ItemTest[]): ItemTest {
  if (tests.length === 1) return tests[0] as ItemTest;
  if (tests.length === 2) {
    const [a, b] = tests as [ItemTest, ItemTest];
    return (v) => a(v) && b(v);
  }
  return (v) => {
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as ItemTest)(v)) return false;
    return true;
  };
}

function orOf(tests: readonly ItemTest[]): ItemTest {
  if (tests.length === 1) return tests[0] as ItemTest;
  if (tests.length === 2) {
    const [a, b] = tests as [ItemTest, ItemTest];
    return (v) => a(v) || b(v);
  }
  return (v) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as ItemTest)(v)) return true;
    return false;
  };
}

type MaybeAnchor = Anchor | undefined;

/** Of several required anchors (AND), an equality before an affix, then the one with the fewest values. */
function bestAnchor(anchors: readonly MaybeAnchor[]): MaybeAnchor {
  const rank = (a: Anchor) => (a.kind === 'equal' ? 0 : 1_000_000) + a.values.length;
  let best: MaybeAnchor;
  for (const a of anchors) if (a !== undefined && (best === undefined || rank(a) < rank(best))) best = a;
  return best;
}

/** Alternatives (OR) keep an anchor only when all have one of the same kind on the same field. */
function unionAnchor(anchors: readonly MaybeAnchor[]): MaybeAnchor {
  const first = anchors[0];
  if (first === undefined || anchors.some((a) => a === undefined || a.slot !== first.slot || a.kind !== first.kind)) return undefined;
  return { slot: first.slot, kind: first.kind, values: [...new Set(anchors.flatMap((a) => (a as Anchor).values))] };
}

function conditionAnchor(node: ConditionNode, selections: ReadonlyMap<string, { anchor: MaybeAnchor }>): MaybeAnchor {
  if (node.op === 'ref') return selections.get(node.name)?.anchor;
  if (node.op === 'not') return undefined;
  const anchors = node.args.map((a) => conditionAnchor(a, selections));
  return node.op === 'and' ? bestAnchor(anchors) : unionAnchor(anchors);
}

function conditionTest(node: ConditionNode, selections: ReadonlyMap<string, { test: ItemTest }>): ItemTest {
  if (node.op === 'ref') return (selections.get(node.name) as { test: ItemTest }).test;
  if (node.op === 'not') {
    const inner = conditionTest(node.arg, selections);
    return (v) => !inner(v);
  }
  const args = node.args.map((a) => conditionTest(a, selections));
  return node.op === 'and' ? andOf(args) : orOf(args);
}

const noHits: readonly RuleHit[] = Object.freeze([]);

/** Holds the per-event state of a match, so matching allocates nothing for events no rule matches. */
class BucketMatcher implements SigmaMatcher {
  readonly size: number;
  readonly stats: SigmaMatcher['stats'];
  private readonly view: EventView;
  private readonly generic: Bucket | undefined;
  private readonly byKey: Map<string, Bucket>;
  private stamp = 0;
  private keys: readonly string[] = [];
  private hits: RuleHit[] | undefined;

  constructor(rules: readonly CompiledRule[], accessors: readonly FieldAccessor[], private readonly indexed: boolean) {
    this.view = new EventView(accessors);
    const buckets = new Map<string, Bucket>();
    let anchored = 0;
    for (const rule of rules) {
      const key = indexed ? rule.primary : '*';
      let bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, (bucket = { anchored: new Map(), indexes: [], loose: [] }));
      if (indexed && rule.anchor !== undefined) {
        anchored++;
        const indexKey = `${rule.anchor.kind}:${rule.anchor.slot}`;
        let index = bucket.anchored.get(indexKey);
        if (index === undefined) bucket.anchored.set(indexKey, (index = { slot: rule.anchor.slot, kind: rule.anchor.kind, byValue: new Map(), lengths: [] }));
        for (const value of rule.anchor.values) {
          const list = index.byValue.get(value);
          if (list === undefined) index.byValue.set(value, [rule]);
          else list.push(rule);
        }
      } else bucket.loose.push(rule);
    }
    for (const bucket of buckets.values()) {
      bucket.indexes = [...bucket.anchored.values()];
      for (const index of bucket.indexes) index.lengths = [...new Set([...index.byValue.keys()].map((v) => v.length))].sort((a, b) => a - b);
    }
    this.generic = buckets.get('*');
    buckets.delete('*');
    this.byKey = buckets;
    this.size = rules.length;
    this.stats = { anchored, loose: rules.length - anchored, buckets: buckets.size + (this.generic ? 1 : 0) };
  }

  match(event: SensedEvent): RuleHit[] {
    const view = this.view;
    view.reset(event);
    this.stamp = view.stamp;
    this.keys = view.logsource();
    this.hits = undefined;
    if (this.generic !== undefined) this.visit(this.generic);
    if (this.indexed) {
      for (const key of this.keys) {
        const bucket = this.byKey.get(key);
        if (bucket !== undefined) this.visit(bucket);
      }
    }
    // The shared empty answer is frozen: callers read hits, they do not add to them.
    return this.hits ?? (noHits as RuleHit[]);
  }

  private visit(bucket: Bucket): void {
    const indexes = bucket.indexes;
    for (let x = 0; x < indexes.length; x++) {
      const index = indexes[x] as AnchorIndex;
      const texts = this.view.lowers(index.slot);
      for (let i = 0; i < texts.length; i++) {
        const text = texts[i] as string;
        if (index.kind === 'equal') this.tryList(index.byValue.get(text));
        else {
          const lengths = index.lengths;
          for (let l = 0; l < lengths.length; l++) {
            const n = lengths[l] as number;
            if (n > text.length) break;
            this.tryList(index.byValue.get(index.kind === 'suffix' ? text.slice(text.length - n) : text.slice(0, n)));
          }
        }
      }
    }
    const loose = bucket.loose;
    for (let r = 0; r < loose.length; r++) this.tryRule(loose[r] as CompiledRule);
  }

  private tryList(list: readonly CompiledRule[] | undefined): void {
    if (list !== undefined) for (let r = 0; r < list.length; r++) this.tryRule(list[r] as CompiledRule);
  }

  private tryRule(rule: CompiledRule): void {
    if (rule.stamp === this.stamp) return;
    rule.stamp = this.stamp;
    const requires = rule.requires;
    for (let i = 0; i < requires.length; i++) if (!this.keys.includes(requires[i] as string)) return;
    const view = this.view;
    if (!rule.test(view)) return;
    (this.hits ??= []).push({ ...rule.hit, selections: rule.selections.filter((s) => s.test(view)).map((s) => s.name) });
  }
}

function buildMatcher(rules: readonly CompiledRule[], accessors: readonly FieldAccessor[], indexed: boolean): SigmaMatcher {
  return new BucketMatcher(rules, accessors, indexed);
}
