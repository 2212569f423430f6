// Checks of the playbook's parts outside the workflow: external references, variables, extension
// dictionaries, agents and targets, authentication info, extension definitions and data markings.
import { type Checker, identifierType, isObject, optional, VARIABLE_NAME, type Json } from './checks.js';
import { pointer } from './issues.js';
import { agentTargetTypeOv, authenticationInfoTypeOv, dataMarkingTypes, regionEnum, securityCategoryTypeOv, variableTypeOv, industrySectorOv } from './vocabularies.js';
import { tlpLevels } from './types.js';

const set = (...keys: string[]) => new Set(keys);

export function externalReferences(c: Checker, value: unknown, path: string): void {
  if (!c.array(value, path)) return;
  value.forEach((item, i) => {
    const at = pointer(path, i);
    if (!c.object(item, at)) return;
    c.required(item, at, ['name']);
    c.known(item, at, set('name', 'description', 'source', 'url', 'external_id', 'reference_id'), 'an external reference');
    for (const key of ['name', 'description', 'source', 'url', 'external_id', 'reference_id']) if (item[key] !== undefined) c.string(item[key], pointer(at, key));
  });
}

// Values a variable's type constrains; other types (string, dictionary, uri, hash...) take any string.
const valueFormats: Readonly<Record<string, RegExp>> = {
  bool: /^(true|false)$/,
  integer: /^-?\d+$/,
  long: /^-?\d+$/,
  float: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
  hexstring: /^([0-9a-fA-F]{2})*$/,
  'ipv4-addr': /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)(\/(3[0-2]|[12]?\d))?$/,
  'mac-addr': /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/,
  'md5-hash': /^[0-9a-fA-F]{32}$/,
  'sha256-hash': /^[0-9a-fA-F]{64}$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
};

// A value that itself refers to a variable is resolved at run time, not checked against the type.
const REFERENCE = /__[a-zA-Z_][a-zA-Z0-9_-]{0,199}__/;

/** playbook_variables or step_variables: `__name__` keys, typed values. Returns the declared names. */
export function variables(c: Checker, value: unknown, path: string): readonly string[] {
  if (!c.dictionary(value, path)) return [];
  const names: string[] = [];
  for (const [name, variable] of Object.entries(value)) {
    const at = pointer(path, name);
    if (!VARIABLE_NAME.test(name)) c.report(at, 'variable-name', `${JSON.stringify(name)} is not a variable name (__name__, letters, digits, _ and -)`);
    else names.push(name);
    if (!c.object(variable, at)) continue;
    c.required(variable, at, ['type']);
    optional(variable, at, {
      type: (v, p) => c.openVocabulary(v, p, variableTypeOv, 'variable-type-ov'),
      description: (v, p) => c.string(v, p),
      value: (v, p) => {
        if (v !== null) c.string(v, p);
      },
      constant: (v, p) => c.boolean(v, p),
      external: (v, p) => c.boolean(v, p),
    });
    const format = typeof variable.type === 'string' ? valueFormats[variable.type] : undefined;
    const v = variable.value;
    if (format !== undefined && typeof v === 'string' && v !== '' && !REFERENCE.test(v) && !format.test(v)) {
      c.report(pointer(at, 'value'), 'variable-value', `${JSON.stringify(v)} is not a ${String(variable.type)} value`);
    }
  }
  return names;
}

/** `*_extensions` dictionaries: keys name extension definitions, values are carried untouched. */
export function extensions(c: Checker, value: unknown, path: string, defined: ReadonlySet<string>): void {
  if (!c.dictionary(value, path, 1)) return;
  for (const [key, content] of Object.entries(value)) {
    const at = pointer(path, key);
    if (!c.identifier(key, at, ['extension-definition'])) continue;
    c.object(content, at);
    if (!defined.has(key)) c.report(at, 'unresolved-reference', `${key} is not in extension_definitions`);
  }
}

function contact(c: Checker, value: unknown, path: string): void {
  if (!c.object(value, path)) return;
  c.known(value, path, set('email', 'phone', 'contact_details'), 'a contact');
  for (const key of ['email', 'phone'] as const) {
    const book = value[key];
    if (book === undefined || !c.object(book, pointer(path, key))) continue;
    for (const [label, entry] of Object.entries(book)) {
      if (!/^[a-zA-Z0-9_-]{0,250}$/.test(label)) c.report(pointer(path, key, label), 'format', 'contact keys are letters, digits, _ and -');
      c.string(entry, pointer(path, key, label));
    }
  }
  if (value.contact_details !== undefined) c.string(value.contact_details, pointer(path, 'contact_details'));
}

const locationKeys = ['name', 'description', 'building_details', 'network_details', 'region', 'country', 'administrative_area', 'city', 'street_address', 'postal_code', 'latitude', 'longitude', 'precision'];

function civicLocation(c: Checker, value: unknown, path: string): void {
  if (!c.object(value, path)) return;
  c.known(value, path, new Set(locationKeys), 'a civic location');
  for (const key of locationKeys) {
    if (value[key] === undefined) continue;
    if (key === 'region') c.enumeration(value[key], pointer(path, key), regionEnum);
    else c.string(value[key], pointer(path, key));
  }
}

const addressKinds: Readonly<Record<string, RegExp | 'vlan' | 'any'>> = {
  url: 'any',
  dname: 'any',
  l2mac: /^[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}$/,
  ipv4: /^((25[0-5]|2[0-4]\d|[01]?\d?\d)\.){3}(25[0-5]|2[0-4]\d|[01]?\d?\d)(\/(3[0-2]|[12]?\d))?$/,
  ipv6: /^[0-9a-fA-F:.%]+(\/\d{1,3})?$/,
  vlan: 'vlan',
};

function address(c: Checker, value: unknown, path: string): void {
  if (!c.object(value, path)) return;
  for (const [kind, list] of Object.entries(value)) {
    const at = pointer(path, kind);
    const rule = addressKinds[kind];
    if (rule === undefined) {
      c.report(at, 'unknown-property', `address kinds are ${Object.keys(addressKinds).join(', ')}`);
      continue;
    }
    if (!c.array(list, at, 0)) continue;
    list.forEach((item, i) => {
      if (rule === 'vlan') c.integer(item, pointer(at, i), 0, 4095);
      else if (c.string(item, pointer(at, i)) && rule !== 'any' && !rule.test(item)) c.report(pointer(at, i), 'format', `${JSON.stringify(item)} is not a ${kind} address`);
    });
  }
}

// Properties per agent-target type beyond the common ones; `required` lists what the type needs.
const agentTypeRules: Readonly<Record<string, { readonly props: readonly string[]; readonly required: readonly string[] }>> = {
  group: { props: ['contact'], required: [] },
  individual: { props: ['contact'], required: [] },
  organization: { props: ['contact'], required: [] },
  location: { props: ['logical'], required: [] },
  sector: { props: ['sector'], required: ['sector'] },
  'security-category': { props: ['category'], required: ['category'] },
  'http-api': { props: ['address', 'port', 'authentication_info', 'category'], required: ['address'] },
  ssh: { props: ['address', 'port', 'authentication_info', 'category'], required: ['address'] },
  linux: { props: ['address', 'port', 'authentication_info', 'category'], required: ['address'] },
  'net-address': { props: ['address', 'authentication_info', 'category'], required: ['address'] },
};

export interface DefinitionContext {
  readonly extensions: ReadonlySet<string>;
  readonly authentication: ReadonlySet<string>;
}

/** agent_definitions and target_definitions. Types outside the vocabulary are allowed (open vocabulary), with their own properties. */
export function agentTargets(c: Checker, value: unknown, path: string, ctx: DefinitionContext): void {
  if (!c.dictionary(value, path, 1)) return;
  for (const [key, entry] of Object.entries(value)) {
    const at = pointer(path, key);
    const keyType = c.identifier(key, at) ? identifierType(key) : undefined;
    if (!c.object(entry, at)) continue;
    c.required(entry, at, ['type', 'name']);
    const type = entry.type;
    if (type !== undefined && c.openVocabulary(type, pointer(at, 'type'), agentTargetTypeOv, 'agent-target-type-ov') && keyType !== undefined && keyType !== type) {
      c.report(at, 'id-mismatch', `the key names a ${keyType} but the object is a ${type}`);
    }
    const rule = typeof type === 'string' ? agentTypeRules[type] : undefined;
    if (rule !== undefined) {
      c.required(entry, at, rule.required);
      c.known(entry, at, new Set(['type', 'name', 'description', 'location', 'agent_target_extensions', ...rule.props]), `a ${String(type)} agent-target`);
    }
    optional(entry, at, {
      name: (v, p) => c.string(v, p),
      description: (v, p) => c.string(v, p),
      location: (v, p) => civicLocation(c, v, p),
      agent_target_extensions: (v, p) => extensions(c, v, p, ctx.extensions),
      contact: (v, p) => contact(c, v, p),
      logical: (v, p) => c.strings(v, p),
      sector: (v, p) => c.openVocabulary(v, p, industrySectorOv, 'industry-sector-ov'),
      category: (v, p) => {
        if (c.array(v, p)) v.forEach((item, i) => c.openVocabulary(item, pointer(p, i), securityCategoryTypeOv, 'security-category-type-ov'));
      },
      address: (v, p) => address(c, v, p),
      port: (v, p) => c.string(v, p),
      authentication_info: (v, p) => {
        if (c.identifier(v, p) && !ctx.authentication.has(v)) c.report(p, 'unresolved-reference', `${v} is not in authentication_info_definitions`);
      },
    });
  }
}

const authTypeRules: Readonly<Record<string, { readonly props: readonly string[]; readonly required: readonly string[] }>> = {
  'http-basic': { props: ['user_id', 'password', 'kms', 'kms_key_identifier'], required: [] },
  oauth2: { props: ['oauth_header', 'token', 'kms', 'kms_key_identifier'], required: ['oauth_header', 'token'] },
  'user-auth': { props: ['username', 'password', 'kms', 'kms_key_identifier'], required: [] },
};

export function authenticationInfos(c: Checker, value: unknown, path: string, ctx: Pick<DefinitionContext, 'extensions'>): void {
  if (!c.dictionary(value, path, 1)) return;
  for (const [key, entry] of Object.entries(value)) {
    const at = pointer(path, key);
    const keyType = c.identifier(key, at) ? identifierType(key) : undefined;
    if (!c.object(entry, at)) continue;
    c.required(entry, at, ['type']);
    if (entry.type !== undefined && c.openVocabulary(entry.type, pointer(at, 'type'), authenticationInfoTypeOv, 'authentication-info-type-ov') && keyType !== undefined && keyType !== entry.type) {
      c.report(at, 'id-mismatch', `the key names a ${keyType} but the object is a ${entry.type}`);
    }
    const rule = typeof entry.type === 'string' ? authTypeRules[entry.type] : undefined;
    if (rule !== undefined) {
      c.required(entry, at, rule.required);
      c.known(entry, at, new Set(['type', 'name', 'description', 'authentication_info_extensions', ...rule.props]), `${String(entry.type)} authentication info`);
    }
    for (const [k, v] of Object.entries(entry)) {
      if (k === 'authentication_info_extensions') extensions(c, v, pointer(at, k), ctx.extensions);
      else if (k === 'kms') c.boolean(v, pointer(at, k));
      else if (k !== 'type' && rule !== undefined) c.string(v, pointer(at, k));
    }
  }
}

export function extensionDefinitions(c: Checker, value: unknown, path: string): void {
  if (!c.dictionary(value, path)) return;
  for (const [key, entry] of Object.entries(value)) {
    const at = pointer(path, key);
    c.identifier(key, at, ['extension-definition']);
    if (!c.object(entry, at)) continue;
    c.required(entry, at, ['type', 'name', 'created_by', 'schema', 'version']);
    c.known(entry, at, set('type', 'name', 'description', 'created_by', 'schema', 'version', 'external_references'), 'an extension definition');
    optional(entry, at, {
      type: (v, p) => c.enumeration(v, p, ['extension-definition']),
      name: (v, p) => c.string(v, p),
      description: (v, p) => c.string(v, p),
      created_by: (v, p) => c.identifier(v, p),
      schema: (v, p) => c.string(v, p),
      version: (v, p) => c.string(v, p),
      external_references: (v, p) => externalReferences(c, v, p),
    });
  }
}

const markingCommon = ['type', 'id', 'name', 'description', 'created_by', 'created', 'revoked', 'valid_from', 'valid_until', 'labels', 'external_references', 'marking_extensions'];
const iepProps = ['tlp', 'iep_version', 'start_date', 'end_date', 'encrypt_in_transit', 'permitted_actions', 'affected_party_notifications', 'attribution', 'unmodified_resale'];

export function dataMarkings(c: Checker, value: unknown, path: string, ctx: Pick<DefinitionContext, 'extensions'>): void {
  if (!c.dictionary(value, path)) return;
  for (const [key, entry] of Object.entries(value)) {
    const at = pointer(path, key);
    const keyType = c.identifier(key, at, dataMarkingTypes) ? identifierType(key) : undefined;
    if (!c.object(entry, at)) continue;
    c.required(entry, at, ['type', 'id', 'created_by', 'created']);
    const type = entry.type !== undefined && c.enumeration(entry.type, pointer(at, 'type'), dataMarkingTypes) ? entry.type : undefined;
    if (type !== undefined && keyType !== undefined && keyType !== type) c.report(at, 'id-mismatch', `the key names a ${keyType} but the marking is a ${type}`);
    if (entry.id !== undefined && c.identifier(entry.id, pointer(at, 'id'), dataMarkingTypes) && entry.id !== key) c.report(pointer(at, 'id'), 'id-mismatch', 'differs from its key in data_marking_definitions');
    optional(entry, at, {
      name: (v, p) => c.string(v, p),
      description: (v, p) => c.string(v, p),
      created_by: (v, p) => c.identifier(v, p),
      created: (v, p) => c.timestamp(v, p),
      revoked: (v, p) => c.boolean(v, p),
      valid_from: (v, p) => c.timestamp(v, p),
      valid_until: (v, p) => c.timestamp(v, p),
      labels: (v, p) => c.strings(v, p),
      marking_extensions: (v, p) => extensions(c, v, p, ctx.extensions),
    });
    c.order(entry.valid_from, entry.valid_until, pointer(at, 'valid_until'), 'valid_until must be later than valid_from', true);
    if (type === 'marking-statement') {
      c.required(entry, at, ['statement']);
      c.known(entry, at, new Set([...markingCommon, 'statement']), 'a statement marking');
      if (entry.statement !== undefined) c.string(entry.statement, pointer(at, 'statement'));
    } else if (type === 'marking-tlp') {
      c.required(entry, at, ['tlpv2_level']);
      c.known(entry, at, new Set([...markingCommon, 'tlpv2_level']), 'a TLP marking');
      if (entry.tlpv2_level !== undefined) c.enumeration(entry.tlpv2_level, pointer(at, 'tlpv2_level'), tlpLevels);
    } else if (type === 'marking-iep') {
      iepMarking(c, entry, at);
    }
    if (type !== 'marking-iep' && entry.external_references !== undefined) externalReferences(c, entry.external_references, pointer(at, 'external_references'));
  }
}

function iepMarking(c: Checker, entry: Json, at: string): void {
  c.required(entry, at, ['name', 'description', ...iepProps, 'external_references']);
  c.known(entry, at, new Set([...markingCommon, ...iepProps]), 'an IEP marking');
  optional(entry, at, {
    tlp: (v, p) => c.string(v, p),
    iep_version: (v, p) => c.integer(v, p),
    start_date: (v, p) => c.timestamp(v, p),
    end_date: (v, p) => {
      if (v !== null) c.timestamp(v, p);
    },
    // IEP 1.0 lists external references as plain strings.
    external_references: (v, p) => c.strings(v, p, 0),
  });
  for (const key of ['encrypt_in_transit', 'permitted_actions', 'affected_party_notifications', 'attribution', 'unmodified_resale']) if (entry[key] !== undefined) c.string(entry[key], `${at}/${key}`);
}

export const definedKeys = (value: unknown): ReadonlySet<string> => new Set(isObject(value) ? Object.keys(value) : []);
