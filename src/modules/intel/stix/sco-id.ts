// Deterministic SCO identifiers (STIX 2.1 sections 2.9 and 3.4): a UUIDv5 in the STIX namespace over
// the canonical JSON of each type's ID contributing properties.
import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from './canonical-json.js';

export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** ID contributing properties per SCO type, as each SCO's property table lists them. Process has none. */
export const idContributingProperties: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/** "Include only one hash", chosen in this order of preference. */
const hashPreference = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function oneHash(hashes: unknown): Record<string, unknown> | undefined {
  if (typeof hashes !== 'object' || hashes === null || Array.isArray(hashes)) return undefined;
  const record = hashes as Record<string, unknown>;
  const preferred = hashPreference.find((h) => record[h] !== undefined);
  // Outside the preferred list the choice is ours; the first algorithm in code-unit order keeps it deterministic.
  const chosen = preferred ?? Object.keys(record).filter((h) => record[h] !== undefined).sort()[0];
  return chosen === undefined ? undefined : { [chosen]: record[chosen] };
}

/** The JSON object whose canonical form names the UUIDv5; undefined when no contributing property is present. */
export function scoIdInput(object: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const names = typeof object.type === 'string' ? idContributingProperties[object.type] : undefined;
  if (names === undefined) return undefined;
  const input: Record<string, unknown> = {};
  for (const name of names) {
    const value = name === 'hashes' ? oneHash(object.hashes) : object[name];
    if (value !== undefined && value !== null) input[name] = value;
  }
  return Object.keys(input).length === 0 ? undefined : input;
}

/**
 * The deterministic id of an SCO, e.g. `ipv4-addr--28bb3599-…`. Null for types without ID
 * contributing properties (process, custom SCOs) or when none is present: the spec then asks for a UUIDv4.
 */
export function scoId(object: Readonly<Record<string, unknown>> | { readonly type: string }): string | null {
  const record = object as Readonly<Record<string, unknown>>;
  const input = scoIdInput(record);
  return input === undefined ? null : `${String(record.type)}--${uuidv5(canonicalJson(input), SCO_ID_NAMESPACE)}`;
}
