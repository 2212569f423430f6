// The structure of CACAO signatures (section 10.15): what the schemas check, plus that a signature
// names this playbook and this version. Whether it verifies is jss.ts's job.
import { type Checker, optional, type Json } from './checks.js';
import { pointer } from './issues.js';
import { signatureAlgorithmTypeOv } from './vocabularies.js';

const props = new Set(['type', 'id', 'created_by', 'created', 'modified', 'revoked', 'signee', 'valid_from', 'valid_until', 'related_to', 'related_version', 'hash_algorithm', 'algorithm', 'public_key', 'public_cert_chain', 'cert_url', 'thumbprint', 'value', 'signature']);
const keyCarriers = ['public_key', 'public_cert_chain', 'cert_url', 'thumbprint'] as const;

export function signatures(c: Checker, value: unknown, path: string, playbook: Json): void {
  if (!c.array(value, path)) return;
  value.forEach((item, i) => signature(c, item, pointer(path, i), playbook, false));
}

function signature(c: Checker, value: unknown, at: string, playbook: Json, counter: boolean): void {
  if (!c.object(value, at)) return;
  c.required(value, at, ['type', 'id', 'created', 'modified', 'signee', 'related_to', 'related_version', 'hash_algorithm', 'algorithm', 'value']);
  c.known(value, at, props, 'a signature');
  optional(value, at, {
    type: (v, p) => c.enumeration(v, p, ['jss']),
    id: (v, p) => c.identifier(v, p, ['signature']),
    created_by: (v, p) => c.identifier(v, p),
    created: (v, p) => c.timestamp(v, p),
    modified: (v, p) => c.timestamp(v, p),
    revoked: (v, p) => c.boolean(v, p),
    signee: (v, p) => c.string(v, p),
    valid_from: (v, p) => c.timestamp(v, p),
    valid_until: (v, p) => c.timestamp(v, p),
    related_to: (v, p) => c.identifier(v, p),
    related_version: (v, p) => c.timestamp(v, p),
    hash_algorithm: (v, p) => c.string(v, p),
    algorithm: (v, p) => c.openVocabulary(v, p, signatureAlgorithmTypeOv, 'signature-algorithm-type-ov'),
    public_key: (v, p) => c.string(v, p),
    public_cert_chain: (v, p) => c.strings(v, p),
    cert_url: (v, p) => c.string(v, p),
    thumbprint: (v, p) => c.string(v, p),
    value: (v, p) => c.string(v, p),
    signature: (v, p) => signature(c, v, p, playbook, true),
  });
  const carriers = keyCarriers.filter((k) => value[k] !== undefined);
  if (carriers.length !== 1) c.report(at, carriers.length === 0 ? 'missing-property' : 'conflict', `a signature carries exactly one of ${keyCarriers.join(', ')}`);
  c.order(value.created, value.modified, pointer(at, 'modified'), 'modified must not be before created', false);
  c.order(value.valid_from, value.valid_until, pointer(at, 'valid_until'), 'valid_until must be later than valid_from', true);
  // A top-level signature signs this playbook version; a countersignature signs the signature it sits in.
  if (!counter && typeof value.related_to === 'string' && value.related_to !== playbook.id) c.report(pointer(at, 'related_to'), 'signature', 'does not name this playbook');
  if (!counter && typeof value.related_version === 'string' && value.related_version !== playbook.modified) c.report(pointer(at, 'related_version'), 'signature', 'does not name this version (modified)');
}
