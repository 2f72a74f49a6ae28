import { defineConfig } from 'vite';

/**
 * The core process (src/host/core-process.ts), an Electron utilityProcess entry built like the
 * main process (.vite/build/core-process.cjs). Kysely and zod are bundled; the database driver is a
 * native module, so it stays external and forge.config.ts (NATIVE_MODULES) copies it into the
 * package; keep the two lists in step.
 */
export default defineConfig({
  build: {
    sourcemap: false,
    rollupOptions: { external: ['better-sqlite3-multiple-ciphers'] },
  },
});
