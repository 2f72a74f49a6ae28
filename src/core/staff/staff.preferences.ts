import type { WriteScope } from '../audit/run-write';
import { AppError } from '../api/errors';
import { staffError } from './staff.errors';
import type { ReadDb } from '../db/handles';
import type { MyPreferences } from './staff.schema';

/**
 * A staff member's own display preferences, on her account's row. Only the owner reads or
 * changes them (the methods take no account id: the actor is the account), and a change is an
 * audited write like any other, though nothing of it leaves the center.
 */

/**
 * @example const { namesInReaderScript } = await readMyPreferences(db, actor.userId);
 */
export async function readMyPreferences(db: ReadDb, staffId: string): Promise<MyPreferences> {
  const row = await db.selectFrom('staff').select('shows_names_in_reader_script').where('id', '=', staffId).executeTakeFirst();
  if (row === undefined) throw staffError('NOT_FOUND', 'staff');
  return { namesInReaderScript: row.shows_names_in_reader_script === 1 };
}

/**
 * @example await saveMyPreferences(w, { namesInReaderScript: true });
 */
export async function saveMyPreferences(w: WriteScope, preferences: MyPreferences): Promise<MyPreferences> {
  const staffId = w.actorId;
  if (staffId === null) throw new AppError('UNAUTHENTICATED');
  const result = await w.trx
    .updateTable('staff')
    .set({ shows_names_in_reader_script: preferences.namesInReaderScript ? 1 : 0, updated_at: w.now.toISOString() })
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw staffError('NOT_FOUND', 'staff');
  await w.audit({ entityType: 'staff', entityId: staffId, details: { namesInReaderScript: preferences.namesInReaderScript } });
  return readMyPreferences(w.trx, staffId);
}
