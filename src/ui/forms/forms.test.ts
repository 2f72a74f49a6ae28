import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../core/api/errors';
import { newPasswordSchema } from '../../core/staff/staff.schema';
import { fieldIssuesOf, localizeError, localizeIssue } from '../i18n/issues';
import { recoveryGroups, sameGroup } from '../pages/setup/setup-form';
import { issueMessageKey } from './zod-form';

async function english() {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'en',
    resources: {
      en: {
        validation: { invalid: 'Not valid.', too_small: 'Too small.', required: 'Required.', minLength: 'At least {{minimum}}.', password: { common: 'Too common.' } },
        errors: { INTERNAL: 'Went wrong.', FORBIDDEN: 'Not allowed.' },
      },
    },
  });
  return instance.t;
}

describe('form messages', () => {
  it('turns string length issues into message keys with their numbers', () => {
    const map = (schema: z.ZodType, value: unknown) => schema.safeParse(value, { error: (issue) => issueMessageKey(issue as never) }).error?.issues[0]?.message;
    expect(map(z.string().min(1), '')).toBe('required');
    expect(map(z.string().min(10), 'short')).toBe('minLength?minimum=10');
    expect(map(z.string().max(3), 'long')).toBe('maxLength?maximum=3');
  });

  it('names the bounds of a number instead of clamping it, and asks for a number when none was typed', () => {
    const map = (schema: z.ZodType, value: unknown) => schema.safeParse(value, { error: (issue) => issueMessageKey(issue as never) }).error?.issues[0]?.message;
    const minutes = z.number().int().min(1).max(60);
    expect(map(minutes, 0)).toBe('numberMin?minimum=1');
    expect(map(minutes, 61)).toBe('numberMax?maximum=60');
    expect(map(minutes, Number.NaN)).toBe('numberRequired');
  });

  it('translates keys, keeps parameters, and never shows zod English', async () => {
    const t = await english();
    expect(localizeIssue(t, { code: 'too_small', message: 'minLength?minimum=10' })).toBe('At least 10.');
    expect(localizeIssue(t, { code: 'too_small', message: 'required' })).toBe('Required.');
    const shared = newPasswordSchema.safeParse('password1234').error?.issues[0];
    expect(shared?.message).toBe('password.common');
    expect(localizeIssue(t, { code: shared?.code ?? '', message: shared?.message })).toBe('Too common.');
    expect(localizeIssue(t, { code: 'too_small', message: 'Too small: expected string to have >=1 characters' })).toBe('Too small.');
    expect(localizeIssue(t, { code: 'something_new', message: 'Whatever' })).toBe('Not valid.');
  });

  it('reads field issues only from INVALID_INPUT, and unknown throwables as INTERNAL', async () => {
    const t = await english();
    const invalid = new AppError('INVALID_INPUT', { issues: [{ path: ['admin', 'password'], code: 'custom', message: 'password.common' }, { bogus: true }] });
    expect(fieldIssuesOf(invalid)).toEqual([{ path: ['admin', 'password'], code: 'custom', message: 'password.common' }]);
    expect(fieldIssuesOf(new AppError('FORBIDDEN', { issues: [] }))).toEqual([]);
    expect(localizeError(t, new AppError('FORBIDDEN'))).toBe('Not allowed.');
    expect(localizeError(t, new TypeError('x is undefined'))).toBe('Went wrong.');
  });
});

describe('recovery code groups', () => {
  it('splits on the core dashes and compares the way the core reads codes', () => {
    expect(recoveryGroups('K7M2Q-9XH4D-AB0CD')).toEqual(['K7M2Q', '9XH4D', 'AB0CD']);
    expect(recoveryGroups('ABCDEFGH')).toEqual(['ABCD', 'EFGH']);
    expect(sameGroup(' ab0cd ', 'AB0CD')).toBe(true);
    expect(sameGroup('ABOCD', 'AB0CD')).toBe(true);
    expect(sameGroup('AB1CD', 'ABLCD')).toBe(true);
    expect(sameGroup('AB0CE', 'AB0CD')).toBe(false);
  });
});
