import { AppError } from '../api/errors';
import { localCalendarDate } from '../calendar/calendar';
import { requireClient } from '../clients/clients.guards';
import { newId } from '../db/ids';
import { findStaffDisplayNames } from '../staff/staff.repository';
import type { CounselingCall } from './counseling.call';
import { counselingError } from './counseling.errors';
import { COUNSELING_SESSION_OUTBOX } from './counseling.outbox';
import { clientContentAccess, isAuthorOrSupervisor, sessionContentAccess, type ContentAccess } from './counseling.policy';
import { findActiveEmergencyAccess, findSessionRow, listAddendumRows, listSessionRowsForClient, sessionClientIds, updateSessionRow } from './counseling.repository';
import type { ConcernCode, InterventionCode } from './counseling.schema';
import { assertHoldsConfidentialKey, openOnce, openSessionSecrets, sealOnce, sealSessionSecrets } from './counseling.sealed';
import { addendumSignatureHash, countersignatureHash, newSignatureSalt } from './counseling.signature';
import type { AddendumRow, SessionRow } from './counseling.table';
import { isSessionSignatureValid, SESSION_ENTITY, type SavedSession } from './sessions.service';

/**
 * Reading sessions (every read of content audited at once, in its own write, before the answer
 * leaves), the list on a client's record, addenda, countersignatures and voids.
 */

export interface AddendumView {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly createdAt: string;
  readonly text: string;
  readonly signatureValid: boolean;
}

export interface SessionView {
  readonly id: string;
  readonly version: number;
  readonly status: SessionRow['status'];
  readonly psychologistId: string;
  /** Staff names by id for the psychologist, signer, countersigner, voider and addenda authors. */
  readonly staffNames: Readonly<Record<string, string>>;
  /** The session's clients the reader may see (a group session's others stay hidden from an assigned psychologist). */
  readonly clientIds: readonly string[];
  readonly startedAt: string;
  readonly kind: SessionRow['kind'];
  readonly form: SessionRow['form'];
  readonly durationMinutes: number;
  readonly concerns: readonly ConcernCode[];
  readonly interventions: readonly InterventionCode[];
  readonly nextAppointmentAt: string | null;
  readonly sensitivity: SessionRow['sensitivity'];
  readonly riskLevel: SessionRow['risk_level'];
  readonly note: string;
  readonly progress: string;
  readonly signedBy: string | null;
  readonly signedAt: string | null;
  /** Whether the signed content still matches its hash; null while a draft. */
  readonly signatureValid: boolean | null;
  /** The stored hash of the signed content (hex), shown with the signature. */
  readonly signatureHash: string | null;
  readonly countersignedBy: string | null;
  readonly countersignedAt: string | null;
  readonly voidedBy: string | null;
  readonly voidedAt: string | null;
  readonly voidReason: string | null;
  readonly addenda: readonly AddendumView[];
  /** How the reader reached it: `emergency` means through a broken glass. */
  readonly access: ContentAccess['via'];
  readonly createdAt: string;
  readonly updatedAt: string;
}

function openAddendum(call: CounselingCall, row: AddendumRow): Omit<AddendumView, 'authorName'> {
  const text = openOnce(call, row.id, 'text', row.text);
  const salt = openOnce(call, row.id, 'signature_salt', row.signature_salt);
  const hash = addendumSignatureHash({ id: row.id, sessionId: row.session_id, authorId: row.author_id, createdAt: row.created_at, text, salt });
  return { id: row.id, authorId: row.author_id, createdAt: row.created_at, text, signatureValid: hash === row.signature_hash };
}

async function requireReadableSession(call: CounselingCall, id: string): Promise<{ row: SessionRow; clientIds: string[]; access: ContentAccess; visibleClientIds: readonly string[] }> {
  assertHoldsConfidentialKey(call);
  const row = await findSessionRow(call.db, id);
  if (row === null) throw counselingError('NOT_FOUND', 'session', { id });
  const clientIds = await sessionClientIds(call.db, id);
  const allowed = await sessionContentAccess(call.db, call.actor, row, clientIds, call.now);
  if (allowed === null) {
    throw row.sensitivity === 'restricted' && call.actor.role === 'psychologist' ? counselingError('FORBIDDEN', 'restrictedSession') : counselingError('FORBIDDEN', 'notAssignedToClient');
  }
  return { row, clientIds, access: allowed.access, visibleClientIds: allowed.visibleClientIds };
}

/**
 * Runs a read of sealed values; an altered value is audited (`counseling.recordUnreadable`) and
 * answered with FORBIDDEN `recordUnreadable`, never garbled text.
 */
export async function openAudited<T>(call: CounselingCall, entity: { readonly entityType: string; readonly entityId: string }, open: () => T): Promise<T> {
  try {
    return open();
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN' && error.details?.['reason'] === 'recordUnreadable') {
      await call.write((w) => w.audit({ action: 'counseling.recordUnreadable', ...entity, details: { field: String(error.details?.['field'] ?? '') } }));
    }
    throw error;
  }
}

/** Writes the read's audit event (ids and how it was reached, never content). */
export async function auditContentRead(call: CounselingCall, entity: { readonly entityType: string; readonly entityId: string }, via: string, access: ContentAccess): Promise<void> {
  await call.write((w) =>
    w.audit({
      action: 'counseling.read',
      ...entity,
      details: { via, access: access.via, ...(access.via === 'emergency' ? { emergencyAccessId: access.emergencyAccessId } : {}) },
    }),
  );
}

/**
 * `counseling.getSession`: the whole session with its addenda, for a reader allowed to see it,
 * the signature checked on the way. FORBIDDEN for everyone else.
 *
 * @example const session = await getSession(call, id); if (session.signatureValid === false) warn();
 */
export async function getSession(call: CounselingCall, id: string): Promise<SessionView> {
  const { row, access, visibleClientIds } = await requireReadableSession(call, id);
  const entity = { entityType: SESSION_ENTITY, entityId: row.id };
  const addendumRows = await listAddendumRows(call.db, row.id);
  const { secrets, addenda } = await openAudited(call, entity, () => ({ secrets: openSessionSecrets(call, row), addenda: addendumRows.map((addendum) => openAddendum(call, addendum)) }));
  await auditContentRead(call, entity, 'counseling.getSession', access);
  const staffIds = [row.psychologist_id, row.signed_by, row.countersigned_by, row.voided_by, ...addenda.map((addendum) => addendum.authorId)].filter((id): id is string => id !== null);
  const staffNames = await findStaffDisplayNames(call.db, staffIds);
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    psychologistId: row.psychologist_id,
    staffNames,
    clientIds: visibleClientIds,
    startedAt: row.started_at,
    kind: row.kind,
    form: row.form,
    durationMinutes: row.duration_minutes,
    concerns: JSON.parse(row.concerns_json) as ConcernCode[],
    interventions: JSON.parse(row.interventions_json) as InterventionCode[],
    nextAppointmentAt: row.next_appointment_at,
    sensitivity: row.sensitivity,
    riskLevel: row.risk_level,
    note: secrets.note,
    progress: secrets.progress,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    signatureValid: isSessionSignatureValid(row, secrets),
    signatureHash: row.signature_hash,
    countersignedBy: row.countersigned_by,
    countersignedAt: row.countersigned_at,
    voidedBy: row.voided_by,
    voidedAt: row.voided_at,
    voidReason: row.status === 'voided' ? secrets.void_reason : null,
    addenda: addenda.map((addendum) => ({ ...addendum, authorName: staffNames[addendum.authorId] ?? '' })),
    access: access.via,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What everyone may know of a session: that it took place, when, and with whom. */
export interface SessionOccurrence {
  readonly date: string;
  readonly psychologistId: string;
  readonly psychologistName: string;
}

/** A session on the client's record for a reader of content: metadata, never the note. */
export interface SessionListItem extends SessionOccurrence {
  readonly id: string;
  readonly version: number;
  readonly startedAt: string;
  readonly status: SessionRow['status'];
  readonly kind: SessionRow['kind'];
  readonly form: SessionRow['form'];
  readonly durationMinutes: number;
  readonly sensitivity: SessionRow['sensitivity'];
  readonly riskLevel: SessionRow['risk_level'];
  readonly isCountersigned: boolean;
  readonly addendumCount: number;
}

export type SessionListEntry = ({ readonly isReadable: true } & SessionListItem) | ({ readonly isReadable: false } & SessionOccurrence);

/**
 * How the reader may open this client's counseling content: null for a role that never may, or a
 * psychologist who is not assigned (she may break the glass); `emergency` says until when.
 */
export type ClientCounselingAccess = { readonly via: 'supervisor' | 'assigned' } | { readonly via: 'emergency'; readonly expiresAt: string };

async function clientAccessOf(call: CounselingCall, clientId: string): Promise<ClientCounselingAccess | null> {
  const access = await clientContentAccess(call.db, call.actor, clientId, call.now);
  if (access === null || access.via === 'author') return null;
  if (access.via !== 'emergency') return { via: access.via };
  const emergency = await findActiveEmergencyAccess(call.db, call.actor.userId, clientId, call.now.toISOString());
  return emergency ? { via: 'emergency', expiresAt: emergency.expires_at } : null;
}

/**
 * `counseling.listForClient`: the client's sessions, newest first. A reader of a session gets its
 * metadata (no content: reading is `getSession`); everyone else only the date and the
 * psychologist. Voided sessions are listed to supervisors only.
 */
export async function listSessionsForClient(
  call: CounselingCall,
  clientId: string,
): Promise<{ items: SessionListEntry[]; access: ClientCounselingAccess | null; holdsKey: boolean }> {
  await requireClient(call.db, clientId);
  const holdsKey = call.core.auth.confidentialKeyOf(call.session) !== null;
  const items: SessionListEntry[] = [];
  for (const row of await listSessionRowsForClient(call.db, clientId)) {
    if (row.status === 'voided' && call.actor.role !== 'supervisor') continue;
    const occurrence: SessionOccurrence = { date: localCalendarDate(new Date(row.started_at)), psychologistId: row.psychologist_id, psychologistName: row.psychologist_name };
    const isReadable = holdsKey && (await sessionContentAccess(call.db, call.actor, row, [clientId], call.now)) !== null;
    if (!isReadable) {
      items.push({ isReadable: false, ...occurrence });
      continue;
    }
    items.push({
      isReadable: true,
      ...occurrence,
      id: row.id,
      version: row.version,
      startedAt: row.started_at,
      status: row.status,
      kind: row.kind,
      form: row.form,
      durationMinutes: row.duration_minutes,
      sensitivity: row.sensitivity,
      riskLevel: row.risk_level,
      isCountersigned: row.countersigned_at !== null,
      addendumCount: (await listAddendumRows(call.db, row.id)).length,
    });
  }
  return { items, access: holdsKey ? await clientAccessOf(call, clientId) : null, holdsKey };
}

/**
 * `counseling.addAddendum`: a correction or later remark on a signed session, by its author or a
 * supervisor, with its own hash; the session itself stays as signed.
 *
 * @example await addAddendum(call, { sessionId, text: 'The date of the next visit was 12 March, not 12 May.' });
 */
export async function addAddendum(call: CounselingCall, input: { readonly sessionId: string; readonly text: string }): Promise<{ id: string }> {
  const { row } = await requireReadableSession(call, input.sessionId);
  if (!isAuthorOrSupervisor(call.actor, row)) throw counselingError('FORBIDDEN', 'notSessionAuthor');
  if (row.status === 'draft') throw counselingError('CONFLICT', 'sessionNotSigned');
  if (row.status === 'voided') throw counselingError('CONFLICT', 'sessionVoided', { id: row.id });
  return call.write(async (w) => {
    const id = newId(w.now.getTime());
    const createdAt = w.now.toISOString();
    const salt = newSignatureSalt();
    await w.trx
      .insertInto('counseling_addenda')
      .values({
        id,
        session_id: row.id,
        author_id: call.actor.userId,
        created_at: createdAt,
        text: sealOnce(call, id, 'text', input.text),
        signature_salt: sealOnce(call, id, 'signature_salt', salt),
        signature_hash: addendumSignatureHash({ id, sessionId: row.id, authorId: call.actor.userId, createdAt, text: input.text, salt }),
      })
      .execute();
    await w.audit({ action: 'counseling.addAddendum', entityType: SESSION_ENTITY, entityId: row.id, details: { addendumId: id } });
    return { id };
  });
}

/**
 * `counseling.countersign`: a supervisor countersigns another's signed session, after checking
 * that its signature still holds.
 */
export async function countersignSession(call: CounselingCall, input: { readonly id: string; readonly expectedVersion: number }): Promise<SavedSession> {
  const { row } = await requireReadableSession(call, input.id);
  if (row.status === 'draft') throw counselingError('CONFLICT', 'sessionNotSigned');
  if (row.status === 'voided') throw counselingError('CONFLICT', 'sessionVoided', { id: row.id });
  if (row.countersigned_at !== null) throw counselingError('CONFLICT', 'alreadyCountersigned');
  if (row.psychologist_id === call.actor.userId) throw counselingError('CONFLICT', 'countersignOwnSession');
  if (row.version !== input.expectedVersion) throw counselingError('CONFLICT', 'sessionChangedMeanwhile', { id: row.id, version: row.version });
  const secrets = await openAudited(call, { entityType: SESSION_ENTITY, entityId: row.id }, () => openSessionSecrets(call, row));
  if (isSessionSignatureValid(row, secrets) !== true || row.signature_hash === null) throw counselingError('CONFLICT', 'signatureMismatch', { id: row.id });
  const signatureHash = row.signature_hash;
  return call.write(async (w) => {
    const at = w.now.toISOString();
    const version = row.version + 1;
    const isUpdated = await updateSessionRow(w.trx, row.id, row.version, {
      countersigned_by: call.actor.userId,
      countersigned_at: at,
      countersignature_hash: countersignatureHash({ sessionId: row.id, signatureHash, countersignedBy: call.actor.userId, countersignedAt: at }),
      ...sealSessionSecrets(call, row.id, version, secrets),
      version,
      updated_at: at,
    });
    if (!isUpdated) throw counselingError('CONFLICT', 'sessionChangedMeanwhile', { id: row.id });
    await w.audit({ action: 'counseling.countersign', entityType: SESSION_ENTITY, entityId: row.id, details: { version } });
    return { id: row.id, version };
  });
}

/**
 * `counseling.void`: a session recorded in error (the wrong client, say) is voided with a reason
 * by its author or a supervisor. Nothing is deleted; supervisors still see it; the registry is
 * told it no longer counts.
 */
export async function voidSession(call: CounselingCall, input: { readonly id: string; readonly reason: string }): Promise<SavedSession> {
  const { row, clientIds } = await requireReadableSession(call, input.id);
  if (!isAuthorOrSupervisor(call.actor, row)) throw counselingError('FORBIDDEN', 'notSessionAuthor');
  if (row.status === 'voided') throw counselingError('CONFLICT', 'sessionVoided', { id: row.id });
  const secrets = await openAudited(call, { entityType: SESSION_ENTITY, entityId: row.id }, () => openSessionSecrets(call, row));
  return call.write(async (w) => {
    const at = w.now.toISOString();
    const version = row.version + 1;
    const isUpdated = await updateSessionRow(w.trx, row.id, row.version, {
      status: 'voided',
      voided_by: call.actor.userId,
      voided_at: at,
      ...sealSessionSecrets(call, row.id, version, { ...secrets, void_reason: input.reason }),
      version,
      updated_at: at,
    });
    if (!isUpdated) throw counselingError('CONFLICT', 'sessionChangedMeanwhile', { id: row.id });
    await w.audit({ action: 'counseling.void', entityType: SESSION_ENTITY, entityId: row.id, details: { version, wasSigned: row.status === 'signed' } });
    if (row.status === 'signed') {
      await w.outbox({ spec: COUNSELING_SESSION_OUTBOX, entityId: row.id, op: 'delete', occurredAt: new Date(row.started_at), data: { clientIds } });
    }
    return { id: row.id, version };
  });
}
