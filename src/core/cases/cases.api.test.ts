import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../client';
import type { ClientRecord } from '../clients/clients.schema';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';

// 10:00 in Tashkent on 25 November 2026.
const NOW = new Date('2026-11-25T05:00:00.000Z');
const TODAY = '2026-11-25';

describe('cases and care plans', () => {
  let t: TestCenter;
  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
  });
  afterAll(() => t.dispose());

  const intake: InputOf<'cases.open'>['intake'] = {
    needs: ['housing', 'legalAid'],
    referralSource: 'mahalla',
    priority: 'high',
    householdSituation: 'Lives with three children; husband left in 2025.',
  };
  const openFor = (client: ClientRecord, overrides: Partial<InputOf<'cases.open'>> = {}) =>
    t.as.receptionist.invoke('cases.open', { clientId: client.id, intake, caseWorkerId: t.staffId.receptionist, ...overrides });
  const outboxOf = async (type: string, entityId: string) =>
    (await t.db().selectFrom('outbox').selectAll().where('type', '=', type).where('entity_id', '=', entityId).orderBy('seq').execute()).map(
      (row) => JSON.parse(row.data_json) as Record<string, unknown>,
    );
  const count = async (table: 'cases' | 'plan_items' | 'audit_log' | 'outbox') =>
    Number((await t.db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('opens a case with the intake assessment; the outbox gets codes and dates, never the household text', async () => {
    const client = await t.registerClient('open');
    const opened = await openFor(client);
    expect(opened).toMatchObject({
      clientId: client.id,
      status: 'open',
      intake,
      caseWorkerId: t.staffId.receptionist,
      openedOn: TODAY,
      openedBy: t.staffId.receptionist,
      closedOn: null,
      closeReason: null,
      plan: [],
    });
    expect(await t.as.manager.invoke('cases.get', { caseId: opened.id })).toEqual(opened);
    expect((await t.as.psychologist.invoke('cases.listForClient', { clientId: client.id })).items).toEqual([opened]);
    expect(await outboxOf('case', opened.id)).toEqual([
      { clientId: client.id, status: 'open', priority: 'high', needs: ['housing', 'legalAid'], referralSource: 'mahalla', openedOn: TODAY, closedOn: null, closeReason: null },
    ]);
    const audit = await t.db().selectFrom('audit_log').selectAll().where('entity_id', '=', opened.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'cases.open', entity_type: 'case', actor_id: t.staffId.receptionist });
    expect(audit.details_json).not.toContain('children');
  });

  it('allows one open case per client', async () => {
    const client = await t.registerClient('twice');
    const first = await openFor(client);
    expect(await rejection(openFor(client))).toMatchObject({ code: 'CONFLICT', details: { reason: 'caseAlreadyOpen', caseId: first.id } });
  });

  it('checks permissions in the core: trainers see no cases, managers read but do not write', async () => {
    const client = await t.registerClient('perm');
    const opened = await openFor(client);
    expect(await rejection(t.as.trainer.invoke('cases.get', { caseId: opened.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.trainer.invoke('cases.open', { clientId: client.id, intake, caseWorkerId: t.staffId.receptionist }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.manager.invoke('cases.close', { caseId: opened.id, reason: 'other' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.administrator.invoke('cases.overduePlanItems', {}))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it("lets the case's own case worker keep its plan without cases.write; other read-only roles may not", async () => {
    const client = await t.registerClient('ownplan');
    const opened = await openFor(client, { caseWorkerId: t.staffId.psychologist });
    const item = await t.as.psychologist.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'psychological.individualCounseling', goal: 'Weekly sessions', dueDate: '2026-12-01' });
    expect(await t.as.psychologist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'inProgress' })).toMatchObject({ status: 'inProgress' });
    expect(await rejection(t.as.manager.invoke('cases.updatePlanItem', { itemId: item.id, status: 'done' }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notCaseWorker' } });
    expect(await rejection(t.as.manager.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'legal.consultation', goal: 'x', dueDate: '2026-12-01' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.trainer.invoke('cases.updatePlanItem', { itemId: item.id, status: 'done' }))).toMatchObject({ code: 'FORBIDDEN' });
    // Handed to the receptionist, the psychologist no longer edits it.
    await t.as.receptionist.invoke('cases.assign', { caseId: opened.id, caseWorkerId: t.staffId.receptionist });
    expect(await rejection(t.as.psychologist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'done' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.as.receptionist.invoke('cases.get', { caseId: opened.id })).plan[0]?.status).toBe('inProgress');
  });

  it('refuses a case worker who is not staff or whose role cannot read cases', async () => {
    const client = await t.registerClient('worker');
    expect(await rejection(openFor(client, { caseWorkerId: 'nobody' }))).toMatchObject({ code: 'NOT_FOUND', details: { field: 'caseWorkerId' } });
    expect(await rejection(openFor(client, { caseWorkerId: t.staffId.trainer }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'caseWorkerRoleCannotReadCases' } });
    expect((await t.as.receptionist.invoke('cases.listForClient', { clientId: client.id })).items).toEqual([]);
  });

  it('lists the colleagues who may be case workers to cases.write holders: active staff in the roles the assignment check accepts', async () => {
    const admin = t.as.administrator;
    const leaver = await admin.invoke('staff.add', { displayName: 'Leaving receptionist', username: 'test-leaver', role: 'receptionist' });
    const listed = (await t.as.receptionist.invoke('cases.caseWorkers', {})).items;
    expect(listed.map((worker) => worker.id)).toContain(leaver.userId);

    await admin.invoke('staff.deactivate', { userId: leaver.userId });
    const items = (await t.as.receptionist.invoke('cases.caseWorkers', {})).items;
    expect(items.map((worker) => worker.id)).not.toContain(leaver.userId);
    expect(new Set(items.map((worker) => worker.role))).toEqual(new Set(['receptionist', 'psychologist', 'manager', 'supervisor']));
    expect(items).toContainEqual({ id: t.staffId.psychologist, displayName: 'Test psychologist', role: 'psychologist' });
    expect(items.map((worker) => worker.id)).toContain(t.staffId.supervisor);
    expect(items.map((worker) => worker.id)).not.toContain(t.staffId.trainer);
    expect(items.map((worker) => worker.id)).not.toContain(t.staffId.administrator);
    // Only what the picker shows: no usernames or account state.
    for (const worker of items) expect(Object.keys(worker).sort()).toEqual(['displayName', 'id', 'role']);
    expect(items.map((worker) => worker.displayName)).toEqual([...items.map((worker) => worker.displayName)].sort());

    // Every listed colleague passes the assignment check; the ones left out fail it.
    const client = await t.registerClient('workers');
    const opened = await openFor(client);
    for (const worker of items) {
      expect((await t.as.receptionist.invoke('cases.assign', { caseId: opened.id, caseWorkerId: worker.id })).caseWorkerId).toBe(worker.id);
    }
    expect(await rejection(t.as.receptionist.invoke('cases.assign', { caseId: opened.id, caseWorkerId: leaver.userId }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'caseWorkerInactive' } });
    expect(await rejection(t.as.receptionist.invoke('cases.assign', { caseId: opened.id, caseWorkerId: t.staffId.administrator }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'caseWorkerRoleCannotReadCases' } });

    // Trainers, and roles that only read cases, may not list colleagues.
    for (const role of ['trainer', 'manager', 'psychologist', 'administrator'] as const) {
      expect(await rejection(t.as[role].invoke('cases.caseWorkers', {}))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('refuses bad intake input with INVALID_INPUT and saves nothing', async () => {
    const client = await t.registerClient('badintake');
    const before = await count('cases');
    const bad: unknown[] = [
      { intake: { ...intake, needs: [] } },
      { intake: { ...intake, needs: ['housing', 'housing'] } },
      { intake: { ...intake, needs: ['jetpack'] } },
      { intake: { ...intake, priority: 'whenever' } },
      { intake: { ...intake, referralSource: '' } },
      { intake: { ...intake, householdSituation: 'x'.repeat(2001) } },
      { intake: { ...intake, householdSituation: 'x'.repeat(10_000) } },
      { openedOn: '2026-11-26' },
      { openedOn: '25.11.2026' },
      { caseWorkerId: '' },
    ];
    for (const overrides of bad) {
      expect(await rejection(openFor(client, overrides as never))).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(await count('cases')).toBe(before);
  });

  it('stores SQL and HTML in free text verbatim', async () => {
    const client = await t.registerClient('verbatim');
    const text = `Robert'); DROP TABLE cases;-- <img src=x onerror=alert(1)> & "quotes"`;
    const opened = await openFor(client, { intake: { ...intake, householdSituation: text } });
    expect((await t.as.receptionist.invoke('cases.get', { caseId: opened.id })).intake.householdSituation).toBe(text);
    const item = await t.as.receptionist.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'legal.consultation', goal: text, dueDate: '2026-12-01' });
    expect(item.goal).toBe(text);
  });

  it('keeps a care plan: items, status changes with a finishing date, allow-listed outbox records', async () => {
    const client = await t.registerClient('plan');
    const opened = await openFor(client);
    const item = await t.as.receptionist.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'homeCare.visit', goal: 'Weekly visit', dueDate: '2026-12-10' });
    expect(item).toMatchObject({ caseId: opened.id, serviceCode: 'homeCare.visit', goal: 'Weekly visit', dueDate: '2026-12-10', status: 'planned', finishedOn: null });
    const started = await t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'inProgress' });
    expect(started).toMatchObject({ status: 'inProgress', finishedOn: null });
    const done = await t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'done' });
    expect(done).toMatchObject({ status: 'done', finishedOn: TODAY });
    const reopened = await t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'planned', dueDate: '2026-12-20' });
    expect(reopened).toMatchObject({ status: 'planned', finishedOn: null, dueDate: '2026-12-20' });
    expect((await t.as.receptionist.invoke('cases.get', { caseId: opened.id })).plan.map((p) => p.id)).toEqual([item.id]);

    const records = await outboxOf('planItem', item.id);
    expect(records).toHaveLength(4);
    expect(records[2]).toEqual({ caseId: opened.id, clientId: client.id, serviceCode: 'homeCare.visit', serviceCategory: 'homeCare', dueDate: '2026-12-10', status: 'done', finishedOn: TODAY });
    expect(JSON.stringify(records)).not.toContain('Weekly visit');
  });

  it('refuses plan items for unknown services, empty or huge goals, nothing-to-change updates', async () => {
    const client = await t.registerClient('badplan');
    const opened = await openFor(client);
    const base = { caseId: opened.id, serviceCode: 'legal.consultation', goal: 'Goal', dueDate: '2026-12-01' };
    for (const input of [
      { ...base, serviceCode: 'legal.nothing' },
      { ...base, serviceCode: 'DROP TABLE' },
      { ...base, goal: '  ' },
      { ...base, goal: 'x'.repeat(10_000) },
      { ...base, dueDate: '2026-13-01' },
      { ...base, dueDate: '1900-01-01' },
    ]) {
      expect(await rejection(t.as.receptionist.invoke('cases.addPlanItem', input))).toMatchObject({ code: 'INVALID_INPUT' });
    }
    const item = await t.as.receptionist.invoke('cases.addPlanItem', base);
    expect(await rejection(t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'finished' as never }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.receptionist.invoke('cases.updatePlanItem', { itemId: 'nope', status: 'done' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('closes a case with a reason code; a closed case takes no new plan items and cannot close again', async () => {
    const client = await t.registerClient('close');
    const opened = await openFor(client, { openedOn: '2026-11-20' });
    const item = await t.as.receptionist.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'social.consultation', goal: 'Benefits', dueDate: '2026-11-21' });
    expect(await rejection(t.as.receptionist.invoke('cases.close', { caseId: opened.id, reason: 'goalsAchieved', closedOn: '2026-11-19' }))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { issues: [{ path: ['closedOn'], code: 'before_opened' }] },
    });
    expect(await rejection(t.as.receptionist.invoke('cases.close', { caseId: opened.id, reason: 'tired' as never }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.receptionist.invoke('cases.close', { caseId: opened.id, reason: 'other', note: 'n'.repeat(10_000) }))).toMatchObject({ code: 'INVALID_INPUT' });

    const closed = await t.as.receptionist.invoke('cases.close', { caseId: opened.id, reason: 'movedAway', note: 'Moved to Samarqand, new address on file' });
    expect(closed).toMatchObject({ status: 'closed', closedOn: TODAY, closedBy: t.staffId.receptionist, closeReason: 'movedAway', closeNote: 'Moved to Samarqand, new address on file' });
    const records = await outboxOf('case', opened.id);
    expect(records.at(-1)).toEqual({
      clientId: client.id, status: 'closed', priority: 'high', needs: ['housing', 'legalAid'], referralSource: 'mahalla', openedOn: '2026-11-20', closedOn: TODAY, closeReason: 'movedAway',
    });
    expect(JSON.stringify(records)).not.toContain('Samarqand');

    expect(await rejection(t.as.receptionist.invoke('cases.close', { caseId: opened.id, reason: 'other' }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'caseClosed' } });
    expect(await rejection(t.as.receptionist.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'social.consultation', goal: 'x', dueDate: '2026-12-01' }))).toMatchObject({ code: 'CONFLICT' });
    expect(await rejection(t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'done' }))).toMatchObject({ code: 'CONFLICT' });
    // After closing, the client may get a new case.
    expect((await openFor(client)).status).toBe('open');
  });

  it("lists overdue plan items on the signed-in case worker's list only", async () => {
    const overdueBefore = (await t.as.psychologist.invoke('cases.overduePlanItems', {})).items.length;
    const client = await t.registerClient('overdue');
    const opened = await openFor(client, { caseWorkerId: t.staffId.psychologist, openedOn: '2026-11-01' });
    const add = (goal: string, dueDate: string) =>
      t.as.receptionist.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'psychological.individualCounseling', goal, dueDate });
    const late = await add('late', '2026-11-10');
    const yesterday = await add('yesterday', '2026-11-24');
    await add('today', TODAY);
    await add('future', '2026-12-24');
    const finished = await add('finished', '2026-11-05');
    await t.as.receptionist.invoke('cases.updatePlanItem', { itemId: finished.id, status: 'done' });
    const cancelled = await add('cancelled', '2026-11-05');
    await t.as.receptionist.invoke('cases.updatePlanItem', { itemId: cancelled.id, status: 'cancelled' });

    const mine = (await t.as.psychologist.invoke('cases.overduePlanItems', {})).items.filter((item) => item.caseId === opened.id);
    expect(mine[0]?.client).toEqual({ lastName: client.lastName, firstName: client.firstName, patronymic: client.patronymic });
    expect(mine.map((item) => [item.id, item.daysOverdue, item.clientId])).toEqual([
      [late.id, 15, client.id],
      [yesterday.id, 1, client.id],
    ]);
    expect((await t.as.psychologist.invoke('cases.overduePlanItems', {})).items).toHaveLength(overdueBefore + 2);
    expect((await t.as.receptionist.invoke('cases.overduePlanItems', {})).items.filter((item) => item.caseId === opened.id)).toEqual([]);

    // Reassigned: the list follows the case worker.
    await t.as.receptionist.invoke('cases.assign', { caseId: opened.id, caseWorkerId: t.staffId.receptionist });
    expect((await t.as.psychologist.invoke('cases.overduePlanItems', {})).items.filter((item) => item.caseId === opened.id)).toEqual([]);
    expect((await t.as.receptionist.invoke('cases.overduePlanItems', {})).items.filter((item) => item.caseId === opened.id)).toHaveLength(2);

    // A closed case's items are no longer anyone's to-do.
    await t.as.receptionist.invoke('cases.close', { caseId: opened.id, reason: 'lostContact' });
    expect((await t.as.receptionist.invoke('cases.overduePlanItems', {})).items.filter((item) => item.caseId === opened.id)).toEqual([]);
  });

  it('rolls back the whole write when its outbox record fails (nothing partly saved)', async () => {
    const client = await t.registerClient('rollback');
    const before = { cases: await count('cases'), audit: await count('audit_log'), outbox: await count('outbox') };
    const handle = t.behindTheApi().handle;
    handle.exec(`CREATE TEMP TRIGGER fail_case_outbox BEFORE INSERT ON outbox WHEN NEW.type = 'case' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    try {
      expect(await rejection(openFor(client))).toMatchObject({ code: 'INTERNAL' });
    } finally {
      handle.exec('DROP TRIGGER temp.fail_case_outbox');
    }
    expect({ cases: await count('cases'), audit: await count('audit_log'), outbox: await count('outbox') }).toEqual(before);
    expect((await openFor(client)).status).toBe('open');
  });
});
