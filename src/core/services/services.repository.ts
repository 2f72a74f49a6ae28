
import type { ReadDb, WriteTx } from '../db/handles';

import {
  CATALOG_LANGUAGES,
  type CatalogEntry,
  type LocalizedNames,
  type Referral,
  type ServiceCategory,
  type ServiceDelivery,
} from './services.schema';
import type { CatalogRow, ReferralRow, ServiceDeliveryRow } from './services.table';

type Queryable = ReadDb;

/**
 * The catalog, by category then code.
 *
 * @example const entries = await listCatalog(db, { includeInactive: false });
 */
export async function listCatalog(db: Queryable, options: { readonly includeInactive: boolean }): Promise<CatalogEntry[]> {
  let query = db.selectFrom('service_catalog').selectAll();
  if (!options.includeInactive) query = query.where('is_active', '=', 1);
  const rows = await query.orderBy('category').orderBy('is_built_in', 'desc').orderBy('code').execute();
  return rows.map(toCatalogEntry);
}

/** @example const entry = await findCatalogEntry(trx, 'legal.consultation'); */
export async function findCatalogEntry(db: Queryable, code: string): Promise<CatalogEntry | null> {
  const row = await db.selectFrom('service_catalog').selectAll().where('code', '=', code).executeTakeFirst();
  return row === undefined ? null : toCatalogEntry(row);
}

export interface NewCatalogEntry {
  readonly code: string;
  readonly category: ServiceCategory;
  readonly names: LocalizedNames;
  readonly createdBy: string;
  readonly at: string;
}

export async function insertCatalogEntry(db: WriteTx, entry: NewCatalogEntry): Promise<CatalogEntry> {
  await db
    .insertInto('service_catalog')
    .values({
      code: entry.code,
      category: entry.category,
      names_json: JSON.stringify(entry.names),
      is_built_in: 0,
      is_active: 1,
      created_at: entry.at,
      created_by: entry.createdBy,
    })
    .execute();
  return { code: entry.code, category: entry.category, names: entry.names, isBuiltIn: false, isActive: true };
}

/** @example await updateCatalogRow(w.trx, 'center.1a2b3c4d', { isActive: false }); */
export async function updateCatalogRow(db: WriteTx, code: string, change: { readonly names?: LocalizedNames; readonly isActive?: boolean }): Promise<void> {
  await db
    .updateTable('service_catalog')
    .set({
      ...(change.names === undefined ? {} : { names_json: JSON.stringify(change.names) }),
      ...(change.isActive === undefined ? {} : { is_active: change.isActive ? 1 : 0 }),
    })
    .where('code', '=', code)
    .execute();
}

/** A delivery as it is inserted: exactly the record `services.record` returns. */
export type NewDelivery = ServiceDelivery;

export async function insertDelivery(db: WriteTx, delivery: NewDelivery): Promise<ServiceDelivery> {
  await db
    .insertInto('service_deliveries')
    .values({
      id: delivery.id,
      client_id: delivery.clientId,
      case_id: delivery.caseId,
      service_code: delivery.serviceCode,
      delivered_on: delivery.deliveredOn,
      duration_minutes: delivery.durationMinutes,
      note: delivery.note,
      consent_override_reason: delivery.consentOverrideReason,
      recorded_by: delivery.recordedBy,
      recorded_at: delivery.recordedAt,
    })
    .execute();
  return { ...delivery };
}

/** A client's service deliveries, newest first. */
export async function listDeliveriesForClient(db: Queryable, clientId: string): Promise<ServiceDelivery[]> {
  const rows = await db
    .selectFrom('service_deliveries')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('delivered_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  return rows.map(toDelivery);
}

/** A referral as it is inserted: exactly the record `services.createReferral` returns. */
export type NewReferral = Referral;

export async function insertReferral(db: WriteTx, referral: NewReferral): Promise<Referral> {
  await db
    .insertInto('referrals')
    .values({
      id: referral.id,
      client_id: referral.clientId,
      case_id: referral.caseId,
      direction: referral.direction,
      agency: referral.agency,
      reason: referral.reason,
      referred_on: referral.date,
      recorded_by: referral.recordedBy,
      recorded_at: referral.recordedAt,
    })
    .execute();
  return { ...referral };
}

/** A client's referrals, newest first. */
export async function listReferralsForClient(db: Queryable, clientId: string): Promise<Referral[]> {
  const rows = await db
    .selectFrom('referrals')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('referred_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  return rows.map(toReferral);
}

function toCatalogEntry(row: CatalogRow): CatalogEntry {
  return { code: row.code, category: row.category, names: parseNames(row.names_json, row.code), isBuiltIn: row.is_built_in === 1, isActive: row.is_active === 1 };
}

/** A missing language falls back to the code, so a list never shows a blank line. */
function parseNames(json: string, code: string): LocalizedNames {
  const value: unknown = JSON.parse(json);
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const pick = (language: string): string => {
    const name = record[language];
    return typeof name === 'string' && name.length > 0 ? name : code;
  };
  const names = Object.fromEntries(CATALOG_LANGUAGES.map((language) => [language, pick(language)]));
  return names as LocalizedNames;
}

function toDelivery(row: ServiceDeliveryRow): ServiceDelivery {
  return {
    id: row.id,
    clientId: row.client_id,
    caseId: row.case_id,
    serviceCode: row.service_code,
    deliveredOn: row.delivered_on,
    durationMinutes: row.duration_minutes,
    note: row.note,
    consentOverrideReason: row.consent_override_reason,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

function toReferral(row: ReferralRow): Referral {
  return {
    id: row.id,
    clientId: row.client_id,
    caseId: row.case_id,
    direction: row.direction,
    agency: row.agency,
    reason: row.reason,
    date: row.referred_on,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
