import type { Kysely } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { insertClientRow } from '../clients/clients.repository';
import { insertStaff } from '../staff/staff.repository';
import type { Database } from './database';
import type { ReadDb, WriteTx } from './handles';
import { createTestStore, runTestWrite } from './test-support';

/*
 * The compile-time half of this file is checked by `npm run typecheck`: each `@ts-expect-error`
 * below must stay an error, or the type check fails. A write outside the one write path (a read
 * handle, or a plain Kysely instance, handed to a repository's write function) does not compile.
 */
function writesOutsideTheWritePath(db: ReadDb, kysely: Kysely<Database>): void {
  // @ts-expect-error a read handle has no insertInto: read handlers cannot write
  void db.insertInto('settings');
  // @ts-expect-error a read handle has no updateTable
  void db.updateTable('staff');
  // @ts-expect-error a read handle has no deleteFrom
  void db.deleteFrom('clients');
  // @ts-expect-error a read handle cannot open a transaction of its own
  void db.transaction();
  // @ts-expect-error the open database is not the write path's transaction: no audit event, no outbox
  void insertStaff(kysely, { id: 'x', username: 'x', display_name: 'x', role: 'trainer', created_at: '', updated_at: '' });
  // @ts-expect-error a read handle is not a write transaction either
  void insertClientRow(db, {} as Parameters<typeof insertClientRow>[1]);
}

describe('database handles', () => {
  it('brand the write path: only its transaction is a WriteTx, and a WriteTx still reads', async () => {
    expectTypeOf<WriteTx>().toExtend<ReadDb>();
    expectTypeOf<Kysely<Database>>().not.toExtend<WriteTx>();
    expectTypeOf<ReadDb>().not.toHaveProperty('insertInto');
    expect(writesOutsideTheWritePath).toBeTypeOf('function');
    const t = await createTestStore();
    try {
      const count = await runTestWrite(t.store, null, async (w) => {
        await insertStaff(w.trx, { id: 's1', username: 'dilnoza', display_name: 'Dilnoza', role: 'receptionist', created_at: w.now.toISOString(), updated_at: w.now.toISOString() });
        await w.audit({ action: 'staff.add', entityType: 'staff', entityId: 's1' });
        const read: ReadDb = w.trx;
        return (await read.selectFrom('staff').select('id').execute()).length;
      });
      expect(count).toBe(1);
    } finally {
      await t.dispose();
    }
  });
});
