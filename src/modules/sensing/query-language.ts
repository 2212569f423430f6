// The events query bar: free text and field filters, ANDed, parsed into clauses with positions.
//
//   modbus write                        words anywhere in the message (full text, 'simple' configuration)
//   "plc stop"                          a phrase; `stor*` a word prefix
//   source.ip:10.20.1.0/24              an address or a CIDR range (inet <<=)
//   destination.port:502  destination.port>=1024
//   ics.operation:(stop,start)          OR within one field: a parenthesised, comma-separated list
//   action:stop  protocol:modbus        the copied columns: ics.operation else event.action, ics.protocol else network.protocol
//   kind:alert  severity>=medium  host.name:"HMI 1"  user.name:adm*  process.command_line:*  (present)
//   -event.action:login  -noise         a leading minus negates a clause (missing fields count as not matching)
//
// Hot fields map to the copied columns (plain indexes); anything else under an ECS section is a path in
// `fields`. The parser never throws: a bad query comes back as issues with the character position.
import { isIP } from 'node:net';
import { tlpLevels } from '../../platform/tlp.js';
import { eventKinds, eventSeverities, sourceTypes } from './types.js';

export type Comparison = ':' | '>' | '>=' | '<' | '<=';

export interface QueryValue {
  readonly text: string;
  /** `abc*`: values that start with `abc`. */
  readonly prefix: boolean;
  /** `*` alone: the field is present. */
  readonly exists: boolean;
  readonly position: number;
}

export interface TextClause {
  readonly type: 'text';
  readonly negated: boolean;
  readonly text: string;
  readonly phrase: boolean;
  readonly prefix: boolean;
  readonly position: number;
}

export interface FieldClause {
  readonly type: 'field';
  readonly negated: boolean;
  readonly field: string;
  readonly target: FieldTarget;
  readonly comparison: Comparison;
  /** Alternatives (OR). */
  readonly values: readonly QueryValue[];
  readonly position: number;
}

export type QueryClause = TextClause | FieldClause;

export interface EventQuery {
  readonly clauses: readonly QueryClause[];
}

export interface QueryIssue {
  /** 0-based character offset in the query text. */
  readonly position: number;
  readonly message: string;
}

export type QueryParse = { readonly ok: true; readonly query: EventQuery } | { readonly ok: false; readonly issues: readonly QueryIssue[] };

/** Where a field lives: a copied column (with its type) or a path inside `fields`. */
export type FieldTarget =
  | { readonly type: 'ip'; readonly columns: readonly string[] }
  | { readonly type: 'int'; readonly columns: readonly string[]; readonly min: number; readonly max: number }
  | { readonly type: 'text'; readonly columns: readonly string[] }
  | { readonly type: 'enum'; readonly columns: readonly string[]; readonly values: readonly string[] }
  | { readonly type: 'severity' }
  | { readonly type: 'message' }
  /** `implied`: a copied column that equals this path whenever the path holds a string, so it can narrow first. */
  | { readonly type: 'json'; readonly path: readonly string[]; readonly implied?: string };

const port = (column: string): FieldTarget => ({ type: 'int', columns: [column], min: 0, max: 65535 });

/** Query names of the copied columns. `input.*` is the source an event came through (ECS `input.type`). */
export const hotFields: Readonly<Record<string, FieldTarget>> = {
  'source.ip': { type: 'ip', columns: ['source_ip'] },
  'destination.ip': { type: 'ip', columns: ['destination_ip'] },
  'source.port': port('source_port'),
  'destination.port': port('destination_port'),
  kind: { type: 'enum', columns: ['kind'], values: eventKinds },
  severity: { type: 'severity' },
  message: { type: 'message' },
  /** ics.protocol, else network.protocol. */
  protocol: { type: 'text', columns: ['protocol'] },
  /** ics.operation, else event.action. */
  action: { type: 'text', columns: ['action'] },
  'input.type': { type: 'enum', columns: ['source_type'], values: sourceTypes },
  'input.id': { type: 'text', columns: ['source_id'] },
  'input.name': { type: 'text', columns: ['source_name'] },
  'source.asset': { type: 'text', columns: ['source_asset_id'] },
  'destination.asset': { type: 'text', columns: ['destination_asset_id'] },
  asset: { type: 'text', columns: ['source_asset_id', 'destination_asset_id'] },
  org: { type: 'text', columns: ['org_id'] },
  tlp: { type: 'enum', columns: ['tlp'], values: tlpLevels },
  id: { type: 'text', columns: ['id'] },
};

/** ECS sections of EventFields; `labels.*` holds what sources name themselves. */
export const fieldSections = ['source', 'destination', 'network', 'event', 'observer', 'host', 'process', 'user', 'file', 'url', 'dns', 'rule', 'log', 'ics', 'labels'] as const;

const fieldName = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/** Where a query field name points, or why it is unknown. */
export function resolveField(name: string): FieldTarget | string {
  const hot = hotFields[name];
  if (hot !== undefined) return hot;
  if (!fieldName.test(name)) return `"${name}" is not a field name`;
  const path = name.split('.');
  if (!(fieldSections as readonly string[]).includes(path[0] ?? '') || path.length < 2) {
    return `unknown field "${name}": use ${Object.keys(hotFields).join(', ')} or a path under ${fieldSections.join(', ')}`;
  }
  const implied = impliedColumns[name];
  return implied === undefined ? { type: 'json', path } : { type: 'json', path, implied };
}

// The writer copies ics.operation (else event.action) to `action` and ics.protocol (else network.protocol)
// to `protocol` (normalize.ts hotColumns): a string at these paths is always in those columns.
const impliedColumns: Readonly<Record<string, string>> = { 'ics.operation': 'action', 'ics.protocol': 'protocol' };

const ordered = (t: FieldTarget) => t.type === 'int' || t.type === 'severity' || t.type === 'json';
const numberText = /^-?\d+(\.\d+)?$/;

/** A value checked against its field; undefined when acceptable, else the reason. */
function checkValue(target: FieldTarget, comparison: Comparison, value: QueryValue): string | undefined {
  if (value.exists) return comparison === ':' ? undefined : 'a comparison needs a value, not *';
  if (value.text === '') return 'empty value';
  if (comparison !== ':' && value.prefix) return 'a comparison takes no wildcard';
  switch (target.type) {
    case 'ip': {
      if (value.prefix) return 'addresses take no wildcard: use a CIDR range such as 10.0.0.0/8';
      const [address = '', bits, ...rest] = value.text.split('/');
      const version = isIP(address);
      if (version === 0 || rest.length > 0) return `"${value.text}" is not an IP address or CIDR range`;
      if (bits !== undefined && (!/^\d{1,3}$/.test(bits) || Number(bits) > (version === 4 ? 32 : 128))) return `"/${bits}" is not a prefix length for IPv${version}`;
      return undefined;
    }
    case 'int': {
      if (value.prefix || !/^\d{1,10}$/.test(value.text)) return `"${value.text}" is not a whole number`;
      const n = Number(value.text);
      return n < target.min || n > target.max ? `${n} is outside ${target.min}-${target.max}` : undefined;
    }
    case 'enum':
      return value.prefix || !target.values.includes(value.text) ? `"${value.text}" is not one of ${target.values.join(', ')}` : undefined;
    case 'severity':
      return value.prefix || !(eventSeverities as readonly string[]).includes(value.text) ? `"${value.text}" is not a severity (${eventSeverities.join(' < ')})` : undefined;
    case 'json':
      return comparison !== ':' && !numberText.test(value.text) ? `"${value.text}" is not a number` : undefined;
    case 'text':
    case 'message':
      return undefined;
  }
}

/** Characters that end a bare word. */
const isBreak = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '(' || c === ')' || c === ',' || c === '"';

/** The longest accepted query; longer text is refused before any work. */
export const maxQueryLength = 4096;
const maxClauses = 64;

export function parseEventQuery(input: string): QueryParse {
  const issues: QueryIssue[] = [];
  const clauses: QueryClause[] = [];
  if (input.length > maxQueryLength) return { ok: false, issues: [{ position: maxQueryLength, message: `the query is longer than ${maxQueryLength} characters` }] };
  let i = 0;
  const n = input.length;
  const skipSpace = () => {
    while (i < n && /\s/.test(input[i] ?? '')) i += 1;
  };
  /** A quoted string starting at i (on the quote); backslash escapes the next character. */
  const quoted = (): string | undefined => {
    const start = i;
    i += 1;
    let text = '';
    while (i < n && input[i] !== '"') {
      if (input[i] === '\\' && i + 1 < n) i += 1;
      text += input[i];
      i += 1;
    }
    if (i >= n) {
      issues.push({ position: start, message: 'unterminated quote' });
      return undefined;
    }
    i += 1;
    return text;
  };
  const bare = (): string => {
    const start = i;
    while (i < n && !isBreak(input[i] ?? '')) i += 1;
    return input.slice(start, i);
  };
  const value = (): QueryValue | undefined => {
    const position = i;
    if (input[i] === '"') {
      const text = quoted();
      return text === undefined ? undefined : { text, prefix: false, exists: false, position };
    }
    const text = bare();
    if (text === '*') return { text: '', prefix: false, exists: true, position };
    if (text.length > 1 && text.endsWith('*')) return { text: text.slice(0, -1), prefix: true, exists: false, position };
    return { text, prefix: false, exists: false, position };
  };

  while (i < n) {
    skipSpace();
    if (i >= n) break;
    const position = i;
    let negated = false;
    if (input[i] === '-') {
      negated = true;
      i += 1;
      if (i >= n || /\s/.test(input[i] ?? '')) {
        issues.push({ position, message: 'nothing to negate after "-"' });
        continue;
      }
    }
    const c = input[i] ?? '';
    if (c === '(' || c === ')' || c === ',') {
      issues.push({ position: i, message: `unexpected "${c}": lists of values go after a field, as in ics.operation:(stop,start)` });
      i += 1;
      continue;
    }
    if (c === '"') {
      const text = quoted();
      if (text !== undefined) clauses.push(textClause(text, true, false, negated, position, issues));
      continue;
    }
    // A field name followed by a comparison, or a bare word of free text.
    const match = /^([A-Za-z_@][A-Za-z0-9_.@-]*)(>=|<=|:|>|<)/.exec(input.slice(i, i + 256));
    if (match === null) {
      const word = bare();
      if (word === '') {
        issues.push({ position: i, message: `unexpected "${input[i]}"` });
        i += 1;
        continue;
      }
      const prefix = word.length > 1 && word.endsWith('*');
      clauses.push(textClause(prefix ? word.slice(0, -1) : word, false, prefix, negated, position, issues));
      continue;
    }
    const field = match[1] ?? '';
    const comparison = (match[2] ?? ':') as Comparison;
    const fieldAt = i;
    i += match[0].length;
    const target = resolveField(field);
    const values: QueryValue[] = [];
    if (input[i] === '(') {
      const open = i;
      i += 1;
      for (;;) {
        skipSpace();
        const v = value();
        if (v === undefined) break;
        values.push(v);
        skipSpace();
        if (input[i] === ',') {
          i += 1;
          continue;
        }
        if (input[i] === ')') {
          i += 1;
          break;
        }
        issues.push({ position: i >= n ? open : i, message: i >= n ? 'unclosed "(": end the list with ")"' : 'expected "," or ")" in the list of values' });
        while (i < n && input[i] !== ')') i += 1;
        i += 1;
        break;
      }
      if (comparison !== ':') issues.push({ position: open, message: 'a list of values needs ":" (the field is one of them)' });
    } else {
      if (i >= n || /\s/.test(input[i] ?? '')) {
        issues.push({ position: i, message: `no value after ${field}${comparison}` });
        continue;
      }
      const v = value();
      if (v !== undefined) values.push(v);
    }
    if (typeof target === 'string') {
      issues.push({ position: fieldAt, message: target });
      continue;
    }
    if (comparison !== ':' && !ordered(target)) issues.push({ position: fieldAt, message: `${field} cannot be compared with ${comparison}; use ${field}:value` });
    for (const v of values) {
      const problem = checkValue(target, comparison, v);
      if (problem !== undefined) issues.push({ position: v.position, message: `${field}: ${problem}` });
    }
    clauses.push({ type: 'field', negated, field, target, comparison, values, position });
    if (clauses.length > maxClauses) {
      issues.push({ position, message: `more than ${maxClauses} clauses` });
      break;
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, query: { clauses } };
}

function textClause(text: string, phrase: boolean, prefix: boolean, negated: boolean, position: number, issues: QueryIssue[]): TextClause {
  if (prefix && !/^[\p{L}\p{N}_]+$/u.test(text)) issues.push({ position, message: `a prefix search takes letters and digits only: "${text}*"` });
  else if (messageTokens(text).length === 0) issues.push({ position, message: `"${text}" has no word to search for` });
  return { type: 'text', negated, text, phrase, prefix, position };
}

/**
 * Words as the 'simple' text-search configuration roughly sees them (lower case, split on anything
 * that is not a letter or digit). Used by the in-memory matcher; the database's parser is authoritative.
 */
export function messageTokens(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((t) => t !== '');
}

/** The query as canonical text: parses back to the same clauses. */
export function formatEventQuery(query: EventQuery): string {
  const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  const simple = (s: string) => s !== '' && !/[\s(),"\\]/.test(s) && !s.endsWith('*') && !/^-/.test(s);
  const formatValue = (v: QueryValue) => (v.exists ? '*' : v.prefix ? `${v.text}*` : simple(v.text) ? v.text : quote(v.text));
  return query.clauses
    .map((c) => {
      const sign = c.negated ? '-' : '';
      if (c.type === 'text') return `${sign}${c.prefix ? `${c.text}*` : c.phrase || !simple(c.text) || /^[A-Za-z_@][A-Za-z0-9_.@-]*(>=|<=|:|>|<)/.test(c.text) ? quote(c.text) : c.text}`;
      const values = c.values.length === 1 && c.values[0] !== undefined ? formatValue(c.values[0]) : `(${c.values.map(formatValue).join(',')})`;
      return `${sign}${c.field}${c.comparison}${values}`;
    })
    .join(' ');
}
