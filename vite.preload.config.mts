import { defineConfig } from 'vite';

/**
 * Preload (electron/preload.ts). The window is sandboxed, so the preload can require only
 * `electron`; Forge builds it as one self-contained CommonJS file (.vite/build/preload.cjs).
 */
export default defineConfig({
  build: { sourcemap: false },
});
