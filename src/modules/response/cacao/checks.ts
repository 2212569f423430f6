// The small checks every part of the CACAO validator uses. Each one records issues and returns
// whether the value can be looked into further; none of them throws.
import { pointer, type CacaoIssue, type CacaoIssueCode, type CacaoIssueSeverity } from './issues.js';

export type Json = Readonly<Record<string, unknown>>;

// The identifier rule of the OASIS schemas: `type--uuid` with an RFC 4122 UUID of version 1 to 5.
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
const IDENTIFIER = new RegExp(`^([a-z][a-z0-9-]+[a-z0-9])--${UUID}$`);
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
export const VARIABLE_NAME = /^__[a-zA-Z_][a-zA-Z0-9_-]{0,199}__$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object type an identifier names (`action` for `action--…`), or undefined when malformed. */
export function identifierType(value: unknown): string | undefined {
  return typeof value === 'string' ? IDENTIFIER.exec(value)?.[1] : undefined;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export class Checker {
  readonly issues: CacaoIssue[] = [];

  report(path: string, code: CacaoIssueCode, message: string, severity: CacaoIssueSeverity = 'error'): void {
    this.issues.push({ path, code, severity, message });
  }

  object(value: unknown, path: string): value is Json {
    if (isObject(value)) return true;
    this.report(path, 'not-object', `expected an object, found ${jsonType(value)}`);
    return false;
  }

  required(object: Json, path: string, keys: readonly string[]): void {
    for (const key of keys) if (object[key] === undefined) this.report(pointer(path, key), 'missing-property', `${key} is required`);
  }

  /** Properties outside `allowed` (the object's closed property set). */
  known(object: Json, path: string, allowed: ReadonlySet<string>, what: string): void {
    for (const key of Object.keys(object)) if (!allowed.has(key)) this.report(pointer(path, key), 'unknown-property', `${what} has no property ${key}`);
  }

  string(value: unknown, path: string): value is string {
    if (typeof value === 'string') return true;
    this.report(path, 'type', `expected a string, found ${jsonType(value)}`);
    return false;
  }

  boolean(value: unknown, path: string): value is boolean {
    if (typeof value === 'boolean') return true;
    this.report(path, 'type', `expected a boolean, found ${jsonType(value)}`);
    return false;
  }

  integer(value: unknown, path: string, min?: number, max?: number): value is number {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.report(path, 'type', `expected an integer, found ${jsonType(value)}`);
      return false;
    }
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      this.report(path, 'range', `${value} is outside ${min ?? '-∞'}..${max ?? '∞'}`);
      return false;
    }
    return true;
  }

  /** A list; `minItems` 1 unless the specification allows an empty one. */
  array(value: unknown, path: string, minItems = 1): value is readonly unknown[] {
    if (!Array.isArray(value)) {
      this.report(path, 'type', `expected a list, found ${jsonType(value)}`);
      return false;
    }
    if (value.length < minItems) this.report(path, 'empty', `needs at least ${minItems} item${minItems === 1 ? '' : 's'}`);
    return true;
  }

  strings(value: unknown, path: string, minItems = 1): readonly string[] {
    if (!this.array(value, path, minItems)) return [];
    return value.filter((item, i): item is string => this.string(item, pointer(path, i)));
  }

  /** A dictionary: an object, with at least one key where the specification says so. */
  dictionary(value: unknown, path: string, minProperties = 0): value is Json {
    if (!this.object(value, path)) return false;
    if (Object.keys(value).length < minProperties) this.report(path, 'empty', 'needs at least one entry');
    return true;
  }

  identifier(value: unknown, path: string, types?: readonly string[]): value is string {
    if (!this.string(value, path)) return false;
    const type = identifierType(value);
    if (type === undefined) {
      this.report(path, 'identifier', `${JSON.stringify(value)} is not an identifier (object-type--uuid)`);
      return false;
    }
    if (types !== undefined && !types.includes(type)) {
      this.report(path, 'identifier', `${JSON.stringify(value)} must name a ${types.join(' or ')}`);
      return false;
    }
    return true;
  }

  /** RFC 3339 UTC timestamp with a real calendar date; `millis` demands exactly three fractional digits. */
  timestamp(value: unknown, path: string, millis = false): value is string {
    if (!this.string(value, path)) return false;
    const m = TIMESTAMP.exec(value);
    if (m === null) {
      this.report(path, 'timestamp', `${JSON.stringify(value)} is not a UTC timestamp (YYYY-MM-DDTHH:mm:ss[.sss]Z)`);
      return false;
    }
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) {
      this.report(path, 'timestamp', `${JSON.stringify(value)} is not a real date and time`);
      return false;
    }
    if (millis && m[7]?.length !== 4) {
      this.report(path, 'timestamp-precision', 'must be given to the millisecond (exactly three fractional digits)');
      return false;
    }
    return true;
  }

  /** An open vocabulary: any string, with a warning for values outside the suggested ones. */
  openVocabulary(value: unknown, path: string, vocabulary: readonly string[], name: string): value is string {
    if (!this.string(value, path)) return false;
    if (!vocabulary.includes(value)) this.report(path, 'vocabulary', `${JSON.stringify(value)} is not in ${name}`, 'warning');
    return true;
  }

  enumeration(value: unknown, path: string, allowed: readonly string[]): value is string {
    if (!this.string(value, path)) return false;
    if (allowed.includes(value)) return true;
    this.report(path, 'enumeration', `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    return false;
  }

  base64(value: unknown, path: string): void {
    if (this.string(value, path) && !BASE64.test(value)) this.report(path, 'format', 'is not base64');
  }

  /** `valid_until` after `valid_from` style rules; both must already be valid timestamps. */
  order(earlier: unknown, later: unknown, path: string, message: string, strict: boolean): void {
    if (typeof earlier !== 'string' || typeof later !== 'string') return;
    const a = Date.parse(earlier);
    const b = Date.parse(later);
    if (Number.isNaN(a) || Number.isNaN(b)) return;
    if (strict ? b <= a : b < a) this.report(path, 'timestamp-order', message);
  }
}

/** Runs `check` on each present optional property. */
export function optional(object: Json, path: string, checks: Readonly<Record<string, (value: unknown, path: string) => void>>): void {
  for (const [key, check] of Object.entries(checks)) if (object[key] !== undefined) check(object[key], pointer(path, key));
}
