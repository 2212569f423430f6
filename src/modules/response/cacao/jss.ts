// JSON Signature Scheme signatures as CACAO 2.0 specifies them (section 10.15, appendix A): the
// signature object without `value` is put alone into `signatures`, the playbook is canonicalized
// with JCS (RFC 8785) and signed; `value` is the base64url signature. Ed25519 and ES256 (ECDSA P-256,
// SHA-256, IEEE P1363 r||s as in JWS) with the key in `public_key` as base64 SPKI DER.
import { createPrivateKey, createPublicKey, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../intel/stix/index.js';
import { pointer, type CacaoIssue } from './issues.js';
import type { Playbook, Signature } from './types.js';

export const supportedSignatureAlgorithms = ['Ed25519', 'ES256'] as const;
export type SignatureAlgorithm = (typeof supportedSignatureAlgorithms)[number];

/** The bytes a signature covers: the playbook with only this signature, without its value, in JCS form. */
export function signingInput(playbook: Playbook, signature: Omit<Signature, 'value'>): Buffer {
  const { value: _value, signature: _counter, ...unsigned } = signature as Signature;
  return Buffer.from(canonicalJson({ ...playbook, signatures: [unsigned] }), 'utf8');
}

function algorithmOf(key: KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error(`signing keys are Ed25519 or EC P-256, not ${key.asymmetricKeyType ?? 'unknown'}`);
}

const rawSign = (algorithm: SignatureAlgorithm, data: Buffer, key: KeyObject): Buffer =>
  algorithm === 'Ed25519' ? sign(null, data, key) : sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });

export interface SigningKey {
  /** PEM private key (PKCS#8), Ed25519 or EC P-256. */
  readonly privateKeyPem: string;
  /** Who signs, as the signature's `signee` says. */
  readonly signee: string;
  /** An identity id of the signer (`identity--…`), optional. */
  readonly createdBy?: string | undefined;
}

/** The playbook with one new signature (replacing any earlier ones: they covered another serialization). */
export function signPlaybook(playbook: Playbook, key: SigningKey, now = new Date()): Playbook {
  const privateKey = createPrivateKey(key.privateKeyPem);
  const algorithm = algorithmOf(privateKey);
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  const stamp = now.toISOString();
  const unsigned: Omit<Signature, 'value'> = {
    type: 'jss', id: `signature--${randomUUID()}`, ...(key.createdBy === undefined ? {} : { created_by: key.createdBy }), created: stamp, modified: stamp, signee: key.signee,
    related_to: playbook.id, related_version: playbook.modified, hash_algorithm: 'sha256', algorithm, public_key: publicKey,
  };
  const { signatures: _old, ...bare } = playbook;
  const value = rawSign(algorithm, signingInput(bare as Playbook, unsigned), privateKey).toString('base64url');
  return { ...bare, signatures: [{ ...unsigned, value } as Signature] };
}

/** Problems with the playbook's signatures (none when it has none); never throws. */
export function verifySignatures(playbook: Playbook): CacaoIssue[] {
  const issues: CacaoIssue[] = [];
  const { signatures = [], ...bare } = playbook;
  signatures.forEach((s, i) => {
    const path = pointer('/signatures', i);
    const fail = (message: string) => issues.push({ path, code: 'signature', severity: 'error', message });
    if (!(supportedSignatureAlgorithms as readonly string[]).includes(s.algorithm)) return fail(`${s.algorithm} signatures cannot be verified here (Ed25519, ES256)`);
    if (s.public_key === undefined) return fail('only signatures that carry public_key can be verified here');
    try {
      const key = createPublicKey({ key: Buffer.from(s.public_key, 'base64'), format: 'der', type: 'spki' });
      if (algorithmOf(key) !== s.algorithm) return fail(`the public key is not a ${s.algorithm} key`);
      const data = signingInput(bare as Playbook, s);
      const value = Buffer.from(s.value, 'base64url');
      const ok = s.algorithm === 'Ed25519' ? verify(null, data, key, value) : verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, value);
      if (!ok) fail('the signature does not verify: the playbook changed after signing, or the key is not the signer\'s');
    } catch (error) {
      fail(`the signature cannot be checked: ${error instanceof Error ? error.message : String(error)}`);
    }
    return undefined;
  });
  return issues;
}
