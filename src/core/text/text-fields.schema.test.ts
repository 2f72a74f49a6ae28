import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { multiLineText, optionalMultiLineText, singleLineText, storedText } from './text-fields.schema';
import { textProblem } from './text.schema';
import { clientFieldsSchema } from '../clients/clients.schema';
import { addStaffInputSchema, newAccountSchema } from '../staff/staff.schema';
import { centerProfileSchema } from '../center/center.schema';
import { addCatalogEntryInput, createReferralInput, recordServiceInput, updateCatalogEntryInput } from '../services/services.schema';
import { recordConsentInput } from '../consents/consents.schema';
import { addPlanItemInput, closeCaseInput, openCaseInput, updatePlanItemInput } from '../cases/cases.schema';

describe('text fields', () => {
  it('trims, refuses empty and too long text, keeps SQL and HTML verbatim', () => {
    const line = singleLineText(20);
    expect(line.safeParse('  Mahalla  ').data).toBe('Mahalla');
    expect(line.safeParse('   ').success).toBe(false);
    expect(line.safeParse('x'.repeat(21)).success).toBe(false);
    expect(line.safeParse(`<b>'; --`).data).toBe(`<b>'; --`);
  });

  it('refuses control characters; multi-line fields keep line breaks and tabs', () => {
    expect(singleLineText(50).safeParse('a\nb').success).toBe(false);
    expect(singleLineText(50).safeParse('a\u0000b').success).toBe(false);
    expect(multiLineText(50).safeParse('first line\r\n\tsecond').data).toBe('first line\r\n\tsecond');
    expect(multiLineText(50).safeParse('bell\u0007').success).toBe(false);
    expect(multiLineText(50).safeParse('c1\u0085').success).toBe(false);
  });

  it('lets optional free text be empty', () => {
    expect(optionalMultiLineText(10).default('').parse(undefined)).toBe('');
    expect(optionalMultiLineText(10).parse('   ')).toBe('');
    expect(optionalMultiLineText(10).safeParse('x'.repeat(11)).success).toBe(false);
  });

  it('names the problem: lone surrogates, bidi controls, zero-width characters, controls', () => {
    expect(textProblem('Jo\u0000rayev')).toBe('controlCharacters');
    expect(textProblem('abc\uD800')).toBe('loneSurrogate');
    expect(textProblem('\uDC00abc')).toBe('loneSurrogate');
    expect(textProblem('\uD800\uD800\uDC00')).toBe('loneSurrogate');
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(textProblem(`Ali${String.fromCharCode(code)}yev`)).toBe('bidiControl');
    }
    for (const code of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) {
      expect(textProblem(`Ali${String.fromCharCode(code)}yev`)).toBe('invisibleCharacter');
    }
    // What real names and notes hold passes: both Uzbek scripts, Russian, the Uzbek apostrophes, an emoji pair.
    for (const text of ['Oʻgʻiljon Gʻulomova', 'O‘tkir Sho‘rtan', 'Ўткир Шўртан', 'Ёқубова Ҳилола', 'Жураев Шухрат', 'd’Artagnan', 'note 🙂']) {
      expect(textProblem(text, true)).toBeNull();
    }
    const issue = storedText(50).safeParse('Ali\u202Eyev').error?.issues[0];
    expect(issue?.message).toBe('text.bidiControl');
  });
});

/** Every schema that stores text, with a valid input and a path to each of its text fields. */
const CLIENT = { lastName: 'Karimova', firstName: 'Dilnoza', birthDate: '1990-01-02', sex: 'female' };
const NAMES = { 'uz-Latn': 'Maslahat', 'uz-Cyrl': 'Маслаҳат', ru: 'Консультация', en: 'Counseling' };
const ID = '01900000-0000-7000-8000-000000000001';
const STORED_TEXT_FIELDS: readonly { readonly name: string; readonly schema: z.ZodType; readonly input: Record<string, unknown>; readonly paths: readonly string[] }[] = [
  {
    name: 'clients.register',
    schema: clientFieldsSchema,
    input: { ...CLIENT, patronymic: 'Aliyevna', identityDocument: { type: 'passport', number: 'AA1234567' }, address: { mahalla: 'Navro‘z', street: 'Bog‘ 1' }, remarks: 'ok' },
    paths: ['lastName', 'firstName', 'patronymic', 'identityDocument.number', 'address.mahalla', 'address.street', 'remarks'],
  },
  { name: 'staff.add', schema: addStaffInputSchema, input: { displayName: 'Dilnoza K.', username: 'dilnoza', role: 'receptionist' }, paths: ['displayName'] },
  { name: 'setup admin', schema: newAccountSchema, input: { displayName: 'Admin', username: 'admin', password: 'a long enough passphrase 42' }, paths: ['displayName'] },
  { name: 'center profile', schema: centerProfileSchema, input: { name: 'Chilonzor markazi', type: 'mahalla', regionCode: '1726', districtCode: '1726269' }, paths: ['name'] },
  { name: 'services.addCatalogEntry', schema: addCatalogEntryInput, input: { category: 'social', names: NAMES }, paths: ['names.uz-Latn', 'names.uz-Cyrl', 'names.ru', 'names.en'] },
  { name: 'services.updateCatalogEntry', schema: updateCatalogEntryInput, input: { code: 'social.visit', names: NAMES }, paths: ['names.en'] },
  { name: 'services.record', schema: recordServiceInput, input: { clientId: ID, serviceCode: 'social.visit', deliveredOn: '2026-01-02', note: 'n' }, paths: ['note'] },
  { name: 'services.createReferral', schema: createReferralInput, input: { clientId: ID, direction: 'out', agency: 'Hokimiyat', reason: 'r', date: '2026-01-02' }, paths: ['agency', 'reason'] },
  { name: 'consents.record', schema: recordConsentInput, input: { clientId: ID, purpose: 'services', state: 'given', decidedOn: '2026-01-02', formReference: 'F-1' }, paths: ['formReference'] },
  {
    name: 'cases.open',
    schema: openCaseInput,
    input: { clientId: ID, caseWorkerId: ID, intake: { needs: ['housing'], referralSource: 'family', priority: 'low', householdSituation: 'h' } },
    paths: ['intake.householdSituation'],
  },
  { name: 'cases.close', schema: closeCaseInput, input: { caseId: ID, reason: 'goalsAchieved', note: 'n' }, paths: ['note'] },
  { name: 'cases.addPlanItem', schema: addPlanItemInput, input: { caseId: ID, serviceCode: 'social.visit', goal: 'g', dueDate: '2026-01-02' }, paths: ['goal'] },
  { name: 'cases.updatePlanItem', schema: updatePlanItemInput, input: { itemId: ID, goal: 'g' }, paths: ['goal'] },
];

function withValueAt(input: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const parts = path.split('.');
  const copy = structuredClone(input);
  let node = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1) ?? ''] = value;
  return copy;
}

const BAD_TEXT = [
  ['controlCharacters', 'Ali\u0007yev'],
  ['loneSurrogate', 'Ali\uD83Dyev'],
  ['bidiControl', 'Ali\u202Eyev'],
  ['bidiControl', 'Ali\u2067yev'],
  ['invisibleCharacter', 'Ali\u200Byev'],
  ['invisibleCharacter', 'Ali\u200Cyev'],
  ['invisibleCharacter', 'Ali\uFEFFyev'],
] as const;

describe.each(STORED_TEXT_FIELDS)('$name stores text through the one text schema', ({ schema, input, paths }) => {
  it('accepts the valid input', () => {
    expect(schema.safeParse(input).error?.issues).toBeUndefined();
  });

  it.each(paths)('refuses hidden and broken characters in %s, with the localized key', (path) => {
    for (const [problem, text] of BAD_TEXT) {
      const result = schema.safeParse(withValueAt(input, path, text));
      expect(result.success, `${path} ${problem}`).toBe(false);
      const issue = result.error?.issues.find((each) => each.path.join('.') === path);
      expect(issue?.message, `${path} ${problem}`).toBe(`text.${problem}`);
    }
  });
});
