import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const projectDir = import.meta.dirname;

/**
 * The renderer (src/ui, entry src/ui/index.html). Forge names it `main_window`; the desktop app
 * loads .vite/renderer/main_window/index.html and the browser harness serves the same folder.
 * `base: './'` because the packaged app loads it from a file:// URL.
 */
export default defineConfig({
  root: resolve(projectDir, 'src/ui'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(projectDir, '.vite/renderer/main_window'),
    emptyOutDir: true,
    sourcemap: false,
    // Loaded from disk or loopback, never over a network: one bundle is fine, so no size warning.
    chunkSizeWarningLimit: 4096,
  },
});
