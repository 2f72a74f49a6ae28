import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';
import { makePinfl } from '../uz/pinfl';
import { hasConsent, hasRegistryConsent } from './consents.repository';

// 10:00 in Tashkent on 25 November 2026.
const NOW = new Date('2026-11-25T05:00:00.000Z');

describe('consents.record / consents.list', () => {
  let t: TestCenter;
  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
  });
  afterAll(() => t.dispose());

  const outboxOf = async (type: string, entityId: string) =>
    (await t.db().selectFrom('outbox').selectAll().where('type', '=', type).where('entity_id', '=', entityId).orderBy('seq').execute()).map(
      (row) => ({ ...row, data: JSON.parse(row.data_json) as Record<string, unknown> }),
    );

  it('keeps the full history; the current state per purpose is the latest decision', async () => {
    const client = await t.registerClient('history');
    const api = t.as.receptionist;
    await api.invoke('consents.record', { clientId: client.id, purpose: 'photographs', state: 'refused', decidedOn: '2026-11-20' });
    await api.invoke('consents.record', { clientId: client.id, purpose: 'photographs', state: 'given', decidedOn: '2026-11-24', formReference: 'F-12' });
    await api.invoke('consents.record', { clientId: client.id, purpose: 'photographs', state: 'withdrawn', decidedOn: '2026-11-25' });
    await api.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-25', formReference: 'F-13' });

    expect(await rejection(t.as.trainer.invoke('consents.list', { clientId: client.id }))).toMatchObject({ code: 'FORBIDDEN' });
    const overview = await t.as.manager.invoke('consents.list', { clientId: client.id });
    expect(overview.history.map((c) => `${c.purpose}:${c.state}`)).toEqual([
      'services:given',
      'photographs:withdrawn',
      'photographs:given',
      'photographs:refused',
    ]);
    expect(overview.current.photographs?.state).toBe('withdrawn');
    expect(overview.current.services).toMatchObject({ state: 'given', formReference: 'F-13', recordedBy: t.staffId.receptionist, decidedOn: '2026-11-25' });
    expect(overview.current.referral).toBeNull();
    expect(overview.current.registrySharing).toBeNull();
    expect(await hasConsent(t.db(), client.id, 'services')).toBe(true);
    expect(await hasConsent(t.db(), client.id, 'photographs')).toBe(false);
  });

  it('writes an audit event and an allow-listed outbox record per decision, without the form reference', async () => {
    const client = await t.registerClient('outbox');
    const recorded = await t.as.receptionist.invoke('consents.record', {
      clientId: client.id, purpose: 'referral', state: 'given', decidedOn: '2026-11-25', formReference: 'SECRET-REF-77',
    });
    const [record, ...rest] = await outboxOf('consent', recorded.id);
    expect(rest).toHaveLength(0);
    expect(record?.data).toEqual({ clientId: client.id, purpose: 'referral', state: 'given', decidedOn: '2026-11-25' });
    const audit = await t.db().selectFrom('audit_log').selectAll().where('entity_id', '=', recorded.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'consents.record', entity_type: 'consent', actor_id: t.staffId.receptionist });
    expect(audit.details_json).not.toContain('SECRET-REF-77');
  });

  it('refuses a trainer and a manager (no consents.write), and saves nothing', async () => {
    const client = await t.registerClient('forbidden');
    const input = { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-25' } as const;
    expect(await rejection(t.as.trainer.invoke('consents.record', input))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.manager.invoke('consents.record', input))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.as.receptionist.invoke('consents.list', { clientId: client.id })).history).toEqual([]);
  });

  it('refuses an unauthenticated connection', async () => {
    const client = await t.registerClient('anon');
    const anonymous = t.client('nobody');
    expect(await rejection(anonymous.invoke('consents.list', { clientId: client.id }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses bad input with INVALID_INPUT: future date, bad date, unknown purpose, empty or huge reference', async () => {
    const client = await t.registerClient('invalid');
    const base = { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-25' } as const;
    const cases: unknown[] = [
      { ...base, decidedOn: '2026-11-26' },
      { ...base, decidedOn: '2026-02-30' },
      { ...base, decidedOn: '1989-12-31' },
      { ...base, decidedOn: '' },
      { ...base, purpose: 'marketing' },
      { ...base, state: 'maybe' },
      { ...base, formReference: '   ' },
      { ...base, formReference: 'x'.repeat(10_000) },
      { ...base, clientId: '' },
    ];
    for (const input of cases) {
      expect(await rejection(t.as.receptionist.invoke('consents.record', input as never))).toMatchObject({ code: 'INVALID_INPUT' });
    }
    const future = await rejection(t.as.receptionist.invoke('consents.record', { ...base, decidedOn: '2026-11-26' }));
    expect(future.details).toMatchObject({ issues: [{ path: ['decidedOn'], code: 'future_date' }] });
    expect((await t.as.receptionist.invoke('consents.list', { clientId: client.id })).history).toEqual([]);
  });

  it('stores SQL and HTML in the form reference verbatim', async () => {
    const client = await t.registerClient('verbatim');
    const reference = `'); DROP TABLE consents; -- <script>alert(1)</script>`;
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-25', formReference: reference });
    const overview = await t.as.receptionist.invoke('consents.list', { clientId: client.id });
    expect(overview.current.services?.formReference).toBe(reference);
  });

  it('refuses a withdrawal of a consent that is not given, and a client that does not exist', async () => {
    const client = await t.registerClient('withdrawnothing');
    expect(
      await rejection(t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'referral', state: 'withdrawn', decidedOn: '2026-11-25' })),
    ).toMatchObject({ code: 'CONFLICT', details: { reason: 'consentNotGiven' } });
    expect(
      await rejection(t.as.receptionist.invoke('consents.record', { clientId: 'no-such-client', purpose: 'referral', state: 'given', decidedOn: '2026-11-25' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps history append-only in the database itself', async () => {
    const client = await t.registerClient('appendonly');
    const recorded = await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-25' });
    // A client merge moves history: client_id alone may change (straight SQL, behind the API).
    const moved = await t.behindTheApi().db.updateTable('consents').set({ client_id: client.id }).where('id', '=', recorded.id).executeTakeFirstOrThrow();
    expect(moved.numUpdatedRows).toBe(1n);
    await expect(t.behindTheApi().db.deleteFrom('consents').where('id', '=', recorded.id).execute()).rejects.toThrow(/append-only/);
  });

  it('withdrawing registry sharing removes identity fields from pending client records in the same transaction', async () => {
    const client = await t.registerClient('registry', { pinfl: '32505900123459', birthDate: '1990-05-25', sex: 'male', firstName: 'Shuxrat', phone: '90 123 45 67' });
    const api = t.as.receptionist;
    await api.invoke('consents.record', { clientId: client.id, purpose: 'registrySharing', state: 'given', decidedOn: '2026-11-24' });
    expect(await hasRegistryConsent(t.db(), client.id)).toBe(true);
    // Any edit now queues a client record carrying identity.
    await api.invoke('clients.update', { ...registrationFields(client), id: client.id, version: client.version, remarks: 'Updated' });
    const before = await outboxOf('client', client.id);
    expect(before.some((record) => record.data.pinfl === '32505900123459' && record.data.lastName === client.lastName)).toBe(true);

    // One batch already took the first record: it is history and stays as sent.
    const first = before[0];
    if (first === undefined) throw new Error('expected a client record');
    await t.behindTheApi().db.updateTable('outbox').set({ batch_id: 'batch-1' }).where('seq', '=', first.seq).execute();

    const withdrawn = await api.invoke('consents.record', { clientId: client.id, purpose: 'registrySharing', state: 'withdrawn', decidedOn: '2026-11-25' });
    expect(withdrawn.redactedRecords).toBeGreaterThan(0);
    expect(await hasRegistryConsent(t.db(), client.id)).toBe(false);

    const after = await outboxOf('client', client.id);
    const pending = after.filter((record) => record.batch_id === null);
    for (const record of pending) {
      for (const field of ['lastName', 'firstName', 'patronymic', 'pinfl', 'birthDate', 'phone', 'street']) expect(record.data).not.toHaveProperty(field);
      expect(record.data).toHaveProperty('sex');
    }
    // The last pending record asks the upload for a pseudonym.
    expect(pending.at(-1)?.data).toMatchObject({ isIdentityShared: false, needsPseudonym: true });
    // The sent one is untouched.
    expect(after.find((record) => record.seq === first.seq)?.data_json).toBe(first.data_json);
  });

  it('rolls the whole withdrawal back when any part of it fails (nothing partly saved)', async () => {
    const client = await t.registerClient('rollback', { pinfl: makePinfl('male', '1985-07-15', 42), birthDate: '1985-07-15', sex: 'male', firstName: 'Olim' });
    const api = t.as.receptionist;
    await api.invoke('consents.record', { clientId: client.id, purpose: 'registrySharing', state: 'given', decidedOn: '2026-11-24' });
    await api.invoke('clients.update', { ...registrationFields(client), id: client.id, version: client.version, remarks: 'x' });
    const outboxBefore = await t.db().selectFrom('outbox').select(['seq', 'data_json']).where('entity_id', '=', client.id).orderBy('seq').execute();
    const consentsBefore = (await api.invoke('consents.list', { clientId: client.id })).history.length;
    // A trigger standing in for a failure after the redaction (a full disk, a crash of the statement).
    await sqlExec(t, `CREATE TEMP TRIGGER fail_consent_outbox BEFORE INSERT ON outbox WHEN NEW.type = 'client'
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    try {
      expect(
        await rejection(api.invoke('consents.record', { clientId: client.id, purpose: 'registrySharing', state: 'withdrawn', decidedOn: '2026-11-25' })),
      ).toMatchObject({ code: 'INTERNAL' });
    } finally {
      await sqlExec(t, 'DROP TRIGGER temp.fail_consent_outbox');
    }
    const outboxAfter = await t.db().selectFrom('outbox').select(['seq', 'data_json']).where('entity_id', '=', client.id).orderBy('seq').execute();
    expect(outboxAfter).toEqual(outboxBefore);
    expect((await api.invoke('consents.list', { clientId: client.id })).history).toHaveLength(consentsBefore);
    expect(await hasRegistryConsent(t.db(), client.id)).toBe(true);
  });
});

async function sqlExec(t: TestCenter, statement: string): Promise<void> {
  t.behindTheApi().handle.exec(statement);
}

/** The register/update fields of a stored client record (for a follow-up `clients.update`). */
function registrationFields(client: Awaited<ReturnType<TestCenter['registerClient']>>) {
  return {
    lastName: client.lastName,
    firstName: client.firstName,
    patronymic: client.patronymic,
    birthDate: client.birthDate,
    estimatedBirthYear: client.isBirthDateEstimated ? client.birthYear : null,
    sex: client.sex,
    pinfl: client.pinfl,
    phone: client.phone,
    address: client.address,
    categories: [...client.categories],
    disabilityGroup: client.disabilityGroup,
    languages: [...client.languages],
    identityDocument: client.identityDocument,
    remarks: client.remarks,
    confirmedWarnings: [...client.confirmedWarnings],
  };
}
