import { readChainHead } from '../audit/anchors';
import { openDatabaseReadOnly, type SqliteHandle } from '../db/open';

/**
 * Copies the encrypted database to `destination` (a new file) with `VACUUM INTO`, on a connection
 * of its own: the core's connection may be inside a transaction, and `VACUUM` refuses to run in
 * one; a separate reader sees the last commit and lets the writer go on (WAL).
 */
export function copyDatabase(databasePath: string, databaseKey: Buffer, destination: string): void {
  const reader = openDatabaseReadOnly(databasePath, databaseKey);
  try {
    reader.pragma('query_only=OFF');
    reader.prepare('VACUUM INTO ?').run(destination);
  } finally {
    reader.close();
  }
}

export interface CopyFacts {
  readonly centerId: string;
  readonly schemaVersion: string;
  readonly clientCount: number;
  readonly chainHead: { readonly seq: number; readonly hash: string };
}

/** What the manifest says about a copy, read from the copy itself (so it is true of this snapshot). */
export function readCopyFacts(handle: SqliteHandle): CopyFacts {
  const center = handle.prepare('SELECT id FROM center LIMIT 1').get() as { id: string } | undefined;
  const migration = handle.prepare('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').get() as { name: string } | undefined;
  const clients = handle.prepare('SELECT count(*) AS count FROM clients').get() as { count: number };
  return { centerId: center?.id ?? '', schemaVersion: migration?.name ?? '', clientCount: clients.count, chainHead: readChainHead(handle) };
}

/** How many clients a database holds (the restore's check against the manifest). */
export function countClients(handle: SqliteHandle): number {
  return (handle.prepare('SELECT count(*) AS count FROM clients').get() as { count: number }).count;
}
