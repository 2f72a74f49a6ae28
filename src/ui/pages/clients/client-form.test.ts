import type { FieldError } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/api/errors';
import { alertError, clientFieldError, clientFormResolver, EMPTY_CLIENT_FORM, prefillFromQuery, toRegisterInput, withCenterPlace, type ClientFormValues } from './client-form';
import { formatDay, maskPinfl } from './client-format';

const VALID: ClientFormValues = {
  ...EMPTY_CLIENT_FORM,
  lastName: ' Жўраев ',
  firstName: 'Шухрат',
  birthDate: '1990-05-25',
  sex: 'male',
  address: { regionCode: '1726', districtCode: '1726262', mahalla: '', street: '' },
};

async function resolve(values: ClientFormValues) {
  return clientFormResolver(values, undefined, { fields: {}, shouldUseNativeValidation: false });
}

describe('client registration form', () => {
  it('turns empty optional fields into null and drops the year when the exact date is known', () => {
    const input = toRegisterInput({ ...VALID, estimatedBirthYear: '1991' });
    expect(input).toMatchObject({ patronymic: null, pinfl: null, phone: null, identityDocument: null, estimatedBirthYear: null, birthDate: '1990-05-25' });
    expect(input.address).toEqual({ regionCode: '1726', districtCode: '1726262', mahalla: null, street: null });
  });

  it('sends an estimated year as a number, and no date, when only the year is known', () => {
    const input = toRegisterInput({ ...VALID, isBirthYearEstimated: true, estimatedBirthYear: '1950' });
    expect(input).toMatchObject({ birthDate: null, estimatedBirthYear: 1950 });
  });

  it('keeps the disability group only for a person with a disability', () => {
    expect(toRegisterInput({ ...VALID, disabilityGroup: 'II' }).disabilityGroup).toBeNull();
    expect(toRegisterInput({ ...VALID, categories: ['personWithDisability'], disabilityGroup: 'II' }).disabilityGroup).toBe('II');
  });

  it('accepts a valid record through the core schema', async () => {
    const result = await resolve(VALID);
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({ lastName: ' Жўраев ', sex: 'male' });
  });

  it('reports empty names, missing sex and missing date of birth in one pass, with message keys', async () => {
    const { errors } = await resolve(EMPTY_CLIENT_FORM);
    expect(errors.lastName?.message).toBe('required');
    expect(errors.firstName?.message).toBe('required');
    expect(errors.sex?.message).toBe('sexRequired');
    expect(errors.birthDate?.message).toBe('birthDateOrEstimatedYear');
  });

  it('puts a missing year under the year field when only the year is known', async () => {
    const { errors } = await resolve({ ...VALID, isBirthYearEstimated: true });
    expect(errors.estimatedBirthYear?.message).toBe('birthDateOrEstimatedYear');
    expect(errors.birthDate).toBeUndefined();
  });

  it('names a 13-digit PINFL and a foreign phone number by their own keys', async () => {
    const { errors } = await resolve({ ...VALID, pinfl: '3250590012345', phone: '+7 912 345 67 89' });
    expect(errors.pinfl?.message).toBe('pinflDigits');
    expect(errors.phone?.message).toBe('phone');
  });

  it('refuses a 10,000-character remark whole', async () => {
    const { errors } = await resolve({ ...VALID, remarks: 'a'.repeat(10_000) });
    expect(errors.remarks?.message).toBe('maxLength?maximum=2000');
  });

  it('asks for the disability group and a district of the chosen region', async () => {
    const { errors } = await resolve({ ...VALID, categories: ['personWithDisability'], address: { ...VALID.address, regionCode: '1703' } });
    expect(errors.disabilityGroup?.message).toBe('disabilityGroup');
    expect(errors.address?.districtCode?.message).toBe('districtNotInRegion');
  });
});

describe('field error texts', () => {
  const t = ((key: string, options?: { defaultValue?: string }) =>
    ({ 'clients:issue.pinflDigits': 'PINFL: 14 digits', 'care:issue.future_date': 'Not in the future', 'validation:required': 'Required.' })[key] ??
    (key === 'required' ? 'Required.' : (options?.defaultValue ?? key))) as never;

  it('prefers the area text by message key, then by code, then the shared validation text', () => {
    expect(clientFieldError(t, { type: 'invalid_format', message: 'pinflDigits' } as FieldError)).toBe('PINFL: 14 digits');
    expect(clientFieldError(t, { type: 'future_date', message: 'The date is in the future' } as FieldError, 'care')).toBe('Not in the future');
    expect(clientFieldError(t, undefined)).toBeUndefined();
  });

  it('leaves field issues to the fields and shows everything else in the alert', () => {
    const onFields = new AppError('INVALID_INPUT', { issues: [{ path: ['address', 'districtCode'], code: 'custom', message: 'x' }] });
    const elsewhere = new AppError('INVALID_INPUT', { issues: [{ path: ['openedOn'], code: 'future_date', message: 'x' }] });
    expect(alertError(onFields, ['address'])).toBeNull();
    expect(alertError(elsewhere, ['intake'])).toBe(elsewhere);
    const conflict = new AppError('CONFLICT');
    expect(alertError(conflict, ['address'])).toBe(conflict);
  });
});

describe('registration from the search box', () => {
  it('carries names and a PINFL over, and nothing from dates or phones', () => {
    expect(prefillFromQuery('Жураев Шухрат Абдуллаевич')).toMatchObject({ lastName: 'Жураев', firstName: 'Шухрат', patronymic: 'Абдуллаевич' });
    expect(prefillFromQuery('3 250590 012345 9').pinfl).toBe('32505900123459');
    expect(prefillFromQuery('25.05.1990')).toEqual(EMPTY_CLIENT_FORM);
    expect(prefillFromQuery(undefined)).toEqual(EMPTY_CLIENT_FORM);
  });
});

describe('display', () => {
  it('masks all but the last four PINFL digits and writes days as DD.MM.YYYY', () => {
    expect(maskPinfl('32505900123459')).toBe('••••••••••3459');
    expect(maskPinfl(null)).toBe('');
    expect(formatDay('1990-05-25')).toBe('25.05.1990');
  });

  it("starts a new client's address on the center's region and district, unless one is already there", () => {
    const center = { regionCode: '1718', districtCode: '1718203' };
    expect(withCenterPlace(EMPTY_CLIENT_FORM, center).address).toEqual({ regionCode: '1718', districtCode: '1718203', mahalla: '', street: '' });
    expect(withCenterPlace(VALID, center).address).toEqual(VALID.address);
    expect(withCenterPlace(EMPTY_CLIENT_FORM, undefined)).toBe(EMPTY_CLIENT_FORM);
  });
});
