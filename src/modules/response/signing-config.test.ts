// The operator's playbook signing key from the configuration: read from its file, a missing file is
// a configuration error, and the key signs exports through the services the server builds.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { systemActor } from '../../platform/access.js';
import { createServices } from '../../services.js';
import { createTestDatabase } from '../../storage/test-backends.js';
import { verifySignatures } from './cacao/index.js';
import { readLibrary } from './library/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-signing-'));
  await writeFile(join(dir, 'key.pem'), generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('reads the key file, refuses a missing one, and signs exports with it', async () => {
  expect(() => loadConfig({ BULWARK_PLAYBOOK_SIGNING_KEY: join(dir, 'missing.pem') })).toThrow(/invalid configuration/);
  const config = loadConfig({ BULWARK_PLAYBOOK_SIGNING_KEY: join(dir, 'key.pem'), BULWARK_PLAYBOOK_SIGNEE: 'Water works SOC', BULWARK_DATA_DIR: dir });
  expect(config.playbookSigningKey?.signee).toBe('Water works SOC');
  const database = await createTestDatabase('pglite');
  try {
    const services = createServices(database, config);
    const op = systemActor('test');
    const org = await services.orgs.create(op, { name: 'Plant', level: 'enterprise', parentId: null });
    const [first] = await readLibrary();
    const imported = await services.response.playbooks.import(op, first?.playbook, { orgId: org.id });
    const signed = await services.response.playbooks.export(op, imported.playbook.id, { sign: true });
    expect(signed.signatures?.map((s) => [s.algorithm, s.signee])).toEqual([['Ed25519', 'Water works SOC']]);
    expect(verifySignatures(signed)).toEqual([]);
  } finally {
    await database.close();
  }
});
