/**
 * Child process for the crash-safety test: opens the database with the key from
 * INSON_TEST_DB_KEY and commits runWrite-style transactions (a row, an audit event, an outbox
 * record) as fast as it can, printing the number of each committed write, until it is killed.
 */
import { createStoreHolder } from '../db/store';
import { runTestWrite } from '../db/test-support';
import { CENTER_OUTBOX } from '../center/center.outbox';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  const keyHex = process.env.INSON_TEST_DB_KEY;
  if (dataDir === undefined || keyHex === undefined) throw new Error('usage: write-loop.fixture.ts <dataDir> (key in INSON_TEST_DB_KEY)');
  const store = await createStoreHolder({ dataDir }).open(keyHex);
  const start = Number((await store.db.selectFrom('settings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  for (let i = start + 1; ; i += 1) {
    await runTestWrite(store, 'staff-writer', async (w) => {
      const key = `k${i}`;
      await w.trx.insertInto('settings').values({ key, value: JSON.stringify({ i, padding: 'x'.repeat(500) }), updated_at: w.now.toISOString() }).execute();
      await w.audit({ action: 'settings.put', entityType: 'settings', entityId: key, details: { i } });
      await w.outbox({ spec: CENTER_OUTBOX, entityId: key, op: 'upsert', data: { name: `n${i}` } });
    });
    process.stdout.write(`${i}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.name : 'error');
  process.exit(1);
});
