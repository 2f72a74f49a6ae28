import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE_BYTES } from '../core/db/page-check';
import { createTestCenter, rejection } from '../core/testing/test-center';
import { verifyDataDir } from './cli-verify';

/**
 * `cli verify` reads only (issue 8 item 4): no sign-in event, no migration, no throttle count, no
 * anchor; and it tells a key that is not this database's from a damaged first page and from a
 * damaged page further in, on copies of a real encrypted center.
 */

interface Folders {
  readonly dataDir: string;
  readonly otherDataDir: string;
  readonly recoveryCode: string;
  readonly admin: { readonly username: string; readonly password: string };
  readonly receptionist: { readonly username: string; readonly password: string };
}

let folders: Folders | undefined;
function facts(): Folders {
  if (folders === undefined) throw new Error('the centers were not built');
  return folders;
}
const scratch = mkdtempSync(join(tmpdir(), 'inson-verify-'));

beforeAll(async () => {
  const t = await createTestCenter({ roles: ['receptionist'] });
  const other = await createTestCenter({ roles: [] });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < 30; i += 1) await t.registerClient(`${letters[i % 26] ?? 'a'}${letters[Math.floor(i / 26) + 10] ?? 'k'}`, { confirmedWarnings: ['possibleDuplicate'] });
  await t.as.receptionist.invoke('auth.signOut', {});
  await t.close();
  await other.close();
  folders = { dataDir: t.dataDir, otherDataDir: other.dataDir, recoveryCode: t.recoveryCode, admin: t.admin, receptionist: t.staff.receptionist };
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  if (folders !== undefined) for (const dir of [folders.dataDir, folders.otherDataDir]) rmSync(dir, { recursive: true, force: true });
});

/** Every file of a folder with the SHA-256 of its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

function copyOf(name: string, source = facts().dataDir): string {
  const dir = join(scratch, name);
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** Flips one byte of the database file, `offset` bytes into page `page` (1-based). */
function damagePage(dir: string, page: number, offset = 200): void {
  const path = join(dir, 'center.db');
  const bytes = readFileSync(path);
  const at = (page - 1) * PAGE_SIZE_BYTES + offset;
  bytes[at] = (bytes[at] ?? 0) ^ 0x55;
  writeFileSync(path, bytes);
}

describe('cli verify (read-only)', () => {
  it('checks a sound center, prints its chain head, and changes no byte of any file', async () => {
    const dir = copyOf('clean');
    const before = snapshot(dir);
    expect(Object.keys(before)).toContain('audit-anchors.json');
    const byAdmin = await verifyDataDir(dir, { username: facts().admin.username, password: facts().admin.password });
    const byRecovery = await verifyDataDir(dir, { recoveryCode: facts().recoveryCode });
    for (const report of [byAdmin, byRecovery]) {
      expect(report).toMatchObject({ ok: true, database: 'open', keyringIntact: true, pendingMigrations: [], integrity: ['ok'], auditChain: { ok: true } });
      expect(report.pages.damagedCount).toBe(0);
      expect(report.chainHead?.seq).toBeGreaterThan(30);
    }
    expect(byRecovery.chainHead).toEqual(byAdmin.chainHead);
    const after = snapshot(dir);
    // SQLite's reader may leave the empty -wal/-shm a WAL database needs; every other file is as it was.
    for (const name of Object.keys(after).filter((file) => !(file in before))) {
      expect(name).toMatch(/^center\.db-(wal|shm)$/);
      if (name.endsWith('-wal')) expect(statSync(join(dir, name)).size).toBe(0);
    }
    expect(Object.fromEntries(Object.entries(after).filter(([name]) => name in before))).toEqual(before);
    expect(existsSync(join(dir, 'sign-in-attempts.json'))).toBe(before['sign-in-attempts.json'] !== undefined);
  });

  it('refuses a wrong password and a role without audit.verify, still without writing', async () => {
    const dir = copyOf('refusals');
    const before = snapshot(dir);
    expect(await rejection(verifyDataDir(dir, { username: facts().admin.username, password: 'not the password at all' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await rejection(verifyDataDir(dir, { recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' }))).toMatchObject({ code: 'WRONG_RECOVERY_CODE' });
    expect(await rejection(verifyDataDir(dir, facts().receptionist))).toMatchObject({ code: 'FORBIDDEN' });
    const after = snapshot(dir);
    expect(Object.fromEntries(Object.entries(after).filter(([name]) => name in before))).toEqual(before);
  });

  it("tells a key that is not this database's (another center's keyring) from a damaged first page", async () => {
    const wrongKey = copyOf('wrong-key');
    // The other center's keyring (its administrator has the same test name and password): the
    // slot opens and the keyring's MAC holds under its key, but that key is not this database's.
    cpSync(join(facts().otherDataDir, 'keyring.json'), join(wrongKey, 'keyring.json'));
    const other = await verifyDataDir(wrongKey, { username: facts().admin.username, password: facts().admin.password });
    expect(other).toMatchObject({ ok: false, database: 'wrongKey', keyringIntact: true });
    expect(other.pages.damagedCount).toBe(other.pages.pageCount);
    expect(other.chainHead).toBeUndefined();

    const firstPage = copyOf('first-page');
    damagePage(firstPage, 1);
    const damaged = await verifyDataDir(firstPage, { recoveryCode: facts().recoveryCode });
    expect(damaged).toMatchObject({ ok: false, database: 'damagedFirstPage', pages: { damaged: [1], damagedCount: 1 } });
  });

  it('names a page damaged further in by its failing HMAC', async () => {
    const dir = copyOf('inner-page');
    const pageCount = statSync(join(dir, 'center.db')).size / PAGE_SIZE_BYTES;
    expect(pageCount).toBeGreaterThan(10);
    const page = Math.floor(pageCount / 2);
    damagePage(dir, page);
    const report = await verifyDataDir(dir, { recoveryCode: facts().recoveryCode });
    expect(report.ok).toBe(false);
    expect(['open', 'unreadable']).toContain(report.database);
    expect(report.pages).toMatchObject({ damaged: [page], damagedCount: 1, isPartial: false });
  });
});
