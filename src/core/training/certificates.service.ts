import { centerPublicKeys, keyStatements, verifyCenterSignature } from '../center/center-keys';
import { nodeCryptoPrimitives } from '../crypto/primitives';
import type { ReadDb } from '../db/handles';
import { findEnrollment } from '../sync/enrollment';
import { trustedKeys } from '../sync/protocol/keys';
import { parseQrText, type CertificatePayload } from './certificate-payload';
import { toCertificate } from './completion.service';
import { trainingError } from './training.errors';
import type { Certificate } from './training.schema';

/** Reading and checking certificates. */

export async function getCertificate(db: ReadDb, number: string): Promise<Certificate> {
  const row = await db.selectFrom('training_certificates').selectAll().where('number', '=', number).executeTakeFirst();
  if (row === undefined) throw trainingError('NOT_FOUND', 'certificate', { number });
  return toCertificate(row, await keyStatements(db));
}

export async function listCertificatesOfCohort(db: ReadDb, cohortId: string): Promise<Certificate[]> {
  const rows = await db
    .selectFrom('training_certificates')
    .innerJoin('training_enrollments', 'training_enrollments.id', 'training_certificates.enrollment_id')
    .selectAll('training_certificates')
    .where('training_enrollments.cohort_id', '=', cohortId)
    .orderBy('training_certificates.seq')
    .execute();
  const statements = await keyStatements(db);
  return rows.map((row) => toCertificate(row, statements));
}

export type CertificateCheck =
  | { readonly status: 'valid'; readonly payload: CertificatePayload; readonly isIssuedHere: boolean; readonly vouchedBy: 'thisCenter' | 'registry' }
  | { readonly status: 'forged' | 'unknownKey' | 'malformed' };

/**
 * `training.verifyCertificate`: a scanned QR text is `valid` when its signature checks against one
 * of the keys this center signs with, or against the key the registry's root vouches for in the
 * code itself (a certificate from another center, checked with the registry's root key this
 * center pinned at enrollment); `forged` when a signature does not match (a changed letter in the
 * payload or in the registry's statement); `unknownKey` when signed by a key neither this center
 * nor its registry vouches for. Needs no connection.
 */
export async function verifyCertificate(db: ReadDb, qrText: string): Promise<CertificateCheck> {
  const parsed = parseQrText(qrText);
  if (!parsed.ok) return { status: 'malformed' };
  const own = (await centerPublicKeys(db)).get(parsed.payload.kid);
  const enrollment = await findEnrollment(db);
  let vouched: Buffer | undefined;
  if (parsed.statement !== null && enrollment !== null) {
    if (parsed.statement.endorsement?.by !== enrollment.rootKid) {
      if (own === undefined) return { status: 'unknownKey' };
    } else {
      const trusted = trustedKeys(nodeCryptoPrimitives, [parsed.statement], new Map([[enrollment.rootKid, enrollment.rootPublicKey]]));
      vouched = trusted.get(parsed.statement.kid)?.raw;
      if (vouched === undefined) return { status: 'forged' };
    }
  }
  const publicKey = own ?? vouched;
  if (publicKey === undefined) return { status: 'unknownKey' };
  if (!verifyCenterSignature(publicKey, parsed.payloadBytes, parsed.signature)) return { status: 'forged' };
  const stored = own === undefined ? undefined : await db.selectFrom('training_certificates').select(['payload']).where('number', '=', parsed.payload.n).executeTakeFirst();
  return { status: 'valid', payload: parsed.payload, isIssuedHere: stored?.payload === parsed.payloadBytes.toString('base64url'), vouchedBy: own === undefined ? 'registry' : 'thisCenter' };
}
