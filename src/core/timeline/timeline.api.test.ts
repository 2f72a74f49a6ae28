import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';
import { MODULES, PERMISSION_TABLE } from '../app';
import { collectTimeline } from './timeline';
import { defineTimelineSource, type TimelineEventBase } from './timeline-source';

const TIMELINE_SOURCES = MODULES.flatMap((module) => module.timeline ?? []);

// 10:00 in Tashkent on 25 November 2026.
const NOW = new Date('2026-11-25T05:00:00.000Z');
const TODAY = '2026-11-25';

describe('timeline.forClient', () => {
  let t: TestCenter;
  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
  });
  afterAll(() => t.dispose());

  async function clientWithHistory(tag: string) {
    const client = await t.registerClient(tag);
    const api = t.as.receptionist;
    await api.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-02' });
    await api.invoke('consents.record', { clientId: client.id, purpose: 'referral', state: 'given', decidedOn: '2026-11-02' });
    const opened = await api.invoke('cases.open', {
      clientId: client.id,
      intake: { needs: ['legalAid'], referralSource: 'police', priority: 'urgent', householdSituation: 'private text' },
      caseWorkerId: t.staffId.receptionist,
      openedOn: '2026-11-03',
    });
    const item = await api.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'legal.consultation', goal: 'Protection order', dueDate: '2026-11-20' });
    await api.invoke('services.record', { clientId: client.id, caseId: opened.id, serviceCode: 'legal.consultation', deliveredOn: '2026-11-10', durationMinutes: 60 });
    await api.invoke('services.createReferral', { clientId: client.id, direction: 'out', agency: 'Legal aid bureau', reason: 'Court', date: '2026-11-12' });
    await api.invoke('cases.updatePlanItem', { itemId: item.id, status: 'done' });
    await api.invoke('cases.close', { caseId: opened.id, reason: 'goalsAchieved' });
    return { client, opened, item };
  }

  it('shows everything that happened to the client, in date order', async () => {
    const { client, opened, item } = await clientWithHistory('full');
    const timeline = await t.as.receptionist.invoke('timeline.forClient', { clientId: client.id });
    expect(timeline.clientId).toBe(client.id);
    expect(timeline.events.map((event) => `${event.date} ${event.kind}`)).toEqual([
      '2026-11-02 consent',
      '2026-11-02 consent',
      '2026-11-03 caseOpened',
      '2026-11-10 serviceDelivered',
      '2026-11-12 referral',
      // Registration, the plan item and both finishings were recorded today (the test clock).
      `${TODAY} registered`,
      `${TODAY} planItemAdded`,
      `${TODAY} planItemStatusChanged`,
      `${TODAY} caseClosed`,
    ]);
    expect(timeline.events.find((event) => event.kind === 'caseClosed')).toMatchObject({ caseId: opened.id, reason: 'goalsAchieved' });
    expect(timeline.events.find((event) => event.kind === 'planItemStatusChanged')).toMatchObject({ itemId: item.id, fromStatus: 'planned', toStatus: 'done' });
    // Every event says who recorded it, and the answer names them.
    for (const event of timeline.events) expect(event.byId, event.kind).toBe(t.staffId.receptionist);
    expect(timeline.staffNames[t.staffId.receptionist]).toBe('Test receptionist');
    expect(JSON.stringify(timeline)).not.toContain('private text');
  });

  it("shows a role only what it may see: a trainer (no cases.read, no consents.read) the registration only", async () => {
    const { client } = await clientWithHistory('trainer');
    const timeline = await t.as.trainer.invoke('timeline.forClient', { clientId: client.id });
    expect(new Set(timeline.events.map((event) => event.kind))).toEqual(new Set(['registered']));
  });

  it('shows every plan status change and every reassignment, with who made it and the case workers by name', async () => {
    const client = await t.registerClient('history');
    const opened = await t.as.receptionist.invoke('cases.open', {
      clientId: client.id,
      intake: { needs: ['legalAid'], referralSource: 'police', priority: 'high', householdSituation: '' },
      caseWorkerId: t.staffId.receptionist,
    });
    const item = await t.as.receptionist.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'legal.consultation', goal: 'Papers', dueDate: '2026-12-20' });
    await t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'inProgress' });
    await t.as.receptionist.invoke('cases.assign', { caseId: opened.id, caseWorkerId: t.staffId.psychologist });
    // A goal change alone is no status change.
    await t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id, goal: 'All papers' });
    await t.as.psychologist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'done' });
    await t.as.receptionist.invoke('cases.updatePlanItem', { itemId: item.id, status: 'inProgress' });
    const timeline = await t.as.receptionist.invoke('timeline.forClient', { clientId: client.id });
    const changes = timeline.events.filter((event) => event.kind === 'planItemStatusChanged');
    expect(changes.map((event) => [event.fromStatus, event.toStatus, event.byId])).toEqual([
      ['planned', 'inProgress', t.staffId.receptionist],
      ['inProgress', 'done', t.staffId.psychologist],
      ['done', 'inProgress', t.staffId.receptionist],
    ]);
    const opening = timeline.events.find((event) => event.kind === 'caseOpened');
    expect(opening).toMatchObject({ caseWorkerId: t.staffId.receptionist, byId: t.staffId.receptionist });
    const reassigned = timeline.events.filter((event) => event.kind === 'caseReassigned');
    expect(reassigned).toEqual([expect.objectContaining({ caseId: opened.id, fromCaseWorkerId: t.staffId.receptionist, toCaseWorkerId: t.staffId.psychologist, byId: t.staffId.receptionist, date: TODAY })]);
    expect(timeline.staffNames).toMatchObject({ [t.staffId.receptionist]: 'Test receptionist', [t.staffId.psychologist]: 'Test psychologist' });
  });

  it('names who recorded each consent decision', async () => {
    const client = await t.registerClient('consent-author');
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'withdrawn', decidedOn: TODAY });
    const timeline = await t.as.receptionist.invoke('timeline.forClient', { clientId: client.id });
    const decisions = timeline.events.filter((event) => event.kind === 'consent');
    // Both recorded in the same instant (the test clock): their order between them is not the point.
    expect(decisions.map((event) => [event.state, timeline.staffNames[event.byId ?? '']]).sort()).toEqual([
      ['given', 'Test receptionist'],
      ['withdrawn', 'Test receptionist'],
    ]);
  });

  it('answers NOT_FOUND for an unknown client and INVALID_INPUT for an empty id', async () => {
    expect(await rejection(t.as.receptionist.invoke('timeline.forClient', { clientId: 'nobody' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rejection(t.as.receptionist.invoke('timeline.forClient', { clientId: '' }))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('takes another domain’s source as is, with its own query and only what it chooses to show', async () => {
    const { client } = await clientWithHistory('example');
    // Counseling's real source is tested in counseling/session-views.test.ts; this one is any domain's.
    const example = defineTimelineSource<TimelineEventBase & { readonly kind: 'exampleVisit'; readonly visitId: string }>({
      name: 'example',
      requires: 'clients.read',
      kinds: { exampleVisit: 4 },
      collect: async () => [{ kind: 'exampleVisit', key: 'exampleVisit:v1', date: '2026-11-04', at: '2026-11-04T06:00:00.000Z', byId: t.staffId.psychologist, visitId: 'v1' }],
    });
    const trainer = { userId: t.staffId.trainer, role: 'trainer' as const, permissions: PERMISSION_TABLE.of('trainer') };
    const events = await collectTimeline(t.db(), client.id, trainer, [...TIMELINE_SOURCES, example]);
    expect(events.map((event) => event.kind)).toEqual(['exampleVisit', 'registered']);
  });

  it('follows a client merge: the survivor’s timeline holds both records’ care history, and an unmerge gives it back', async () => {
    const survivor = await clientWithHistory('survivor');
    const merged = await clientWithHistory('merged');
    const before = (await t.as.receptionist.invoke('timeline.forClient', { clientId: survivor.client.id })).events.length;
    const { mergeId } = await t.as.administrator.invoke('clients.merge', { survivorId: survivor.client.id, mergedId: merged.client.id });
    const after = (await t.as.receptionist.invoke('timeline.forClient', { clientId: survivor.client.id })).events;
    // Everything but the merged record's own registration moved, and the merge itself is on it, with who merged.
    expect(after).toHaveLength(before * 2);
    expect(after.at(-1)).toMatchObject({ kind: 'clientMerged', mergeId, role: 'survivor', otherClientId: merged.client.id, byId: t.staffId.administrator });
    const mergedSide = (await t.as.receptionist.invoke('timeline.forClient', { clientId: merged.client.id })).events;
    expect(mergedSide.map((event) => event.kind)).toEqual(['registered', 'clientMerged']);
    expect(mergedSide[1]).toMatchObject({ role: 'merged', otherClientId: survivor.client.id });
    expect((await t.as.receptionist.invoke('cases.listForClient', { clientId: survivor.client.id })).items).toHaveLength(2);
    // New records for a merged-away client are refused; they belong to the survivor.
    expect(
      await rejection(t.as.receptionist.invoke('services.record', { clientId: merged.client.id, serviceCode: 'social.consultation', deliveredOn: TODAY })),
    ).toMatchObject({ code: 'CONFLICT', details: { reason: 'clientMerged', mergedIntoId: survivor.client.id } });

    await t.as.administrator.invoke('clients.unmerge', { mergeId });
    const undone = (await t.as.receptionist.invoke('timeline.forClient', { clientId: survivor.client.id })).events;
    // The care history went back; the merge and its undoing stay on the record.
    expect(undone.map((event) => event.kind).slice(-2)).toEqual(['clientMerged', 'clientUnmerged']);
    expect(undone).toHaveLength(before + 2);
    expect((await t.as.receptionist.invoke('consents.list', { clientId: merged.client.id })).history).toHaveLength(2);
  });
});
