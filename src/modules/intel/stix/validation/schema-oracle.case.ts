// Test support: the OASIS STIX 2.1 JSON schemas as an independent oracle (Ajv 2020, tests only).
// Schemas are read at test time from ../shared/data, never copied into the repository.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const sharedData = join(import.meta.dirname, '..', '..', '..', '..', '..', '..', 'shared', 'data');
export const schemaRoot = join(sharedData, 'stix2-json-schemas');

export function jsonFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

export interface OracleVerdict {
  readonly accepted: boolean;
  readonly errors: readonly ErrorObject[];
}

export interface SchemaOracle {
  /** One object against the schema of its type, or the custom-object branch for unknown types. */
  object(value: unknown): OracleVerdict;
  /** A whole bundle against bundle.json. */
  bundle(value: unknown): OracleVerdict;
}

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default;

export function loadSchemaOracle(): SchemaOracle {
  // The OASIS patterns use escapes that the `u` flag rejects, and some formats are non-standard.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false, logger: false });
  addFormats(ajv);
  const byName = new Map<string, string>();
  for (const file of jsonFiles(join(schemaRoot, 'schemas'))) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    byName.set(basename(file, '.json'), schema.$id);
  }
  const get = (name: string): ValidateFunction => {
    const id = byName.get(name);
    const fn = id === undefined ? undefined : ajv.getSchema(id);
    if (fn === undefined) throw new Error(`schema ${name} is missing from ${schemaRoot}`);
    return fn;
  };
  const run = (fn: ValidateFunction, value: unknown): OracleVerdict => {
    const accepted = fn(value) === true;
    return { accepted, errors: accepted ? [] : [...(fn.errors ?? [])] };
  };
  const core = get('core');
  const observableCore = get('cyber-observable-core');
  const typed = new Set(['marking-definition', 'language-content', 'extension-definition']);
  return {
    object(value) {
      const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
      const name = typeof type === 'string' ? type : '';
      const known = byName.has(name) && (typed.has(name) || !['core', 'bundle', 'properties', 'extension', 'dictionary'].includes(name));
      if (known) return run(get(name), value);
      const asObject = run(core, value);
      return asObject.accepted ? asObject : run(observableCore, value).accepted ? { accepted: true, errors: [] } : asObject;
    },
    bundle(value) {
      return run(get('bundle'), value);
    },
  };
}
