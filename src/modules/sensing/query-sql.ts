// A parsed events query as one SQL condition on the events table (alias `e`): hot fields on their
// columns and indexes, free text on the GIN index over to_tsvector('simple', message), the rest on `fields`.
import { sql, type RawBuilder } from 'kysely';
import type { EventQuery, FieldClause, QueryClause, QueryValue, TextClause } from './query-language.js';
import { eventSeverities } from './types.js';

type Condition = RawBuilder<boolean>;

const column = (name: string) => sql.ref(`e.${name}`);
const message = sql`to_tsvector('simple', ${sql.ref('e.message')})`;
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const anyOf = (parts: readonly Condition[]): Condition => (parts.length === 1 && parts[0] !== undefined ? parts[0] : sql<boolean>`(${sql.join(parts, sql` or `)})`);

function textCondition(clause: Pick<TextClause, 'text' | 'phrase' | 'prefix'>): Condition {
  if (clause.prefix) return sql<boolean>`${message} @@ to_tsquery('simple', ${`${clause.text}:*`})`;
  if (clause.phrase) return sql<boolean>`${message} @@ phraseto_tsquery('simple', ${clause.text})`;
  return sql<boolean>`${message} @@ plainto_tsquery('simple', ${clause.text})`;
}

/** `{a:{b:value}}`, for `fields @> ...`. */
function nested(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** The JSON values a query value may stand for: its text, and its number or boolean when it reads as one. */
export function jsonCandidates(text: string): unknown[] {
  const out: unknown[] = [text];
  if (/^-?\d+(\.\d+)?$/.test(text) && Number.isFinite(Number(text))) out.push(Number(text));
  if (text === 'true' || text === 'false') out.push(text === 'true');
  return out;
}

function valueCondition(clause: FieldClause, value: QueryValue): Condition {
  const { target, comparison } = clause;
  const op = sql.raw(comparison === ':' ? '=' : comparison);
  switch (target.type) {
    case 'message':
      return value.exists ? sql<boolean>`true` : textCondition({ text: value.text, phrase: true, prefix: value.prefix });
    case 'severity':
      return sql<boolean>`${column('severity')} ${op} ${eventSeverities.indexOf(value.text as never)}`;
    case 'json': {
      const path = `{${target.path.join(',')}}`;
      if (value.exists) return sql<boolean>`${column('fields')} #> ${path}::text[] is not null`;
      if (value.prefix) return sql<boolean>`${column('fields')} #>> ${path}::text[] like ${likePrefix(value.text)}`;
      if (comparison !== ':') {
        return sql<boolean>`(case when jsonb_typeof(${column('fields')} #> ${path}::text[]) = 'number' then (${column('fields')} #>> ${path}::text[])::numeric end) ${op} ${value.text}::numeric`;
      }
      return anyOf(
        jsonCandidates(value.text).map((v) => {
          // Containment matches a scalar inside an array only at the top level: an array holding it is a second form.
          const contains = sql<boolean>`(${column('fields')} @> ${JSON.stringify(nested(target.path, v))}::jsonb or ${column('fields')} @> ${JSON.stringify(nested(target.path, [v]))}::jsonb)`;
          return typeof v === 'string' && target.implied !== undefined ? sql<boolean>`(${column(target.implied)} = ${v} and ${contains})` : contains;
        }),
      );
    }
    case 'ip':
      return anyOf(target.columns.map((c) => (value.exists ? sql<boolean>`${column(c)} is not null` : sql<boolean>`${column(c)} <<= ${value.text}::inet`)));
    case 'int':
      return anyOf(target.columns.map((c) => (value.exists ? sql<boolean>`${column(c)} is not null` : sql<boolean>`${column(c)} ${op} ${Number(value.text)}`)));
    case 'text':
    case 'enum':
      return anyOf(
        target.columns.map((c) =>
          value.exists ? sql<boolean>`${column(c)} is not null` : value.prefix ? sql<boolean>`${column(c)} like ${likePrefix(value.text)}` : sql<boolean>`${column(c)} = ${value.text}`,
        ),
      );
  }
}

function clauseCondition(clause: QueryClause): Condition {
  const positive = clause.type === 'text' ? textCondition(clause) : anyOf(clause.values.map((v) => valueCondition(clause, v)));
  // A missing field is "not matching", so its negation matches (as in Kibana's KQL).
  return clause.negated ? sql<boolean>`not coalesce(${positive}, false)` : positive;
}

/** Every clause ANDed; undefined for the empty query. */
export function queryCondition(query: EventQuery): Condition | undefined {
  if (query.clauses.length === 0) return undefined;
  return sql<boolean>`(${sql.join(query.clauses.map(clauseCondition), sql` and `)})`;
}
