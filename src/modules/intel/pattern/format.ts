// Syntax tree back to pattern text, in one canonical spelling (parsing the output gives the same tree).
import type { ComparisonExpression, Constant, ObjectPath, ObservationExpression, PatternAst, Qualifier } from './types.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'LAST', 'IN', 'START', 'STOP', 'SECONDS', 'true', 'false', 'WITHIN', 'REPEATS', 'TIMES']);

export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Numbers in the grammar's notation, which has no exponent. */
function formatNumber(value: number, float: boolean): string {
  let text = String(value);
  if (text.includes('e')) {
    text = Number.isInteger(value) ? BigInt(value).toString() : value.toFixed(20).replace(/0+$/, '');
    if (text.endsWith('.')) text += '0';
  }
  return float && !text.includes('.') ? `${text}.0` : text;
}

export function formatConstant(c: Constant): string {
  switch (c.type) {
    case 'string':
      return quoteString(c.value);
    case 'integer':
      return formatNumber(c.value, false);
    case 'float':
      return formatNumber(c.value, true);
    case 'boolean':
      return String(c.value);
    case 'binary':
      return c.encoding === 'hex' ? `h'${Buffer.from(c.value).toString('hex')}'` : `b'${Buffer.from(c.value).toString('base64')}'`;
    case 'timestamp':
      return `t'${c.value}'`;
  }
}

export function formatObjectPath(path: ObjectPath): string {
  let out = `${path.objectType}:`;
  path.steps.forEach((step, i) => {
    if (step.kind === 'any') out += '[*]';
    else if (step.kind === 'index') out += `[${step.index}]`;
    else {
      const name = IDENTIFIER.test(step.name) && !RESERVED.has(step.name) ? step.name : quoteString(step.name);
      out += i === 0 ? name : `.${name}`;
    }
  });
  return out;
}

function formatComparison(e: ComparisonExpression, parent: 'and' | 'or' | 'top'): string {
  switch (e.type) {
    case 'exists':
      return `EXISTS ${formatObjectPath(e.path)}`;
    case 'comparison': {
      const value = e.value.type === 'set' ? `(${e.value.values.map(formatConstant).join(', ')})` : formatConstant(e.value);
      return `${formatObjectPath(e.path)} ${e.negated ? 'NOT ' : ''}${e.operator} ${value}`;
    }
    case 'comparison-and':
      return e.operands.map((o) => formatComparison(o, 'and')).join(' AND ');
    case 'comparison-or': {
      const text = e.operands.map((o) => formatComparison(o, 'or')).join(' OR ');
      return parent === 'and' ? `(${text})` : text;
    }
  }
}

function formatQualifier(q: Qualifier): string {
  if (q.type === 'within') return `WITHIN ${formatNumber(q.seconds, !Number.isInteger(q.seconds))} SECONDS`;
  if (q.type === 'repeats') return `REPEATS ${q.times} TIMES`;
  return `START t'${q.start.value}' STOP t'${q.stop.value}'`;
}

const RANK = { 'followed-by': 0, 'observation-or': 1, 'observation-and': 2, observation: 3 } as const;
const JOINER = { 'followed-by': ' FOLLOWEDBY ', 'observation-or': ' OR ', 'observation-and': ' AND ' } as const;

function formatObservation(e: ObservationExpression, parentRank: number): string {
  let text: string;
  if (e.type === 'observation') {
    text = `[${formatComparison(e.comparison, 'top')}]`;
  } else {
    // Operands of the same operator are wrapped too, so that the tree keeps its shape on a re-parse.
    text = e.operands.map((o) => formatObservation(o, RANK[e.type] + 0.5)).join(JOINER[e.type]);
    if (e.qualifiers.length > 0 || RANK[e.type] < parentRank) text = `(${text})`;
  }
  // One qualifier of each kind per run; a repeated kind needs a new parenthesized run.
  let run = new Set<Qualifier['type']>();
  for (const q of e.qualifiers) {
    if (run.has(q.type)) {
      text = `(${text})`;
      run = new Set();
    }
    run.add(q.type);
    text += ` ${formatQualifier(q)}`;
  }
  return text;
}

/** Canonical text of a pattern: single spaces, `=`/`!=`, minimal parentheses. */
export function formatPattern(ast: PatternAst): string {
  return formatObservation(ast.expression, 0);
}
