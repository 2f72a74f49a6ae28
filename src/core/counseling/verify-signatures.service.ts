import { AppError } from '../api/errors';
import type { CounselingCall } from './counseling.call';
import { listAllAddendumRows, listSignedSessionRows } from './counseling.repository';
import { assertHoldsConfidentialKey, openOnce, openSessionSecrets } from './counseling.sealed';
import { addendumSignatureHash, countersignatureHash } from './counseling.signature';
import { isSessionSignatureValid, SESSION_ENTITY } from './sessions.service';

/**
 * `counseling.verify`, in a key holder's session: recomputes the hash of every signed session,
 * countersignature and addendum from the plaintext. A record whose hash no longer matches, or
 * whose sealed value no longer opens, is named. (Without the key, `cli verify`'s row digests are
 * what name a row edited behind the application's back; they cannot recompute these hashes.)
 */

export interface SignatureFinding {
  readonly entityType: 'counselingSession' | 'counselingAddendum';
  readonly id: string;
  readonly problem: 'signatureMismatch' | 'countersignatureMismatch' | 'unreadable';
}

export interface SignatureReport {
  readonly ok: boolean;
  readonly sessionsChecked: number;
  readonly addendaChecked: number;
  readonly findings: readonly SignatureFinding[];
}

function isUnreadable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'FORBIDDEN' && error.details?.['reason'] === 'recordUnreadable';
}

/** @example const report = await verifySignatures(call); if (!report.ok) show(report.findings); */
export async function verifySignatures(call: CounselingCall): Promise<SignatureReport> {
  assertHoldsConfidentialKey(call);
  const findings: SignatureFinding[] = [];
  const sessions = await listSignedSessionRows(call.db);
  for (const row of sessions) {
    try {
      const secrets = openSessionSecrets(call, row);
      if (isSessionSignatureValid(row, secrets) !== true) findings.push({ entityType: SESSION_ENTITY, id: row.id, problem: 'signatureMismatch' });
      else if (row.countersigned_by !== null && row.countersigned_at !== null && row.signature_hash !== null) {
        const expected = countersignatureHash({ sessionId: row.id, signatureHash: row.signature_hash, countersignedBy: row.countersigned_by, countersignedAt: row.countersigned_at });
        if (expected !== row.countersignature_hash) findings.push({ entityType: SESSION_ENTITY, id: row.id, problem: 'countersignatureMismatch' });
      }
    } catch (error) {
      if (!isUnreadable(error)) throw error;
      findings.push({ entityType: SESSION_ENTITY, id: row.id, problem: 'unreadable' });
    }
  }
  const addenda = await listAllAddendumRows(call.db);
  for (const row of addenda) {
    try {
      const text = openOnce(call, row.id, 'text', row.text);
      const salt = openOnce(call, row.id, 'signature_salt', row.signature_salt);
      if (addendumSignatureHash({ id: row.id, sessionId: row.session_id, authorId: row.author_id, createdAt: row.created_at, text, salt }) !== row.signature_hash) {
        findings.push({ entityType: 'counselingAddendum', id: row.id, problem: 'signatureMismatch' });
      }
    } catch (error) {
      if (!isUnreadable(error)) throw error;
      findings.push({ entityType: 'counselingAddendum', id: row.id, problem: 'unreadable' });
    }
  }
  await call.write((w) =>
    w.audit({ action: 'counseling.verify', entityType: SESSION_ENTITY, entityId: null, details: { sessions: sessions.length, addenda: addenda.length, findings: findings.length } }),
  );
  return { ok: findings.length === 0, sessionsChecked: sessions.length, addendaChecked: addenda.length, findings };
}
