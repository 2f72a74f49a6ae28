import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';

// 10:00 in Tashkent on 25 November 2026.
const NOW = new Date('2026-11-25T05:00:00.000Z');
const TODAY = '2026-11-25';

describe('home.overview: each role’s home shows its work', () => {
  let t: TestCenter;
  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
  });
  afterAll(() => t.dispose());

  it('gives the receptionist today’s visitors and her open cases, the psychologist hers, managers the counts and staff awaiting', async () => {
    const registered = await t.registerClient('today');
    const served = await t.registerClient('served');
    await t.as.receptionist.invoke('consents.record', { clientId: served.id, purpose: 'services', state: 'given', decidedOn: TODAY });
    await t.as.receptionist.invoke('services.record', { clientId: served.id, serviceCode: 'social.consultation', deliveredOn: TODAY });
    // A service dated yesterday does not make yesterday's visitor one of today's.
    await t.as.receptionist.invoke('services.record', { clientId: served.id, serviceCode: 'legal.consultation', deliveredOn: '2026-11-24' });
    const intake = { needs: ['housing' as const], referralSource: 'mahalla' as const, priority: 'high' as const };
    const mine = await t.as.receptionist.invoke('cases.open', { clientId: registered.id, intake, caseWorkerId: t.staffId.receptionist });
    const theirs = await t.as.receptionist.invoke('cases.open', { clientId: served.id, intake: { ...intake, priority: 'urgent' }, caseWorkerId: t.staffId.psychologist });

    const desk = await t.as.receptionist.invoke('home.overview', {});
    expect(desk.today).toBe(TODAY);
    const visitors = new Map((desk.todaysVisitors ?? []).map((visitor) => [visitor.clientId, visitor]));
    expect(visitors.get(registered.id)).toMatchObject({ isRegisteredToday: true, isServedToday: false, lastName: registered.lastName });
    expect(visitors.get(served.id)).toMatchObject({ isRegisteredToday: true, isServedToday: true });
    expect(desk.myOpenCases?.map((item) => item.caseId)).toEqual([mine.id]);
    expect(desk.centerCounts).toBeUndefined();
    expect(desk.staffAwaiting).toBeUndefined();

    const psychologist = await t.as.psychologist.invoke('home.overview', {});
    expect(psychologist.myOpenCases).toEqual([expect.objectContaining({ caseId: theirs.id, clientId: served.id, priority: 'urgent' })]);
    expect(psychologist.todaysVisitors).toBeUndefined();
    expect(psychologist.centerCounts).toBeUndefined();

    for (const role of ['manager', 'administrator'] as const) {
      const overview = await t.as[role].invoke('home.overview', {});
      expect(overview.centerCounts).toMatchObject({ servicesDelivered: { today: 1, thisMonth: 2 } });
      expect(overview.centerCounts?.clientsRegistered.today).toBeGreaterThanOrEqual(2);
      expect(overview.todaysVisitors).toBeUndefined();
    }
    const trainer = await t.as.trainer.invoke('home.overview', {});
    expect(trainer).toEqual({ today: TODAY });
    expect(await rejection(t.client('anonymous').invoke('home.overview', {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lists staff who still have a temporary password for managers and administrators', async () => {
    const added = await t.as.administrator.invoke('staff.add', { displayName: 'Yangi Xodim', username: 'yangi', role: 'receptionist' });
    const overview = await t.as.manager.invoke('home.overview', {});
    expect(overview.staffAwaiting).toContainEqual({ id: added.userId, displayName: 'Yangi Xodim', role: 'receptionist', mustChangePassword: true, needsConfidentialGrant: false });
    // Everyone the test center signed in has changed their password.
    expect(overview.staffAwaiting?.map((member) => member.id)).not.toContain(t.staffId.receptionist);
  });
});
