import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { ensurePrivateDataDir } from '../db/data-dir';
import { AppError } from '../api/errors';
import { runWritePath } from '../audit/run-write';
import type { CoreServices } from '../api/context';
import { KEY_BYTES } from '../crypto/key-slots';
import { createKeyring } from '../crypto/keyring';
import { RECOVERY, slotBoxKeyId } from '../auth/box-attestation';
import type { z } from 'zod';
import type { createCenterInputSchema } from '../center/center.schema';
import { DEFAULT_CENTER_SETTINGS } from '../center/center.repository';
import { CENTER_OUTBOX } from '../center/center.outbox';

export type CreateCenterInput = z.output<typeof createCenterInputSchema>;

/** Removes the database files this very setup call created, after it failed part-way. */
function removeHalfMadeDatabase(databasePath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${databasePath}${suffix}`, { force: true });
}

/**
 * Sets a center up: random database and confidential keys, the encrypted database with its schema,
 * the center and administrator rows (audited), then the keyring (administrator slot and recovery
 * slot). Returns the recovery code, shown once. The keyring is written last: until it exists the
 * center counts as not set up, and a failure part-way removes only what this call created.
 *
 * @example const { recoveryCode } = await createCenter(core, { center, admin });
 */
export async function createCenter(core: CoreServices, input: CreateCenterInput): Promise<{ recoveryCode: string }> {
  if (core.auth.isSetupRunning || core.store.state() !== 'notSetUp' || existsSync(core.store.databasePath)) {
    throw new AppError('ALREADY_SET_UP');
  }
  core.auth.isSetupRunning = true;
  try {
    // The data folder may not exist yet on a first start (and from the CLI); only its owner may enter it.
    ensurePrivateDataDir(core.dataDir, { create: true });
    const databaseKey = randomBytes(KEY_BYTES);
    const confidentialKey = randomBytes(KEY_BYTES);
    const centerId = randomUUID();
    const adminId = randomUUID();
    const { keyring, recoveryCode } = await createKeyring(core.auth.primitives, {
      admin: { userId: adminId, username: input.admin.username, password: input.admin.password },
      databaseKey,
      confidentialKey,
      params: core.auth.keySlotParams,
    });
    try {
      const store = await core.store.open(databaseKey, { mode: 'create' });
      await runWritePath(
        store,
        null,
        async (w) => {
          const at = w.now.toISOString();
          await w.trx
            .insertInto('center')
            .values({
              id: centerId,
              name: input.center.name,
              type: input.center.type,
              region_code: input.center.regionCode,
              district_code: input.center.districtCode,
              created_at: at,
              settings: JSON.stringify(DEFAULT_CENTER_SETTINGS),
              is_demonstration: input.isDemonstration ? 1 : 0,
            })
            .execute();
          await w.trx
            .insertInto('staff')
            .values({
              id: adminId,
              username: input.admin.username,
              display_name: input.admin.displayName,
              role: 'administrator',
              is_active: 1,
              must_change_password: 0,
              holds_confidential: 0,
              created_at: at,
              created_by: null,
              updated_at: at,
              password_changed_at: at,
            })
            .execute();
          await w.audit({
            action: 'setup.createCenter',
            entityType: 'center',
            entityId: centerId,
            details: {
              type: input.center.type,
              regionCode: input.center.regionCode,
              districtCode: input.center.districtCode,
              isDemonstration: input.isDemonstration,
              recoveryBoxKeyId: slotBoxKeyId(keyring, RECOVERY),
            },
          });
          // The registry places the center on its map from this record (and from later profile edits).
          await w.outbox({
            spec: CENTER_OUTBOX,
            entityId: centerId,
            op: 'upsert',
            data: { name: input.center.name, type: input.center.type, regionCode: input.center.regionCode, districtCode: input.center.districtCode },
          });
          await w.audit({ action: 'staff.add', entityType: 'staff', entityId: adminId, details: { role: 'administrator', boxKeyId: slotBoxKeyId(keyring, adminId) } });
        },
        core.writeOptions(),
      );
      await core.auth.keyring.create(keyring);
    } catch (error) {
      await core.store.close();
      removeHalfMadeDatabase(core.store.databasePath);
      throw error;
    }
    core.auth.databaseKey = databaseKey;
    core.auth.inactivityLockMs = DEFAULT_CENTER_SETTINGS.inactivityLockMinutes * 60_000;
    confidentialKey.fill(0);
    core.log.info('setup.centerCreated', { type: input.center.type });
    return { recoveryCode };
  } finally {
    core.auth.isSetupRunning = false;
  }
}
