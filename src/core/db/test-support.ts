import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTBOX_ALLOWLIST } from '../app';
import { runWritePath, type WritePathOptions, type WriteScope } from '../audit/run-write';
import { silentLogger } from '../log';
import { createStoreHolder, type OpenStore, type StoreHolder } from './store';

/** A fresh data folder, a random raw key, and a newly created, migrated, encrypted database. */
export interface TestStore {
  readonly dataDir: string;
  readonly keyHex: string;
  readonly holder: StoreHolder;
  readonly store: OpenStore;
  /** Closes the database and removes the folder. */
  dispose(): Promise<void>;
}

/**
 * For tests only: a real encrypted database in a temporary folder.
 *
 * @example
 * const t = await createTestStore();
 * try { await runTestWrite(t.store, null, async (w) => { ... }); } finally { await t.dispose(); }
 */
export async function createTestStore(prefix = 'inson-store-'): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const keyHex = randomBytes(32).toString('hex');
  const holder = createStoreHolder({ dataDir, log: silentLogger });
  const store = await holder.open(keyHex, { mode: 'create' });
  return {
    dataDir,
    keyHex,
    holder,
    store,
    async dispose() {
      await holder.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For tests only: the one write path with the application's composed outbox allow-list.
 *
 * @example await runTestWrite(t.store, 'staff-1', async (w) => { ...; await w.audit({ action: 'x', entityType: 'x', entityId: null }); });
 */
export function runTestWrite<T>(store: OpenStore, actorId: string | null, work: (w: WriteScope) => Promise<T>, options: Omit<WritePathOptions, 'allowList'> = {}): Promise<T> {
  return runWritePath(store, actorId, work, { allowList: OUTBOX_ALLOWLIST, ...options });
}
