import { centerPublicKeys, verifyCenterSignature } from '../center/center-keys';
import type { ReadDb } from '../db/handles';
import { parseQrText, type CertificatePayload } from './certificate-payload';
import { toCertificate } from './completion.service';
import { trainingError } from './training.errors';
import type { Certificate } from './training.schema';

/** Reading and checking certificates. */

export async function getCertificate(db: ReadDb, number: string): Promise<Certificate> {
  const row = await db.selectFrom('training_certificates').selectAll().where('number', '=', number).executeTakeFirst();
  if (row === undefined) throw trainingError('NOT_FOUND', 'certificate', { number });
  return toCertificate(row);
}

export async function listCertificatesOfCohort(db: ReadDb, cohortId: string): Promise<Certificate[]> {
  const rows = await db
    .selectFrom('training_certificates')
    .innerJoin('training_enrollments', 'training_enrollments.id', 'training_certificates.enrollment_id')
    .selectAll('training_certificates')
    .where('training_enrollments.cohort_id', '=', cohortId)
    .orderBy('training_certificates.seq')
    .execute();
  return rows.map(toCertificate);
}

export type CertificateCheck =
  | { readonly status: 'valid'; readonly payload: CertificatePayload; readonly isIssuedHere: boolean }
  | { readonly status: 'forged' | 'unknownKey' | 'malformed' };

/**
 * `training.verifyCertificate`: a scanned QR text is `valid` when its signature checks against one
 * of the keys this center signs with (the registry's list of center keys, once it exists, is the
 * same check elsewhere); `forged` when the signature does not match the payload (a changed letter);
 * `unknownKey` when signed by a key this center does not know. Needs no connection.
 */
export async function verifyCertificate(db: ReadDb, qrText: string): Promise<CertificateCheck> {
  const parsed = parseQrText(qrText);
  if (!parsed.ok) return { status: 'malformed' };
  const publicKey = (await centerPublicKeys(db)).get(parsed.payload.kid);
  if (publicKey === undefined) return { status: 'unknownKey' };
  if (!verifyCenterSignature(publicKey, parsed.payloadBytes, parsed.signature)) return { status: 'forged' };
  const stored = await db.selectFrom('training_certificates').select(['payload']).where('number', '=', parsed.payload.n).executeTakeFirst();
  return { status: 'valid', payload: parsed.payload, isIssuedHere: stored?.payload === parsed.payloadBytes.toString('base64url') };
}
