import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedSchema } from '../audit/expected-schema';
import { verifyStore } from '../audit/verify-store';
import { createTestCenter, rejection, TEST_CENTER, type TestCenter } from '../testing/test-center';

describe('center profile and settings', () => {
  let t: TestCenter;
  beforeAll(async () => {
    t = await createTestCenter();
  });
  afterAll(() => t.dispose());

  const centerOutbox = async () =>
    (await t.db().selectFrom('outbox').select(['entity_id', 'op', 'data_json']).where('type', '=', 'center').orderBy('seq').execute()).map((row) => ({
      entityId: row.entity_id,
      op: row.op,
      data: JSON.parse(row.data_json) as Record<string, unknown>,
    }));

  it('sends the center created at setup to the registry once', async () => {
    const center = await t.as.administrator.invoke('center.get', {});
    expect(await centerOutbox()).toEqual([{ entityId: center.id, op: 'upsert', data: { name: TEST_CENTER.name, type: TEST_CENTER.type, regionCode: TEST_CENTER.regionCode, districtCode: TEST_CENTER.districtCode } }]);
  });

  it('lets the administrator change name, type, region and district: audited, and the new profile goes to the outbox', async () => {
    const before = await t.as.administrator.invoke('center.get', {});
    const profile = { name: 'Chilonzor tumani INSON markazi', type: 'rehabilitation' as const, regionCode: '1726', districtCode: '1726266' };
    const saved = await t.as.administrator.invoke('center.updateProfile', profile);
    expect(saved).toMatchObject({ ...profile, id: before.id, settings: before.settings, createdAt: before.createdAt });
    expect(await t.as.receptionist.invoke('center.get', {})).toMatchObject(profile);

    const event = await t.db().selectFrom('audit_log').selectAll().where('action', '=', 'center.updateProfile').executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(t.staffId.administrator);
    expect(JSON.parse(event.details_json ?? '{}')).toMatchObject({ changed: 'name,type,districtCode', type: 'rehabilitation', districtCode: '1726266' });
    expect((await centerOutbox()).at(-1)).toEqual({ entityId: before.id, op: 'upsert', data: profile });
    expect(verifyStore(t.behindTheApi().handle, { expectedSchema: await expectedSchema() }).ok).toBe(true);
  });

  it('sends nothing for a save that changes nothing', async () => {
    const current = await t.as.administrator.invoke('center.get', {});
    const records = await centerOutbox();
    await t.as.administrator.invoke('center.updateProfile', { name: current.name, type: current.type, regionCode: current.regionCode, districtCode: current.districtCode });
    const event = await t.db().selectFrom('audit_log').selectAll().where('action', '=', 'center.updateProfile').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(event.details_json ?? '{}')).toMatchObject({ changed: '' });
    expect(await centerOutbox()).toEqual(records);
  });

  it('refuses a district of another region, a blank name and hidden characters, and changes nothing', async () => {
    const current = await t.as.administrator.invoke('center.get', {});
    const base = { name: current.name, type: current.type, regionCode: current.regionCode, districtCode: current.districtCode };
    // Samarqand shahri is not in Tashkent City.
    expect(await rejection(t.as.administrator.invoke('center.updateProfile', { ...base, districtCode: '1718401' }))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { issues: [expect.objectContaining({ path: ['districtCode'] })] },
    });
    expect(await rejection(t.as.administrator.invoke('center.updateProfile', { ...base, name: ' ' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.administrator.invoke('center.updateProfile', { ...base, name: 'INSON\u202Emarkazi' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.as.administrator.invoke('center.get', {})).toEqual(current);
  });

  it('is for administrators only', async () => {
    const current = await t.as.administrator.invoke('center.get', {});
    const profile = { name: 'Boshqa nom', type: current.type, regionCode: current.regionCode, districtCode: current.districtCode };
    for (const role of ['manager', 'receptionist', 'psychologist', 'trainer'] as const) {
      expect(await rejection(t.as[role].invoke('center.updateProfile', profile))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await rejection(t.client('anonymous').invoke('center.updateProfile', profile))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await t.as.administrator.invoke('center.get', {})).name).toBe(current.name);
  });

  it('refuses settings out of range instead of clamping them', async () => {
    for (const inactivityLockMinutes of [0, 61, 2.5]) {
      expect(await rejection(t.as.administrator.invoke('center.updateSettings', { inactivityLockMinutes }))).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect((await t.as.administrator.invoke('center.get', {})).settings.inactivityLockMinutes).toBe(5);
    for (const olderPersonAgeYears of [49, 81, 60.5, -60]) {
      expect(await rejection(t.as.administrator.invoke('center.updateSettings', { olderPersonAgeYears }))).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect((await t.as.administrator.invoke('center.get', {})).settings.olderPersonAgeYears).toBe(60);
  });

  it('keeps the older-person age the administrator sets, within 50 to 80, and only an administrator sets it', async () => {
    expect(await t.as.administrator.invoke('center.updateSettings', { olderPersonAgeYears: 55 })).toMatchObject({ settings: { olderPersonAgeYears: 55, inactivityLockMinutes: 5 } });
    expect(await rejection(t.as.receptionist.invoke('center.updateSettings', { olderPersonAgeYears: 70 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.as.administrator.invoke('center.updateSettings', { olderPersonAgeYears: 60 })).toMatchObject({ settings: { olderPersonAgeYears: 60 } });
  });
});
