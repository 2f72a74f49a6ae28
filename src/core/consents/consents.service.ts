import { AppError } from '../api/errors';
import { consentsError } from './consents.errors';
import { CONSENT_OUTBOX } from './consents.outbox';
import type { WriteContext } from '../api/context';
import { assertPastDate, localCalendarDate } from '../calendar/calendar';
import { requireActiveClient } from '../clients/clients.guards';
import { CLIENT_IDENTITY_FIELDS, CLIENT_OUTBOX } from '../clients/clients.outbox';
import { clientOutboxData } from '../clients/clients.outbox-data';
import { findClientRow } from '../clients/clients.repository';
import { newId } from '../db/ids';
import { redactPendingOutbox } from '../sync/outbox';
import { currentConsent, insertConsent } from './consents.repository';
import type { ConsentRecord, RecordConsentInput } from './consents.schema';

/**
 * Fields removed from a client's not-yet-sent records when registry sharing ends: the identity
 * itself, and the flags that said it was shared (a record without identity must not claim it).
 */
const REDACTED_ON_WITHDRAWAL = [...CLIENT_IDENTITY_FIELDS, 'isIdentityShared', 'needsPseudonym'] as const;

/**
 * `consents.record`: appends one decision. Withdrawing needs a consent that is currently given.
 * When registry sharing stops being given, the client's pending outbox records lose their identity
 * fields in the same transaction, and a fresh client record (pseudonym placeholder) follows them;
 * when it becomes given, a fresh record with identity follows.
 *
 * @example await recordConsent(w, { clientId, purpose: 'referral', state: 'given', decidedOn: '2026-11-25' });
 */
export async function recordConsent(w: WriteContext, input: RecordConsentInput): Promise<ConsentRecord & { readonly redactedRecords: number }> {
  assertPastDate(input.decidedOn, localCalendarDate(w.now), ['decidedOn']);
  await requireActiveClient(w.trx, input.clientId);
  const previous = await currentConsent(w.trx, input.clientId, input.purpose);
  if (input.state === 'withdrawn' && previous?.state !== 'given') {
    throw consentsError('CONFLICT', 'consentNotGiven', { purpose: input.purpose });
  }
  const record = await insertConsent(w.trx, {
    id: newId(w.now.getTime()),
    clientId: input.clientId,
    purpose: input.purpose,
    state: input.state,
    decidedOn: input.decidedOn,
    formReference: input.formReference ?? null,
    recordedBy: w.actor.userId,
    recordedAt: w.now.toISOString(),
  });
  await w.audit({
    entityType: 'consent',
    entityId: record.id,
    details: { clientId: record.clientId, purpose: record.purpose, state: record.state },
  });
  await w.outbox({
    spec: CONSENT_OUTBOX,
    entityId: record.id,
    op: 'upsert',
    data: { clientId: record.clientId, purpose: record.purpose, state: record.state, decidedOn: record.decidedOn },
  });

  let redactedRecords = 0;
  const wasShared = previous?.state === 'given';
  const isShared = record.state === 'given';
  if (record.purpose === 'registrySharing' && wasShared !== isShared) {
    if (!isShared) {
      redactedRecords = await redactPendingOutbox(w.trx, { spec: CLIENT_OUTBOX, entityId: record.clientId, fields: REDACTED_ON_WITHDRAWAL });
    }
    const client = await findClientRow(w.trx, record.clientId);
    if (client === null) throw new AppError('INTERNAL', { reason: 'clientVanished' });
    await w.outbox({ spec: CLIENT_OUTBOX, entityId: record.clientId, op: 'upsert', data: await clientOutboxData(w.trx, client) });
  }
  return { ...record, redactedRecords };
}
