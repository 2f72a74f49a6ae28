import type { CoreServices } from '../api/context';
import type { CryptoPrimitives } from '../crypto/primitives';
import { ensureCenterSigningKey } from '../center/center-keys';
import { keepStatement } from './center-key';
import { findEnrollment, requireEnrollment } from './enrollment';
import { keyIdOf, registryFingerprint, trustedKeys } from './protocol/keys';
import { fetchHello, postEnroll } from './registry-client';
import { syncError } from './sync.errors';

/**
 * Enrollment (issue 12, item 2): with the one-time code and the registry's address from the
 * enrollment letter, the center registers its signing key and pins the registry's root key. The
 * fingerprint is returned (and shown) for comparison with the one printed on the letter; when the
 * administrator typed it, a different one refuses the enrollment before anything is sent.
 */

export interface EnrollInput {
  readonly registryUrl: string;
  readonly code: string;
  readonly fingerprint?: string;
}

function normalizedFingerprint(value: string): string {
  return value.toUpperCase().replace(/[^0-9A-F]/g, '');
}

/** @example const { centerId, fingerprint } = await enrollCenter({ core, crypto }, { registryUrl, code }); */
export async function enrollWithRegistry(deps: { readonly core: CoreServices; readonly crypto: CryptoPrimitives; readonly actorId?: string | null; readonly fetch?: typeof fetch }, input: EnrollInput): Promise<{ centerId: string; fingerprint: string }> {
  const { core, crypto } = deps;
  const db = core.store.require().db;
  if ((await findEnrollment(db)) !== null) throw syncError('CONFLICT', 'syncAlreadyEnrolled');
  const client = { baseUrl: input.registryUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  const hello = await fetchHello(client);
  if ('kind' in hello) throw syncError('CONFLICT', hello.reason === 'notRegistryAnswer' ? 'syncNotARegistry' : 'syncRegistryUnreachable');
  const root = hello.hello.keys.find((key) => key.use === 'sig' && key.endorsement === null);
  if (root === undefined) throw syncError('CONFLICT', 'syncNotARegistry');
  const rootPublicKey = Buffer.from(root.publicKey, 'base64');
  const trusted = trustedKeys(crypto, hello.hello.keys, new Map([[root.kid, rootPublicKey]]));
  if (!trusted.has(root.kid) || ![...trusted.values()].some((key) => key.use === 'enc')) throw syncError('CONFLICT', 'syncNotARegistry');
  const fingerprint = registryFingerprint(rootPublicKey);
  if (input.fingerprint !== undefined && input.fingerprint.trim() !== '' && normalizedFingerprint(input.fingerprint) !== normalizedFingerprint(fingerprint)) {
    throw syncError('CONFLICT', 'syncFingerprintMismatch', { fingerprint });
  }
  const center = await db.selectFrom('center').select('name').executeTakeFirstOrThrow();
  const signer = await core.write(deps.actorId ?? null, async (w) => {
    const key = await ensureCenterSigningKey(w.trx, w.now);
    await w.audit({ action: 'sync.signingKeyReady', entityType: 'centerKey', entityId: key.keyId });
    return key;
  });
  const enrolled = await postEnroll(client, { code: input.code.trim(), centerName: center.name, publicKey: signer.publicKey.toString('base64'), kid: keyIdOf(signer.publicKey) });
  if ('kind' in enrolled) {
    if (enrolled.kind === 'refused') throw syncError('CONFLICT', 'syncEnrollmentRefused', { registryReason: enrolled.reason });
    throw syncError('CONFLICT', 'syncRegistryUnreachable');
  }
  const keys = [...trustedKeys(crypto, enrolled.response.hello.keys, new Map([[root.kid, rootPublicKey]])).values()].map(({ raw: _raw, ...key }) => key);
  await core.write(deps.actorId ?? null, async (w) => {
    await w.trx
      .insertInto('sync_registry')
      .values({
        id: 1,
        registry_url: input.registryUrl,
        center_id: enrolled.response.centerId,
        fingerprint,
        root_kid: root.kid,
        root_public_key: root.publicKey,
        trusted_keys_json: JSON.stringify(keys),
        pseudonym_key: enrolled.response.pseudonymKey,
        signing_kid: signer.keyId,
        enrolled_at: w.now.toISOString(),
        last_contact_at: w.now.toISOString(),
      })
      .execute();
    await w.audit({ action: 'sync.enroll', entityType: 'syncRegistry', entityId: enrolled.response.centerId, details: { rootKid: root.kid } });
  });
  // The registry's word about our key, for certificates; a registry that gave none is asked again at upload.
  if (enrolled.response.centerKey !== undefined) await keepStatement(deps, enrolled.response.centerKey, signer, await requireEnrollment(db));
  return { centerId: enrolled.response.centerId, fingerprint };
}
