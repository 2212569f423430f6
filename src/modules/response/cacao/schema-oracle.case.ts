// Test support: the OASIS CACAO 2.0 JSON schemas as an independent oracle, read at test time from
// ../shared/data (never copied). They declare draft-07 but rely on unevaluatedProperties, which
// only means something from 2019-09: Ajv's 2019 dialect evaluates them as their authors meant.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';

export const sharedData = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'data');
export const schemaRoot = join(sharedData, 'cacao-json-schemas', 'schemas');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

export interface OracleVerdict {
  readonly accepted: boolean;
  readonly errors: readonly ErrorObject[];
}

export type PlaybookOracle = (value: unknown) => OracleVerdict;

type Schema = Record<string, unknown>;

const commandTypes = ['manual', 'bash', 'caldera-cmd', 'elastic', 'http-api', 'jupyter', 'kestrel', 'openc2-http', 'powershell', 'sigma', 'ssh', 'yara'];

/**
 * Two defects of the published schemas that would reject every real playbook, repaired in memory:
 * - action.json's commands refer to command-data.json only, whose `unevaluatedProperties: false`
 *   then refuses `command` itself; commands are dispatched to their type's schema instead.
 * - marking-iep.json lists external_references as strings while its base data-marking.json wants
 *   non-empty reference objects, which no IEP marking can satisfy; the base accepts either form.
 */
function repair(file: string, schema: Schema): void {
  if (file.endsWith('commands/command-data.json')) delete schema.unevaluatedProperties;
  if (file.endsWith('workflows/action.json')) {
    const commands = ((schema.allOf as Schema[])[1]?.properties as Record<string, Schema>).commands as Schema;
    commands.items = { allOf: [{ $ref: '../commands/command-data.json' }, ...commandTypes.map((t) => ({ if: { properties: { type: { const: t } }, required: ['type'] }, then: { $ref: `../commands/${t}.json` } }))] };
  }
  if (file.endsWith('data-markings/data-marking.json')) {
    const properties = schema.properties as Record<string, Schema>;
    properties.external_references = { anyOf: [properties.external_references, { type: 'array', items: { type: 'string' } }] };
  }
}

export function loadPlaybookOracle(): PlaybookOracle {
  // The OASIS patterns use escapes the `u` flag rejects; `$schema` draft-07 is overridden by the dialect.
  const ajv = new Ajv2019({ strict: false, allErrors: true, unicodeRegExp: false, logger: false, validateSchema: false });
  let playbookId: string | undefined;
  for (const file of jsonFiles(schemaRoot)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Schema & { $id: string; $schema?: string };
    delete schema.$schema;
    repair(file, schema);
    ajv.addSchema(schema);
    if (file.endsWith('playbook.json')) playbookId = schema.$id;
  }
  const fn: ValidateFunction | undefined = playbookId === undefined ? undefined : ajv.getSchema(playbookId);
  if (fn === undefined) throw new Error(`playbook.json is missing from ${schemaRoot}`);
  return (value) => {
    const accepted = fn(value) === true;
    return { accepted, errors: accepted ? [] : [...(fn.errors ?? [])] };
  };
}
