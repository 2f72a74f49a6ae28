import { bookNextAppointmentOfSession } from '../appointments/appointments.service';
import { requireActiveClient } from '../clients/clients.guards';
import { newId } from '../db/ids';
import type { WriteScope } from '../audit/run-write';
import type { CounselingCall } from './counseling.call';
import { counselingError } from './counseling.errors';
import { COUNSELING_SESSION_OUTBOX } from './counseling.outbox';
import { findSessionRow, insertSessionRow, replaceSessionClients, sessionClientIds, updateSessionRow } from './counseling.repository';
import { canonicalJson, newSignatureSalt, sessionSignatureHash, type SignedSessionContent } from './counseling.signature';
import type { SessionContent } from './counseling.schema';
import { assertHoldsConfidentialKey, openSessionSecrets, sealSessionSecrets, type SessionSecrets } from './counseling.sealed';
import type { SessionRow } from './counseling.table';

/**
 * Sessions: recorded as drafts, saved as often as the screen likes, signed once (signer, time, a
 * salted hash of the signed content), after which the API changes nothing but a countersignature
 * or a void. Every change re-seals the confidential fields for the row's new version.
 */

/** The entity type of a session in audit events. */
export const SESSION_ENTITY = 'counselingSession';

export interface SavedSession {
  readonly id: string;
  readonly version: number;
}

function clientIdsOf(content: SessionContent): string[] {
  const ids = [content.clientId, ...content.otherClientIds];
  if (new Set(ids).size !== ids.length) throw counselingError('CONFLICT', 'clientListedTwice');
  return ids;
}

function metadataColumns(content: SessionContent) {
  return {
    started_at: new Date(content.startedAt).toISOString(),
    kind: content.kind,
    form: content.form,
    duration_minutes: content.durationMinutes,
    concerns_json: JSON.stringify(content.concerns),
    interventions_json: JSON.stringify(content.interventions),
    next_appointment_at: content.nextAppointmentAt === null ? null : new Date(content.nextAppointmentAt).toISOString(),
    sensitivity: content.sensitivity,
    risk_level: content.riskLevel,
  } as const;
}

/** The row's content in the input's shape, for telling a retried save from a new one. */
function contentOfRow(row: SessionRow, secrets: SessionSecrets, clientIds: readonly string[]): string {
  const [clientId = '', ...otherClientIds] = clientIds;
  const { started_at, kind, form, duration_minutes, concerns_json, interventions_json, next_appointment_at, sensitivity, risk_level } = row;
  return canonicalJson({ clientId, otherClientIds, started_at, kind, form, duration_minutes, concerns_json, interventions_json, next_appointment_at, sensitivity, risk_level, note: secrets.note, progress: secrets.progress });
}

function contentOfInput(content: SessionContent): string {
  return canonicalJson({ clientId: content.clientId, otherClientIds: content.otherClientIds, ...metadataColumns(content), note: content.note, progress: content.progress });
}

async function requireClients(w: WriteScope, clientIds: readonly string[]): Promise<void> {
  for (const clientId of clientIds) await requireActiveClient(w.trx, clientId);
}

async function createDraft(call: CounselingCall, w: WriteScope, id: string, content: SessionContent): Promise<SavedSession> {
  const clientIds = clientIdsOf(content);
  await requireClients(w, clientIds);
  const at = w.now.toISOString();
  const sealed = sealSessionSecrets(call, id, 1, { note: content.note, progress: content.progress, signature_salt: newSignatureSalt(), void_reason: '' });
  await insertSessionRow(
    w.trx,
    {
      id,
      psychologist_id: call.actor.userId,
      ...metadataColumns(content),
      status: 'draft',
      ...sealed,
      version: 1,
      created_at: at,
      created_by: call.actor.userId,
      updated_at: at,
    },
    clientIds,
    w.now.getTime(),
  );
  await w.audit({ action: 'counseling.recordSession', entityType: SESSION_ENTITY, entityId: id, details: { kind: content.kind, clients: clientIds.length, version: 1 } });
  return { id, version: 1 };
}

/**
 * `counseling.recordSession`: a new draft. A retried call with the same `id` and content answers
 * the same session; another content under a taken id is CONFLICT (`sessionExists`).
 *
 * @example const { id, version } = await recordSession(call, { clientId, startedAt, kind: 'individual', form: 'inPerson', durationMinutes: 50, note });
 */
export async function recordSession(call: CounselingCall, input: SessionContent & { readonly id?: string | undefined }): Promise<SavedSession> {
  assertHoldsConfidentialKey(call);
  const id = input.id ?? newId(call.now.getTime());
  return call.write(async (w) => {
    const existing = await findSessionRow(w.trx, id);
    if (existing === null) return createDraft(call, w, id, input);
    if (existing.psychologist_id === call.actor.userId && existing.status === 'draft' && (await isSameContent(call, w, existing, input))) {
      await w.audit({ action: 'counseling.recordSession', entityType: SESSION_ENTITY, entityId: id, details: { unchanged: true, version: existing.version } });
      return { id, version: existing.version };
    }
    throw counselingError('CONFLICT', 'sessionExists', { id });
  });
}

async function isSameContent(call: CounselingCall, w: WriteScope, row: SessionRow, content: SessionContent): Promise<boolean> {
  const secrets = openSessionSecrets(call, row);
  return contentOfRow(row, secrets, await sessionClientIds(w.trx, row.id)) === contentOfInput(content);
}

function requireEditableDraft(call: CounselingCall, row: SessionRow): void {
  if (row.psychologist_id !== call.actor.userId) throw counselingError('FORBIDDEN', 'notSessionAuthor');
  if (row.status === 'signed') throw counselingError('CONFLICT', 'sessionSigned', { id: row.id });
  if (row.status === 'voided') throw counselingError('CONFLICT', 'sessionVoided', { id: row.id });
}

/**
 * `counseling.saveDraft`, the autosave: creates the draft under the screen's id, or replaces its
 * content at `expectedVersion`. Saving what is already saved writes nothing new and answers the
 * current version, so a save retried after a lock, a crash or a lost answer is harmless.
 *
 * @example const saved = await saveDraft(call, { ...content, id, expectedVersion: 3 });
 */
export async function saveDraft(call: CounselingCall, input: SessionContent & { readonly id: string; readonly expectedVersion: number | null }): Promise<SavedSession> {
  assertHoldsConfidentialKey(call);
  return call.write(async (w) => {
    const row = await findSessionRow(w.trx, input.id);
    if (row === null) {
      if (input.expectedVersion !== null) throw counselingError('NOT_FOUND', 'session', { id: input.id });
      return createDraft(call, w, input.id, input);
    }
    requireEditableDraft(call, row);
    const secrets = openSessionSecrets(call, row);
    const clientIds = clientIdsOf(input);
    if (contentOfRow(row, secrets, await sessionClientIds(w.trx, row.id)) === contentOfInput(input)) {
      await w.audit({ action: 'counseling.saveDraft', entityType: SESSION_ENTITY, entityId: row.id, details: { unchanged: true, version: row.version } });
      return { id: row.id, version: row.version };
    }
    if (input.expectedVersion !== row.version) throw counselingError('CONFLICT', 'sessionChangedMeanwhile', { id: row.id, version: row.version });
    await requireClients(w, clientIds);
    const version = row.version + 1;
    const sealed = sealSessionSecrets(call, row.id, version, { ...secrets, note: input.note, progress: input.progress });
    const isUpdated = await updateSessionRow(w.trx, row.id, row.version, { ...metadataColumns(input), ...sealed, version, updated_at: w.now.toISOString() });
    if (!isUpdated) throw counselingError('CONFLICT', 'sessionChangedMeanwhile', { id: row.id });
    await replaceSessionClients(w.trx, row.id, clientIds, w.now.getTime());
    await w.audit({ action: 'counseling.saveDraft', entityType: SESSION_ENTITY, entityId: row.id, details: { version, clients: clientIds.length } });
    return { id: row.id, version };
  });
}

/** What the signature of a signed session covers, from its row and its opened secrets. */
export function signedContentOf(row: SessionRow, secrets: SessionSecrets): SignedSessionContent | null {
  if (row.signed_by === null || row.signed_at === null) return null;
  return {
    id: row.id,
    psychologistId: row.psychologist_id,
    startedAt: row.started_at,
    kind: row.kind,
    form: row.form,
    durationMinutes: row.duration_minutes,
    concerns: JSON.parse(row.concerns_json) as string[],
    interventions: JSON.parse(row.interventions_json) as string[],
    nextAppointmentAt: row.next_appointment_at,
    sensitivity: row.sensitivity,
    riskLevel: row.risk_level,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    note: secrets.note,
    progress: secrets.progress,
    salt: secrets.signature_salt,
  };
}

/** Whether a signed session's stored hash matches its content now; null for an unsigned one. */
export function isSessionSignatureValid(row: SessionRow, secrets: SessionSecrets): boolean | null {
  const content = signedContentOf(row, secrets);
  if (content === null || row.signature_hash === null) return null;
  return sessionSignatureHash(content) === row.signature_hash;
}

/** The metadata that leaves the center for a signed session (never the note or anything sealed). */
export function sessionOutboxData(row: SessionRow, clientIds: readonly string[]) {
  return {
    clientIds: [...clientIds],
    startedOn: row.started_at.slice(0, 10),
    kind: row.kind,
    form: row.form,
    durationMinutes: row.duration_minutes,
    riskLevel: row.risk_level,
    concerns: JSON.parse(row.concerns_json) as string[],
  };
}

/**
 * `counseling.sign`: the author signs her draft at the version she saw. From then on the content
 * is fixed; the session goes to the outbox as metadata.
 *
 * @example await signSession(call, { id, expectedVersion: 4 });
 */
export async function signSession(call: CounselingCall, input: { readonly id: string; readonly expectedVersion: number }): Promise<SavedSession & { readonly signedAt: string }> {
  assertHoldsConfidentialKey(call);
  return call.write(async (w) => {
    const row = await findSessionRow(w.trx, input.id);
    if (row === null) throw counselingError('NOT_FOUND', 'session', { id: input.id });
    requireEditableDraft(call, row);
    if (row.version !== input.expectedVersion) throw counselingError('CONFLICT', 'sessionChangedMeanwhile', { id: row.id, version: row.version });
    const secrets = openSessionSecrets(call, row);
    if (secrets.note.trim() === '') throw counselingError('CONFLICT', 'noteEmpty');
    const signedAt = w.now.toISOString();
    const signed: SessionRow = { ...row, status: 'signed', signed_by: call.actor.userId, signed_at: signedAt };
    const content = signedContentOf(signed, secrets);
    if (content === null) throw counselingError('CONFLICT', 'sessionNotSigned');
    const version = row.version + 1;
    const isUpdated = await updateSessionRow(w.trx, row.id, row.version, {
      status: 'signed',
      signed_by: call.actor.userId,
      signed_at: signedAt,
      signature_hash: sessionSignatureHash(content),
      ...sealSessionSecrets(call, row.id, version, secrets),
      version,
      updated_at: signedAt,
    });
    if (!isUpdated) throw counselingError('CONFLICT', 'sessionChangedMeanwhile', { id: row.id });
    await w.audit({ action: 'counseling.sign', entityType: SESSION_ENTITY, entityId: row.id, details: { version } });
    const clientIds = await sessionClientIds(w.trx, row.id);
    await w.outbox({ spec: COUNSELING_SESSION_OUTBOX, entityId: row.id, op: 'upsert', occurredAt: new Date(row.started_at), data: sessionOutboxData(row, clientIds) });
    // The "next appointment" of a signed session goes on the calendar (appointments.service.ts says when it does not).
    const [clientId] = clientIds;
    if (clientId !== undefined) {
      await bookNextAppointmentOfSession(w, call.actor, { sessionId: row.id, clientId, psychologistId: row.psychologist_id, nextAppointmentAt: row.next_appointment_at, durationMinutes: row.duration_minutes, kind: row.kind, form: row.form });
    }
    return { id: row.id, version, signedAt };
  });
}
