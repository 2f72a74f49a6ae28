import { sql, type Kysely } from 'kysely';

/**
 * Demonstration centers (issue 8, item 10). A center says at setup whether it is one
 * (`center.is_demonstration`, never changed afterwards); `cli seed` fills only such a center, and
 * marks what it writes (`clients.is_synthetic`). Nothing of a demonstration center may reach the
 * national registry, so its outbox stays empty: a trigger drops every record offered to it there,
 * whichever code path offers it (a seeded client edited later, a demonstration registration).
 * Every center that exists at the upgrade is a real one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE center ADD COLUMN is_demonstration INTEGER NOT NULL DEFAULT 0 CHECK (is_demonstration IN (0, 1))`.execute(db);
  await sql`ALTER TABLE clients ADD COLUMN is_synthetic INTEGER NOT NULL DEFAULT 0 CHECK (is_synthetic IN (0, 1))`.execute(db);
  await sql`CREATE TRIGGER center_demonstration_fixed BEFORE UPDATE OF is_demonstration ON center
    WHEN NEW.is_demonstration <> OLD.is_demonstration
    BEGIN SELECT RAISE(ABORT, 'a center is a demonstration center from its setup or never'); END`.execute(db);
  await sql`CREATE TRIGGER outbox_none_in_demonstration BEFORE INSERT ON outbox
    WHEN (SELECT is_demonstration FROM center LIMIT 1) = 1
    BEGIN SELECT RAISE(IGNORE); END`.execute(db);
}
