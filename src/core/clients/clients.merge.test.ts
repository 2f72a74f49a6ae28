import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyStore } from '../audit/verify-store';
import { clientReferences } from './clients.merge';
import type { ClientRecord, RegisterClientInput } from './clients.schema';
import { createTestCenterTemplate, rejection, type TestCenter } from '../testing/test-center';

const NOW = new Date('2026-11-25T05:00:00.000Z');

const person: RegisterClientInput = {
  lastName: 'Жўраев',
  firstName: 'Шухрат',
  birthDate: '1990-05-25',
  sex: 'male',
  pinfl: '32505900123459',
  address: { regionCode: '1703', districtCode: '1703202' },
};

describe('clients.merge / clients.unmerge', () => {
  const centers = createTestCenterTemplate({ now: () => NOW });
  afterAll(() => centers.dispose());
  let t: TestCenter;
  let survivor: ClientRecord;
  let duplicate: ClientRecord;
  let caseId: string;
  beforeEach(async () => {
    t = await centers.copy();
    survivor = await t.as.receptionist.invoke('clients.register', person);
    duplicate = await t.as.receptionist.invoke('clients.register', {
      ...person,
      lastName: 'Djuraev',
      firstName: 'Shukhrat',
      pinfl: null,
      confirmedWarnings: ['possibleDuplicate'],
    });
    for (const purpose of ['services', 'registrySharing'] as const) {
      await t.as.receptionist.invoke('consents.record', { clientId: duplicate.id, purpose, state: 'given', decidedOn: '2026-11-20' });
    }
    const opened = await t.as.receptionist.invoke('cases.open', {
      clientId: duplicate.id,
      intake: { needs: ['documents'], referralSource: 'mahalla', priority: 'medium', householdSituation: '' },
      caseWorkerId: t.staffId.receptionist,
    });
    caseId = opened.id;
    await t.as.receptionist.invoke('services.record', { clientId: duplicate.id, caseId, serviceCode: 'social.consultation', deliveredOn: '2026-11-24' });
  });
  afterEach(() => t.dispose());

  const db = () => t.db();
  const owners = async () => ({
    consents: (await db().selectFrom('consents').select('client_id').execute()).map((row) => row.client_id),
    cases: (await db().selectFrom('cases').select('client_id').execute()).map((row) => row.client_id),
    services: (await db().selectFrom('service_deliveries').select('client_id').execute()).map((row) => row.client_id),
  });

  it('finds every table that references a client from the schema', async () => {
    const tables = (await clientReferences(db())).map((reference) => `${reference.table}.${reference.column}`);
    expect(tables).toEqual(expect.arrayContaining(['consents.client_id', 'cases.client_id', 'service_deliveries.client_id', 'referrals.client_id', 'clients.merged_into_id']));
    expect(tables.some((name) => name.startsWith('client_merges.'))).toBe(false);
  });

  it('moves consents, cases and services to the survivor, audited, and moves them back on unmerge', async () => {
    expect((await rejection(t.as.receptionist.invoke('clients.merge', { survivorId: survivor.id, mergedId: duplicate.id }))).code).toBe('FORBIDDEN');

    const merged = await t.as.administrator.invoke('clients.merge', {
      survivorId: survivor.id,
      mergedId: duplicate.id,
    });
    expect(merged.movedCounts).toEqual({ consents: 2, cases: 1, service_deliveries: 1 });
    expect(await owners()).toEqual({ consents: [survivor.id, survivor.id], cases: [survivor.id], services: [survivor.id] });
    expect(await t.as.receptionist.invoke('clients.get', { id: duplicate.id })).toMatchObject({ status: 'merged', mergedIntoId: survivor.id, version: 2 });
    const found = await t.as.receptionist.invoke('clients.search', { query: 'Shukhrat Djuraev' });
    expect(found.items.map((item) => item.id)).toEqual([survivor.id]);
    expect((await rejection(t.as.receptionist.invoke('clients.update', { ...person, id: duplicate.id, version: 2 }))).code).toBe('CONFLICT');

    const audit = await db().selectFrom('audit_log').select(['action', 'entity_id', 'details_json']).where('action', '=', 'clients.merge').executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(survivor.id);
    expect(JSON.parse(audit.details_json)).toEqual({ mergeId: merged.mergeId, mergedId: duplicate.id, movedRows: 4 });
    const mergeRecord = await db().selectFrom('outbox').selectAll().where('type', '=', 'clientMerge').executeTakeFirstOrThrow();
    expect(JSON.parse(mergeRecord.data_json)).toEqual({ survivorId: survivor.id, mergedId: duplicate.id });

    await t.as.administrator.invoke('clients.unmerge', { mergeId: merged.mergeId });
    expect(await owners()).toEqual({ consents: [duplicate.id, duplicate.id], cases: [duplicate.id], services: [duplicate.id] });
    expect(await t.as.receptionist.invoke('clients.get', { id: duplicate.id })).toMatchObject({ status: 'active', mergedIntoId: null, version: 3 });
    expect(await rejection(t.as.administrator.invoke('clients.unmerge', { mergeId: merged.mergeId }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'alreadyUnmerged' } });
    expect(verifyStore(t.behindTheApi().handle)).toMatchObject({ ok: true, foreignKeys: [] });
  });

  it('only moves back the rows the merge moved: what the survivor gained since stays', async () => {
    const merged = await t.as.administrator.invoke('clients.merge', { survivorId: survivor.id, mergedId: duplicate.id });
    await t.as.receptionist.invoke('services.record', { clientId: survivor.id, serviceCode: 'legal.consultation', deliveredOn: '2026-11-25' });
    await t.as.administrator.invoke('clients.unmerge', { mergeId: merged.mergeId });
    expect((await owners()).services.sort()).toEqual([survivor.id, duplicate.id].sort());
  });

  it('cannot be undone once the merge has been uploaded', async () => {
    const merged = await t.as.administrator.invoke('clients.merge', { survivorId: survivor.id, mergedId: duplicate.id });
    await t.behindTheApi().db.updateTable('outbox').set({ batch_id: 'batch-1' }).execute();
    expect(await rejection(t.as.administrator.invoke('clients.unmerge', { mergeId: merged.mergeId }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'alreadyUploaded' } });
    expect((await owners()).cases).toEqual([survivor.id]);
  });

  it('refuses merging a record into itself, into a merged record, or a record that does not exist', async () => {
    expect((await rejection(t.as.administrator.invoke('clients.merge', { survivorId: survivor.id, mergedId: survivor.id }))).code).toBe('INVALID_INPUT');
    expect((await rejection(t.as.administrator.invoke('clients.merge', { survivorId: survivor.id, mergedId: 'nobody' }))).code).toBe('NOT_FOUND');
    await t.as.administrator.invoke('clients.merge', { survivorId: survivor.id, mergedId: duplicate.id });
    expect(await rejection(t.as.administrator.invoke('clients.merge', { survivorId: duplicate.id, mergedId: survivor.id }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'alreadyMerged', field: 'survivorId' },
    });
  });

  it('sends identity fields once registry-sharing consent is given, and a PINFL held by a merged record still blocks', async () => {
    await t.as.receptionist.invoke('consents.record', { clientId: survivor.id, purpose: 'registrySharing', state: 'given', decidedOn: '2026-11-20' });
    await t.as.receptionist.invoke('clients.update', { ...person, id: survivor.id, version: 1, phone: '90 123 45 67' });
    const records = await db().selectFrom('outbox').select('data_json').where('type', '=', 'client').where('entity_id', '=', survivor.id).orderBy('seq').execute();
    const last = JSON.parse(records[records.length - 1]?.data_json ?? '{}') as Record<string, unknown>;
    expect(last).toMatchObject({ isIdentityShared: true, needsPseudonym: false, lastName: 'Жўраев', firstName: 'Шухрат', pinfl: '32505900123459', birthDate: '1990-05-25', phone: '+998901234567' });
    expect(last).not.toHaveProperty('pseudonym');

    await t.as.administrator.invoke('clients.merge', { survivorId: duplicate.id, mergedId: survivor.id });
    const refused = await rejection(t.as.receptionist.invoke('clients.register', { ...person, lastName: 'Other' }));
    expect(refused).toMatchObject({ code: 'DUPLICATE_PINFL', details: { clientId: duplicate.id } });
  });
});
