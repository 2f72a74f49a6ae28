import { join } from 'node:path';
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { verifyStore } from '../audit/verify-store';
import { unlockRecoverySlot } from '../crypto/keyring';
import { readKeyringFile } from '../crypto/keyring-store';
import { nodeCryptoPrimitives } from '../crypto/primitives';
import { silentLogger } from '../log';
import { createTestCenter, type TestCenter } from '../testing/test-center';
import { createStoreHolder } from './store';

/**
 * The `audit.baseline` event credits the rows a migration changed. It must not launder an edit
 * made behind the app's back before the upgrade: such a row keeps being reported.
 */

/** A later migration that changes every staff row (a new column), as real ones do. */
const touchStaff: Migration = {
  async up(db) {
    await sql`ALTER TABLE staff ADD COLUMN test_badge TEXT NOT NULL DEFAULT 'none'`.execute(db);
  },
};

async function databaseKeyOf(t: { readonly dataDir: string; readonly recoveryCode: string }): Promise<Buffer> {
  const keyring = readKeyringFile(join(t.dataDir, 'keyring.json'));
  const keys = keyring && (await unlockRecoverySlot(nodeCryptoPrimitives, keyring, t.recoveryCode));
  if (!keys) throw new Error('the recovery code did not open the test center');
  return keys.databaseKey;
}

describe('audit.baseline after a migration', () => {
  let center: TestCenter<'receptionist' | 'trainer'> | null = null;
  afterEach(async () => {
    await center?.dispose();
    center = null;
  });

  it('credits the rows the migration changed, never a row edited or inserted behind the app before the upgrade', async () => {
    const t = await createTestCenter({ roles: ['receptionist', 'trainer'] });
    center = t;
    const { handle } = t.behindTheApi();
    // Before the upgrade: a role raised by a direct edit, and a settings row no event wrote.
    handle.prepare("UPDATE staff SET role = 'administrator' WHERE id = ?").run(t.staffId.receptionist);
    handle.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('planted', '1', 'now')").run();
    const before = verifyStore(handle);
    expect(before.rows.counts).toEqual({ changed: 1, unaudited: 1, missing: 0 });
    await t.close();

    const key = await databaseKeyOf(t);
    const holder = createStoreHolder({ dataDir: t.dataDir, log: silentLogger, migrations: { ...migrations, '9000_test_touch_staff': touchStaff } });
    const store = await holder.open(key);
    try {
      const baseline = store.handle.prepare("SELECT details_json, rows_json FROM audit_log WHERE action = 'audit.baseline'").all() as { details_json: string; rows_json: string }[];
      expect(baseline).toHaveLength(1);
      const credited = (JSON.parse(baseline[0]?.rows_json ?? '[]') as { table: string; key: string }[]).filter((row) => row.table === 'staff').map((row) => row.key);
      // Every other staff row changed with the new column and is credited; the tampered one is not.
      expect(credited.sort()).toEqual([t.admin.id, t.staffId.trainer].sort());
      expect(JSON.parse(baseline[0]?.details_json ?? '{}')).toMatchObject({ migrations: '9000_test_touch_staff', refused: 2 });

      const after = verifyStore(store.handle);
      expect(after.auditChain.ok).toBe(true);
      expect(after.rows.changed).toEqual([{ table: 'staff', key: t.staffId.receptionist }]);
      expect(after.rows.unaudited).toEqual([{ table: 'settings', key: 'planted' }]);
      expect(after.rows.counts).toEqual({ changed: 1, unaudited: 1, missing: 0 });
    } finally {
      key.fill(0);
      await holder.close();
    }
  }, 60_000);
});
