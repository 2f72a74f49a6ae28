import { AppError } from '../api/errors';
import type { CoreServices } from '../api/context';
import type { Session } from '../api/session';
import { openConfidential, requireConfidentialKey, sealConfidential } from '../auth/key-access';
import type { ConfidentialColumnSpec } from '../crypto/confidential-columns';
import { counselingError } from './counseling.errors';

/**
 * Where counseling keeps confidential values, and the only way it seals and opens them
 * (`sealConfidential` / `openConfidential` with the row's id, the column's name and the row's
 * version, or 1 for tables whose rows are written once).
 */
export const SESSION_SEALED = ['note', 'progress', 'signature_salt', 'void_reason'] as const;
export type SessionSecrets = Readonly<Record<(typeof SESSION_SEALED)[number], string>>;

/** Every confidential column of the domain, for the manifest (the re-encryption job walks these). */
export const COUNSELING_CONFIDENTIAL_COLUMNS: readonly ConfidentialColumnSpec[] = [
  { table: 'counseling_sessions', idColumn: 'id', versionColumn: 'version', fields: SESSION_SEALED },
  { table: 'counseling_addenda', idColumn: 'id', versionColumn: null, fields: ['text', 'signature_salt'] },
  { table: 'counseling_emergency_access', idColumn: 'id', versionColumn: null, fields: ['reason'] },
  { table: 'counseling_intake_assessments', idColumn: 'id', versionColumn: null, fields: ['content'] },
  { table: 'counseling_risk_assessments', idColumn: 'id', versionColumn: null, fields: ['answers'] },
  { table: 'counseling_safety_plans', idColumn: 'id', versionColumn: null, fields: ['content'] },
];

/** The session and core a counseling call acts with. */
export interface KeyHolder {
  readonly core: CoreServices;
  readonly session: Session;
}

/** FORBIDDEN (`noConfidentialKey`) unless the session unwrapped the confidential key. */
export function assertHoldsConfidentialKey(holder: KeyHolder): void {
  requireConfidentialKey(holder.core, holder.session);
}

/** Seals one value of a write-once row (its location's version is 1). */
export function sealOnce(holder: KeyHolder, recordId: string, field: string, plaintext: string): string {
  return sealConfidential(holder.core, holder.session, { recordId, field, version: 1 }, plaintext);
}

/**
 * Opens one value; a value altered, moved to another row or field, or under an unknown key is
 * FORBIDDEN (`recordUnreadable`), never garbled text.
 */
export function openValue(holder: KeyHolder, recordId: string, field: string, version: number, stored: string): string {
  assertHoldsConfidentialKey(holder);
  try {
    return openConfidential(holder.core, holder.session, { recordId, field, version }, stored);
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') throw counselingError('FORBIDDEN', 'recordUnreadable', { id: recordId, field });
    throw error;
  }
}

export function openOnce(holder: KeyHolder, recordId: string, field: string, stored: string): string {
  return openValue(holder, recordId, field, 1, stored);
}

/** Seals a session's confidential fields for one version of the row. */
export function sealSessionSecrets(holder: KeyHolder, id: string, version: number, secrets: SessionSecrets): SessionSecrets {
  const sealed = (field: (typeof SESSION_SEALED)[number]) => sealConfidential(holder.core, holder.session, { recordId: id, field, version }, secrets[field]);
  return { note: sealed('note'), progress: sealed('progress'), signature_salt: sealed('signature_salt'), void_reason: sealed('void_reason') };
}

/** Opens a session row's confidential fields (FORBIDDEN `recordUnreadable` if any was altered). */
export function openSessionSecrets(holder: KeyHolder, row: { readonly id: string; readonly version: number } & SessionSecrets): SessionSecrets {
  const open = (field: (typeof SESSION_SEALED)[number]) => openValue(holder, row.id, field, row.version, row[field]);
  return { note: open('note'), progress: open('progress'), signature_salt: open('signature_salt'), void_reason: open('void_reason') };
}
