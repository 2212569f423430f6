// The cases of the generated input suite for one documented route: a valid base request (real ids,
// required query, minimal body) broken in one place at a time, as a fixed list and as a fast-check
// arbitrary over the same places.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Person } from './fixture.js';
import type { FuzzRequest } from './fuzz-requests.js';
import {
  allowedTypes,
  badBodyValues,
  badPathIds,
  badQueryValues,
  bodyPaths,
  bodyValueArbitrary,
  deepArrayJson,
  deepObjectJson,
  DEEP,
  dotSegments,
  HUGE_STRING,
  hugeQueryValue,
  NUL,
  poisonedString,
  queryValueArbitrary,
  sampleValid,
  setAt,
  SURROGATE,
  violates,
  type BadValue,
  type BodyPath,
} from './fuzz-values.js';
import { encodeLoose } from './fuzz-requests.js';
import type { JsonSchema, Operation } from './openapi-routes.js';

export interface CaseContext {
  readonly who: Person;
  /** A real object's id for each path parameter. */
  readonly ids: Readonly<Record<string, string>>;
  /** The app's JSON body limit: anything larger is refused whatever it says. */
  readonly bodyLimit: number;
}

const JSON_TYPE = 'application/json';

/** Only one place broken: the rest of the request is as the route wants it. */
interface Break {
  readonly label: string;
  readonly mustFail: boolean;
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /** Replaces the whole query (the base's required parameters included). */
  readonly replaceQuery?: boolean;
  /** The body as text (JSON unless contentType says otherwise); null sends none. */
  readonly payload?: string | null;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const placeholder = '"__fuzz_raw__"';

const decoded = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return '\u0000'; // malformed percent-encoding: never a fine value
  }
};

export function fuzzOperation(op: Operation, ctx: CaseContext) {
  const base = {
    path: Object.fromEntries(op.pathParams.map((p) => [p.name, encodeLoose(ctx.ids[p.name] ?? '')])),
    query: op.queryParams.filter((p) => p.required).map((p) => [p.name, String(sampleValid(p.schema, p.name))] as const),
    body: op.body === undefined ? undefined : sampleValid(op.body),
  };
  const hasBody = op.body !== undefined;
  const sendsBody = op.method !== 'GET';

  function build(b: Break): FuzzRequest {
    let path = op.path;
    for (const p of op.pathParams) path = path.replace(`{${p.name}}`, b.path?.[p.name] ?? base.path[p.name] ?? '');
    const query = b.replaceQuery === true ? (b.query ?? []) : [...base.query.filter(([k]) => !b.query?.some(([q]) => q === k)), ...(b.query ?? [])];
    const payload = b.payload === undefined ? (base.body === undefined ? undefined : JSON.stringify(base.body)) : b.payload === null ? undefined : b.payload;
    const tooBig = payload !== undefined && Buffer.byteLength(payload) > ctx.bodyLimit && hasBody;
    return {
      label: b.label,
      method: op.method,
      path,
      query,
      ...(payload === undefined ? {} : { payload, contentType: b.contentType ?? JSON_TYPE }),
      who: ctx.who,
      ...(b.headers === undefined ? {} : { headers: b.headers }),
      mustFail: b.mustFail || tooBig,
    };
  }

  /** The body with `value` at `path`; `raw` JSON text goes in unparsed (deep nesting). */
  const bodyWith = (path: BodyPath, value: unknown, raw?: string): string => {
    const text = JSON.stringify(setAt(base.body, path, raw === undefined ? value : '__fuzz_raw__'));
    return raw === undefined ? text : text.replace(placeholder, raw);
  };
  const strict = (schema: JsonSchema) => schema.additionalProperties === false;
  const pathsOfBody = op.body === undefined ? [] : bodyPaths(op.body);
  const nameOf = (path: BodyPath) => String([...path].reverse().find((p) => typeof p === 'string') ?? '');

  function bodyBreaks(): Break[] {
    if (op.body === undefined) {
      if (!sendsBody) return [];
      // Routes that read no JSON body: a body in a type nobody accepts.
      return [
        { label: 'text/plain body', mustFail: true, payload: 'fuzz', contentType: 'text/plain' },
        { label: 'application/xml body', mustFail: true, payload: '<fuzz/>', contentType: 'application/xml' },
      ];
    }
    const body = op.body;
    const out: Break[] = [
      { label: 'malformed JSON (cut off)', mustFail: true, payload: '{"fuzz": ' },
      { label: 'malformed JSON (extra brace)', mustFail: true, payload: '{"a":1}}' },
      { label: 'malformed JSON (single quotes)', mustFail: true, payload: "{'a':1}" },
      { label: 'malformed JSON (NaN)', mustFail: true, payload: '{"a":NaN}' },
      { label: 'empty JSON body', mustFail: true, payload: '' },
      { label: 'no body', mustFail: true, payload: null },
      { label: 'JSON null', mustFail: violates(body, null), payload: 'null' },
      { label: 'JSON array', mustFail: violates(body, []), payload: '[]' },
      { label: 'JSON number', mustFail: violates(body, 42), payload: '42' },
      { label: 'text/plain', mustFail: true, payload: JSON.stringify(base.body), contentType: 'text/plain' },
      { label: 'application/xml', mustFail: true, payload: '<fuzz/>', contentType: 'application/xml' },
      { label: 'form', mustFail: true, payload: 'a=1', contentType: 'application/x-www-form-urlencoded' },
      { label: 'deep nesting (objects)', mustFail: violates(body, {}) || strict(body), payload: deepObjectJson(DEEP) },
      { label: 'deep nesting (arrays)', mustFail: violates(body, []), payload: deepArrayJson(DEEP) },
    ];
    if (allowedTypes(body)?.has('object') === true) {
      out.push({ label: 'unknown field', mustFail: strict(body), payload: JSON.stringify({ ...(base.body as object), fuzzUnknown: 1 }) });
      out.push({ label: 'NUL in a key', mustFail: true, payload: JSON.stringify({ ...(base.body as object), [NUL]: 1 }) });
    }
    const firstString = pathsOfBody.find((p) => allowedTypes(p.schema)?.has('string') === true);
    out.push({ label: 'huge string', mustFail: true, payload: firstString === undefined ? JSON.stringify(HUGE_STRING) : bodyWith(firstString.path, HUGE_STRING) });
    for (const { path, schema } of pathsOfBody) {
      const where = path.join('.');
      for (const v of badBodyValues(schema, nameOf(path))) out.push({ label: `body.${where}: ${v.label}`, mustFail: v.mustFail, payload: bodyWith(path, v.value) });
      if (path.length > 1) continue;
      const types = allowedTypes(schema);
      const objectOk = types === undefined || (types.has('object') && !strict(schema));
      out.push({ label: `body.${where}: deep nesting`, mustFail: !objectOk, payload: bodyWith(path, null, deepObjectJson(DEEP)) });
    }
    return out;
  }

  function queryBreaks(): Break[] {
    const out: Break[] = [
      // Every API route checks its query strictly, also one that takes none: a parameter it does not
      // know is a mistake or a probe, not a no-op.
      { label: 'unknown query parameter', mustFail: true, query: [['fuzzUnknown', '1']] },
      { label: 'NUL in an unknown query parameter', mustFail: true, query: [[NUL, NUL]] },
      // The user agent is kept in the audit log.
      { label: 'NUL in the User-Agent header', mustFail: true, headers: { 'user-agent': NUL } },
    ];
    for (const p of op.queryParams) {
      const values = p === op.queryParams[0] ? [...badQueryValues(p.schema, p.name), hugeQueryValue(p.schema)] : badQueryValues(p.schema, p.name);
      for (const v of values) out.push({ label: `query.${p.name}: ${v.label}`, mustFail: v.mustFail, query: [[p.name, String(v.value)]] });
      const valid = String(sampleValid(p.schema, p.name));
      out.push({ label: `query.${p.name} twice`, mustFail: allowedTypes(p.schema)?.has('array') !== true, query: [[p.name, valid], [p.name, valid]] });
      if (p.required) out.push({ label: `query.${p.name} missing`, mustFail: true, query: base.query.filter(([k]) => k !== p.name), replaceQuery: true });
    }
    return out;
  }

  function pathBreaks(): Break[] {
    const out: Break[] = [];
    for (const p of op.pathParams) {
      // Ids are the server's; names with a pattern are the client's, and a bad id may be a fine name.
      const isName = (id: string) => p.schema.pattern !== undefined && !violates(p.schema, decoded(id));
      for (const id of badPathIds) out.push({ label: `path.${p.name} = ${id.slice(0, 30)}`, mustFail: !isName(id) && !dotSegments.has(id), path: { [p.name]: id } });
      out.push({ label: `path.${p.name}: NUL`, mustFail: true, path: { [p.name]: encodeLoose(NUL) } });
      out.push({ label: `path.${p.name}: lone surrogate`, mustFail: true, path: { [p.name]: encodeLoose(SURROGATE) } });
      // PUT names what it makes: a new name is a new object.
      out.push({ label: `path.${p.name}: no such object`, mustFail: op.method !== 'PUT', path: { [p.name]: encodeLoose(`${p.name === 'name' ? 'fuzz-none-' : ''}${randomUUID()}`) } });
    }
    return out;
  }

  /** The fixed cases: every kind of bad input in every place it can go. */
  const cases = (): FuzzRequest[] => [...bodyBreaks(), ...queryBreaks(), ...pathBreaks()].map(build);

  /** Random cases over the same places: fast-check picks the place and the bad value. */
  function arbitrary(): fc.Arbitrary<FuzzRequest> | undefined {
    const places: fc.Arbitrary<Break>[] = [];
    const toBreak = (label: string, v: BadValue, b: Omit<Break, 'label' | 'mustFail'>): Break => ({ label: `${label}: ${v.label}`, mustFail: v.mustFail, ...b });
    for (const { path, schema } of pathsOfBody) {
      places.push(bodyValueArbitrary(schema, nameOf(path)).map((v) => toBreak(`body.${path.join('.')}`, v, { payload: bodyWith(path, v.value) })));
    }
    for (const p of op.queryParams) places.push(queryValueArbitrary(p.schema, p.name).map((v) => toBreak(`query.${p.name}`, v, { query: [[p.name, String(v.value)]] })));
    for (const p of op.pathParams) {
      places.push(
        fc.oneof(
          poisonedString().map((value) => ({ label: 'poisoned', value, mustFail: true })),
          fc.string({ minLength: 1, maxLength: 80 }).map((value) => ({ label: 'random', value, mustFail: false })),
        ).map((v) => toBreak(`path.${p.name}`, v, { path: { [p.name]: encodeLoose(v.value) } })),
      );
    }
    if (places.length === 0) return undefined;
    return fc.oneof(...places).map(build);
  }

  return { cases, arbitrary };
}
