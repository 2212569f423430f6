// The condition grammar, least to most binding: or, and, not, `1 of` / `all of`, parentheses.
// `1 of X*` / `all of them` are resolved here into the selections they name, so evaluation only
// knows and, or, not and selection references.
import type { ConditionNode } from './types.js';

export interface ConditionError {
  /** Character offset inside the condition text. */
  readonly offset: number;
  readonly message: string;
}

export type ConditionParse = { readonly node: ConditionNode; readonly errors: readonly [] } | { readonly node?: undefined; readonly errors: readonly ConditionError[] };

interface Token {
  readonly kind: 'lparen' | 'rparen' | 'word';
  readonly text: string;
  readonly offset: number;
}

const keywords = new Set(['and', 'or', 'not', 'of', 'them', 'all']);

class ConditionSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|([^\s()]+))/y;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    if (m[0].trim() === '') break;
    const offset = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? '').length;
    if (m[1]) tokens.push({ kind: 'lparen', text: '(', offset });
    else if (m[2]) tokens.push({ kind: 'rparen', text: ')', offset });
    else tokens.push({ kind: 'word', text: m[3] as string, offset });
  }
  return tokens;
}

/** Whether a selection name matches an `of` pattern (`*` any run of characters). */
export function matchesNamePattern(pattern: string, name: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(name);
}

export function parseCondition(text: string, names: readonly string[]): ConditionParse {
  const tokens = lex(text);
  let i = 0;
  const known = new Set(names);
  const peek = (): Token | undefined => tokens[i];
  const word = (t: Token | undefined, w: string): boolean => t?.kind === 'word' && t.text.toLowerCase() === w;
  const end = text.length;

  const parseOr = (): ConditionNode => {
    const args = [parseAnd()];
    while (word(peek(), 'or')) {
      i++;
      args.push(parseAnd());
    }
    return args.length === 1 ? (args[0] as ConditionNode) : { op: 'or', args };
  };
  const parseAnd = (): ConditionNode => {
    const args = [parseNot()];
    while (word(peek(), 'and')) {
      i++;
      args.push(parseNot());
    }
    return args.length === 1 ? (args[0] as ConditionNode) : { op: 'and', args };
  };
  const parseNot = (): ConditionNode => {
    if (word(peek(), 'not')) {
      i++;
      return { op: 'not', arg: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const t = peek();
    if (t === undefined) throw new ConditionSyntaxError(end, 'condition ends where a selection, `not`, `(` or `1 of` / `all of` is expected');
    if (t.kind === 'lparen') {
      i++;
      const inner = parseOr();
      const close = peek();
      if (close?.kind !== 'rparen') throw new ConditionSyntaxError(close?.offset ?? end, 'missing `)`');
      i++;
      return inner;
    }
    if (t.kind === 'rparen') throw new ConditionSyntaxError(t.offset, 'unexpected `)`');
    const next = tokens[i + 1];
    if (word(next, 'of')) return parseOf(t);
    const lower = t.text.toLowerCase();
    if (keywords.has(lower)) throw new ConditionSyntaxError(t.offset, `unexpected \`${t.text}\``);
    if (/^\d+$/.test(t.text)) throw new ConditionSyntaxError(t.offset, `a number must be followed by \`of\` (\`1 of selection*\`)`);
    if (t.text.includes('|')) throw new ConditionSyntaxError(t.offset, 'aggregation expressions (`| count() ...`) are not Sigma 2; write a correlation rule');
    if (t.text.includes('*')) throw new ConditionSyntaxError(t.offset, `the pattern \`${t.text}\` needs \`1 of\` or \`all of\``);
    if (!known.has(t.text)) throw new ConditionSyntaxError(t.offset, `unknown selection \`${t.text}\`${names.length > 0 ? ` (defined: ${names.join(', ')})` : ''}`);
    i++;
    return { op: 'ref', name: t.text };
  };
  const parseOf = (quantifier: Token): ConditionNode => {
    const q = quantifier.text.toLowerCase();
    if (q !== '1' && q !== 'all') throw new ConditionSyntaxError(quantifier.offset, `\`${quantifier.text} of\` is not Sigma: use \`1 of\` or \`all of\``);
    i += 2;
    const target = peek();
    if (target?.kind !== 'word' || keywords.has(target.text.toLowerCase()) && target.text.toLowerCase() !== 'them') {
      throw new ConditionSyntaxError(target?.offset ?? end, '`of` must be followed by `them` or a selection name pattern');
    }
    i++;
    const them = target.text.toLowerCase() === 'them';
    // `them` leaves out identifiers starting with `_` (by convention filters added by tools).
    const chosen = them ? names.filter((n) => !n.startsWith('_')) : names.filter((n) => matchesNamePattern(target.text, n));
    if (chosen.length === 0) throw new ConditionSyntaxError(target.offset, them ? 'no selection for `them`' : `\`${target.text}\` matches no selection`);
    const refs: ConditionNode[] = chosen.map((name) => ({ op: 'ref', name }));
    if (refs.length === 1) return refs[0] as ConditionNode;
    return { op: q === '1' ? 'or' : 'and', args: refs };
  };

  try {
    if (tokens.length === 0) return { errors: [{ offset: 0, message: 'empty condition' }] };
    const node = parseOr();
    const rest = peek();
    if (rest !== undefined) {
      const message =
        rest.kind === 'rparen'
          ? 'unexpected `)`'
          : rest.text.startsWith('|')
            ? 'aggregation expressions (`| count() ...`) are not Sigma 2; write a correlation rule'
            : `expected \`and\` or \`or\` before \`${rest.text}\``;
      return { errors: [{ offset: rest.offset, message }] };
    }
    return { node, errors: [] };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return { errors: [{ offset: error.offset, message: error.message }] };
    throw error;
  }
}

/** Selection names a condition refers to. */
export function conditionRefs(node: ConditionNode, into: Set<string> = new Set()): Set<string> {
  if (node.op === 'ref') into.add(node.name);
  else if (node.op === 'not') conditionRefs(node.arg, into);
  else for (const arg of node.args) conditionRefs(arg, into);
  return into;
}
