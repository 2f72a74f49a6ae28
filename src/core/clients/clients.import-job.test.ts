import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStore } from '../audit/verify-store';
import { localCalendarDate } from '../calendar/calendar';
import { generateRegister, importInBackground } from '../testing/import-register';
import { clientOf, createTestCenter, rejection, startTestCore, type TestCenter } from '../testing/test-center';
import { guessImportMapping } from './clients-import.schema';
import { readImportTable } from './clients.import-read';

/**
 * The import as a background job: it answers a job id at once, reports its progress to the one
 * who started it, runs one at a time, keeps the core answering, and a core stopped in the middle
 * of the write leaves nothing behind: the next core starts over cleanly.
 */
describe('importing a register in the background', () => {
  let t: TestCenter<'receptionist' | 'administrator' | 'psychologist'>;
  let input: { fileName: string; contentBase64: string; mapping: ReturnType<typeof guessImportMapping> };
  const count = async (db: ReturnType<TestCenter['db']>, table: 'clients' | 'audit_log' | 'outbox') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestCenter({ roles: ['receptionist', 'administrator', 'psychologist'] });
    const register = await generateRegister(3000, { today: localCalendarDate(new Date()), seed: 5 });
    const table = await readImportTable('royxat.xlsx', register.bytes);
    input = { fileName: 'royxat.xlsx', contentBase64: register.bytes.toString('base64'), mapping: guessImportMapping(table.headers) };
  }, 60_000);
  afterAll(() => t.dispose());

  it('runs one import at a time, shows it only to the one who started it, and keeps answering meanwhile', async () => {
    // This center holds none of the file's people yet: only the repeats inside the file are refused.
    const { summary } = await t.as.receptionist.invoke('clients.importPreview', input);
    const { jobId } = await t.as.receptionist.invoke('clients.importStart', input);
    // Answered at once, before any of the work: the job is still reading the file.
    expect(await t.as.receptionist.invoke('clients.importProgress', { jobId })).toMatchObject({ jobId, state: 'running', phase: 'reading', result: null, error: null });
    expect(await rejection(t.as.administrator.invoke('clients.importStart', input))).toMatchObject({ code: 'CONFLICT', details: { reason: 'importUnderWay' } });
    expect(await rejection(t.as.administrator.invoke('clients.importProgress', { jobId }))).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'importJob' } });
    expect(await rejection(t.as.psychologist.invoke('clients.importProgress', { jobId }))).toMatchObject({ code: 'FORBIDDEN' });
    let answeredWhileRunning = 0;
    for (;;) {
      const progress = await t.as.receptionist.invoke('clients.importProgress', { jobId });
      // Other calls are answered between the job's steps too.
      expect(await t.as.administrator.invoke('system.info', {})).toMatchObject({ database: 'open' });
      if (progress.state !== 'running') {
        expect(progress).toMatchObject({ state: 'done', result: { imported: summary.accepted, summary } });
        break;
      }
      answeredWhileRunning += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(answeredWhileRunning).toBeGreaterThan(3);
    // The report after the import lists that run's refusals, not the rows it has just imported.
    const csvLines = async (report: { contentBase64: string }) => Buffer.from(report.contentBase64, 'base64').toString('utf8').trim().split(/\r?\n/).length;
    const afterRun = await t.as.receptionist.invoke('clients.importReport', { ...input, format: 'csv', reasonTexts: {}, jobId });
    expect(await csvLines(afterRun)).toBe(1 + summary.refused + 1); // header, refusals, the chain head line
    const judgedNow = await t.as.receptionist.invoke('clients.importReport', { ...input, format: 'csv', reasonTexts: {} });
    expect(await csvLines(judgedNow)).toBe(1 + summary.rows + 1);
    expect(await rejection(t.as.administrator.invoke('clients.importReport', { ...input, format: 'csv', reasonTexts: {}, jobId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rejection(t.as.receptionist.invoke('clients.importProgress', { jobId: 'no-such-job' }))).toMatchObject({ code: 'NOT_FOUND' });
    // The same file again: everything is refused as already there, nothing twice.
    const again = await importInBackground(t.as.administrator, input);
    expect(again.last.result).toMatchObject({ imported: 0 });
    expect(again.last.result?.summary.duplicates).toBe(summary.accepted + summary.duplicates);
  }, 120_000);

  it('leaves nothing behind when the core stops in the middle of the write, and starts over cleanly after', async () => {
    const second = await generateRegister(3000, { today: localCalendarDate(new Date()), seed: 77 });
    const file = { ...input, fileName: 'ikkinchi.xlsx', contentBase64: second.bytes.toString('base64') };
    const { summary } = await t.as.receptionist.invoke('clients.importPreview', file);
    const db = t.db();
    const before = { clients: await count(db, 'clients'), audit: await count(db, 'audit_log'), outbox: await count(db, 'outbox') };
    const { jobId } = await t.as.receptionist.invoke('clients.importStart', file);
    for (;;) {
      const progress = await t.as.receptionist.invoke('clients.importProgress', { jobId });
      expect(progress.state).toBe('running');
      if (progress.phase === 'writing' && progress.done > 0) {
        expect(progress.done).toBeLessThan(progress.total);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await t.close();
    const core = await startTestCore(t.dataDir);
    try {
      const api = clientOf(core, 'after-restart');
      await api.invoke('auth.signIn', { username: t.staff.receptionist.username, password: t.staff.receptionist.password });
      const reopened = core.services.store.require();
      expect({ clients: await count(reopened.db, 'clients'), audit: await count(reopened.db, 'audit_log'), outbox: await count(reopened.db, 'outbox') }).toEqual({ ...before, audit: before.audit + 1 });
      // The job belonged to the core that stopped: the screen is told it did not finish.
      expect(await rejection(api.invoke('clients.importProgress', { jobId }))).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'importJob' } });
      const rerun = await importInBackground(api, file);
      expect(rerun.last).toMatchObject({ state: 'done', result: { imported: summary.accepted } });
      expect(verifyStore(reopened.handle)).toMatchObject({ ok: true, foreignKeys: [] });
    } finally {
      await core.close();
    }
  }, 120_000);
});
