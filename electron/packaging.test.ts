import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import forgeConfig, { copyNativeModules, NATIVE_MODULES, prebuildNames } from '../forge.config';

/**
 * The packaged app has no node_modules except what forge.config.ts copies in. These tests copy the
 * database driver the way the packageAfterCopy hook does and open a real encrypted database with
 * the copy alone, so a missing file shows up here rather than on a center's PC.
 */

const projectDir = resolve(import.meta.dirname, '..');
const buildPath = mkdtempSync(join(tmpdir(), 'inson-package-'));
afterAll(() => rmSync(buildPath, { recursive: true, force: true }));

interface Statement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  prepare(source: string): Statement;
  close(): void;
}
type DatabaseConstructor = new (filename: string) => SqliteDatabase;

function openWithKey(Driver: DatabaseConstructor, file: string, keyHex: string): SqliteDatabase {
  const db = new Driver(file);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  return db;
}

describe('native module packaging', () => {
  it('copies only what the driver loads at run time, with this machine’s binaries', async () => {
    await copyNativeModules(projectDir, buildPath, process.platform, process.arch);
    const target = join(buildPath, 'node_modules', 'better-sqlite3-multiple-ciphers');
    expect(readdirSync(target).sort()).toEqual(['LICENSE', 'lib', 'package.json', 'prebuilds']);
    expect(readdirSync(join(target, 'prebuilds')).sort()).toEqual([...prebuildNames(process.platform, process.arch)].sort());
  });

  it('opens, writes and re-reads an encrypted database through the copied driver alone', async () => {
    await copyNativeModules(projectDir, buildPath, process.platform, process.arch);
    // Resolve the way the bundled core does: from .vite/build/ up to the package's node_modules.
    const requireFromBundle = createRequire(join(buildPath, '.vite', 'build', 'core-process.cjs'));
    const resolved = requireFromBundle.resolve('better-sqlite3-multiple-ciphers');
    expect(resolved.startsWith(buildPath)).toBe(true);
    const Driver = requireFromBundle('better-sqlite3-multiple-ciphers') as DatabaseConstructor;

    const file = join(buildPath, 'center.db');
    const key = 'ab'.repeat(32);
    const db = openWithKey(Driver, file, key);
    db.exec('CREATE TABLE note (body TEXT)');
    db.prepare('INSERT INTO note (body) VALUES (?)').run('packaged');
    db.close();

    const again = openWithKey(Driver, file, key);
    expect(again.prepare('SELECT body FROM note').get()).toEqual({ body: 'packaged' });
    again.close();

    const wrong = openWithKey(Driver, file, 'cd'.repeat(32));
    expect(() => wrong.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database|SQLITE_NOTADB/i);
    wrong.close();
  });

  it('has a prebuilt binary for every platform the makers target', () => {
    const prebuilds = join(projectDir, 'node_modules', 'better-sqlite3-multiple-ciphers', 'prebuilds');
    for (const [platform, arch] of [['win32', 'x64'], ['win32', 'arm64'], ['darwin', 'x64'], ['darwin', 'arm64'], ['linux', 'x64'], ['linux', 'arm64']] as const) {
      for (const name of prebuildNames(platform, arch)) expect(existsSync(join(prebuilds, name)), name).toBe(true);
    }
  });

  it('keeps the driver external in the core build and unpacks native binaries from the asar', () => {
    expect(NATIVE_MODULES).toEqual(['better-sqlite3-multiple-ciphers']);
    expect(forgeConfig.packagerConfig?.asar).toBeTruthy();
    const pluginNames = (forgeConfig.plugins ?? []).map((plugin) => ('name' in plugin ? plugin.name : ''));
    expect(pluginNames).toEqual(expect.arrayContaining(['vite', 'auto-unpack-natives', 'fuses']));
  });
});
