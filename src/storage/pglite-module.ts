// The embedded database's WebAssembly module, compiled by us so that a short-lived process can ask for
// a smaller buffer pool.
//
// Why: PGlite 0.3 starts PostgreSQL with `shared_buffers=128MB` written into its own command line (it
// reads no configuration file; `pg_settings` reports the source as "command line"). The backend zeroes
// that pool at start, and on a small virtual machine first-touching 128 MB of fresh pages is most of
// the time PGlite takes to open: about 400 ms of 900 here, and 130 MB of resident memory. A CLI command
// that runs three queries gains nothing from such a cache. Later PGlite releases accept `startParams`,
// but they ship PostgreSQL 19, open slower still and cannot read our data directories.
//
// The setting is a NUL-terminated string in the module's data segment. We replace it, in place and
// with the same length, before compiling; if the exact string is not there (another PGlite build) the
// module is used as shipped. Nothing else in the binary changes.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const SHIPPED = 'shared_buffers=128MB';

/** Node has WebAssembly at run time; our compiler settings (no DOM library) do not declare it. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
}
const wasmApi = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;

/** What a request for a smaller pool did. */
export type BufferPoolPatch =
  | { readonly applied: true; readonly setting: string }
  | { readonly applied: false; readonly reason: 'not-found' | 'ambiguous' | 'too-long' | 'invalid' };

/** Accepts PostgreSQL memory units only, so nothing but a size ends up on the backend's command line. */
const SIZE = /^[1-9][0-9]{0,5}(kB|MB)$/;

/**
 * Rewrites the shipped `shared_buffers=128MB` in `wasm` (in place) to `shared_buffers=<size>`. The new
 * text must not be longer than the old one: the remainder is filled with NULs, which end the C string.
 */
export function patchBufferPool(wasm: Uint8Array, size: string): BufferPoolPatch {
  if (!SIZE.test(size)) return { applied: false, reason: 'invalid' };
  const needle = Buffer.from(`${SHIPPED}\0`, 'latin1');
  const bytes = Buffer.from(wasm.buffer, wasm.byteOffset, wasm.byteLength);
  const at = bytes.indexOf(needle);
  if (at < 0) return { applied: false, reason: 'not-found' };
  if (bytes.indexOf(needle, at + 1) >= 0) return { applied: false, reason: 'ambiguous' };
  const setting = `shared_buffers=${size}`;
  if (setting.length > SHIPPED.length) return { applied: false, reason: 'too-long' };
  bytes.fill(0, at, at + needle.length);
  bytes.write(setting, at, 'latin1');
  return { applied: true, setting };
}

/** The path of the PGlite build in use, found the way Node resolves the package. */
export function pgliteWasmPath(): string {
  const require = createRequire(import.meta.url);
  // The package's CommonJS entry sits in dist/, beside pglite.wasm.
  return join(dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm');
}

/**
 * The compiled module with a buffer pool of `size`, or undefined when the build does not carry the
 * setting we know (PGlite then loads its own module, unchanged).
 */
export async function compilePgliteModule(size: string): Promise<object | undefined> {
  const wasm = await readFile(pgliteWasmPath());
  if (!patchBufferPool(wasm, size).applied) return undefined;
  return wasmApi.compile(wasm);
}
