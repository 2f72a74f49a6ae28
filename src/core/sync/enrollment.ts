import { syncError } from './sync.errors';
import type { ReadDb, WriteTx } from '../db/handles';
import type { PublishedKey } from './protocol/keys';
import type { SyncRegistryRow } from './sync.table';

/** The registry this center is enrolled with, as the sync code uses it. */
export interface Enrollment {
  readonly registryUrl: string;
  readonly centerId: string;
  readonly fingerprint: string;
  readonly rootKid: string;
  readonly rootPublicKey: Buffer;
  readonly trustedKeys: readonly PublishedKey[];
  readonly pseudonymKey: Buffer;
  readonly signingKid: string;
  readonly epoch: number;
  readonly row: SyncRegistryRow;
}

function toEnrollment(row: SyncRegistryRow): Enrollment {
  return {
    registryUrl: row.registry_url,
    centerId: row.center_id,
    fingerprint: row.fingerprint,
    rootKid: row.root_kid,
    rootPublicKey: Buffer.from(row.root_public_key, 'base64'),
    trustedKeys: JSON.parse(row.trusted_keys_json) as PublishedKey[],
    pseudonymKey: Buffer.from(row.pseudonym_key, 'base64'),
    signingKid: row.signing_kid,
    epoch: row.epoch,
    row,
  };
}

/** The enrollment, or null before the administrator enrolled the center. */
export async function findEnrollment(db: ReadDb | WriteTx): Promise<Enrollment | null> {
  const row = await db.selectFrom('sync_registry').selectAll().where('id', '=', 1).executeTakeFirst();
  return row === undefined ? null : toEnrollment(row);
}

/** The enrollment; NOT_ENROLLED-style CONFLICT before there is one. */
export async function requireEnrollment(db: ReadDb | WriteTx): Promise<Enrollment> {
  const enrollment = await findEnrollment(db);
  if (enrollment === null) throw syncError('CONFLICT', 'syncNotEnrolled');
  return enrollment;
}

/** The registry's trusted signing keys by kid (receipts are checked against these). */
export function registrySigningKeys(enrollment: Enrollment): Map<string, Buffer> {
  const keys = new Map<string, Buffer>([[enrollment.rootKid, enrollment.rootPublicKey]]);
  for (const key of enrollment.trustedKeys) if (key.use === 'sig') keys.set(key.kid, Buffer.from(key.publicKey, 'base64'));
  return keys;
}

/** The registry's newest trusted encryption key: what new batches are sealed to. */
export function registryEncryptionKey(enrollment: Enrollment): { readonly kid: string; readonly publicKey: Buffer } {
  const keys = enrollment.trustedKeys.filter((key) => key.use === 'enc').sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const newest = keys[0];
  if (newest === undefined) throw syncError('CONFLICT', 'syncNoRegistryKey');
  return { kid: newest.kid, publicKey: Buffer.from(newest.publicKey, 'base64') };
}
