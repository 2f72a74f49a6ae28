import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CryptoPrimitives } from '../core/crypto/primitives';
import { endorseKey, keyIdOf, registryFingerprint, type PublishedKey } from '../core/sync/protocol/keys';
import type { RegistryDatabase } from './registry.tables';

/**
 * The registry's keys, kept in its database (a pilot's choice: an agency would move the private
 * halves to an HSM). The first signing key is the root: its fingerprint is printed on enrollment
 * letters and pinned by centers. Every later key is endorsed by a signing key already published,
 * so a rotation reaches centers through `hello` without a new letter.
 */

type Db = Kysely<RegistryDatabase> | Transaction<RegistryDatabase>;

const PSEUDONYM_SECRET = 'pseudonymKey';

async function insertKey(trx: Db, crypto: CryptoPrimitives, use: 'sig' | 'enc', by: { kid: string; seed: Buffer } | null, now: Date): Promise<{ kid: string; seed: Buffer }> {
  const secret = randomBytes(32);
  const publicKey = use === 'sig' ? crypto.ed25519PublicKey(secret) : crypto.x25519PublicKey(secret);
  const createdAt = now.toISOString();
  const endorsed = by === null ? null : endorseKey(crypto, { use, publicKey, createdAt }, by).endorsement;
  const kid = keyIdOf(publicKey);
  await trx
    .insertInto('registry_keys')
    .values({ kid, use, public_key: publicKey.toString('base64'), private_key: secret.toString('base64'), created_at: createdAt, endorsement_by: endorsed?.by ?? null, endorsement_sig: endorsed?.sig ?? null })
    .execute();
  return { kid, seed: secret };
}

/**
 * Makes the root signing key, the first encryption key and the pseudonym key if the database has
 * none. Safe when two instances start at once (one transaction-scoped advisory lock).
 */
export async function ensureRegistryKeys(db: Kysely<RegistryDatabase>, crypto: CryptoPrimitives, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(4711)`.execute(trx);
    const existing = await trx.selectFrom('registry_keys').select('kid').limit(1).executeTakeFirst();
    if (existing !== undefined) return;
    const root = await insertKey(trx, crypto, 'sig', null, now);
    await insertKey(trx, crypto, 'enc', root, now);
    await trx.insertInto('registry_secrets').values({ name: PSEUDONYM_SECRET, value: randomBytes(32).toString('base64') }).execute();
  });
}

/**
 * Rotates: a new signing key endorsed by the current one, then a new encryption key endorsed by
 * the new signing key. Old keys stay (old batches still decrypt, old receipts still verify) but
 * are marked retired, so new receipts and new batches use the new ones.
 */
export async function rotateRegistryKeys(db: Kysely<RegistryDatabase>, crypto: CryptoPrimitives, now: Date): Promise<{ signingKid: string; encryptionKid: string }> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(4711)`.execute(trx);
    const current = await currentSigner(trx);
    const signing = await insertKey(trx, crypto, 'sig', current, now);
    const encryption = await insertKey(trx, crypto, 'enc', signing, now);
    await trx.updateTable('registry_keys').set({ retired_at: now.toISOString() }).where('kid', 'not in', [signing.kid, encryption.kid]).where('retired_at', 'is', null).execute();
    return { signingKid: signing.kid, encryptionKid: encryption.kid };
  });
}

/** The signing key receipts are signed with now: the newest one not retired. */
export async function currentSigner(db: Db): Promise<{ kid: string; seed: Buffer }> {
  const row = await db.selectFrom('registry_keys').select(['kid', 'private_key']).where('use', '=', 'sig').where('retired_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return { kid: row.kid, seed: Buffer.from(row.private_key, 'base64') };
}

/**
 * The root signing key with its private half: it vouches for centers' signing keys, so a verifier
 * offline needs nothing but the registry's root public key (the one on the enrollment letter).
 */
export async function rootSigner(db: Db): Promise<{ kid: string; seed: Buffer }> {
  const row = await db.selectFrom('registry_keys').select(['kid', 'private_key']).where('use', '=', 'sig').where('endorsement_by', 'is', null).executeTakeFirstOrThrow();
  return { kid: row.kid, seed: Buffer.from(row.private_key, 'base64') };
}

/** The root's statement about a center's signing key (`inson.key/1.0`, endorsed by the root). */
export async function vouchForCenterKey(db: Db, crypto: CryptoPrimitives, key: { readonly publicKey: string; readonly createdAt: string | Date }): Promise<PublishedKey> {
  return endorseKey(crypto, { use: 'sig', publicKey: Buffer.from(key.publicKey, 'base64'), createdAt: new Date(key.createdAt).toISOString() }, await rootSigner(db));
}

/** The private half of an encryption key by kid (retired ones too: old batches still open). */
export async function encryptionPrivateKey(db: Db, kid: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('registry_keys').select('private_key').where('kid', '=', kid).where('use', '=', 'enc').executeTakeFirst();
  return row === undefined ? undefined : Buffer.from(row.private_key, 'base64');
}

/** What `hello` publishes: every key not retired, the root included, with its endorsement. */
export async function publishedKeys(db: Db): Promise<PublishedKey[]> {
  const rows = await db.selectFrom('registry_keys').selectAll().where((eb) => eb.or([eb('retired_at', 'is', null), eb('endorsement_by', 'is', null)])).orderBy('created_at').execute();
  return rows.map((row) => ({
    kid: row.kid,
    use: row.use,
    publicKey: row.public_key,
    createdAt: new Date(row.created_at).toISOString(),
    endorsement: row.endorsement_by === null || row.endorsement_sig === null ? null : { by: row.endorsement_by, sig: row.endorsement_sig },
  }));
}

/** Every signing public key the registry ever had, by kid (to check a chain of endorsements). */
export async function allSigningKeys(db: Db): Promise<Map<string, Buffer>> {
  const rows = await db.selectFrom('registry_keys').select(['kid', 'public_key']).where('use', '=', 'sig').execute();
  return new Map(rows.map((row) => [row.kid, Buffer.from(row.public_key, 'base64')]));
}

/** The root signing key and its fingerprint, as the enrollment letter prints it. */
export async function registryIdentity(db: Db): Promise<{ rootKid: string; rootPublicKey: Buffer; fingerprint: string }> {
  const row = await db.selectFrom('registry_keys').select(['kid', 'public_key']).where('use', '=', 'sig').where('endorsement_by', 'is', null).executeTakeFirstOrThrow();
  const rootPublicKey = Buffer.from(row.public_key, 'base64');
  return { rootKid: row.kid, rootPublicKey, fingerprint: registryFingerprint(rootPublicKey) };
}

/** The pseudonym key centers fill pseudonyms with (and the registry keys identified PINFLs with). */
export async function pseudonymKey(db: Db): Promise<Buffer> {
  const row = await db.selectFrom('registry_secrets').select('value').where('name', '=', PSEUDONYM_SECRET).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}
