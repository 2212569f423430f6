import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Fresh, empty storage for one server, and the environment that points the server at it. */
export interface BenchStorage {
  readonly env: Readonly<Record<string, string>>;
  dispose(): Promise<void>;
}

/** One implementation per storage backend, so every benchmark runs the same body on each. */
export interface StorageBackend {
  readonly name: 'pglite' | 'postgres';
  provision(): Promise<BenchStorage>;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

const undisposed = new Set<BenchStorage>();

/** Cleans up whatever storage is still provisioned (used when the run is interrupted). */
export async function disposeAllStorage(): Promise<void> {
  await Promise.allSettled([...undisposed].map((s) => s.dispose()));
}

/** Tracks storage until it is disposed, and makes dispose safe to call twice. */
function tracked(env: Readonly<Record<string, string>>, cleanup: () => Promise<void>): BenchStorage {
  let done: Promise<void> | undefined;
  const storage: BenchStorage = {
    env,
    dispose() {
      undisposed.delete(storage);
      done ??= cleanup();
      return done;
    },
  };
  undisposed.add(storage);
  return storage;
}

async function scratchDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'bulwark-bench-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export const pgliteBackend: StorageBackend = {
  name: 'pglite',
  async provision() {
    const dir = await scratchDir();
    return tracked({ BULWARK_DATA_DIR: dir.path }, dir.remove);
  },
};

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export const postgresBackend: StorageBackend = {
  name: 'postgres',
  async provision() {
    // `||`, not `??`: an empty variable counts as unset, as in the server's own configuration.
    const adminUrl = process.env['BULWARK_BENCH_DATABASE_URL'] || DEFAULT_ADMIN_URL;
    // A random name keeps concurrent or aborted runs from colliding; identifiers are [a-z0-9_] only.
    const name = `bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    // The data directory stays unused with a database URL; a scratch one keeps stray files out of the repo.
    const dir = await scratchDir();
    return tracked({ BULWARK_DATABASE_URL: url.toString(), BULWARK_DATA_DIR: dir.path }, async () => {
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      await dir.remove();
    });
  },
};

export const storageBackends: readonly StorageBackend[] = [pgliteBackend, postgresBackend];
