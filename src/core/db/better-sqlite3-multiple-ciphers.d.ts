/**
 * The driver ships `index.d.ts`, but its package.json "exports" map has no "types" condition, so
 * TypeScript (moduleResolution "bundler") cannot reach it through the package name. The import is
 * declared opaque here and typed from that file by path in `open.ts` (the one module importing it).
 */
declare module 'better-sqlite3-multiple-ciphers' {
  const driver: unknown;
  export = driver;
}
