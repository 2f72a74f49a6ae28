import { defineConfig } from 'vite';

/**
 * Main process (electron/main.ts). Forge's Vite plugin merges its own defaults under this file:
 * a CommonJS library build into .vite/build/main.cjs, with `electron` and Node's built-in modules
 * left external. Everything else (the paths helper, the bridge types) is bundled in.
 */
export default defineConfig({
  build: { sourcemap: false },
});
