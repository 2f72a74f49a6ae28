import { randomBytes } from 'node:crypto';
import { servicesError } from './services.errors';
import type { ReadDb } from '../db/handles';
import { SERVICE_DELIVERY_OUTBOX } from './services.outbox';

import { AppError, invalidInput } from '../api/errors';
import type { WriteContext } from '../api/context';
import { assertPastDate, localCalendarDate } from '../calendar/calendar';
import { requireActiveClient } from '../clients/clients.guards';
import { findCase } from '../cases/cases.repository';
import { hasConsent } from '../consents/consents.repository';

import { newId } from '../db/ids';
import { findCatalogEntry, insertCatalogEntry, insertDelivery, insertReferral, updateCatalogRow } from './services.repository';
import type {
  AddCatalogEntryRequest,
  CatalogEntry,
  CreateReferralInput,
  RecordServiceInput,
  Referral,
  ServiceDelivery,
  UpdateCatalogEntryInput,
} from './services.schema';

/**
 * `services.record`: one delivery from the catalog, on a day that has happened, optionally under
 * one of the client's cases. It needs the client's current consent to receive services
 * (CONSENT_REQUIRED otherwise) or an emergency override with its reason, which the delivery keeps
 * (the timeline shows it) and the audit event flags. The outbox gets the code, its category, the
 * date and the duration; the note and the override's reason stay in the center.
 *
 * @example await recordService(w, { clientId, serviceCode: 'legal.consultation', deliveredOn: '2026-11-25', durationMinutes: 45 });
 */
export async function recordService(w: WriteContext, input: RecordServiceInput): Promise<ServiceDelivery> {
  assertPastDate(input.deliveredOn, localCalendarDate(w.now), ['deliveredOn']);
  await requireActiveClient(w.trx, input.clientId);
  const service = await requireActiveService(w.trx, input.serviceCode);
  const hasServicesConsent = await hasConsent(w.trx, input.clientId, 'services');
  if (!hasServicesConsent && input.consentOverride === undefined) {
    throw servicesError('CONSENT_REQUIRED', 'services', { purpose: 'services' });
  }
  // With consent given, an override says nothing: the delivery is an ordinary one.
  const consentOverrideReason = hasServicesConsent ? null : (input.consentOverride?.reason ?? null);
  const caseId = input.caseId ?? null;
  if (caseId !== null) await requireCaseOfClient(w.trx, caseId, input.clientId);
  const delivery = await insertDelivery(w.trx, {
    id: newId(w.now.getTime()),
    clientId: input.clientId,
    caseId,
    serviceCode: service.code,
    deliveredOn: input.deliveredOn,
    durationMinutes: input.durationMinutes ?? null,
    note: input.note ?? null,
    consentOverrideReason,
    recordedBy: w.actor.userId,
    recordedAt: w.now.toISOString(),
  });
  await w.audit({
    entityType: 'serviceDelivery',
    entityId: delivery.id,
    details: { clientId: delivery.clientId, serviceCode: delivery.serviceCode, isConsentOverridden: consentOverrideReason !== null },
  });
  await w.outbox({
    spec: SERVICE_DELIVERY_OUTBOX,
    entityId: delivery.id,
    op: 'upsert',
    data: {
      clientId: delivery.clientId,
      caseId: delivery.caseId,
      serviceCode: delivery.serviceCode,
      serviceCategory: service.category,
      deliveredOn: delivery.deliveredOn,
      durationMinutes: delivery.durationMinutes,
    },
  });
  return delivery;
}

/**
 * `services.createReferral`: an outgoing referral needs the client's current referral consent
 * (CONSENT_REQUIRED otherwise); an incoming one records who sent the client here. Referrals hold
 * free text (agency, reason) and stay in the center.
 *
 * @example await createReferral(w, { clientId, direction: 'out', agency: 'District hospital', reason: '…', date: '2026-11-25' });
 */
export async function createReferral(w: WriteContext, input: CreateReferralInput): Promise<Referral> {
  assertPastDate(input.date, localCalendarDate(w.now), ['date']);
  await requireActiveClient(w.trx, input.clientId);
  if (input.direction === 'out' && !(await hasConsent(w.trx, input.clientId, 'referral'))) {
    throw servicesError('CONSENT_REQUIRED', 'referral', { purpose: 'referral' });
  }
  const caseId = input.caseId ?? null;
  if (caseId !== null) await requireCaseOfClient(w.trx, caseId, input.clientId);
  const referral = await insertReferral(w.trx, {
    id: newId(w.now.getTime()),
    clientId: input.clientId,
    caseId,
    direction: input.direction,
    agency: input.agency,
    reason: input.reason,
    date: input.date,
    recordedBy: w.actor.userId,
    recordedAt: w.now.toISOString(),
  });
  await w.audit({
    entityType: 'referral',
    entityId: referral.id,
    details: { clientId: referral.clientId, direction: referral.direction },
  });
  return referral;
}

/**
 * `services.addCatalogEntry`: a center's own service under one of the project's categories. Its
 * code is minted here (`center.` and 8 hex digits) and never changes; the names are data.
 *
 * @example await addCatalogEntry(w, { category: 'social', names: { 'uz-Latn': '…', 'uz-Cyrl': '…', ru: '…', en: '…' } });
 */
export async function addCatalogEntry(w: WriteContext, input: AddCatalogEntryRequest): Promise<CatalogEntry> {
  let code = centerServiceCode();
  // 32 random bits: a clash is unlikely, but a stable code must never be reused.
  while ((await findCatalogEntry(w.trx, code)) !== null) code = centerServiceCode();
  const entry = await insertCatalogEntry(w.trx, {
    code,
    category: input.category,
    names: input.names,
    createdBy: w.actor.userId,
    at: w.now.toISOString(),
  });
  await w.audit({ entityType: 'serviceCatalogEntry', entityId: code, details: { category: input.category } });
  return entry;
}

/**
 * `services.updateCatalogEntry`: new names or retiring / restoring an entry. A retired entry
 * cannot be planned or delivered any more, and stays readable on old records.
 *
 * @example await updateCatalogEntry(w, { code: 'center.1a2b3c4d', isActive: false });
 */
export async function updateCatalogEntry(w: WriteContext, input: UpdateCatalogEntryInput): Promise<CatalogEntry> {
  const existing = await findCatalogEntry(w.trx, input.code);
  if (existing === null) throw servicesError('NOT_FOUND', 'serviceCatalogEntry', { id: input.code });
  await updateCatalogRow(w.trx, input.code, { names: input.names, isActive: input.isActive });
  await w.audit({
    entityType: 'serviceCatalogEntry',
    entityId: input.code,
    details: { isRenamed: input.names !== undefined, isActive: input.isActive ?? existing.isActive },
  });
  const updated = await findCatalogEntry(w.trx, input.code);
  if (updated === null) throw new AppError('INTERNAL', { reason: 'catalogEntryVanished' });
  return updated;
}

/**
 * The service exists in the catalog and is not retired.
 *
 * @example await requireActiveService(w.trx, 'legal.consultation');
 */
export async function requireActiveService(db: ReadDb, serviceCode: string): Promise<CatalogEntry> {
  const entry = await findCatalogEntry(db, serviceCode);
  if (entry === null || !entry.isActive) {
    throw invalidInput(['serviceCode'], 'unknown_service', 'No such service in the catalog');
  }
  return entry;
}

function centerServiceCode(): string {
  return `center.${randomBytes(4).toString('hex')}`;
}

/** A delivery or referral filed under a case must name one of the same client's cases. */
async function requireCaseOfClient(db: ReadDb, caseId: string, clientId: string): Promise<void> {
  const found = await findCase(db, caseId);
  if (found === null) throw servicesError('NOT_FOUND', 'case', { id: caseId });
  if (found.clientId !== clientId) {
    throw invalidInput(['caseId'], 'case_of_other_client', 'The case belongs to another client');
  }
}
