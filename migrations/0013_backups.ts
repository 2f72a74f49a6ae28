import { sql, type Kysely } from 'kysely';

/**
 * Backups (issue 14, items 3 and 4). `backups`: each backup this center made and checked (the
 * administrator's home shows the newest and its age). `center_restores`: each time this database
 * came back from a backup file, so the registry upload can run its sequence-conflict recovery
 * before it sends anything (batches sent after the backup was taken are not in this copy).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE backups (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    file_name TEXT NOT NULL CHECK (length(file_name) > 0),
    folder TEXT NOT NULL,
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    client_count INTEGER NOT NULL CHECK (client_count >= 0),
    chain_head_seq INTEGER NOT NULL,
    made_by TEXT REFERENCES staff(id)
  )`.execute(db);
  await sql`CREATE INDEX backups_created_at ON backups (created_at)`.execute(db);
  await sql`CREATE TABLE center_restores (
    id TEXT PRIMARY KEY,
    restored_at TEXT NOT NULL,
    restored_from TEXT NOT NULL CHECK (length(restored_from) > 0),
    backup_created_at TEXT NOT NULL,
    backup_chain_head_seq INTEGER NOT NULL,
    backup_chain_head_hash TEXT NOT NULL,
    unlocked_with TEXT NOT NULL CHECK (unlocked_with IN ('recoveryCode', 'password'))
  )`.execute(db);
}
