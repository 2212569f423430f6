// Recursive-descent parser for the STIX 2.1 patterning grammar. It reads characters directly (no token
// list), so every error can say what was expected at the exact offset where reading stopped.
import { compileStixRegex } from './regex.js';
import { Failure, isIdentChar, lineAndColumn, Scanner } from './scanner.js';
import type {
  ComparisonExpression,
  ComparisonOperator,
  Constant,
  ConstantSet,
  ObjectPath,
  ObservationExpression,
  ParseOptions,
  PathStep,
  PatternResult,
  PatternSyntaxError,
  Qualifier,
  TimestampConstant,
} from './types.js';
import { decodeBase64, decodeHex, isBase64Constant, isHexBody, parseIpBlock, parseStixTimestamp } from './values.js';

const DEFAULT_MAX_LENGTH = 1_000_000;
const DEFAULT_MAX_DEPTH = 100;

// Reserved words of the 2.1 grammar: upper case except the boolean constants.
const KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'LAST', 'IN',
  'START', 'STOP', 'SECONDS', 'true', 'false', 'WITHIN', 'REPEATS', 'TIMES',
]);
const QUALIFIER_KEYWORDS = ['WITHIN', 'REPEATS', 'START'] as const;
const AFTER_OBSERVATION = ['AND', 'OR', 'FOLLOWEDBY', ...QUALIFIER_KEYWORDS];
const OPERATORS = ["'='", "'!='", "'<'", "'<='", "'>'", "'>='", 'IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'];
const ORDERABLE = ['string', 'integer', 'float', "binary b'…'", "hex h'…'", "timestamp t'…'"];
const PRIMITIVE = [...ORDERABLE, 'true', 'false'];

const OBJECT_TYPE = /[A-Za-z_][A-Za-z0-9_-]*/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const WORD = /[A-Za-z0-9_][A-Za-z0-9_-]*/y;

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] as string}`;
}

class Parser extends Scanner {
  private depth = 0;

  constructor(
    text: string,
    private readonly maxDepth: number,
  ) {
    super(text);
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) throw new Failure(this.pos, [], `nesting deeper than ${this.maxDepth} levels`);
  }

  parse(): ObservationExpression {
    this.skip();
    if (this.pos >= this.text.length) throw new Failure(this.pos, ["'['", "'('"], 'empty pattern: expected an observation expression such as [ipv4-addr:value = \'198.51.100.7\']');
    const expression = this.followedBy();
    this.skip();
    if (this.pos < this.text.length) this.fail(['end of pattern', ...AFTER_OBSERVATION]);
    return expression;
  }

  // ---- observation expressions: FOLLOWEDBY < OR < AND < qualified primary ----

  private followedBy(): ObservationExpression {
    const operands = [this.observationOr()];
    while (this.keyword('FOLLOWEDBY')) operands.push(this.observationOr());
    return this.join('followed-by', operands);
  }

  private observationOr(): ObservationExpression {
    const operands = [this.observationAnd()];
    while (this.keyword('OR')) operands.push(this.observationAnd());
    return this.join('observation-or', operands);
  }

  private observationAnd(): ObservationExpression {
    const operands = [this.qualified()];
    while (this.keyword('AND')) operands.push(this.qualified());
    return this.join('observation-and', operands);
  }

  /** N-ary nodes; an unqualified group of the same operator merges in (all three are associative). */
  private join(type: 'followed-by' | 'observation-or' | 'observation-and', operands: ObservationExpression[]): ObservationExpression {
    if (operands.length === 1) return operands[0] as ObservationExpression;
    const flat = operands.flatMap((o) => (o.type === type && o.qualifiers.length === 0 ? o.operands : [o]));
    return { type, operands: flat, qualifiers: [] };
  }

  private qualified(): ObservationExpression {
    const expression = this.primaryObservation();
    const qualifiers: Qualifier[] = [];
    const seen = new Set<Qualifier['type']>();
    for (;;) {
      this.skip();
      const start = this.pos;
      let qualifier: Qualifier;
      if (this.keyword('WITHIN')) {
        const seconds = this.positiveNumber(true, 'WITHIN');
        this.expectKeyword('SECONDS');
        qualifier = { type: 'within', seconds, span: { start, end: this.pos } };
      } else if (this.keyword('REPEATS')) {
        const times = this.positiveNumber(false, 'REPEATS');
        this.expectKeyword('TIMES');
        qualifier = { type: 'repeats', times, span: { start, end: this.pos } };
      } else if (this.keyword('START')) {
        const startTime = this.timestampOperand();
        this.expectKeyword('STOP');
        this.skip();
        const stopAt = this.pos;
        const stop = this.timestampOperand();
        if (startTime.key >= stop.key) throw new Failure(stopAt, [], 'STOP must be later than START');
        qualifier = { type: 'start-stop', start: startTime, stop, span: { start, end: this.pos } };
      } else {
        break;
      }
      if (seen.has(qualifier.type)) {
        const name = qualifier.type === 'start-stop' ? 'START/STOP' : qualifier.type.toUpperCase();
        throw new Failure(start, [], `${name} is already applied to this observation expression; group it in parentheses to apply it again`);
      }
      seen.add(qualifier.type);
      qualifiers.push(qualifier);
    }
    if (qualifiers.length === 0) return expression;
    return { ...expression, qualifiers: [...expression.qualifiers, ...qualifiers] };
  }

  private primaryObservation(): ObservationExpression {
    this.skip();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '[') {
      this.enter();
      this.pos++;
      const comparison = this.comparisonOr();
      this.skip();
      if (this.text[this.pos] !== ']') this.fail(["']'", 'AND', 'OR']);
      this.pos++;
      this.depth--;
      return { type: 'observation', comparison, qualifiers: [], span: { start, end: this.pos } };
    }
    if (ch === '(') {
      this.enter();
      this.pos++;
      const inner = this.followedBy();
      this.skip();
      if (this.text[this.pos] !== ')') this.fail(["')'", ...AFTER_OBSERVATION]);
      this.pos++;
      this.depth--;
      return inner;
    }
    OBJECT_TYPE.lastIndex = this.pos;
    const looksLikePath = OBJECT_TYPE.test(this.text) && /^\s*:/.test(this.text.slice(OBJECT_TYPE.lastIndex, OBJECT_TYPE.lastIndex + 20));
    this.fail(["'['", "'('"], looksLikePath ? 'comparison expressions must be enclosed in square brackets' : undefined);
  }

  // ---- comparison expressions: OR < AND < test ----

  private comparisonOr(): ComparisonExpression {
    const operands = [this.comparisonAnd()];
    while (this.keyword('OR')) operands.push(this.comparisonAnd());
    if (operands.length === 1) return operands[0] as ComparisonExpression;
    return { type: 'comparison-or', operands: operands.flatMap((o) => (o.type === 'comparison-or' ? o.operands : [o])) };
  }

  private comparisonAnd(): ComparisonExpression {
    const operands = [this.propertyTest()];
    while (this.keyword('AND')) operands.push(this.propertyTest());
    if (operands.length === 1) return operands[0] as ComparisonExpression;
    return { type: 'comparison-and', operands: operands.flatMap((o) => (o.type === 'comparison-and' ? o.operands : [o])) };
  }

  private propertyTest(): ComparisonExpression {
    this.skip();
    const start = this.pos;
    if (this.text[this.pos] === '(') {
      this.enter();
      this.pos++;
      const inner = this.comparisonOr();
      this.skip();
      if (this.text[this.pos] !== ')') this.fail(["')'", 'AND', 'OR']);
      this.pos++;
      this.depth--;
      return inner;
    }
    if (this.keyword('EXISTS')) {
      const path = this.objectPath();
      return { type: 'exists', path, span: { start, end: this.pos } };
    }
    const path = this.objectPath(["'('", 'EXISTS']);
    const negated = this.keyword('NOT');
    const operator = this.operator(negated);
    let value: Constant | ConstantSet;
    if (operator === 'IN') value = this.setLiteral();
    else if (operator === '=' || operator === '!=') value = this.literal(PRIMITIVE);
    else if (operator === '<' || operator === '<=' || operator === '>' || operator === '>=') value = this.literal(ORDERABLE);
    else value = this.stringOperand(operator);
    return { type: 'comparison', path, operator, negated, value, span: { start, end: this.pos } };
  }

  private operator(negated: boolean): ComparisonOperator {
    this.skip();
    const t = this.text;
    const p = this.pos;
    const two = t.slice(p, p + 2);
    const symbolic: Record<string, ComparisonOperator> = { '==': '=', '!=': '!=', '<>': '!=', '<=': '<=', '>=': '>=' };
    const op2 = symbolic[two];
    if (op2 !== undefined) {
      this.pos += 2;
      return op2;
    }
    const one = t[p];
    if (one === '=' || one === '<' || one === '>') {
      this.pos += 1;
      return one;
    }
    for (const word of ['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'] as const) {
      if (this.keyword(word)) return word;
    }
    this.fail(negated ? OPERATORS : ['NOT', ...OPERATORS]);
  }

  // ---- object paths ----

  private objectPath(alternatives: readonly string[] = []): ObjectPath {
    this.skip();
    const start = this.pos;
    OBJECT_TYPE.lastIndex = start;
    const typeMatch = OBJECT_TYPE.exec(this.text);
    if (typeMatch === null || KEYWORDS.has(typeMatch[0])) this.fail(['object path', ...alternatives]);
    const objectType = typeMatch[0];
    this.pos = OBJECT_TYPE.lastIndex;
    this.skip();
    if (this.text[this.pos] !== ':') this.fail(["':'"]);
    this.pos++;
    const steps: PathStep[] = [{ kind: 'property', name: this.propertyName() }];
    for (;;) {
      const before = this.pos;
      this.skip();
      const ch = this.text[this.pos];
      if (ch === '.') {
        this.pos++;
        steps.push({ kind: 'property', name: this.propertyName() });
      } else if (ch === '[') {
        this.pos++;
        this.skip();
        if (this.text[this.pos] === '*') {
          this.pos++;
          steps.push({ kind: 'any' });
        } else {
          const at = this.pos;
          const n = this.number();
          if (n === undefined || n.float) throw new Failure(at, ["'*'", 'list index'], n === undefined ? undefined : 'a list index is a whole number');
          steps.push({ kind: 'index', index: n.value });
        }
        this.skip();
        if (this.text[this.pos] !== ']') this.fail(["']'"]);
        this.pos++;
      } else {
        this.pos = before;
        break;
      }
    }
    return { objectType, steps, span: { start, end: this.pos } };
  }

  private propertyName(): string {
    this.skip();
    if (this.text[this.pos] === "'") return this.stringBody();
    const at = this.pos;
    WORD.lastIndex = at;
    const word = WORD.exec(this.text);
    IDENTIFIER.lastIndex = at;
    const ident = IDENTIFIER.exec(this.text);
    if (ident === null || word === null) this.fail(['property name', 'quoted property name']);
    if (word[0] !== ident[0]) {
      throw new Failure(at, ['quoted property name'], `property name '${word[0]}' contains a hyphen and must be quoted: '${word[0]}' in single quotes`);
    }
    if (KEYWORDS.has(ident[0])) throw new Failure(at, ['quoted property name'], `'${ident[0]}' is a reserved word; quote it to use it as a property name`);
    this.pos = IDENTIFIER.lastIndex;
    return ident[0];
  }

  // ---- constants ----

  private literal(allowed: readonly string[]): Constant {
    this.skip();
    const t = this.text;
    const p = this.pos;
    const ch = t[p];
    if (ch === "'") return { type: 'string', value: this.stringBody() };
    if (t[p + 1] === "'" && (ch === 'b' || ch === 'h' || ch === 't')) {
      if (ch === 't') return this.timestampLiteral();
      const bodyStart = p + 2;
      const body = this.rawQuoted(bodyStart);
      if (ch === 'b') {
        if (!isBase64Constant(body)) throw new Failure(bodyStart, [], `invalid binary constant b'${body.slice(0, 40)}': expected base64 in groups of four characters`);
        return { type: 'binary', value: decodeBase64(body) ?? new Uint8Array(), encoding: 'base64' };
      }
      if (!isHexBody(body)) throw new Failure(bodyStart, [], `invalid hex constant h'${body.slice(0, 40)}': expected pairs of hexadecimal digits`);
      return { type: 'binary', value: decodeHex(body) ?? new Uint8Array(), encoding: 'hex' };
    }
    for (const word of ['true', 'false'] as const) {
      if (t.startsWith(word, p) && !isIdentChar(t[p + word.length])) {
        if (!allowed.includes(word)) throw new Failure(p, allowed, 'booleans can only be compared with = and != or listed in IN sets');
        this.pos += word.length;
        return { type: 'boolean', value: word === 'true' };
      }
    }
    const n = this.number();
    if (n !== undefined) return n.float ? { type: 'float', value: n.value } : { type: 'integer', value: n.value };
    this.fail(allowed);
  }

  private positiveNumber(allowFloat: boolean, qualifier: string): number {
    this.skip();
    const at = this.pos;
    const expected = allowFloat ? ['positive integer', 'positive float'] : ['positive integer'];
    const n = this.number();
    if (n === undefined || n.text.startsWith('-') || (n.float && !allowFloat)) {
      throw new Failure(at, expected, n === undefined ? undefined : `${qualifier} takes a positive ${allowFloat ? 'number' : 'integer'}`);
    }
    if (!(n.value > 0) || !Number.isFinite(n.value)) throw new Failure(at, expected, `${qualifier} takes a positive ${allowFloat ? 'number' : 'integer'}, not ${n.text}`);
    return n.value;
  }

  private setLiteral(): ConstantSet {
    this.skip();
    if (this.text[this.pos] !== '(') this.fail(["'(' starting a set"]);
    this.pos++;
    this.skip();
    const values: Constant[] = [];
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { type: 'set', values };
    }
    for (;;) {
      values.push(this.literal(PRIMITIVE));
      this.skip();
      const ch = this.text[this.pos];
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === ')') {
        this.pos++;
        return { type: 'set', values };
      }
      this.fail(["','", "')'"]);
    }
  }

  /** LIKE, MATCHES, ISSUBSET and ISSUPERSET take a string; the last three are checked for meaning too. */
  private stringOperand(operator: ComparisonOperator): Constant {
    this.skip();
    const at = this.pos;
    if (this.text[at] !== "'") this.fail(['string']);
    const value = this.stringBody();
    if (operator === 'MATCHES') {
      const compiled = compileStixRegex(value);
      if (!compiled.ok) throw new Failure(at, [], compiled.message);
    } else if ((operator === 'ISSUBSET' || operator === 'ISSUPERSET') && parseIpBlock(value) === undefined) {
      throw new Failure(at, [], `'${value.slice(0, 60)}' is not an IPv4 or IPv6 address or CIDR block`);
    }
    return { type: 'string', value };
  }

  private timestampOperand(): TimestampConstant {
    this.skip();
    if (!(this.text[this.pos] === 't' && this.text[this.pos + 1] === "'")) this.fail(["timestamp t'…'"]);
    return this.timestampLiteral();
  }

  private timestampLiteral(): TimestampConstant {
    const bodyStart = this.pos + 2;
    const body = this.rawQuoted(bodyStart);
    const parsed = parseStixTimestamp(body);
    if (parsed === undefined) throw new Failure(bodyStart, [], `invalid timestamp '${body.slice(0, 40)}': expected YYYY-MM-DDTHH:MM:SS[.fraction]Z with a real date and time`);
    return { type: 'timestamp', value: body, key: parsed.key, epochMs: parsed.epochMs };
  }

}

function syntaxError(text: string, offset: number, expected: readonly string[], message: string): PatternSyntaxError {
  const { line, column } = lineAndColumn(text, offset);
  return { message: `${message} (line ${line}, column ${column})`, offset, line, column, expected };
}

/** Parses a STIX 2.1 pattern. Never throws: syntax and meaning errors come back with their position. */
export function parsePattern(text: string, options: ParseOptions = {}): PatternResult {
  if (typeof text !== 'string') return { success: false, error: syntaxError('', 0, ["'['", "'('"], 'pattern must be a string') };
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return { success: false, error: syntaxError(text, maxLength, [], `pattern is longer than ${maxLength} characters`) };
  }
  const parser = new Parser(text, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  try {
    return { success: true, pattern: { type: 'pattern', expression: parser.parse() } };
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    let message = error.message;
    if (message === undefined) {
      const found = parser.found(error.offset);
      message = `expected ${listOf(error.expected)} but found ${found}`;
      const bare = found.slice(1, -1);
      // A frequent slip: keywords written in lower case.
      if (bare !== bare.toUpperCase() && error.expected.includes(bare.toUpperCase())) message += ` (keywords are upper case: ${bare.toUpperCase()})`;
    }
    return { success: false, error: syntaxError(text, error.offset, error.expected, message) };
  }
}
