import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChainHead } from '../audit/anchors';
import { verifyStore } from '../audit/verify-store';
import { localCalendarDate } from '../calendar/calendar';
import { generateRegister, importInBackground, type GeneratedRegister } from '../testing/import-register';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';
import { readImportTable } from './clients.import-read';
import { EXPORT_COMMENT_PREFIX, guessImportMapping, parseImportDate, parseImportSex } from './clients-import.schema';

describe('importing a register', () => {
  let t: TestCenter<'receptionist' | 'psychologist'>;
  let register: GeneratedRegister;
  const file = () => ({ fileName: 'royxat.xlsx', contentBase64: register.bytes.toString('base64') });
  const count = async (table: 'clients' | 'audit_log' | 'outbox') => Number((await t.db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestCenter({ roles: ['receptionist', 'psychologist'] });
    register = await generateRegister(5000, { today: localCalendarDate(new Date()) });
    for (const input of register.existing) await t.as.receptionist.invoke('clients.register', { ...input, confirmedWarnings: ['possibleDuplicate'] });
  }, 120_000);
  afterAll(() => t.dispose());

  it('reads dates, sex and headers as lists write them', () => {
    expect(parseImportDate('15.03.1985')).toEqual({ birthDate: '1985-03-15' });
    expect(parseImportDate('5.3.1985')).toEqual({ birthDate: '1985-03-05' });
    expect(parseImportDate(31121)).toEqual({ birthDate: '1985-03-15' });
    expect(parseImportDate('1950')).toEqual({ estimatedBirthYear: 1950 });
    expect(parseImportDate('31.02.1990')).toEqual({ invalid: true });
    expect(parseImportSex('Аёл')).toBe('female');
    expect(parseImportSex('муж.')).toBe('male');
    expect(parseImportSex('?')).toBeNull();
    expect(guessImportMapping(['№', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'ПИНФЛ'])).toEqual({ lastName: 1, firstName: 2, patronymic: 3, birthDate: 4, sex: 5, pinfl: 6 });
    expect(guessImportMapping(['F.I.Sh', 'Tugʻilgan sana', 'Jinsi'])).toEqual({ fullName: 0, birthDate: 1, sex: 2 });
  });

  it('previews 5,000 messy rows, imports the accepted ones in one go and reports every refusal', async () => {
    const before = { clients: await count('clients'), audit: await count('audit_log'), outbox: await count('outbox') };
    const preview = await t.as.receptionist.invoke('clients.importPreview', file());
    expect(preview.isSavedMapping).toBe(false);
    expect(preview.headers).toContain('Familiya');
    expect(preview.mapping).toMatchObject({ lastName: 1, firstName: 2, patronymic: 3, birthDate: 4, sex: 5, pinfl: 6, phone: 7 });
    expect(preview.sampleRows).toHaveLength(10);
    expect(preview.summary).toEqual({
      rows: register.expected.rows,
      blankRows: register.expected.blankRows,
      accepted: register.expected.accepted,
      refused: register.expected.bad + register.expected.duplicates,
      duplicates: register.expected.duplicates,
    });
    expect(preview.refusals.filter((r) => !['duplicateInFile', 'pinflTaken', 'possibleDuplicate'].includes(r.reason)).map((r) => r.row)).toEqual(register.badRows);
    expect(preview.refusals.filter((r) => ['duplicateInFile', 'pinflTaken', 'possibleDuplicate'].includes(r.reason)).map((r) => r.row)).toEqual(register.duplicateRows);
    expect(new Set(preview.refusals.map((r) => r.reason))).toEqual(new Set(['missingName', 'invalidField', 'futureBirthDate', 'pinflWarning', 'duplicateInFile', 'pinflTaken', 'possibleDuplicate']));
    expect(await count('clients')).toBe(before.clients);

    const { last, seen } = await importInBackground(t.as.receptionist, { ...file(), mapping: preview.mapping });
    expect(last).toMatchObject({ state: 'done', phase: 'writing', done: register.expected.accepted, total: register.expected.accepted, error: null });
    const result = last.result;
    if (result === null) throw new Error('the import answered no result');
    // The progress went through checking the rows, then writing the clients, each counting up.
    const writing = seen.filter((progress) => progress.phase === 'writing').map((progress) => progress.done);
    expect(writing).toEqual([...writing].sort((a, b) => a - b));
    expect(seen.some((progress) => progress.state === 'running' && progress.phase === 'checking' && progress.done > 0 && progress.done < progress.total)).toBe(true);
    expect(seen.some((progress) => progress.state === 'running' && progress.phase === 'writing' && progress.done > 0 && progress.done < progress.total)).toBe(true);
    expect(result.imported).toBe(register.expected.accepted);
    expect(result.refusals).toEqual(preview.refusals);
    expect(await count('clients')).toBe(before.clients + register.expected.accepted);
    expect(await count('outbox')).toBe(before.outbox + register.expected.accepted);
    // One event per client, as a registration writes, and one for the import.
    expect(await count('audit_log')).toBe(before.audit + register.expected.accepted + 1);
    expect(verifyStore(t.behindTheApi().handle)).toMatchObject({ ok: true, foreignKeys: [] });

    // Imported people are found by name, in either script, and count as registered clients.
    const sample = await sql<{ id: string; last_name: string; first_name: string }>`SELECT id, last_name, first_name FROM clients ORDER BY seq DESC LIMIT 1`.execute(t.db());
    const newest = sample.rows[0];
    expect(newest).toBeDefined();
    const found = await t.as.receptionist.invoke('clients.search', { query: `${newest?.last_name ?? ''} ${newest?.first_name ?? ''}` });
    expect(found.items.map((item) => item.id)).toContain(newest?.id);

    // The report lists exactly the refused rows, each with its reason in the reader's words.
    const report = await t.as.receptionist.invoke('clients.importReport', { ...file(), mapping: preview.mapping, format: 'csv', reasonTexts: { pinflTaken: 'JSHSHIR allaqachon roʻyxatda' } });
    const csvText = Buffer.from(report.contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '');
    const csv = Papa.parse<string[]>(csvText, { skipEmptyLines: true, comments: EXPORT_COMMENT_PREFIX });
    // Like every export, it ends with the audit chain head it saw (a line the import reader skips).
    const head = readChainHead(t.behindTheApi().handle);
    expect(csvText.trimEnd().split('\r\n').at(-1)).toBe(`#inson-audit-chain-head;${String(head.seq)};${head.hash}`);
    expect((await readImportTable('royxat-refused.csv', Buffer.from(report.contentBase64, 'base64'))).rows).toHaveLength(csv.data.length - 1);
    expect(report.fileName).toBe('royxat-refused.csv');
    // Run after the import, it judges the file again: every row is now a duplicate or bad.
    expect(csv.data.length - 1).toBe(register.expected.rows);
    expect(csv.data.some((row) => row[1] === 'JSHSHIR allaqachon roʻyxatda')).toBe(true);
    const xlsx = await t.as.receptionist.invoke('clients.importReport', { ...file(), mapping: preview.mapping, format: 'xlsx', reasonTexts: {} });
    expect(Buffer.from(xlsx.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    // The same file again imports nothing twice, and the center's mapping is remembered.
    const again = await t.as.receptionist.invoke('clients.importPreview', file());
    expect(again.isSavedMapping).toBe(true);
    expect(again.summary.accepted).toBe(0);
  }, 300_000);

  it('rolls the whole import back when one write fails', async () => {
    const generated = await generateRegister(1300, { today: localCalendarDate(new Date()), seed: 99 });
    const input = { fileName: 'second.xlsx', contentBase64: generated.bytes.toString('base64') };
    const preview = await t.as.receptionist.invoke('clients.importPreview', input);
    expect(preview.summary.accepted).toBeGreaterThan(1100);
    const before = { clients: await count('clients'), audit: await count('audit_log'), outbox: await count('outbox') };
    // A failure late in the write (a disk full, a bug): the trigger refuses the 1,101st client.
    const store = t.behindTheApi();
    store.handle.exec(`CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON main.clients WHEN (SELECT count(*) FROM main.clients) >= ${before.clients + 1100} BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    try {
      const failed = await importInBackground(t.as.receptionist, { ...input, mapping: preview.mapping });
      expect(failed.last).toMatchObject({ state: 'failed', result: null, error: { code: 'INTERNAL' } });
      // It failed in its third chunk: the two written before it are rolled back with it.
      expect(failed.last).toMatchObject({ phase: 'writing', done: 1000 });
    } finally {
      store.handle.exec('DROP TRIGGER refuse_one');
    }
    expect({ clients: await count('clients'), audit: await count('audit_log'), outbox: await count('outbox') }).toEqual(before);
    const rerun = (await importInBackground(t.as.receptionist, { ...input, mapping: preview.mapping })).last.result;
    expect(rerun?.imported).toBe(preview.summary.accepted);
    expect(verifyStore(store.handle)).toMatchObject({ ok: true });
  }, 120_000);

  it('is for receptionists and administrators only', async () => {
    expect((await rejection(t.as.psychologist.invoke('clients.importPreview', file()))).code).toBe('FORBIDDEN');
  });
});
