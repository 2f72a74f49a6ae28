import type { Role } from '../api/permissions';
import type { ClientAddress, ClientRecord, ClientSearchItem, PossibleDuplicate } from './clients.schema';

/**
 * Who sees which fields of a client: the one table of role → fields, from which every method that
 * returns client data (clients.get, clients.search, and the rest listed in docs/security.md) takes
 * its answer. The core projects every answer through it; the UI shows what came back and nothing
 * else. Pure, so the UI and the tests read the same table.
 */

/** The groups of client fields a view is made of (one group can be several keys of the record). */
export const CLIENT_VIEW_FIELDS = [
  'name',
  'birthDate',
  'birthYear',
  'age',
  'sex',
  'pinfl',
  'identityDocument',
  'phone',
  'region',
  'district',
  'street',
  'categories',
  'disabilityGroup',
  'languages',
  'remarks',
] as const;
export type ClientViewField = (typeof CLIENT_VIEW_FIELDS)[number];

/**
 * Each role's view. Reasons, in short (the full table is in docs/security.md, "Who and what"):
 * reception registers and edits the whole record; psychologists and supervisors do the case work
 * (categories, remarks, address for home visits, the PINFL for referrals), but not the identity
 * document; the administrator merges duplicates and imports registers (identity and contact, not
 * categories, disability or remarks); the manager gets what the reports count (sex, birth year and
 * age band, disability group, region, district, categories) and the name, because a manager may
 * be named case worker and supervises cases; a trainer gets what running a course needs: the name,
 * sex, age (not the date or year of birth), disability group (access needs), phone, and languages
 * (a sign-language interpreter, the language of teaching).
 */
export const CLIENT_VIEWS: Readonly<Record<Role, readonly ClientViewField[]>> = {
  receptionist: CLIENT_VIEW_FIELDS,
  psychologist: CLIENT_VIEW_FIELDS.filter((field) => field !== 'identityDocument'),
  supervisor: CLIENT_VIEW_FIELDS.filter((field) => field !== 'identityDocument'),
  administrator: ['name', 'birthDate', 'birthYear', 'age', 'sex', 'pinfl', 'identityDocument', 'phone', 'region', 'district', 'street', 'languages'],
  manager: ['name', 'birthYear', 'age', 'sex', 'region', 'district', 'categories', 'disabilityGroup', 'languages'],
  trainer: ['name', 'age', 'sex', 'disabilityGroup', 'phone', 'languages'],
};

/** Keys every view carries: what identifies the record and its state, nothing about the person. */
const ALWAYS = ['id', 'version', 'status', 'mergedIntoId', 'createdAt', 'updatedAt'] as const;
type AlwaysKey = (typeof ALWAYS)[number];
type RecordKey = Exclude<keyof ClientRecord, AlwaysKey | 'address'>;

/** Which group each key of the record belongs to: a new key of ClientRecord does not compile until it is placed. */
const RECORD_KEY_FIELDS = {
  lastName: 'name',
  firstName: 'name',
  patronymic: 'name',
  birthDate: 'birthDate',
  birthYear: 'birthYear',
  isBirthDateEstimated: 'birthYear',
  ageYears: 'age',
  isYouth: 'age',
  sex: 'sex',
  pinfl: 'pinfl',
  pinflWarnings: 'pinfl',
  confirmedWarnings: 'pinfl',
  identityDocument: 'identityDocument',
  phone: 'phone',
  categories: 'categories',
  disabilityGroup: 'disabilityGroup',
  languages: 'languages',
  remarks: 'remarks',
} as const satisfies Record<RecordKey, ClientViewField>;

const ADDRESS_KEY_FIELDS = {
  regionCode: 'region',
  districtCode: 'district',
  mahalla: 'street',
  street: 'street',
} as const satisfies Record<keyof ClientAddress, ClientViewField>;

type SearchKey = Exclude<keyof ClientSearchItem, 'id' | 'matchedBy'>;
const SEARCH_KEY_FIELDS = {
  lastName: 'name',
  firstName: 'name',
  patronymic: 'name',
  birthDate: 'birthDate',
  birthYear: 'birthYear',
  isBirthDateEstimated: 'birthYear',
  sex: 'sex',
  pinfl: 'pinfl',
  phone: 'phone',
  regionCode: 'region',
  districtCode: 'district',
} as const satisfies Record<SearchKey, ClientViewField>;

/** A client as a role sees it: the keys outside the role's view are absent (not null). */
export type ClientView = Pick<ClientRecord, AlwaysKey> & Partial<Pick<ClientRecord, RecordKey>> & { readonly address?: Partial<ClientAddress> };

/** One search result as a role sees it. */
export type ClientSearchItemView = Pick<ClientSearchItem, 'id' | 'matchedBy'> & Partial<Pick<ClientSearchItem, SearchKey>>;

/**
 * Whether a role's view holds a group of fields.
 *
 * @example seesClientField('trainer', 'pinfl') // false
 */
export function seesClientField(role: Role, field: ClientViewField): boolean {
  return CLIENT_VIEWS[role].includes(field);
}

/** The keys of a record (or of its address, or of a search item) that a role's view gives. */
export function visibleKeys(role: Role, shape: 'record' | 'address' | 'searchItem'): readonly string[] {
  const table: Readonly<Record<string, ClientViewField>> = shape === 'record' ? RECORD_KEY_FIELDS : shape === 'address' ? ADDRESS_KEY_FIELDS : SEARCH_KEY_FIELDS;
  const fixed = shape === 'record' ? ALWAYS : shape === 'searchItem' ? ['id', 'matchedBy'] : [];
  return [...fixed, ...Object.keys(table).filter((key) => seesClientField(role, table[key] ?? 'remarks'))];
}

function pick<T extends object>(source: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in source) out[key] = source[key as keyof T];
  return out;
}

/**
 * The record as `role` may see it.
 *
 * @example clientView('trainer', record).pinfl // undefined: not in the trainer's view
 */
export function clientView(role: Role, record: ClientRecord): ClientView {
  const view = pick(record, visibleKeys(role, 'record'));
  const address = pick(record.address, visibleKeys(role, 'address'));
  if (Object.keys(address).length > 0) view['address'] = address;
  return view as ClientView;
}

/**
 * A search result as `role` may see it.
 *
 * @example clientSearchItemView('manager', item).phone // undefined
 */
export function clientSearchItemView(role: Role, item: ClientSearchItem): ClientSearchItemView {
  return pick(item, visibleKeys(role, 'searchItem')) as ClientSearchItemView;
}

/** A possible duplicate (a search result without how it was found) as `role` may see it. */
export function possibleDuplicateView(role: Role, item: PossibleDuplicate): Omit<ClientSearchItemView, 'matchedBy'> {
  return pick(item, visibleKeys(role, 'searchItem')) as Omit<ClientSearchItemView, 'matchedBy'>;
}

/**
 * Whether a view is the whole record (what the edit form needs).
 *
 * @example if (isFullClientRecord(view)) <EditClientForm client={view} />
 */
export function isFullClientRecord(view: ClientView): view is ClientRecord {
  return Object.keys(RECORD_KEY_FIELDS).every((key) => key in view) && view.address !== undefined && Object.keys(ADDRESS_KEY_FIELDS).every((key) => key in (view.address ?? {}));
}
