import { z } from 'zod';
import { deriveSlotKey, slotAad, unwrapKey, wrappedKeyFiller, zeroize, type ScryptKdf } from './key-slots';
import { DECOY_SALT, findSlot, kdfSchema, retiredSchema, type Keyring, type UnlockedSlot } from './keyring';
import type { CryptoPrimitives } from './primitives';

/**
 * Keyring format 1, read only to migrate it to format 2 at the first sign-in after the upgrade
 * (or `cli migrate-keyring`). Format 1 carried an X25519 key pair per slot and "pending" grants
 * sealed to the public key, which anyone able to write the file could replace with their own;
 * it had no MAC and said in clear which slots held the confidential key.
 */
const wrappedKeySchema = z.object({ iv: z.string().max(24), tag: z.string().max(32), ciphertext: z.string().max(64) });

const userSlotV1Schema = z.object({
  userId: z.string().min(1).max(64),
  username: z.string().min(1).max(64),
  kdf: kdfSchema,
  databaseKey: wrappedKeySchema,
  confidentialKey: wrappedKeySchema.optional(),
  boxPublicKey: z.string().max(64),
  boxPrivateKey: wrappedKeySchema,
  pendingConfidentialKey: wrappedKeySchema.extend({ epk: z.string().max(64) }).optional(),
});

export const keyringV1Schema = z.object({
  format: z.literal('inson-keyring'),
  version: z.literal(1),
  slots: z.array(userSlotV1Schema).max(10_000),
  recovery: z.object({ kdf: kdfSchema, databaseKey: wrappedKeySchema, confidentialKey: wrappedKeySchema }),
  retired: retiredSchema,
});

export type KeyringV1 = z.infer<typeof keyringV1Schema>;

/** Format 1's unlock: the database key and, if wrapped in the slot itself, the confidential key. A pending grant is not opened. */
export async function unlockUserSlotV1(primitives: CryptoPrimitives, keyring: KeyringV1, username: string, password: string): Promise<UnlockedSlot | null> {
  const slot = findSlot(keyring, username);
  const decoy: ScryptKdf = { ...(keyring.slots[0]?.kdf ?? keyring.recovery.kdf), salt: DECOY_SALT };
  const { kek } = await deriveSlotKey(primitives, password, decoy, slot?.kdf ?? decoy);
  try {
    if (!slot) return null;
    const slotId = `user:${slot.userId}`;
    const databaseKey = unwrapKey(primitives, kek, slot.databaseKey, slotAad(slotId, 'databaseKey'));
    if (!databaseKey) return null;
    const confidentialKey = slot.confidentialKey ? unwrapKey(primitives, kek, slot.confidentialKey, slotAad(slotId, 'confidentialKey')) : null;
    return { userId: slot.userId, username: slot.username, databaseKey, confidentialKey };
  } finally {
    zeroize(kek);
  }
}

export interface KeyringMigration {
  /** Unsealed: the caller seals it under the database key it unlocked. */
  readonly keyring: Keyring;
  /** Accounts whose only confidential key was a pending box grant: it is dropped, and they need an in-person grant. */
  readonly droppedPendingGrants: readonly string[];
}

/**
 * Format 1 to format 2 without anyone's password: each slot keeps its kdf and wrapped blobs (their
 * AAD is unchanged), loses the box key pair and any pending grant, and a slot without the
 * confidential key gets a filler, so the new file no longer says who holds it.
 *
 * @example const { keyring, droppedPendingGrants } = migrateKeyringV1(v1);
 */
export function migrateKeyringV1(v1: KeyringV1): KeyringMigration {
  const droppedPendingGrants: string[] = [];
  const slots = v1.slots.map((slot) => {
    if (!slot.confidentialKey && slot.pendingConfidentialKey) droppedPendingGrants.push(slot.userId);
    return {
      userId: slot.userId,
      username: slot.username,
      kdf: slot.kdf,
      databaseKey: slot.databaseKey,
      confidentialKey: slot.confidentialKey ?? wrappedKeyFiller(),
    };
  });
  return {
    keyring: { format: 'inson-keyring', version: 2, slots, recovery: v1.recovery, retired: v1.retired, mac: '' },
    droppedPendingGrants,
  };
}
