import { readCenterSettings } from '../center/center.repository';
import { AppError, invalidInput } from '../api/errors';
import { clientsError } from './clients.errors';
import { CLIENT_OUTBOX } from './clients.outbox';
import type { WriteContext } from '../api/context';
import type { WriteScope } from '../audit/run-write';
import { localCalendarDate } from '../calendar/calendar';
import type { ReadDb } from '../db/handles';
import { newId } from '../db/ids';
import { pinflWarnings } from '../uz/pinfl';
import { clientOutboxData, clientOutboxDataWith } from './clients.outbox-data';
import {
  ageOn,
  clientColumns,
  findClientIdByPinfl,
  findClientRow,
  findPossibleDuplicates,
  insertClientRow,
  rememberNameWords,
  toClientRecord,
} from './clients.repository';
import type { ClientFields, ClientRecord, ClientWarning, PossibleDuplicate } from './clients.schema';

/**
 * The rules of registering and editing a client that need the clock or the database: a date of
 * birth not in the future, a PINFL no one else holds, warnings confirmed, possible duplicates
 * seen. Everything else is in the zod schemas (clients.schema.ts), shared with the forms.
 */

/** Checks that need today's date. */
/** The age from which a client is no longer a child. */
const ADULT_AGE_YEARS = 18;

function checkFields(fields: ClientFields, today: string): void {
  if (fields.birthDate !== null && fields.birthDate > today) {
    throw invalidInput(['birthDate'], 'future_date', 'The date of birth is in the future');
  }
  if (fields.estimatedBirthYear !== null && fields.estimatedBirthYear > Number(today.slice(0, 4))) {
    throw invalidInput(['estimatedBirthYear'], 'future_date', 'The year of birth is in the future');
  }
  // "Child with a disability" is a group only children have: from 18 the person has group I, II or III.
  const birthYear = fields.birthDate === null ? fields.estimatedBirthYear : Number(fields.birthDate.slice(0, 4));
  if (fields.disabilityGroup === 'child' && birthYear !== null && ageOn({ birthDate: fields.birthDate, birthYear }, today) >= ADULT_AGE_YEARS) {
    throw invalidInput(['disabilityGroup'], 'childDisabilityAdult', 'A child disability group is only for clients under 18');
  }
}

/** The PINFL's warnings against the form, as the receptionist must confirm them. */
function pinflWarningsOf(fields: ClientFields, today: string): ClientWarning[] {
  if (fields.pinfl === null) return [];
  return pinflWarnings(fields.pinfl, { birthDate: fields.birthDate, sex: fields.sex, today });
}

function refuseUnconfirmed(warnings: readonly ClientWarning[], confirmed: readonly ClientWarning[], possibleDuplicates: readonly PossibleDuplicate[]): void {
  const unconfirmed = warnings.filter((warning) => !confirmed.includes(warning));
  if (unconfirmed.length > 0) {
    throw new AppError('CONFIRMATION_REQUIRED', { warnings: unconfirmed, possibleDuplicates });
  }
}

async function refuseTakenPinfl(w: WriteScope, pinfl: string | null, ownId: string | null): Promise<void> {
  if (pinfl === null) return;
  const holder = await findClientIdByPinfl(w.trx, pinfl);
  if (holder !== null && holder !== ownId) throw new AppError('DUPLICATE_PINFL', { clientId: holder });
}

/** A UNIQUE index violation on the PINFL (two writers racing) reads as the same refusal. */
async function asDuplicatePinfl<T>(w: WriteScope, pinfl: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pinfl !== null && error instanceof Error && /UNIQUE constraint failed: clients\.pinfl/.test(error.message)) {
      throw new AppError('DUPLICATE_PINFL', { clientId: await findClientIdByPinfl(w.trx, pinfl) });
    }
    throw error;
  }
}

/**
 * `clients.register`: validates, refuses a PINFL someone holds (DUPLICATE_PINFL with their id),
 * asks for confirmation of PINFL warnings and possible duplicates (CONFIRMATION_REQUIRED), then
 * writes the client, its audit event and its outbox record in one transaction.
 *
 * @example const client = await registerClient(w, fields);
 */
export async function registerClient(w: WriteContext, fields: ClientFields): Promise<ClientRecord> {
  const today = localCalendarDate(w.now);
  checkFields(fields, today);
  await refuseTakenPinfl(w, fields.pinfl, null);
  const { olderPersonAgeYears } = await readCenterSettings(w.trx);
  const columns = clientColumns(fields, today, olderPersonAgeYears);
  const possibleDuplicates = await findPossibleDuplicates(w.trx, {
    dupKey: columns.dup_key,
    birthDate: columns.birth_date,
    birthYear: columns.birth_year,
  });
  const warnings = pinflWarningsOf(fields, today);
  if (possibleDuplicates.length > 0) warnings.push('possibleDuplicate');
  refuseUnconfirmed(warnings, fields.confirmedWarnings, possibleDuplicates);

  const id = newId(w.now.getTime());
  const at = w.now.toISOString();
  const row = {
    ...columns,
    // Only what was actually asked is remembered as confirmed.
    confirmed_warnings_json: JSON.stringify(warnings),
    id,
    version: 1,
    status: 'active' as const,
    merged_into_id: null,
    created_at: at,
    created_by: w.actorId,
    updated_at: at,
    updated_by: w.actorId,
  };
  const stored = await asDuplicatePinfl(w, fields.pinfl, () => insertClientRow(w.trx, row));
  await w.audit({
    entityType: 'client',
    entityId: id,
    details: { confirmedWarnings: warnings.length, hasPinfl: fields.pinfl !== null },
  });
  // Nobody can have recorded a consent for a client who did not exist a moment ago.
  await w.outbox({ spec: CLIENT_OUTBOX, entityId: id, op: 'upsert', data: clientOutboxDataWith(stored, false) });
  return toClientRecord(stored, today, olderPersonAgeYears);
}

/**
 * `clients.update`: the same rules as registering, on the version the form was loaded from
 * (CONFLICT when someone saved in between). Warnings already confirmed stay confirmed while the
 * PINFL, date of birth and sex they were about are unchanged.
 *
 * @example await updateClient(w, { id, version: 3, ...fields });
 */
export async function updateClient(w: WriteContext, input: ClientFields & { readonly id: string; readonly version: number }): Promise<ClientRecord> {
  const today = localCalendarDate(w.now);
  checkFields(input, today);
  const current = await findClientRow(w.trx, input.id);
  if (current === null) throw clientsError('NOT_FOUND', 'client', { id: input.id });
  if (current.status !== 'active') throw clientsError('CONFLICT', 'merged', { mergedIntoId: current.merged_into_id });
  if (current.version !== input.version) throw clientsError('CONFLICT', 'version', { currentVersion: current.version });
  await refuseTakenPinfl(w, input.pinfl, input.id);

  const { olderPersonAgeYears } = await readCenterSettings(w.trx);
  const columns = clientColumns(input, today, olderPersonAgeYears);
  const isSameIdentity =
    current.pinfl === input.pinfl && current.birth_date === input.birthDate && current.sex === input.sex;
  const previouslyConfirmed = isSameIdentity ? (JSON.parse(current.confirmed_warnings_json) as ClientWarning[]) : [];
  const warnings = pinflWarningsOf(input, today);
  let possibleDuplicates: PossibleDuplicate[] = [];
  const isSameNameAndBirth =
    current.dup_key === columns.dup_key && current.birth_year === columns.birth_year && current.birth_date === columns.birth_date;
  if (!isSameNameAndBirth) {
    possibleDuplicates = await findPossibleDuplicates(w.trx, {
      dupKey: columns.dup_key,
      birthDate: columns.birth_date,
      birthYear: columns.birth_year,
      excludeId: input.id,
    });
    if (possibleDuplicates.length > 0) warnings.push('possibleDuplicate');
  }
  refuseUnconfirmed(warnings, [...input.confirmedWarnings, ...previouslyConfirmed], possibleDuplicates);

  const changes = {
    ...columns,
    confirmed_warnings_json: JSON.stringify(warnings),
    version: current.version + 1,
    updated_at: w.now.toISOString(),
    updated_by: w.actorId,
  };
  const result = await asDuplicatePinfl(w, input.pinfl, () =>
    w.trx.updateTable('clients').set(changes).where('id', '=', input.id).where('version', '=', input.version).executeTakeFirst(),
  );
  if (result.numUpdatedRows !== 1n) throw clientsError('CONFLICT', 'version');
  if (changes.name_key_loose !== current.name_key_loose || changes.patronymic_key !== current.patronymic_key) await rememberNameWords(w.trx, changes);
  await w.audit({ entityType: 'client', entityId: input.id, details: { version: changes.version } });
  const stored = await findClientRow(w.trx, input.id);
  if (stored === null) throw new AppError('INTERNAL', { reason: 'clientNotStored' });
  await w.outbox({ spec: CLIENT_OUTBOX, entityId: input.id, op: 'upsert', data: await clientOutboxData(w.trx, stored) });
  return toClientRecord(stored, today, olderPersonAgeYears);
}

/**
 * `clients.get`: the record with its derived fields. A merged-away record is returned too
 * (`status: 'merged'`, `mergedIntoId`), so an old link can lead to the survivor.
 *
 * @example const client = await getClient(ctx.db, id, ctx.now);
 */
export async function getClient(db: ReadDb, id: string, now: Date): Promise<ClientRecord> {
  const row = await findClientRow(db, id);
  if (row === null) throw clientsError('NOT_FOUND', 'client', { id });
  return toClientRecord(row, localCalendarDate(now), (await readCenterSettings(db)).olderPersonAgeYears);
}
