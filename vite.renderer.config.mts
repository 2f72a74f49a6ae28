import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const projectDir = import.meta.dirname;

/**
 * Under `electron-forge start` the renderer comes from Vite's dev server, which adds an inline
 * script (React Fast Refresh's preamble) that the page's strict CSP (`script-src 'self'`) blocks.
 * This allows exactly those inline scripts by their hashes, in development only; the production
 * build keeps the policy unchanged.
 */
function allowDevInlineScriptsByHash(): Plugin {
  return {
    name: 'inson:dev-csp-script-hashes',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
          (match) => `'sha256-${createHash('sha256').update(match[1] ?? '').digest('base64')}'`,
        );
        if (hashes.length === 0) return html;
        return html.replace(/script-src 'self'/, `script-src 'self' ${hashes.join(' ')}`);
      },
    },
  };
}

/**
 * The renderer (src/ui, entry src/ui/index.html). Forge names it `main_window`; the desktop app
 * loads .vite/renderer/main_window/index.html and the browser harness serves the same folder.
 * `base: './'` because the packaged app loads it from a file:// URL.
 */
export default defineConfig({
  root: resolve(projectDir, 'src/ui'),
  base: './',
  plugins: [react(), allowDevInlineScriptsByHash()],
  build: {
    outDir: resolve(projectDir, '.vite/renderer/main_window'),
    emptyOutDir: true,
    sourcemap: false,
  },
});
