import { sql } from 'kysely';
import type { ReadDb, WriteTx } from '../db/handles';

import { looseTokens, nameTokens } from '../uz/names';
import { patronymicKeys } from '../uz/patronymic';
import { pinflWarnings } from '../uz/pinfl';
import type {
  ClientCategory,
  ClientFields,
  ClientLanguage,
  ClientRecord,
  ClientWarning,
  IdentityDocument,
  PossibleDuplicate,
} from './clients.schema';
import type { ClientRow, NewClientRow } from './clients.table';

/** Anything that runs queries: the database or a write's transaction (`w.trx`). */
type Queryable = ReadDb;

/** The derived search columns of a client row (see migrations/0004_search_keys.ts). */
export interface ClientNameKeys {
  readonly name_key: string;
  readonly name_key_loose: string;
  readonly patronymic_key: string;
  readonly dup_key: string;
}

/**
 * The match keys stored beside the names: the strict and loose word keys of last and first name,
 * the patronymic's key in either style (the father's-name stem, see src/core/uz/patronymic.ts),
 * and the loose key of last and first name for duplicate detection.
 *
 * @example clientNameKeys({ lastName: 'Joʻrayev', firstName: 'Shuxrat', patronymic: 'Olimovich' })
 * // { name_key: 'juraev shuhrat', name_key_loose: 'juraev shuhrat', patronymic_key: 'alim alimavich', dup_key: 'juraev shuhrat' }
 */
export function clientNameKeys(names: Pick<ClientFields, 'lastName' | 'firstName' | 'patronymic'>): ClientNameKeys {
  const mainName = `${names.lastName} ${names.firstName}`;
  const loose = looseTokens(mainName).join(' ');
  return {
    name_key: nameTokens(mainName).join(' '),
    name_key_loose: loose,
    patronymic_key: patronymicKeys(names.patronymic).tokens.join(' '),
    dup_key: loose,
  };
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

/**
 * The stored columns for validated fields, without id, version, status and audit columns. The
 * older-person flag is derived from the age on `today` and the center's `olderPersonAgeYears`,
 * whatever was ticked (like youth, it is not typed).
 */
export function clientColumns(fields: ClientFields, today: string, olderPersonAgeYears: number) {
  const has = (category: ClientCategory) => fields.categories.includes(category);
  const birthYear = fields.birthDate !== null ? Number(fields.birthDate.slice(0, 4)) : (fields.estimatedBirthYear ?? Number(today.slice(0, 4)));
  return {
    last_name: fields.lastName,
    first_name: fields.firstName,
    patronymic: fields.patronymic,
    birth_date: fields.birthDate,
    birth_year: birthYear,
    is_birth_date_estimated: flag(fields.birthDate === null),
    sex: fields.sex,
    pinfl: fields.pinfl,
    document_type: fields.identityDocument?.type ?? null,
    document_number: fields.identityDocument?.number ?? null,
    phone: fields.phone,
    region_code: fields.address.regionCode,
    district_code: fields.address.districtCode,
    mahalla: fields.address.mahalla,
    street: fields.address.street,
    is_older_person: flag(isOlderPersonAge(ageOn({ birthDate: fields.birthDate, birthYear }, today), olderPersonAgeYears)),
    is_child: flag(has('child')),
    is_survivor_of_violence: flag(has('survivorOfViolence')),
    is_low_income_register: flag(has('lowIncomeRegister')),
    disability_group: fields.disabilityGroup,
    languages_json: JSON.stringify(fields.languages),
    remarks: fields.remarks,
    confirmed_warnings_json: JSON.stringify(fields.confirmedWarnings),
    ...clientNameKeys(fields),
  } satisfies Partial<NewClientRow>;
}

/**
 * Adds a client's loose name words and patronymic stems to the vocabulary misspelled queries are
 * corrected against.
 *
 * @example await rememberNameWords(w.trx, { name_key_loose: 'juraev shuhrat', patronymic_key: 'alim alimavich' });
 */
export async function rememberNameWords(db: WriteTx, keys: Pick<ClientNameKeys, 'name_key_loose' | 'patronymic_key'>): Promise<void> {
  const words = `${keys.name_key_loose} ${keys.patronymic_key}`.split(' ').filter((word) => word !== '');
  if (words.length === 0) return;
  await sql`INSERT OR IGNORE INTO client_name_words (word) SELECT value FROM json_each(${JSON.stringify(words)})`.execute(db);
}

/** A new client's row as stored, without the generated `seq` (`is_synthetic` only from the seed). */
export type NewClientColumns = Omit<ClientRow, 'seq' | 'is_synthetic'> & Partial<Pick<ClientRow, 'is_synthetic'>>;

/**
 * Inserts a new client and its name words; returns the row as stored.
 *
 * @example const stored = await insertClientRow(w.trx, columns);
 */
export async function insertClientRow(db: WriteTx, row: NewClientColumns): Promise<ClientRow> {
  const result = await db.insertInto('clients').values(row).executeTakeFirstOrThrow();
  await rememberNameWords(db, row);
  return { is_synthetic: 0, ...row, seq: Number(result.insertId ?? 0n) };
}

/** Client rows per INSERT: about 40 columns each, under SQLite's 32,766 bound parameters. */
const CLIENT_ROWS_PER_STATEMENT = 400;

/**
 * The bulk form of `insertClientRow` (imports, the seed): multi-row inserts (the search index
 * follows through its triggers in the same statements) and all name words in one statement.
 *
 * @example await insertClientRows(w.trx, rows);
 */
export async function insertClientRows(db: WriteTx, rows: readonly NewClientColumns[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CLIENT_ROWS_PER_STATEMENT) {
    await db.insertInto('clients').values(rows.slice(start, start + CLIENT_ROWS_PER_STATEMENT)).execute();
  }
  const words = new Set<string>();
  for (const row of rows) {
    for (const word of `${row.name_key_loose} ${row.patronymic_key}`.split(' ')) if (word !== '') words.add(word);
  }
  if (words.size > 0) await sql`INSERT OR IGNORE INTO client_name_words (word) SELECT value FROM json_each(${JSON.stringify([...words])})`.execute(db);
}

/**
 * Which of these PINFLs some client holds, each with the holder (the surviving record after a merge).
 *
 * @example const taken = await findClientIdsByPinfl(trx, ['32505900123459']);
 */
export async function findClientIdsByPinfl(db: Queryable, pinfls: readonly string[]): Promise<Map<string, string>> {
  const holders = new Map<string, string>();
  if (pinfls.length === 0) return holders;
  const rows = await sql<{ pinfl: string; id: string; merged_into_id: string | null }>`SELECT pinfl, id, merged_into_id FROM clients
    WHERE pinfl IN (SELECT value FROM json_each(${JSON.stringify(pinfls)}))`.execute(db);
  for (const row of rows.rows) holders.set(row.pinfl, row.merged_into_id ?? row.id);
  return holders;
}

export async function findClientRow(db: Queryable, id: string): Promise<ClientRow | null> {
  return (await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * The client holding a PINFL, following a merge to the surviving record, or null.
 *
 * @example const existing = await findClientIdByPinfl(trx, '32505900123459');
 */
export async function findClientIdByPinfl(db: Queryable, pinfl: string): Promise<string | null> {
  const row = await db.selectFrom('clients').select(['id', 'merged_into_id']).where('pinfl', '=', pinfl).executeTakeFirst();
  if (row === undefined) return null;
  return row.merged_into_id ?? row.id;
}

export interface DuplicateProbe {
  readonly dupKey: string;
  readonly birthDate: string | null;
  readonly birthYear: number;
  readonly excludeId?: string | undefined;
}

/** Years apart that still count as "close" when either date of birth is only an estimated year. */
export const ESTIMATED_YEAR_TOLERANCE = 2;

/**
 * Active clients with the same last-and-first-name key and the same date of birth, or a birth year
 * within two years when either side's date is only estimated.
 *
 * @example await findPossibleDuplicates(trx, { dupKey: 'juraev shuhrat', birthDate: '1990-05-25', birthYear: 1990 })
 */
export async function findPossibleDuplicates(db: Queryable, probe: DuplicateProbe): Promise<PossibleDuplicate[]> {
  const rows = await db
    .selectFrom('clients')
    .selectAll()
    .where('dup_key', '=', probe.dupKey)
    .where('birth_year', '>=', probe.birthYear - ESTIMATED_YEAR_TOLERANCE)
    .where('birth_year', '<=', probe.birthYear + ESTIMATED_YEAR_TOLERANCE)
    .where('status', '=', 'active')
    .limit(50)
    .execute();
  return rows
    .filter((row) => row.id !== probe.excludeId)
    .filter((row) =>
      probe.birthDate !== null && row.birth_date !== null ? row.birth_date === probe.birthDate : true,
    )
    .map(toPossibleDuplicate);
}

/** The columns a client's summary (a duplicate candidate, a search result) is made of. */
export type ClientSummaryColumns = Pick<
  ClientRow,
  | 'id'
  | 'last_name'
  | 'first_name'
  | 'patronymic'
  | 'birth_date'
  | 'birth_year'
  | 'is_birth_date_estimated'
  | 'sex'
  | 'pinfl'
  | 'phone'
  | 'region_code'
  | 'district_code'
>;

export function toPossibleDuplicate(row: ClientSummaryColumns): PossibleDuplicate {
  return {
    id: row.id,
    lastName: row.last_name,
    firstName: row.first_name,
    patronymic: row.patronymic,
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    isBirthDateEstimated: row.is_birth_date_estimated === 1,
    sex: row.sex,
    pinfl: row.pinfl,
    phone: row.phone,
    regionCode: row.region_code,
    districtCode: row.district_code,
  };
}

/**
 * Whole years from a date of birth (or an estimated year) to `today` (`YYYY-MM-DD`).
 *
 * @example ageOn({ birthDate: '2000-11-26', birthYear: 2000 }, '2026-11-25') // 25
 */
export function ageOn(birth: { readonly birthDate: string | null; readonly birthYear: number }, today: string): number {
  const todayYear = Number(today.slice(0, 4));
  if (birth.birthDate === null) return Math.max(0, todayYear - birth.birthYear);
  const hadBirthday = today.slice(5) >= birth.birthDate.slice(5);
  return Math.max(0, todayYear - Number(birth.birthDate.slice(0, 4)) - (hadBirthday ? 0 : 1));
}

/**
 * An older person: at or past the age the center set (`olderPersonAgeYears`, 60 unless changed).
 *
 * @example isOlderPersonAge(60, 60) // true
 */
export function isOlderPersonAge(ageYears: number, olderPersonAgeYears: number): boolean {
  return ageYears >= olderPersonAgeYears;
}

/** Youth as the INSON project counts it: aged 15 to 24. */
export function isYouthAge(ageYears: number): boolean {
  return ageYears >= 15 && ageYears <= 24;
}

function parseStringArray<T extends string>(json: string): T[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is T => typeof item === 'string') : [];
}

/**
 * A stored row as `clients.get` returns it, with age, youth, older person (from the center's
 * `olderPersonAgeYears`) and the PINFL's warnings derived on `today` (`YYYY-MM-DD`).
 */
export function toClientRecord(row: ClientRow, today: string, olderPersonAgeYears: number): ClientRecord {
  const categories: ClientCategory[] = [];
  const ageYears = ageOn({ birthDate: row.birth_date, birthYear: row.birth_year }, today);
  // Derived on the day it is read, so a client who turned the age since the last save counts.
  if (isOlderPersonAge(ageYears, olderPersonAgeYears)) categories.push('olderPerson');
  if (row.disability_group !== null) categories.push('personWithDisability');
  if (row.is_child === 1) categories.push('child');
  if (row.is_survivor_of_violence === 1) categories.push('survivorOfViolence');
  if (row.is_low_income_register === 1) categories.push('lowIncomeRegister');
  const identityDocument: IdentityDocument | null =
    row.document_type !== null && row.document_number !== null
      ? { type: row.document_type as IdentityDocument['type'], number: row.document_number }
      : null;
  const warnings: ClientWarning[] =
    row.pinfl === null ? [] : pinflWarnings(row.pinfl, { birthDate: row.birth_date, sex: row.sex, today });
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    mergedIntoId: row.merged_into_id,
    lastName: row.last_name,
    firstName: row.first_name,
    patronymic: row.patronymic,
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    isBirthDateEstimated: row.is_birth_date_estimated === 1,
    sex: row.sex,
    pinfl: row.pinfl,
    identityDocument,
    phone: row.phone,
    address: { regionCode: row.region_code, districtCode: row.district_code, mahalla: row.mahalla, street: row.street },
    categories,
    disabilityGroup: row.disability_group,
    languages: parseStringArray<ClientLanguage>(row.languages_json),
    remarks: row.remarks,
    confirmedWarnings: parseStringArray<ClientWarning>(row.confirmed_warnings_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ageYears,
    isYouth: isYouthAge(ageYears),
    pinflWarnings: warnings,
  };
}
