// The text PostgreSQL prints for a jsonb value, so that a digest taken in SQL (md5(col::text)) can
// be compared with one taken here without fetching the value itself.

const isAscii = (text: string) => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
};

/** jsonb orders object keys by length, then bytewise (UTF-8). */
function compareKeys(a: string, b: string): number {
  if (isAscii(a) && isAscii(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length - y.length || Buffer.compare(x, y);
}

// PostgreSQL's escape_json: the two-letter escapes, other control characters as \u00xx, the rest as is.
const shortEscapes: Readonly<Record<number, string>> = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

/** A JSON string as jsonb prints it. */
export function jsonbString(text: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += text.slice(from, i) + (shortEscapes[c] ?? `\\u${c.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  return `${out}${text.slice(from)}"`;
}

// Objects of one shape (the same keys in the same order) share one jsonb key order, with each
// key already quoted: correlation digests tens of thousands of reasons of one shape per run.
const keyOrders = new Map<string, readonly (readonly [string, string])[]>();
const MAX_SHAPES = 1000;

function keyOrder(keys: readonly string[]): readonly (readonly [string, string])[] {
  const shape = keys.join('\u0000');
  let order = keyOrders.get(shape);
  if (order === undefined) {
    order = [...keys].sort(compareKeys).map((k) => [k, `${jsonbString(k)}: `] as const);
    if (keyOrders.size >= MAX_SHAPES) keyOrders.clear();
    keyOrders.set(shape, order);
  }
  return order;
}

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * `value::text` of the jsonb that `JSON.stringify(value)` becomes: keys in jsonb order, ", " and
 * ": " separators. Numbers use JavaScript's notation, which can differ from numeric's (1e+21):
 * such a value only makes two digests differ, it never makes different values look equal.
 */
export function jsonbText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return jsonbString(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      // undefined, functions and symbols have no JSON form.
      return 'null';
  }
  if ('toJSON' in value && typeof value.toJSON === 'function') return jsonbText(value.toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ', '}${skipped(value[i]) ? 'null' : jsonbText(value[i])}`;
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const [key, quoted] of keyOrder(Object.keys(record))) {
    const v = record[key];
    if (skipped(v)) continue;
    out += `${out.length === 1 ? '' : ', '}${quoted}${typeof v === 'string' ? jsonbString(v) : jsonbText(v)}`;
  }
  return `${out}}`;
}
