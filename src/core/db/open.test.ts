import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../api/errors';
import { openDatabase, rekeyDatabase } from './open';

const newKey = () => randomBytes(32).toString('hex');

describe('openDatabase', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inson-open-'));
    path = join(dir, 'center.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('encrypts every byte on disk: a distinctive name appears in neither the database nor its WAL', () => {
    const distinctive = 'Zulfiyaxon Qoraqalpoqova-Distinctive';
    const handle = openDatabase(path, newKey(), { mode: 'create' });
    handle.exec('CREATE TABLE t (name TEXT NOT NULL) STRICT');
    handle.prepare('INSERT INTO t (name) VALUES (?)').run(distinctive);
    expect(existsSync(`${path}-wal`)).toBe(true);
    const needle = Buffer.from(distinctive, 'utf8');
    expect(readFileSync(`${path}-wal`).includes(needle)).toBe(false);
    if (process.platform !== 'win32') {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    }
    handle.close();
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(readFileSync(path).includes(needle)).toBe(false);
    // Not even SQLite's plain header: SQLCipher 4 starts the file with the salt.
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('applies WAL, synchronous=FULL, foreign keys and the SQLCipher 4 cipher', () => {
    const handle = openDatabase(path, newKey(), { mode: 'create' });
    try {
      expect(handle.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(handle.pragma('synchronous', { simple: true })).toBe(2);
      expect(handle.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(handle.pragma('cipher', { simple: true })).toBe('sqlcipher');
      expect(Number(handle.pragma('legacy', { simple: true }))).toBe(4);
    } finally {
      handle.close();
    }
  });

  it('reports a wrong key as WRONG_KEY at open, and leaves the file as it was', () => {
    const handle = openDatabase(path, newKey(), { mode: 'create' });
    handle.exec("CREATE TABLE t (x TEXT) STRICT; INSERT INTO t VALUES ('kept')");
    handle.close();
    const before = readFileSync(path);
    const error = (() => {
      try {
        openDatabase(path, newKey());
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'WRONG_KEY' });
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('lets the cipher layer write nothing to stdout or stderr, even for a wrong key', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'open-quietly.fixture.ts'), dir], { encoding: 'utf8', timeout: 20_000 });
    expect({ status: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('refuses a key that is not 64 hex digits before it reaches PRAGMA key', () => {
    for (const bad of ['', 'a'.repeat(63), `${'a'.repeat(62)}'"`, `${'a'.repeat(64)}00`, 'g'.repeat(64)]) {
      expect(() => openDatabase(path, bad, { mode: 'create' })).toThrow(AppError);
    }
    expect(existsSync(path)).toBe(false);
  });

  it('says NOT_SET_UP for a missing file and ALREADY_SET_UP when setup finds one', () => {
    expect(() => openDatabase(path, newKey())).toThrow(expect.objectContaining({ code: 'NOT_SET_UP' }));
    expect(existsSync(path)).toBe(false);
    openDatabase(path, newKey(), { mode: 'create' }).close();
    expect(() => openDatabase(path, newKey(), { mode: 'create' })).toThrow(expect.objectContaining({ code: 'ALREADY_SET_UP' }));
  });

  it('rekeys: the new key opens the data, the old key no longer does', () => {
    const oldKey = newKey();
    const nextKey = newKey();
    const handle = openDatabase(path, oldKey, { mode: 'create' });
    handle.exec("CREATE TABLE t (x TEXT) STRICT; INSERT INTO t VALUES ('survives')");
    rekeyDatabase(handle, nextKey);
    handle.prepare("INSERT INTO t VALUES ('after')").run();
    handle.close();
    expect(() => openDatabase(path, oldKey)).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
    const reopened = openDatabase(path, nextKey);
    try {
      expect(reopened.prepare('SELECT x FROM t ORDER BY rowid').pluck().all()).toEqual(['survives', 'after']);
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reopened.close();
    }
  });
});
