import { z } from 'zod';
import {
  deriveSlotKey,
  fromBase64,
  generateBoxKeyPair,
  generateRecoveryCode,
  normalizeRecoveryCode,
  openSealedBox,
  sealToPublicKey,
  slotAad,
  toBase64,
  unwrapKey,
  wrapKey,
  type ScryptKdf,
} from './key-slots';
import type { CryptoPrimitives, ScryptParams } from './primitives';

/**
 * The keyring file (`<dataDir>/keyring.json`): one slot per staff account and one recovery slot.
 * Every operation here is pure (keyring in, new keyring out); `keyring-store.ts` writes the file.
 *
 * A staff slot also carries an X25519 key pair (public half in clear, private half wrapped), so a
 * psychologist or supervisor can grant the confidential key to a colleague without knowing the
 * colleague's password: the grant is sealed to the public key and folded into the slot at the
 * colleague's next sign-in.
 */
const wrappedKeySchema = z.object({ iv: z.string(), tag: z.string(), ciphertext: z.string() });
const sealedBoxSchema = wrappedKeySchema.extend({ epk: z.string() });
const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(2),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
  salt: z.string(),
});

const userSlotSchema = z.object({
  userId: z.string().min(1),
  username: z.string().min(1),
  kdf: kdfSchema,
  databaseKey: wrappedKeySchema,
  confidentialKey: wrappedKeySchema.optional(),
  boxPublicKey: z.string(),
  boxPrivateKey: wrappedKeySchema,
  pendingConfidentialKey: sealedBoxSchema.optional(),
});

const recoverySlotSchema = z.object({
  kdf: kdfSchema,
  databaseKey: wrappedKeySchema,
  confidentialKey: wrappedKeySchema,
});

export const keyringSchema = z.object({
  format: z.literal('inson-keyring'),
  version: z.literal(1),
  slots: z.array(userSlotSchema),
  recovery: recoverySlotSchema,
  /** Accounts whose slot was removed: lets sign-in say "deactivated" before the database is open. No key material. */
  retired: z.array(z.object({ userId: z.string(), username: z.string() })),
});

export type Keyring = z.infer<typeof keyringSchema>;
export type UserSlot = z.infer<typeof userSlotSchema>;

export interface CenterKeys {
  readonly databaseKey: Buffer;
  /** Null for roles that do not hold it (and for a psychologist not yet granted it). */
  readonly confidentialKey: Buffer | null;
}

/** What unlocking a staff slot yields: the keys, and what a rewrap of the slot needs. */
export interface UnlockedSlot extends CenterKeys {
  readonly userId: string;
  readonly username: string;
  readonly boxPrivateKey: Buffer;
  /** True when the confidential key came from a colleague's grant not yet folded into the slot. */
  readonly hasPendingGrant: boolean;
}

export interface NewStaffSlot {
  readonly userId: string;
  readonly username: string;
  readonly password: string;
}

const userSlotId = (userId: string): string => `user:${userId}`;

/** Usernames match whatever case was typed. */
export function sameUsername(a: string, b: string): boolean {
  return a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}

async function buildUserSlot(
  primitives: CryptoPrimitives,
  owner: NewStaffSlot,
  keys: CenterKeys,
  params: ScryptParams,
  boxPrivateKey?: Buffer,
): Promise<UserSlot> {
  const { kek, kdf } = await deriveSlotKey(primitives, owner.password, params);
  const slotId = userSlotId(owner.userId);
  const box = boxPrivateKey
    ? { privateKey: boxPrivateKey, publicKey: primitives.x25519PublicKey(boxPrivateKey) }
    : generateBoxKeyPair(primitives);
  return {
    userId: owner.userId,
    username: owner.username,
    kdf,
    databaseKey: wrapKey(primitives, kek, keys.databaseKey, slotAad(slotId, 'databaseKey')),
    ...(keys.confidentialKey ? { confidentialKey: wrapKey(primitives, kek, keys.confidentialKey, slotAad(slotId, 'confidentialKey')) } : {}),
    boxPublicKey: toBase64(box.publicKey),
    boxPrivateKey: wrapKey(primitives, kek, box.privateKey, slotAad(slotId, 'boxPrivateKey')),
  };
}

async function buildRecoverySlot(
  primitives: CryptoPrimitives,
  recoveryCode: string,
  keys: { databaseKey: Buffer; confidentialKey: Buffer },
  params: ScryptParams,
): Promise<Keyring['recovery']> {
  const { kek, kdf } = await deriveSlotKey(primitives, recoveryCode, params);
  return {
    kdf,
    databaseKey: wrapKey(primitives, kek, keys.databaseKey, slotAad('recovery', 'databaseKey')),
    confidentialKey: wrapKey(primitives, kek, keys.confidentialKey, slotAad('recovery', 'confidentialKey')),
  };
}

/**
 * A new keyring: the administrator's slot (database key only: administrators do not read
 * counseling notes) and the recovery slot (both keys), plus the recovery code to print once.
 *
 * @example const { keyring, recoveryCode } = await createKeyring(primitives, { admin, databaseKey, confidentialKey, params });
 */
export async function createKeyring(
  primitives: CryptoPrimitives,
  options: { admin: NewStaffSlot; databaseKey: Buffer; confidentialKey: Buffer; params: ScryptParams },
): Promise<{ keyring: Keyring; recoveryCode: string }> {
  const recoveryCode = generateRecoveryCode();
  const adminSlot = await buildUserSlot(primitives, options.admin, { databaseKey: options.databaseKey, confidentialKey: null }, options.params);
  const recovery = await buildRecoverySlot(primitives, recoveryCode, options, options.params);
  return { keyring: { format: 'inson-keyring', version: 1, slots: [adminSlot], recovery, retired: [] }, recoveryCode };
}

export function findSlot(keyring: Keyring, username: string): UserSlot | undefined {
  return keyring.slots.find((slot) => sameUsername(slot.username, username));
}

export function isRetiredUsername(keyring: Keyring, username: string): boolean {
  return keyring.retired.some((entry) => sameUsername(entry.username, username));
}

/** A slot-shaped decoy so an unknown username costs the same scrypt time as a known one. */
const DECOY_SALT = toBase64(Buffer.alloc(16));

/**
 * Unwraps the slot of `username` with `password`; null for a wrong password or an unknown user
 * (the two take the same time, so timing does not reveal which usernames exist).
 *
 * @example const unlocked = await unlockUserSlot(primitives, keyring, 'dilnoza', password);
 */
export async function unlockUserSlot(
  primitives: CryptoPrimitives,
  keyring: Keyring,
  username: string,
  password: string,
): Promise<UnlockedSlot | null> {
  const slot = findSlot(keyring, username);
  const decoy: ScryptKdf = { ...(keyring.slots[0]?.kdf ?? keyring.recovery.kdf), salt: DECOY_SALT };
  const { kek } = await deriveSlotKey(primitives, password, decoy, slot?.kdf ?? decoy);
  if (!slot) return null;
  const slotId = userSlotId(slot.userId);
  const databaseKey = unwrapKey(primitives, kek, slot.databaseKey, slotAad(slotId, 'databaseKey'));
  const boxPrivateKey = unwrapKey(primitives, kek, slot.boxPrivateKey, slotAad(slotId, 'boxPrivateKey'));
  if (!databaseKey || !boxPrivateKey) return null;
  let confidentialKey = slot.confidentialKey ? unwrapKey(primitives, kek, slot.confidentialKey, slotAad(slotId, 'confidentialKey')) : null;
  let hasPendingGrant = false;
  if (!confidentialKey && slot.pendingConfidentialKey) {
    const box = { privateKey: boxPrivateKey, publicKey: fromBase64(slot.boxPublicKey) };
    confidentialKey = openSealedBox(primitives, box, slot.pendingConfidentialKey, slotAad(slotId, 'grant'));
    hasPendingGrant = confidentialKey !== null;
  }
  return { userId: slot.userId, username: slot.username, databaseKey, confidentialKey, boxPrivateKey, hasPendingGrant };
}

/**
 * Rewraps one slot under a new password (password change, first sign-in with a temporary
 * password, folding in a grant). Only this slot changes; the old password opens nothing afterwards.
 */
export async function rewrapUserSlot(
  primitives: CryptoPrimitives,
  keyring: Keyring,
  unlocked: UnlockedSlot,
  newPassword: string,
  params: ScryptParams,
): Promise<Keyring> {
  const slot = await buildUserSlot(
    primitives,
    { userId: unlocked.userId, username: unlocked.username, password: newPassword },
    unlocked,
    params,
    unlocked.boxPrivateKey,
  );
  return { ...keyring, slots: keyring.slots.map((existing) => (existing.userId === unlocked.userId ? slot : existing)) };
}

/**
 * Adds a slot for a new account, or replaces an account's slot when an administrator resets its
 * password. A replaced slot loses the confidential key (the administrator cannot wrap it): a
 * psychologist or supervisor grants it again.
 */
export async function putUserSlot(
  primitives: CryptoPrimitives,
  keyring: Keyring,
  owner: NewStaffSlot,
  databaseKey: Buffer,
  params: ScryptParams,
): Promise<Keyring> {
  const slot = await buildUserSlot(primitives, owner, { databaseKey, confidentialKey: null }, params);
  const others = keyring.slots.filter((existing) => existing.userId !== owner.userId);
  if (others.some((existing) => sameUsername(existing.username, owner.username))) {
    throw new Error('another slot already has this username');
  }
  return {
    ...keyring,
    slots: [...others, slot],
    retired: keyring.retired.filter((entry) => entry.userId !== owner.userId),
  };
}

/** Removes an account's slot at once (deactivation); its password opens nothing afterwards. */
export function removeUserSlot(keyring: Keyring, userId: string): Keyring {
  const slot = keyring.slots.find((existing) => existing.userId === userId);
  if (!slot) return keyring;
  return {
    ...keyring,
    slots: keyring.slots.filter((existing) => existing.userId !== userId),
    retired: [...keyring.retired.filter((entry) => entry.userId !== userId), { userId, username: slot.username }],
  };
}

/** Seals the confidential key to a colleague's slot; it becomes theirs at their next sign-in. */
export function grantConfidentialKey(primitives: CryptoPrimitives, keyring: Keyring, userId: string, confidentialKey: Buffer): Keyring {
  const slot = keyring.slots.find((existing) => existing.userId === userId);
  if (!slot) throw new Error('no slot for this account');
  const pendingConfidentialKey = sealToPublicKey(primitives, fromBase64(slot.boxPublicKey), confidentialKey, slotAad(userSlotId(userId), 'grant'));
  return {
    ...keyring,
    slots: keyring.slots.map((existing) => (existing.userId === userId ? { ...existing, pendingConfidentialKey } : existing)),
  };
}

/** Whether the slot holds the confidential key or has a grant waiting for it. */
export function slotHasConfidentialKey(slot: UserSlot): boolean {
  return slot.confidentialKey !== undefined || slot.pendingConfidentialKey !== undefined;
}

/**
 * Unwraps the recovery slot with the printed code; null if the code is malformed or wrong.
 *
 * @example const keys = await unlockRecoverySlot(primitives, keyring, 'K7M2Q-9XH4D-…');
 */
export async function unlockRecoverySlot(
  primitives: CryptoPrimitives,
  keyring: Keyring,
  recoveryCode: string,
): Promise<{ databaseKey: Buffer; confidentialKey: Buffer } | null> {
  const normalized = normalizeRecoveryCode(recoveryCode);
  if (!normalized) return null;
  const { kek } = await deriveSlotKey(primitives, normalized, keyring.recovery.kdf, keyring.recovery.kdf);
  const databaseKey = unwrapKey(primitives, kek, keyring.recovery.databaseKey, slotAad('recovery', 'databaseKey'));
  const confidentialKey = unwrapKey(primitives, kek, keyring.recovery.confidentialKey, slotAad('recovery', 'confidentialKey'));
  return databaseKey && confidentialKey ? { databaseKey, confidentialKey } : null;
}
