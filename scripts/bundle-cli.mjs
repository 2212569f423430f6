// Bundles the built CLI (dist/src) into a few files (dist/cli), so a command loads a handful of
// modules instead of ~430: Node 20 has no compile cache, and resolving, reading and compiling
// each ES module is most of a short command's start. Code splitting keeps each command group's
// lazy import lazy. Packages that find files beside their own code at run time (PGlite's WebAssembly,
// Fastify's plugins, pino's transports, pdf.js) stay external and load from node_modules as before;
// only those whose many small modules cost time are bundled.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist/cli');
/** Kept external: they find files beside their own code (WebAssembly, workers, static assets, plugins). */
const external = new Set(['@electric-sql/pglite', 'fastify', 'pino', 'pdfjs-dist', 'pg-native', 'autocannon', 'playwright-core']);
const isExternal = (name) => external.has(name) || name.startsWith('@fastify/') || name.startsWith('fastify-');

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    bulwark: join(root, 'dist/src/main.js'),
    // A capture job starts its analysis worker from a file beside the job's own code (job-runner.ts).
    'chunks/analysis-worker': join(root, 'dist/src/modules/capture/analysis-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS (commander) requires Node's built-in modules; ES modules have no require.
  banner: { js: "import { createRequire as __bulwarkRequire } from 'node:module'; const require = __bulwarkRequire(import.meta.url);" },
  // Chunks import each other by relative path; import.meta.url and import.meta.dirname in our code
  // name files relative to dist/src: keep that meaning by pointing at the original location.
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        // zod re-exports its ~60 message locales (40% of its code) as z.locales; we write our own
        // messages and use none of them, and its default (English) is imported on its own path.
        b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: "export { default as en } from './en.js';", loader: 'js' }));
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('node:')) return { external: true };
          return isExternal(packageOf(args.path)) ? { external: true } : undefined;
        });
      },
    },
  ],
});
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.mjs'));
process.stdout.write(`bundle-cli: ${outputs.length} files in dist/cli\n`);
// BUNDLE_REPORT=1: what each large chunk holds, to see what a command pays for.
if (process.env.BUNDLE_REPORT) {
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.mjs') || out.bytes < 50_000) continue;
    const top = Object.entries(out.inputs).map(([k, v]) => [k.split('node_modules/')[1]?.split('/').slice(0, 2).join('/') ?? k.split('/').slice(0, 4).join('/'), v.bytesInOutput]).reduce((m, [k, b]) => m.set(k, (m.get(k) ?? 0) + b), new Map());
    const largest = [...top].sort((a, b) => b[1] - a[1]).slice(0, 6);
    process.stdout.write(`${file} ${out.bytes} ${largest.map(([k, b]) => `${k}:${b}`).join(' ')}\n`);
  }
}
