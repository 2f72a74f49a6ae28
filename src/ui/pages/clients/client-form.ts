import type { TFunction } from 'i18next';
import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import { registerClientInput, type ClientCategory, type ClientLanguage, type RegisterClientInput } from '../../../core/clients/clients.schema';
import { fieldError } from '../../forms/field-error';
import { issueMessageKey } from '../../forms/zod-form';
import { fieldIssuesOf } from '../../i18n/issues';

/**
 * The registration form's values: what the inputs hold (strings, checkbox lists), shaped like the
 * core's `clients.register` input so that issue paths from the schema and from the server land on
 * the same fields. `toRegisterInput` turns them into that input; the schema itself is the core's.
 */
export interface ClientFormValues {
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic: string;
  /** Only the year is known: the record is flagged as estimated. */
  readonly isBirthYearEstimated: boolean;
  readonly birthDate: string;
  readonly estimatedBirthYear: string;
  readonly sex: string;
  readonly pinfl: string;
  readonly identityDocument: { readonly type: string; readonly number: string };
  readonly phone: string;
  readonly address: { readonly regionCode: string; readonly districtCode: string; readonly mahalla: string; readonly street: string };
  readonly categories: readonly ClientCategory[];
  readonly disabilityGroup: string;
  readonly languages: readonly ClientLanguage[];
  readonly remarks: string;
}

export const EMPTY_CLIENT_FORM: ClientFormValues = {
  lastName: '',
  firstName: '',
  patronymic: '',
  isBirthYearEstimated: false,
  birthDate: '',
  estimatedBirthYear: '',
  sex: '',
  pinfl: '',
  identityDocument: { type: '', number: '' },
  phone: '',
  address: { regionCode: '', districtCode: '', mahalla: '', street: '' },
  categories: [],
  disabilityGroup: '',
  languages: [],
  remarks: '',
};

const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value);

/**
 * The form's values as the core's input. Empty optional fields become null; a document is sent
 * only when something of it was typed (a number without a type is then the schema's error).
 *
 * @example toRegisterInput({ ...EMPTY_CLIENT_FORM, lastName: 'Жўраев' }).lastName // 'Жўраев'
 */
export function toRegisterInput(values: ClientFormValues): RegisterClientInput {
  const year = values.estimatedBirthYear.trim();
  const document = values.identityDocument;
  const hasDocument = document.type !== '' || document.number.trim() !== '';
  return {
    lastName: values.lastName,
    firstName: values.firstName,
    patronymic: blankToNull(values.patronymic),
    birthDate: values.isBirthYearEstimated ? null : blankToNull(values.birthDate),
    estimatedBirthYear: values.isBirthYearEstimated && year !== '' ? Number(year) : null,
    sex: values.sex as RegisterClientInput['sex'],
    pinfl: blankToNull(values.pinfl),
    identityDocument: hasDocument ? { type: document.type as 'passport', number: document.number } : null,
    phone: blankToNull(values.phone),
    address: {
      regionCode: blankToNull(values.address.regionCode),
      districtCode: blankToNull(values.address.districtCode),
      mahalla: blankToNull(values.address.mahalla),
      street: blankToNull(values.address.street),
    },
    categories: [...values.categories],
    disabilityGroup: values.categories.includes('personWithDisability') ? (blankToNull(values.disabilityGroup) as RegisterClientInput['disabilityGroup']) : null,
    languages: [...values.languages],
    remarks: blankToNull(values.remarks),
    confirmedWarnings: [],
  };
}

/** The message key of one schema issue: its `params.reason`, a field-specific key, or the generic one. */
function messageOf(issue: { readonly code?: string; readonly path: readonly PropertyKey[]; readonly params?: unknown } & Record<string, unknown>): string {
  const params = issue.params as { reason?: unknown } | undefined;
  if (typeof params?.reason === 'string') return params.reason;
  if (issue.code === 'invalid_format' && issue.path.at(-1) === 'pinfl') return 'pinflDigits';
  if (issue.code === 'invalid_value' && issue.path.at(-1) === 'sex') return 'sexRequired';
  return issueMessageKey(issue) ?? 'invalid';
}

/** Where an issue is shown: a missing year of birth under the year field when that one is on screen. */
function fieldPathOf(path: readonly PropertyKey[], values: ClientFormValues): string {
  const joined = path.map(String).join('.');
  if (joined === 'birthDate' && values.isBirthYearEstimated) return 'estimatedBirthYear';
  return joined;
}

function setAt(errors: Record<string, unknown>, path: string, error: FieldError): void {
  const parts = path.split('.');
  let node = errors;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts.at(-1) ?? '';
  node[last] ??= error;
}

/**
 * Validates with the core's own `clients.register` schema. The schema checks names and birth date
 * together only once every field parses, so a missing date is also reported in the first pass.
 */
export const clientFormResolver: Resolver<ClientFormValues, unknown, RegisterClientInput> = (values) => {
  const input = toRegisterInput(values);
  const result = registerClientInput.safeParse(input);
  if (result.success) return { values: input, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const issue of result.error.issues) {
    const path = fieldPathOf(issue.path, values);
    if (path === '') continue;
    setAt(errors, path, { type: issue.code, message: messageOf(issue as never) });
  }
  if (input.birthDate === null && input.estimatedBirthYear === null) {
    setAt(errors, values.isBirthYearEstimated ? 'estimatedBirthYear' : 'birthDate', { type: 'custom', message: 'birthDateOrEstimatedYear' });
  }
  return { values: {}, errors: errors as FieldErrors<ClientFormValues> };
};

/**
 * The localized text of a field error on the client forms: this area's own messages
 * (`clients:issue.<key>`, or `care:issue.<key>` for the care forms; by message key or by code such
 * as the core's `future_date`), else the
 * shared validation texts.
 *
 * @example clientFieldError(t, errors.pinfl) // 'A PINFL has exactly 14 digits.'
 */
export function clientFieldError(t: TFunction, error: FieldError | undefined, namespace: 'clients' | 'care' = 'clients'): string | undefined {
  if (!error) return undefined;
  for (const key of [error.message, typeof error.type === 'string' ? error.type : undefined]) {
    if (key && /^[a-zA-Z_]+$/.test(key)) {
      const text = t(`${namespace}:issue.${key}`, { defaultValue: '' });
      if (text) return text;
    }
  }
  return fieldError(t, error);
}

/**
 * The error to show in a form's alert: null when it is an INVALID_INPUT whose every issue sits on
 * one of the form's own fields (those are shown under the fields already, localized).
 *
 * @example <ErrorAlert error={alertError(save.error, ['decidedOn', 'formReference'])} />
 */
export function alertError(error: unknown, fields: readonly string[]): unknown {
  const issues = fieldIssuesOf(error);
  if (issues.length === 0) return error;
  const isAllOnFields = issues.every((issue) => fields.some((field) => issue.path.join('.') === field || issue.path.join('.').startsWith(`${field}.`)));
  return isAllOnFields ? null : error;
}

/**
 * What the receptionist already typed in the search box, carried into a new registration: a
 * PINFL-looking number goes to the PINFL, words to last and first name (the usual order on
 * documents), anything else is left out.
 *
 * @example prefillFromQuery('Жураев Шухрат') // { ...EMPTY_CLIENT_FORM, lastName: 'Жураев', firstName: 'Шухрат' }
 */
export function prefillFromQuery(query: unknown): ClientFormValues {
  if (typeof query !== 'string') return EMPTY_CLIENT_FORM;
  const trimmed = query.trim();
  const digits = trimmed.replace(/[\s.-]/g, '');
  if (/^\d{14}$/.test(digits)) return { ...EMPTY_CLIENT_FORM, pinfl: digits };
  if (/\d/.test(trimmed)) return EMPTY_CLIENT_FORM;
  const [lastName = '', firstName = '', ...rest] = trimmed.split(/\s+/);
  return { ...EMPTY_CLIENT_FORM, lastName, firstName, patronymic: rest.join(' ') };
}

/**
 * A new client lives, most often, where the center is: the form starts on the center's region and
 * district (the receptionist changes them for anyone from elsewhere).
 *
 * @example withCenterPlace(EMPTY_CLIENT_FORM, { regionCode: '1726', districtCode: '1726262' }).address.districtCode // '1726262'
 */
export function withCenterPlace(values: ClientFormValues, center: { readonly regionCode: string; readonly districtCode: string } | undefined): ClientFormValues {
  if (!center || values.address.regionCode !== '') return values;
  return { ...values, address: { ...values.address, regionCode: center.regionCode, districtCode: center.districtCode } };
}
