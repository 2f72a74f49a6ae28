import type { CoreServices } from '../api/context';
import type { CryptoPrimitives } from '../crypto/primitives';
import { currentCenterSigningKey, keyStatements, newCenterSigningKey, storeCenterSigningKey, storeKeyStatement, type CenterPublicKey } from '../center/center-keys';
import { requireEnrollment, type Enrollment } from './enrollment';
import { endorseKey, publishedKeySchema, trustedKeys, type PublishedKey } from './protocol/keys';
import { postCenterKey, type RegistryClientOptions } from './registry-client';
import { syncError } from './sync.errors';

/**
 * The center's signing key at the registry (issue 12, item 2; issue 11, certificates):
 * - rotation: a new key, endorsed by the current one, registered with the registry, and only then
 *   stored as the one that signs. Batches sealed under the old key still verify there (the
 *   registry keeps every key a center registered), and old certificates still verify here.
 * - the registry's statement: for each key the registry registers, its root key signs a
 *   statement; certificates carry it, so a verifier holding only the registry's root public key
 *   checks a certificate offline, whichever center issued it.
 */

export interface KeyDeps {
  readonly core: CoreServices;
  readonly crypto: CryptoPrimitives;
  readonly actorId?: string | null;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

function clientOf(deps: KeyDeps, enrollment: Enrollment): RegistryClientOptions {
  return { baseUrl: enrollment.registryUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) };
}

/**
 * The statement, if it is the registry root's word about exactly this key; null for anything else
 * (another key, another use, another signer, a signature that does not verify).
 */
export function checkedStatement(crypto: CryptoPrimitives, statement: unknown, key: CenterPublicKey, root: { readonly kid: string; readonly publicKey: Buffer }): PublishedKey | null {
  const parsed = publishedKeySchema.safeParse(statement);
  if (!parsed.success) return null;
  const candidate = parsed.data;
  if (candidate.kid !== key.keyId || candidate.use !== 'sig' || candidate.endorsement?.by !== root.kid || !Buffer.from(candidate.publicKey, 'base64').equals(key.publicKey)) return null;
  return trustedKeys(crypto, [candidate], new Map([[root.kid, root.publicKey]])).has(candidate.kid) ? candidate : null;
}

const rootOf = (enrollment: Enrollment) => ({ kid: enrollment.rootKid, publicKey: enrollment.rootPublicKey });

/**
 * `sync.rotateKey`: a new signing key. Nothing changes here until the registry took the new key:
 * if the answer is lost, the old key keeps signing and a second rotation is as good.
 *
 * @example const { kid, previousKid } = await rotateCenterKey({ core, crypto, actorId });
 */
export async function rotateCenterKey(deps: KeyDeps): Promise<{ kid: string; previousKid: string }> {
  const { core, crypto } = deps;
  const db = core.store.require().db;
  const enrollment = await requireEnrollment(db);
  const current = await currentCenterSigningKey(db);
  if (current === null) throw syncError('CONFLICT', 'syncNotEnrolled');
  const next = newCenterSigningKey();
  const published = endorseKey(crypto, { use: 'sig', publicKey: next.publicKey, createdAt: core.now().toISOString() }, { kid: current.keyId, seed: current.seed });
  const answer = await postCenterKey(clientOf(deps, enrollment), enrollment.centerId, published);
  if ('kind' in answer) throw answer.kind === 'refused' ? syncError('CONFLICT', 'syncKeyRefused', { registryReason: answer.reason }) : syncError('CONFLICT', 'syncRegistryUnreachable');
  const statement = checkedStatement(crypto, answer.response.centerKey, next, rootOf(enrollment));
  if (statement === null) throw syncError('CONFLICT', 'syncNotARegistry');
  await core.write(deps.actorId ?? null, async (w) => {
    await storeCenterSigningKey(w.trx, next, w.now);
    await storeKeyStatement(w.trx, statement, w.now);
    await w.trx.updateTable('sync_registry').set({ signing_kid: next.keyId }).where('id', '=', 1).execute();
    await w.audit({ action: 'sync.rotateKey', entityType: 'centerKey', entityId: next.keyId, details: { previousKid: current.keyId } });
  });
  return { kid: next.keyId, previousKid: current.keyId };
}

/**
 * Keeps a statement the registry gave (at enrollment), when it is the root's word about our key;
 * anything else is left out (a certificate then carries no statement, as before enrollment).
 */
export async function keepStatement(deps: KeyDeps, statement: unknown, key: CenterPublicKey, enrollment: Enrollment): Promise<boolean> {
  const checked = checkedStatement(deps.crypto, statement, key, rootOf(enrollment));
  if (checked === null) return false;
  await deps.core.write(deps.actorId ?? null, async (w) => {
    await storeKeyStatement(w.trx, checked, w.now);
    await w.audit({ action: 'sync.keyStatement', entityType: 'centerKey', entityId: checked.kid });
  });
  return true;
}

/**
 * During an upload round: a current key without the registry's statement (a center enrolled before
 * statements existed, or an answer lost) posts it again, which the registry answers with one.
 * Best effort: a failure here fails nothing; the next round asks again.
 */
export async function fetchMissingStatement(deps: KeyDeps, enrollment: Enrollment): Promise<void> {
  const db = deps.core.store.require().db;
  const current = await currentCenterSigningKey(db);
  if (current === null || (await keyStatements(db)).has(current.keyId)) return;
  const registered: PublishedKey = { kid: current.keyId, use: 'sig', publicKey: current.publicKey.toString('base64'), createdAt: current.createdAt, endorsement: null };
  const answer = await postCenterKey(clientOf(deps, enrollment), enrollment.centerId, registered);
  if ('kind' in answer) return;
  await keepStatement(deps, answer.response.centerKey, current, enrollment);
}
