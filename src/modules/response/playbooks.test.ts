// Playbooks through the API and the service, on both backends: validation reports with paths,
// versions, idempotent re-import, conflicting versions, secrets sealed at rest and exported only to
// the owner's admins, signatures verified on import and made on export, and other organisations.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markedPlaybook } from '../../../test/access-matrix/families/playbooks.family.js';
import { createWorld, errorOf, type World } from '../../../test/support/fixture.js';
import { systemActor } from '../../platform/access.js';
import { createSecretBox } from '../../platform/secret-box.js';
import { backends } from '../../storage/test-backends.js';
import { signPlaybook, verifySignatures, type Playbook } from './cacao/index.js';
import { createPlaybookService } from './playbook.service.js';
import type { PlaybookImportResult, StoredPlaybook } from './types.js';

const privateKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe.each(backends)('playbooks on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(backend);
  });
  afterAll(async () => {
    await w.close();
  });

  it('imports, versions, re-imports idempotently and refuses other content under a stored version', async () => {
    const p = markedPlaybook(`versions-${randomUUID()}`);
    const first = await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks', p);
    expect(first.statusCode, first.body).toBe(201);
    const again = await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks', p);
    expect(again.statusCode).toBe(200);
    expect((again.json() as PlaybookImportResult).created).toBe(false);
    const clash = await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks', { ...p, description: 'changed without a new modified' });
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).details).toEqual([expect.objectContaining({ path: '/modified' })]);
    const v2 = { ...p, modified: '2026-12-05T10:00:00.000Z', name: `${String(p.name)} v2` };
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks', v2)).statusCode).toBe(201);
    const versions = (await w.request(w.people.viewerE1, 'GET', `/api/v1/playbooks/${String(p.id)}/versions`)).json() as { items: { modified: string }[] };
    expect(versions.items.map((v) => v.modified)).toEqual(['2026-12-05T10:00:00.000Z', '2026-12-01T08:00:00.000Z']);
    const latest = (await w.request(w.people.viewerE1, 'GET', `/api/v1/playbooks/${String(p.id)}`)).json() as StoredPlaybook;
    expect(latest.name).toBe(v2.name);
    const older = (await w.request(w.people.viewerE1, 'GET', `/api/v1/playbooks/${String(p.id)}?modified=2026-12-01T08:00:00.000Z`)).json() as StoredPlaybook;
    expect(older.name).toBe(p.name);
    const list = (await w.request(w.people.viewerE1, 'GET', '/api/v1/playbooks')).json() as { items: { id: string; name: string }[] };
    expect(list.items.filter((i) => i.id === p.id).map((i) => i.name)).toEqual([v2.name]);
  });

  it('answers 400 with every problem and its JSON Pointer, and validates without storing', async () => {
    const p = markedPlaybook(`broken-${randomUUID()}`) as { workflow: Record<string, Record<string, unknown>> } & Record<string, unknown>;
    const action = Object.keys(p.workflow).find((k) => k.startsWith('action--')) as string;
    p.workflow[action] = { ...p.workflow[action], on_completion: `end--${randomUUID()}` };
    p.priority = 500;
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks', p);
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).details).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: `/workflow/${action}/on_completion`, code: 'unresolved-reference' }),
      expect.objectContaining({ path: '/priority', code: 'range' }),
    ]));
    const v = await w.request(w.people.viewerE1, 'POST', '/api/v1/playbooks/validate', p);
    expect(v.statusCode).toBe(200);
    expect((v.json() as { valid: boolean }).valid).toBe(false);
    expect((await w.request(w.people.viewerE1, 'GET', `/api/v1/playbooks/${String(p.id)}`)).statusCode).toBe(404);
  });

  it('seals authentication secrets at rest and returns them only to the owner’s admins who ask', async () => {
    const marker = `secret-${randomUUID()}`;
    const p = markedPlaybook(marker);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks', p)).statusCode).toBe(201);
    const raw = await w.database.db.selectFrom('playbooks').select(['content', 'sealed_secrets']).where('playbook_id', '=', String(p.id)).executeTakeFirstOrThrow();
    expect(JSON.stringify(raw.content)).not.toContain(`${marker}-password`);
    expect(raw.sealed_secrets).not.toContain(`${marker}-password`);
    const plain = await w.request(w.people.analystE1, 'GET', `/api/v1/playbooks/${String(p.id)}/export`);
    expect(plain.body).not.toContain(`${marker}-password`);
    expect((await w.request(w.people.analystE1, 'GET', `/api/v1/playbooks/${String(p.id)}/export?secrets=true`)).statusCode).toBe(403);
    const clear = await w.request(w.people.adminE1, 'GET', `/api/v1/playbooks/${String(p.id)}/export?secrets=true`);
    expect(clear.statusCode).toBe(200);
    expect(clear.json()).toEqual(p);
  });

  it('verifies signatures on import and signs exports with the operator’s key', async () => {
    const p = markedPlaybook(`signed-${randomUUID()}`) as unknown as Playbook;
    const { authentication_info_definitions: _a, ...rest } = p;
    const agent = Object.keys(p.agent_definitions ?? {})[0] as string;
    const noSecrets = { ...rest, agent_definitions: { [agent]: { type: 'http-api', name: 'historian', address: { dname: ['historian.example.com'] } } } } as Playbook;
    const signed = signPlaybook(noSecrets, { privateKeyPem, signee: 'vendor' });
    const tampered = { ...signed, name: 'changed after signing' };
    const refused = await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks', tampered);
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details).toEqual([expect.objectContaining({ path: '/signatures/0', code: 'signature' })]);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks', signed)).statusCode).toBe(201);
    // Unsigned export still carries the original signature, which verifies (no secrets were taken out).
    const exported = (await w.request(w.people.analystE1, 'GET', `/api/v1/playbooks/${signed.id}/export`)).json() as Playbook;
    expect(verifySignatures(exported)).toEqual([]);
    expect((await w.request(w.people.analystE1, 'GET', `/api/v1/playbooks/${signed.id}/export?sign=true`)).statusCode).toBe(400);
    const service = createPlaybookService(w.database, { secrets: createSecretBox(randomBytes(32)), signingKey: { privateKeyPem, signee: 'Bulwark node' } });
    const ours = await service.export(systemActor(), signed.id, { sign: true });
    expect(ours.signatures?.map((s) => s.signee)).toEqual(['Bulwark node']);
    expect(verifySignatures(ours)).toEqual([]);
  });

  it('keeps another organisation’s playbooks unknown, also to a playbook-action', async () => {
    const mine = markedPlaybook(`sibling-${randomUUID()}`);
    expect((await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks?tlp=green', mine)).statusCode).toBe(201);
    expect((await w.request(w.people.analystE2, 'GET', `/api/v1/playbooks/${String(mine.id)}`)).statusCode).toBe(404);
    expect((await w.request(w.people.adminE2, 'DELETE', `/api/v1/playbooks/${String(mine.id)}`)).statusCode).toBe(404);
    const caller = markedPlaybook(`caller-${randomUUID()}`) as { workflow: Record<string, Record<string, unknown>> } & Record<string, unknown>;
    const action = Object.keys(caller.workflow).find((k) => k.startsWith('action--')) as string;
    const end = Object.keys(caller.workflow).find((k) => k.startsWith('end--')) as string;
    const sub = `playbook-action--${randomUUID()}`;
    caller.workflow[action] = { ...caller.workflow[action], on_completion: sub };
    caller.workflow[sub] = { type: 'playbook-action', playbook_id: mine.id, on_completion: end };
    const forSibling = (await w.request(w.people.analystE2, 'POST', '/api/v1/playbooks/validate', caller)).json() as { valid: boolean; issues: { path: string; code: string }[] };
    expect(forSibling.issues).toContainEqual(expect.objectContaining({ path: `/workflow/${sub}/playbook_id`, code: 'unknown-playbook' }));
    const forOwner = (await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks/validate', caller)).json() as { valid: boolean };
    expect(forOwner.valid).toBe(true);
  });

  it('takes the TLP of the playbook’s own marking when it is stricter than the import’s', async () => {
    const p = markedPlaybook(`marked-${randomUUID()}`);
    const tlp = `marking-tlp--${randomUUID()}`;
    const marked = { ...p, markings: [tlp], data_marking_definitions: { [tlp]: { type: 'marking-tlp', id: tlp, created_by: p.created_by, created: p.created, tlpv2_level: 'TLP:RED' } } };
    const r = await w.request(w.people.analystE1, 'POST', '/api/v1/playbooks?tlp=green&shared=true', marked);
    expect((r.json() as PlaybookImportResult).playbook.tlp).toBe('red');
    expect((await w.request(w.people.adminP, 'GET', `/api/v1/playbooks/${String(p.id)}`)).statusCode).toBe(404);
  });
});
