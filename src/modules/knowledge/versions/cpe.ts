// CPE 2.3 formatted strings (NISTIR 7695) and attribute-wise name matching (NISTIR 7696): how NVD
// says which products a CVE applies to. Version ranges beside a CPE are matched in range.ts.

export const cpeAttributes = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'sw_edition',
  'target_sw',
  'target_hw',
  'other',
] as const;
export type CpeAttribute = (typeof cpeAttributes)[number];

export type CpeValue =
  | { readonly kind: 'any' } // "*": any value, or none
  | { readonly kind: 'na' } // "-": not applicable
  | {
      readonly kind: 'value';
      /** The literal text between wildcards, with escapes removed ("8.0" for "8\.0"). */
      readonly text: string;
      /** Unquoted wildcards around it: -1 for "*", n for n "?"s, 0 for none. */
      readonly leading: number;
      readonly trailing: number;
      /** As written in the formatted string, escapes kept. */
      readonly raw: string;
    };

export type Cpe = { readonly [A in CpeAttribute]: CpeValue };

export type CpeParseResult =
  | { readonly success: true; readonly cpe: Cpe }
  | { readonly success: false; readonly reason: string; readonly attribute?: CpeAttribute | undefined };

/** Attribute relation per NISTIR 7696: what the source value says about the target value. */
export type CpeRelation = 'EQUAL' | 'SUPERSET' | 'SUBSET' | 'DISJOINT' | 'UNDEFINED';

export interface CpeComparison {
  /** Name relation: DISJOINT if any attribute is; EQUAL / SUPERSET / SUBSET if all agree; else UNDEFINED. */
  readonly relation: CpeRelation;
  readonly attributes: { readonly [A in CpeAttribute]: CpeRelation };
}

type ValueResult = { ok: true; value: CpeValue } | { ok: false; reason: string };

function parseValue(raw: string): ValueResult {
  if (raw === '') return { ok: false, reason: 'empty component' };
  if (raw === '*') return { ok: true, value: { kind: 'any' } };
  if (raw === '-') return { ok: true, value: { kind: 'na' } };
  let i = 0;
  let leading = 0;
  if (raw[0] === '*') {
    leading = -1;
    i = 1;
  } else {
    while (raw[i] === '?') i += 1;
    leading = i;
  }
  let text = '';
  let trailing = 0;
  while (i < raw.length) {
    const ch = raw[i] ?? '';
    if (ch === '\\') {
      const next = raw[i + 1];
      if (next === undefined) return { ok: false, reason: `dangling "\\" at the end of "${raw}"` };
      text += next;
      i += 2;
    } else if (ch === '*' || ch === '?') {
      // Unquoted wildcards may only end the value: "8.*", "sp??".
      const tail = raw.slice(i);
      if (tail === '*') trailing = -1;
      else if (/^\?+$/.test(tail)) trailing = tail.length;
      else return { ok: false, reason: `unquoted "${ch}" inside "${raw}" (wildcards may only begin or end a value)` };
      break;
    } else {
      text += ch;
      i += 1;
    }
  }
  // "???" (any value of up to three characters) is valid; "**" or "*?" is not.
  if (text === '' && (leading < 0 || trailing !== 0)) return { ok: false, reason: `"${raw}" is only wildcards` };
  return { ok: true, value: { kind: 'value', text, leading, trailing, raw } };
}

/** Splits on ":" not preceded by an escaping "\". */
function splitComponents(s: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (ch === '\\' && i + 1 < s.length) {
      current += ch + (s[i + 1] ?? '');
      i += 1;
    } else if (ch === ':') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Parses a CPE 2.3 formatted string ("cpe:2.3:a:siemens:simatic_wincc:7.4:sp1:*:*:*:*:*:*"). */
export function parseCpe(input: string): CpeParseResult {
  const s = input.trim();
  if (!/^cpe:2\.3:/i.test(s)) return { success: false, reason: 'not a CPE 2.3 formatted string (expected "cpe:2.3:")' };
  if (/[\s\p{Cc}]/u.test(s)) return { success: false, reason: 'whitespace or control characters are not allowed' };
  const parts = splitComponents(s.slice('cpe:2.3:'.length));
  if (parts.length !== cpeAttributes.length) {
    return { success: false, reason: `expected ${cpeAttributes.length} components after "cpe:2.3:", found ${parts.length}` };
  }
  const values: Partial<Record<CpeAttribute, CpeValue>> = {};
  for (const [index, attribute] of cpeAttributes.entries()) {
    const parsed = parseValue(parts[index] ?? '');
    if (!parsed.ok) return { success: false, reason: parsed.reason, attribute };
    values[attribute] = parsed.value;
  }
  const part = values.part;
  if (part?.kind === 'na' || (part?.kind === 'value' && !/^[aoh]$/i.test(part.raw))) {
    return { success: false, reason: 'part must be "a", "o", "h" or "*"', attribute: 'part' };
  }
  return { success: true, cpe: values as Cpe };
}

/** Binds back to a formatted string. */
export function formatCpe(cpe: Cpe): string {
  const bind = (v: CpeValue) => (v.kind === 'any' ? '*' : v.kind === 'na' ? '-' : v.raw);
  return `cpe:2.3:${cpeAttributes.map((a) => bind(cpe[a])).join(':')}`;
}

/** Source value with wildcards against a literal target: NIST's reference reading, where a run of n "?" matches up to n characters. */
function wildcardMatches(source: Extract<CpeValue, { kind: 'value' }>, target: string): boolean {
  const middle = source.text.toLowerCase();
  if (middle === '') return target.length <= source.leading;
  for (let at = target.indexOf(middle); at !== -1; at = target.indexOf(middle, at + 1)) {
    const before = at;
    const after = target.length - at - middle.length;
    if ((source.leading === -1 || before <= source.leading) && (source.trailing === -1 || after <= source.trailing)) return true;
  }
  return false;
}

/** NISTIR 7696 table of attribute relations; matching is case-insensitive. */
export function compareCpeValues(source: CpeValue, target: CpeValue): CpeRelation {
  // A target with wildcards is outside the algorithm.
  if (target.kind === 'value' && (target.leading !== 0 || target.trailing !== 0)) return 'UNDEFINED';
  if (source.kind === 'any') return target.kind === 'any' ? 'EQUAL' : 'SUPERSET';
  if (target.kind === 'any') return 'SUBSET';
  if (source.kind === 'na' || target.kind === 'na') return source.kind === target.kind ? 'EQUAL' : 'DISJOINT';
  const t = target.text.toLowerCase();
  if (source.leading === 0 && source.trailing === 0) return source.text.toLowerCase() === t ? 'EQUAL' : 'DISJOINT';
  return wildcardMatches(source, t) ? 'SUPERSET' : 'DISJOINT';
}

function nameRelation(relations: readonly CpeRelation[]): CpeRelation {
  if (relations.includes('DISJOINT')) return 'DISJOINT';
  if (relations.includes('UNDEFINED')) return 'UNDEFINED';
  if (relations.every((r) => r === 'EQUAL')) return 'EQUAL';
  if (relations.every((r) => r === 'EQUAL' || r === 'SUBSET')) return 'SUBSET';
  if (relations.every((r) => r === 'EQUAL' || r === 'SUPERSET')) return 'SUPERSET';
  return 'UNDEFINED';
}

/** Compares two CPE names attribute by attribute (source first, as NISTIR 7696 orders them). */
export function compareCpe(source: Cpe, target: Cpe): CpeComparison {
  const attributes = Object.fromEntries(cpeAttributes.map((a) => [a, compareCpeValues(source[a], target[a])])) as {
    [A in CpeAttribute]: CpeRelation;
  };
  return { relation: nameRelation(cpeAttributes.map((a) => attributes[a])), attributes };
}

/**
 * Does the candidate (an asset's CPE) fall under the criteria (an NVD cpeMatch criteria)? True when the
 * criteria is a superset of or equal to the candidate. Strings are parsed; one that does not parse matches nothing.
 */
export function cpeMatches(criteria: Cpe | string, candidate: Cpe | string): boolean {
  const source = typeof criteria === 'string' ? parseCpe(criteria) : { success: true as const, cpe: criteria };
  const target = typeof candidate === 'string' ? parseCpe(candidate) : { success: true as const, cpe: candidate };
  if (!source.success || !target.success) return false;
  const { relation } = compareCpe(source.cpe, target.cpe);
  return relation === 'EQUAL' || relation === 'SUPERSET';
}

/** Vendor, product and version as plain text; undefined where the CPE says ANY, NA or uses wildcards. */
export function cpeProduct(cpe: Cpe): { vendor?: string; product?: string; version?: string } {
  const plain = (v: CpeValue) => (v.kind === 'value' && v.leading === 0 && v.trailing === 0 ? v.text : undefined);
  const out: { vendor?: string; product?: string; version?: string } = {};
  const vendor = plain(cpe.vendor);
  const product = plain(cpe.product);
  const version = plain(cpe.version);
  if (vendor !== undefined) out.vendor = vendor;
  if (product !== undefined) out.product = product;
  if (version !== undefined) out.version = version;
  return out;
}
