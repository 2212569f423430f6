import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));
// The dev server forwards API calls here; point it at another Bulwark with BULWARK_API.
const apiTarget = process.env['BULWARK_API'] ?? 'http://127.0.0.1:8080';

// Vite requires a default export for its config file.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Not the default "assets": that would share a URL prefix with the console's /assets page.
    assetsDir: 'static',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': apiTarget,
    },
  },
});
