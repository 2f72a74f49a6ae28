
import type { ReadDb } from '../db/handles';
import { hasRegistryConsent } from '../consents/consents.repository';

import type { OutboxData } from '../sync/outbox.spec';
import type { CLIENT_OUTBOX } from './clients.outbox';
import type { ClientRow } from './clients.table';

type ClientOutboxData = OutboxData<typeof CLIENT_OUTBOX>;

/** The columns the record is built from. */
export type ClientOutboxSource = Pick<
  ClientRow,
  | 'status' | 'merged_into_id' | 'sex' | 'birth_year' | 'is_birth_date_estimated' | 'is_older_person' | 'is_child'
  | 'is_survivor_of_violence' | 'is_low_income_register' | 'disability_group' | 'region_code' | 'district_code'
  | 'last_name' | 'first_name' | 'patronymic' | 'pinfl' | 'birth_date' | 'phone' | 'street'
>;

/**
 * The `client` outbox record for a stored row: what the registry counts (sex, birth year,
 * categories, region, district) always; the identity fields only while the client's
 * registry-sharing consent is given, otherwise a pseudonym placeholder the upload fills.
 *
 * @example await w.outbox({ spec: CLIENT_OUTBOX, entityId: row.id, op: 'upsert', data: await clientOutboxData(w.trx, row) });
 */
export async function clientOutboxData(db: ReadDb, row: ClientRow): Promise<ClientOutboxData> {
  return clientOutboxDataWith(row, await hasRegistryConsent(db, row.id));
}

/**
 * The same record when the caller already knows the consent state (the seed, which has just written it).
 *
 * @example clientOutboxDataWith(row, false) // { …, needsPseudonym: true, pseudonym: null }
 */
export function clientOutboxDataWith(row: ClientOutboxSource, isIdentityShared: boolean): ClientOutboxData {
  const categories: string[] = [];
  if (row.is_older_person === 1) categories.push('olderPerson');
  if (row.disability_group !== null) categories.push('personWithDisability');
  if (row.is_child === 1) categories.push('child');
  if (row.is_survivor_of_violence === 1) categories.push('survivorOfViolence');
  if (row.is_low_income_register === 1) categories.push('lowIncomeRegister');
  const counted: ClientOutboxData = {
    status: row.status,
    mergedIntoId: row.merged_into_id,
    sex: row.sex,
    birthYear: row.birth_year,
    isBirthDateEstimated: row.is_birth_date_estimated === 1,
    categories,
    disabilityGroup: row.disability_group,
    regionCode: row.region_code,
    districtCode: row.district_code,
  };
  if (!isIdentityShared) {
    return { ...counted, isIdentityShared: false, pseudonym: null, needsPseudonym: true };
  }
  return {
    ...counted,
    isIdentityShared: true,
    needsPseudonym: false,
    lastName: row.last_name,
    firstName: row.first_name,
    patronymic: row.patronymic,
    pinfl: row.pinfl,
    birthDate: row.birth_date,
    phone: row.phone,
    street: row.street,
  };
}
