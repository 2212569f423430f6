// JSS signatures: sign and verify with Ed25519 and ES256; any change after signing breaks them;
// a signed playbook stays valid for our validator and the OASIS schemas.
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readExample } from './broken-corpus.case.js';
import { signingInput, signPlaybook, verifySignatures } from './jss.js';
import { loadPlaybookOracle, type PlaybookOracle } from './schema-oracle.case.js';
import type { Playbook } from './types.js';
import { validatePlaybook } from './validate.js';

let oracle: PlaybookOracle;
beforeAll(() => {
  oracle = loadPlaybookOracle();
});

const keys = {
  Ed25519: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

describe.each(Object.entries(keys))('%s', (algorithm, privateKeyPem) => {
  const playbook = readExample('every-step.json') as Playbook;
  const signed = signPlaybook(playbook, { privateKeyPem, signee: 'Bulwark test signer' });

  it('signs a playbook that verifies and stays valid for us and the schemas', () => {
    expect(signed.signatures?.[0]?.algorithm).toBe(algorithm);
    expect(verifySignatures(signed)).toEqual([]);
    expect(validatePlaybook(signed).issues).toEqual([]);
    expect(oracle(signed).errors).toEqual([]);
  });

  it('survives a JSON round trip with other key order (JCS)', () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse()))) as Playbook;
    expect(verifySignatures(reordered)).toEqual([]);
  });

  it('fails when the playbook changes after signing', () => {
    const tampered = { ...signed, name: 'something else' };
    expect(verifySignatures(tampered)).toEqual([expect.objectContaining({ code: 'signature', path: '/signatures/0' })]);
  });

  it('fails when the value is altered', () => {
    const sig = signed.signatures?.[0];
    if (sig === undefined) throw new Error('not signed');
    const value = Buffer.from(sig.value, 'base64url');
    value[0] = (value[0] ?? 0) ^ 1;
    expect(verifySignatures({ ...signed, signatures: [{ ...sig, value: value.toString('base64url') }] })).toHaveLength(1);
  });
});

it('covers the playbook with only the signature being checked, without its value', () => {
  const playbook = readExample('minimal.json') as Playbook;
  const signed = signPlaybook(playbook, { privateKeyPem: keys.Ed25519, signee: 's' });
  const sig = signed.signatures?.[0];
  if (sig === undefined) throw new Error('not signed');
  const input = JSON.parse(signingInput(playbook, sig).toString('utf8')) as Playbook;
  expect(input.signatures).toEqual([expect.not.objectContaining({ value: expect.anything() })]);
  expect(input.name).toBe(playbook.name);
});

it('reports algorithms and key carriers it cannot check instead of throwing', () => {
  const playbook = readExample('minimal.json') as Playbook;
  const signed = signPlaybook(playbook, { privateKeyPem: keys.Ed25519, signee: 's' });
  const sig = signed.signatures?.[0];
  if (sig === undefined) throw new Error('not signed');
  expect(verifySignatures({ ...signed, signatures: [{ ...sig, algorithm: 'RS256' }] })).toEqual([expect.objectContaining({ code: 'signature', path: '/signatures/0' })]);
  expect(verifySignatures({ ...signed, signatures: [{ ...sig, public_key: 'garbage' }] })).toEqual([expect.objectContaining({ code: 'signature' })]);
});
