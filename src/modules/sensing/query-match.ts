// A parsed events query evaluated on an event in memory: the live tail filters each committed batch
// without reading it back. Same meaning as query-sql.ts (the property test holds them together), except
// free text, where the database's text-search parser is authoritative and this is a close approximation.
import { isIP } from 'node:net';
import { hotColumns } from './normalize.js';
import { jsonCandidates } from './query-sql.js';
import { messageTokens, type EventQuery, type FieldClause, type QueryClause, type QueryValue, type TextClause } from './query-language.js';
import { eventSeverities, type SensedEvent } from './types.js';

/** An address as a number and its width in bits, or undefined. */
function addressBits(text: string): { value: bigint; bits: number } | undefined {
  const version = isIP(text);
  if (version === 4) return { value: text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n), bits: 32 };
  if (version !== 6) return undefined;
  let groups = text.toLowerCase();
  // An IPv6 address ending in dotted IPv4 notation: the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (dotted?.[1] !== undefined) {
    const v4 = addressBits(dotted[1]);
    if (v4 === undefined) return undefined;
    groups = groups.slice(0, -dotted[1].length) + `${(v4.value >> 16n).toString(16)}:${(v4.value & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return { value: all.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n), bits: 128 };
}

/** `address <<= range` as PostgreSQL's inet operator answers it for a host address. */
export function inRange(address: string, range: string): boolean {
  const [net = '', prefix] = range.split('/');
  const a = addressBits(address);
  const r = addressBits(net);
  if (a === undefined || r === undefined || a.bits !== r.bits) return false;
  const length = prefix === undefined ? r.bits : Number(prefix);
  const shift = BigInt(r.bits - length);
  return a.value >> shift === r.value >> shift;
}

/** The copied columns' values, as the writer derives them from the event. */
function columnValue(event: SensedEvent, name: string): string | number | null {
  const hot = hotColumns(event);
  const values: Record<string, string | number | null | undefined> = {
    source_ip: hot.sourceIp,
    destination_ip: hot.destinationIp,
    source_port: hot.sourcePort,
    destination_port: hot.destinationPort,
    kind: event.kind,
    protocol: hot.protocol,
    action: hot.action,
    source_type: event.source.type,
    source_id: event.source.id,
    source_name: event.source.name,
    source_asset_id: event.assets.source,
    destination_asset_id: event.assets.destination,
    org_id: event.orgId,
    tlp: event.tlp,
    id: event.id,
  };
  return values[name] ?? null;
}

function at(value: unknown, path: readonly string[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object' || Array.isArray(here)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

function textMatches(messageText: string, clause: Pick<TextClause, 'text' | 'phrase' | 'prefix'>): boolean {
  const words = messageTokens(messageText);
  const wanted = messageTokens(clause.text);
  if (wanted.length === 0) return false;
  if (clause.prefix) return words.some((w) => w.startsWith(wanted[0] ?? ''));
  if (!clause.phrase) return wanted.every((w) => words.includes(w));
  return words.some((_, start) => wanted.every((w, k) => words[start + k] === w));
}

function compare(a: number, op: FieldClause['comparison'], b: number): boolean {
  if (op === '>') return a > b;
  if (op === '>=') return a >= b;
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  return a === b;
}

function valueMatches(event: SensedEvent, clause: FieldClause, value: QueryValue): boolean {
  const { target, comparison } = clause;
  switch (target.type) {
    case 'message':
      return value.exists || textMatches(event.message, { text: value.text, phrase: true, prefix: value.prefix });
    case 'severity':
      return compare(eventSeverities.indexOf(event.severity), comparison, eventSeverities.indexOf(value.text as never));
    case 'json': {
      const found = at(event.fields, target.path);
      if (value.exists) return found !== undefined;
      if (value.prefix) return (typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean') && String(found).startsWith(value.text);
      if (comparison !== ':') return typeof found === 'number' && compare(found, comparison, Number(value.text));
      const candidates = jsonCandidates(value.text);
      return (Array.isArray(found) ? found : [found]).some((f) => candidates.includes(f));
    }
    default:
      return target.columns.some((c) => {
        const v = columnValue(event, c);
        if (v === null) return false;
        if (value.exists) return true;
        if (target.type === 'ip') return inRange(String(v), value.text);
        if (target.type === 'int') return compare(Number(v), comparison, Number(value.text));
        return value.prefix ? String(v).startsWith(value.text) : String(v) === value.text;
      });
  }
}

function clauseMatches(event: SensedEvent, clause: QueryClause): boolean {
  const positive = clause.type === 'text' ? textMatches(event.message, clause) : clause.values.some((v) => valueMatches(event, clause, v));
  return clause.negated ? !positive : positive;
}

export function matchesQuery(query: EventQuery, event: SensedEvent): boolean {
  return query.clauses.every((c) => clauseMatches(event, c));
}
