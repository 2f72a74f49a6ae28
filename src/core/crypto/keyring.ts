import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  deriveSlotKey,
  generateRecoveryCode,
  normalizeRecoveryCode,
  slotAad,
  toBase64,
  unwrapKey,
  wrapKey,
  wrappedKeyFiller,
  zeroize,
  type ScryptKdf,
} from './key-slots';
import type { CryptoPrimitives, ScryptParams } from './primitives';
import { createSlotBox, isSlotBoxIntact, openSealedKey, openSlotBoxSecret, sealedKeySchema, slotBoxSchema, type SealedKey, type SlotBox } from './key-box';

/**
 * The keyring file (`<dataDir>/keyring.json`), format 2: one slot per staff account and one
 * recovery slot, authenticated as a whole by a MAC under a key derived from the database key.
 * Every operation here is pure (keyring in, new keyring out); `keyring-store.ts` seals and writes
 * the file. Format 1 (with X25519 "pending box" grants) is read only to migrate it: `keyring-v1.ts`.
 *
 * What the file does not say: which accounts hold the confidential key. Every slot has a
 * `confidentialKey` of the same shape; for an account that does not hold it, random bytes that no
 * key opens. Only the slot's own password tells the two apart.
 */
const base64Schema = (maxLength: number) => z.string().max(maxLength).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const wrappedKeySchema = z.object({ iv: base64Schema(24), tag: base64Schema(32), ciphertext: base64Schema(64) });

/**
 * scrypt cost is bounded above before anything is derived: a keyring rewritten with N=2^30 would
 * otherwise make every sign-in allocate gigabytes (or hang the core). Bounded below so a slot
 * cannot be rewritten to a cost that makes guessing its password cheap.
 */
export const SCRYPT_BOUNDS = { minN: 2 ** 10, maxN: 2 ** 20, maxR: 16, maxP: 4, maxMemoryBytes: 256 * 1024 * 1024, maxWork: 2 ** 23 } as const;

export function isScryptCostAllowed(params: ScryptParams): boolean {
  const { N, r, p } = params;
  const isPowerOfTwo = Number.isInteger(N) && N > 0 && (N & (N - 1)) === 0;
  return (
    isPowerOfTwo &&
    N >= SCRYPT_BOUNDS.minN &&
    N <= SCRYPT_BOUNDS.maxN &&
    Number.isInteger(r) && r >= 1 && r <= SCRYPT_BOUNDS.maxR &&
    Number.isInteger(p) && p >= 1 && p <= SCRYPT_BOUNDS.maxP &&
    128 * N * r <= SCRYPT_BOUNDS.maxMemoryBytes &&
    N * r * p <= SCRYPT_BOUNDS.maxWork
  );
}

export const kdfSchema = z
  .object({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: base64Schema(64) })
  .refine(isScryptCostAllowed, { message: 'scrypt cost out of bounds' });

const userSlotSchema = z.object({
  userId: z.string().min(1).max(64),
  username: z.string().min(1).max(64),
  kdf: kdfSchema,
  databaseKey: wrappedKeySchema,
  /** The confidential key, or a filler of the same shape (see the file comment). */
  confidentialKey: wrappedKeySchema,
  /**
   * While a new confidential key replaces an old one (confidential-rotation.ts), the old key, in
   * the slot of the holder who rotated it: her sessions read values not yet re-encrypted and
   * resume the job. Removed from every slot when no value is under the old key any more.
   */
  previousConfidentialKey: wrappedKeySchema.optional(),
  /** The slot's X25519 pair for receiving a rotated database key (key-box.ts); absent in slots from before rotation existed. */
  box: slotBoxSchema.optional(),
  /** A database key newer than `databaseKey`, sealed to `box` by a rotation; folded into the slot at the owner's next sign-in. */
  sealedDatabaseKey: sealedKeySchema.optional(),
});

const recoverySlotSchema = z.object({
  kdf: kdfSchema,
  databaseKey: wrappedKeySchema,
  confidentialKey: wrappedKeySchema,
  box: slotBoxSchema.optional(),
  sealedDatabaseKey: sealedKeySchema.optional(),
});

/**
 * The clinical recovery code's slot (issue 10 item 8): the confidential key only, under a code a
 * supervisor generates and prints, apart from the administrator's recovery code. `keyId` says which
 * confidential key it holds; a new confidential key removes it (the supervisor makes a new one).
 */
const clinicalRecoverySchema = z.object({ kdf: kdfSchema, confidentialKey: wrappedKeySchema, keyId: z.string().regex(/^[0-9a-f]{16}$/) });

/**
 * A rotation under way (keyring-rotation.ts): the new database key sealed to every slot, written
 * (under the old key's MAC) before the database is re-keyed, so a crash at any point leaves a
 * file from which every slot learns both keys and the next open finishes the job.
 */
const pendingRotationSchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  slots: z.record(z.string().max(64), sealedKeySchema),
  recovery: sealedKeySchema,
});

/**
 * A staff change's slot edit, written before the database commits the change and applied after
 * (keyring-intents.ts): a crash in between is settled at the next open by whether the database
 * holds the change's audit event.
 */
export const slotIntentSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  userId: z.string().min(1).max(64),
  /** The audit action of the change: how the next open finds out whether it committed. */
  action: z.string().max(64),
  slot: userSlotSchema.nullable(),
});

export const retiredSchema = z.array(z.object({ userId: z.string().max(64), username: z.string().max(64) })).max(100_000);

export const keyringSchema = z.object({
  format: z.literal('inson-keyring'),
  version: z.literal(2),
  slots: z.array(userSlotSchema).max(10_000),
  recovery: recoverySlotSchema,
  /** Accounts whose slot was removed: lets sign-in say "deactivated" before the database is open. No key material. */
  retired: retiredSchema,
  pendingRotation: pendingRotationSchema.optional(),
  clinicalRecovery: clinicalRecoverySchema.optional(),
  intents: z.array(slotIntentSchema).max(1000).optional(),
  /** HMAC-SHA256 over the canonical JSON of everything else, under a key derived from the database key. */
  mac: base64Schema(64),
});

export type Keyring = z.infer<typeof keyringSchema>;
export type UserSlot = z.infer<typeof userSlotSchema>;
export type SlotIntent = z.infer<typeof slotIntentSchema>;
export type PendingRotation = z.infer<typeof pendingRotationSchema>;
export type ClinicalRecovery = z.infer<typeof clinicalRecoverySchema>;

export interface CenterKeys {
  readonly databaseKey: Buffer;
  /** Null for roles that do not hold it (and for a psychologist not yet granted it). */
  readonly confidentialKey: Buffer | null;
  /** The confidential key being replaced while the re-encryption job runs (see `previousConfidentialKey`). */
  readonly previousConfidentialKey?: Buffer | null;
}

/** What unlocking a staff slot yields: the keys, and whose slot it is. */
export interface UnlockedSlot extends CenterKeys {
  readonly userId: string;
  readonly username: string;
  /** The next database key of a rotation a crash interrupted (the keyring's `pendingRotation`), if any. */
  readonly pendingDatabaseKey?: Buffer | null;
  /** False when the slot's box is not the pair its password opens (someone replaced it in the file): the sign-in makes a new one. */
  readonly boxIntact?: boolean;
}

export interface NewStaffSlot {
  readonly userId: string;
  readonly username: string;
  readonly password: string;
}

export const userSlotId = (userId: string): string => `user:${userId}`;

/** Usernames match whatever case was typed. */
export function sameUsername(a: string, b: string): boolean {
  return a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}

/** JSON with object keys sorted at every level: the bytes the MAC covers do not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function keyringMac(primitives: CryptoPrimitives, keyring: Keyring, databaseKey: Buffer): Buffer {
  const macKey = primitives.hkdfSha256(databaseKey, Buffer.alloc(0), Buffer.from('inson/keyring/v2/mac', 'utf8'), 32);
  const { mac: _mac, ...covered } = keyring;
  const mac = primitives.hmacSha256(macKey, Buffer.from(canonicalJson(covered), 'utf8'));
  zeroize(macKey);
  return mac;
}

/**
 * The keyring with its MAC recomputed under the database key; what the store writes.
 *
 * @example writeKeyringFile(path, sealKeyring(primitives, next, databaseKey));
 */
export function sealKeyring(primitives: CryptoPrimitives, keyring: Keyring, databaseKey: Buffer): Keyring {
  return { ...keyring, mac: toBase64(keyringMac(primitives, keyring, databaseKey)) };
}

/** True when the file's MAC matches: nobody without the database key changed any byte of it. */
export function isKeyringIntact(primitives: CryptoPrimitives, keyring: Keyring, databaseKey: Buffer): boolean {
  const expected = keyringMac(primitives, keyring, databaseKey);
  const actual = Buffer.from(keyring.mac, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

async function buildUserSlot(primitives: CryptoPrimitives, owner: NewStaffSlot, keys: CenterKeys, params: ScryptParams): Promise<UserSlot> {
  const { kek, kdf } = await deriveSlotKey(primitives, owner.password, params);
  const slotId = userSlotId(owner.userId);
  try {
    return {
      userId: owner.userId,
      username: owner.username,
      kdf,
      databaseKey: wrapKey(primitives, kek, keys.databaseKey, slotAad(slotId, 'databaseKey')),
      confidentialKey: keys.confidentialKey ? wrapKey(primitives, kek, keys.confidentialKey, slotAad(slotId, 'confidentialKey')) : wrappedKeyFiller(),
      ...(keys.confidentialKey && keys.previousConfidentialKey
        ? { previousConfidentialKey: wrapKey(primitives, kek, keys.previousConfidentialKey, slotAad(slotId, 'previousConfidentialKey')) }
        : {}),
      box: createSlotBox(primitives, kek, slotId),
    };
  } finally {
    zeroize(kek);
  }
}

export async function buildRecoverySlot(
  primitives: CryptoPrimitives,
  recoveryCode: string,
  keys: { databaseKey: Buffer; confidentialKey: Buffer | null },
  params: ScryptParams,
): Promise<Keyring['recovery']> {
  const { kek, kdf } = await deriveSlotKey(primitives, recoveryCode, params);
  try {
    return {
      kdf,
      databaseKey: wrapKey(primitives, kek, keys.databaseKey, slotAad('recovery', 'databaseKey')),
      confidentialKey: keys.confidentialKey ? wrapKey(primitives, kek, keys.confidentialKey, slotAad('recovery', 'confidentialKey')) : wrappedKeyFiller(),
      box: createSlotBox(primitives, kek, 'recovery'),
    };
  } finally {
    zeroize(kek);
  }
}

/**
 * A new, sealed keyring: the administrator's slot (database key only: administrators do not read
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
  const keyring: Keyring = { format: 'inson-keyring', version: 2, slots: [adminSlot], recovery, retired: [], mac: '' };
  return { keyring: sealKeyring(primitives, keyring, options.databaseKey), recoveryCode };
}

/** The slot and retired lists of either format, for the look-ups sign-in makes before it knows the format. */
export interface SlotDirectory {
  readonly slots: readonly { readonly userId: string; readonly username: string }[];
  readonly retired: readonly { readonly userId: string; readonly username: string }[];
}

export function findSlot<K extends SlotDirectory>(keyring: K, username: string): K['slots'][number] | undefined {
  return keyring.slots.find((slot) => sameUsername(slot.username, username));
}

export function isRetiredUsername(keyring: SlotDirectory, username: string): boolean {
  return keyring.retired.some((entry) => sameUsername(entry.username, username));
}

/**
 * The slot's current database key (a rotation's sealed one if there is one, else the wrapped one,
 * which is then zeroed or returned) and the key of a rotation still under way. A sealed key that
 * does not open (a box someone rewrote) leaves the wrapped key, which no longer opens a rotated
 * database: the owner is refused, and nobody else gains anything.
 */
function openRotatedKeys(
  primitives: CryptoPrimitives,
  kek: Buffer,
  slot: { box?: SlotBox | undefined; sealedDatabaseKey?: SealedKey | undefined },
  slotId: string,
  wrapped: Buffer,
  pending: SealedKey | undefined,
): { databaseKey: Buffer; pendingDatabaseKey: Buffer | null } {
  if (!slot.box || (!slot.sealedDatabaseKey && !pending)) return { databaseKey: wrapped, pendingDatabaseKey: null };
  const secret = openSlotBoxSecret(primitives, kek, slot.box, slotId);
  if (!secret) return { databaseKey: wrapped, pendingDatabaseKey: null };
  try {
    let databaseKey = wrapped;
    const sealed = slot.sealedDatabaseKey ? openSealedKey(primitives, secret, slot.box, slot.sealedDatabaseKey, slotId) : null;
    if (sealed) {
      zeroize(wrapped);
      databaseKey = sealed;
    }
    const pendingDatabaseKey = pending ? openSealedKey(primitives, secret, slot.box, pending, slotId) : null;
    return { databaseKey, pendingDatabaseKey };
  } finally {
    zeroize(secret);
  }
}

/** A slot-shaped decoy so an unknown username costs the same scrypt time as a known one. */
export const DECOY_SALT = toBase64(Buffer.alloc(16));

/**
 * Unwraps the slot of `username` with `password`; null for a wrong password or an unknown user
 * (the two take the same time, so timing does not reveal which usernames exist). The KEK is zeroed
 * before this returns.
 *
 * @example const unlocked = await unlockUserSlot(primitives, keyring, 'dilnoza', password);
 */
export async function unlockUserSlot(primitives: CryptoPrimitives, keyring: Keyring, username: string, password: string): Promise<UnlockedSlot | null> {
  const slot = findSlot(keyring, username);
  const decoy: ScryptKdf = { ...(keyring.slots[0]?.kdf ?? keyring.recovery.kdf), salt: DECOY_SALT };
  const { kek } = await deriveSlotKey(primitives, password, decoy, slot?.kdf ?? decoy);
  try {
    if (!slot) return null;
    const slotId = userSlotId(slot.userId);
    const wrapped = unwrapKey(primitives, kek, slot.databaseKey, slotAad(slotId, 'databaseKey'));
    if (!wrapped) return null;
    const { databaseKey, pendingDatabaseKey } = openRotatedKeys(primitives, kek, slot, slotId, wrapped, keyring.pendingRotation?.slots[slot.userId]);
    // A filler does not open: that is how a non-holder's slot reads.
    const confidentialKey = unwrapKey(primitives, kek, slot.confidentialKey, slotAad(slotId, 'confidentialKey'));
    const previousConfidentialKey =
      confidentialKey && slot.previousConfidentialKey ? unwrapKey(primitives, kek, slot.previousConfidentialKey, slotAad(slotId, 'previousConfidentialKey')) : null;
    const boxIntact = slot.box ? isSlotBoxIntact(primitives, kek, slot.box, slotId) : true;
    return { userId: slot.userId, username: slot.username, databaseKey, confidentialKey, previousConfidentialKey, pendingDatabaseKey, boxIntact };
  } finally {
    zeroize(kek);
  }
}

/**
 * Rewraps one slot under a password: a password change, or an in-person grant (the unlocked slot
 * then carries the confidential key the granter's session holds). A fresh salt and the current
 * cost, never the parameters found in the file. Only this slot changes.
 */
export async function rewrapUserSlot(
  primitives: CryptoPrimitives,
  keyring: Keyring,
  unlocked: UnlockedSlot,
  newPassword: string,
  params: ScryptParams,
): Promise<Keyring> {
  const slot = await buildUserSlot(primitives, { userId: unlocked.userId, username: unlocked.username, password: newPassword }, unlocked, params);
  if (!keyring.slots.some((existing) => existing.userId === unlocked.userId)) throw new Error('no slot for this account');
  return { ...keyring, slots: keyring.slots.map((existing) => (existing.userId === unlocked.userId ? slot : existing)) };
}

/**
 * Adds a slot for a new account, or replaces an account's slot when an administrator resets its
 * password. A replaced slot loses the confidential key (the administrator does not hold it): a
 * psychologist or supervisor grants it again, in person, once the owner has chosen her own password.
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

export interface RecoveryKeys {
  readonly databaseKey: Buffer;
  /** Null once a new confidential key replaced the one the recovery slot was made with (confidential-rotation.ts). */
  readonly confidentialKey: Buffer | null;
  readonly pendingDatabaseKey: Buffer | null;
}

/**
 * Unwraps the recovery slot with the printed code; null if the code is malformed or wrong.
 *
 * @example const keys = await unlockRecoverySlot(primitives, keyring, 'K7M2Q-9XH4D-…');
 */
export async function unlockRecoverySlot(
  primitives: CryptoPrimitives,
  keyring: Pick<Keyring, 'recovery' | 'pendingRotation'>,
  recoveryCode: string,
): Promise<RecoveryKeys | null> {
  const normalized = normalizeRecoveryCode(recoveryCode);
  if (!normalized) return null;
  const { kek } = await deriveSlotKey(primitives, normalized, keyring.recovery.kdf, keyring.recovery.kdf);
  const wrapped = unwrapKey(primitives, kek, keyring.recovery.databaseKey, slotAad('recovery', 'databaseKey'));
  if (wrapped) {
    const confidentialKey = unwrapKey(primitives, kek, keyring.recovery.confidentialKey, slotAad('recovery', 'confidentialKey'));
    const keys = openRotatedKeys(primitives, kek, keyring.recovery, 'recovery', wrapped, keyring.pendingRotation?.recovery);
    zeroize(kek);
    return { ...keys, confidentialKey };
  }
  zeroize(kek);
  return null;
}

/**
 * The clinical recovery slot for `confidentialKey` under a freshly printed code.
 *
 * @example keyring.clinicalRecovery = await buildClinicalRecovery(primitives, code, confidentialKey, keyId, params);
 */
export async function buildClinicalRecovery(primitives: CryptoPrimitives, code: string, confidentialKey: Buffer, keyId: string, params: ScryptParams): Promise<ClinicalRecovery> {
  const { kek, kdf } = await deriveSlotKey(primitives, code, params);
  try {
    return { kdf, confidentialKey: wrapKey(primitives, kek, confidentialKey, slotAad('clinicalRecovery', 'confidentialKey')), keyId };
  } finally {
    zeroize(kek);
  }
}

/** The confidential key from the clinical recovery slot; null when there is none, or the code is malformed or wrong. */
export async function unlockClinicalRecovery(primitives: CryptoPrimitives, keyring: Pick<Keyring, 'clinicalRecovery'>, code: string): Promise<Buffer | null> {
  const slot = keyring.clinicalRecovery;
  const normalized = normalizeRecoveryCode(code);
  if (!slot || !normalized) return null;
  const { kek } = await deriveSlotKey(primitives, normalized, slot.kdf, slot.kdf);
  try {
    return unwrapKey(primitives, kek, slot.confidentialKey, slotAad('clinicalRecovery', 'confidentialKey'));
  } finally {
    zeroize(kek);
  }
}
