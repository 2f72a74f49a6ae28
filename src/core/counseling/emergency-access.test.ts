import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../testing/test-center';
import { createCounselingTemplate, sessionInput, type CounselingCenter } from './counseling.test-support';

let clock = new Date('2026-11-25T05:00:00.000Z');
const centers = createCounselingTemplate(() => clock);
let c: CounselingCenter;
let clientId: string;
let clientName: { lastName: string; firstName: string; patronymic: string | null };
let sessionId: string;

beforeEach(async () => {
  clock = new Date('2026-11-25T05:00:00.000Z');
  c = await centers.copy();
  const registered = await c.t.registerClient('a');
  clientId = registered.id;
  clientName = { lastName: registered.lastName, firstName: registered.firstName, patronymic: registered.patronymic };
  await c.supervisor.invoke('counseling.assign', { clientId, psychologistId: c.t.staffId.psychologist });
  sessionId = (await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'Night visit after the police call.'))).id;
});
afterEach(() => c.t.dispose());
afterAll(() => centers.dispose());

const REASON = 'Client arrived in crisis at night; her psychologist is on leave.';

/** Moves the clock and keeps the sessions active (the idle lock would otherwise fire). */
async function advanceMinutes(minutes: number) {
  for (let step = 0; step < minutes; step += 4) {
    clock = new Date(clock.getTime() + Math.min(4, minutes - step) * 60_000);
    for (const api of [c.secondPsychologist, c.supervisor]) await api.invoke('center.get', {});
  }
}

describe('break the glass', () => {
  it('opens an unassigned client for the center\'s hours with a typed reason, audited, listed for supervisors until reviewed, and expires', async () => {
    expect(await rejection(c.secondPsychologist.invoke('counseling.getSession', { id: sessionId }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notAssignedToClient' } });
    expect(await rejection(c.secondPsychologist.invoke('counseling.breakGlass', { clientId, reason: 'short' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(c.psychologist.invoke('counseling.breakGlass', { clientId, reason: REASON }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'alreadyHasAccess' } });
    expect(await rejection(c.supervisor.invoke('counseling.breakGlass', { clientId, reason: REASON }))).toMatchObject({ code: 'FORBIDDEN' });

    const opened = await c.secondPsychologist.invoke('counseling.breakGlass', { clientId, reason: REASON });
    expect(opened.expiresAt).toBe('2026-11-25T09:00:00.000Z');
    expect(await c.secondPsychologist.invoke('counseling.getSession', { id: sessionId })).toMatchObject({ note: 'Night visit after the police call.', access: 'emergency' });
    const events = await c.t.db().selectFrom('audit_log').select(['action', 'actor_id', 'entity_id', 'details_json']).where('action', 'in', ['counseling.breakGlass', 'counseling.read']).orderBy('seq').execute();
    expect(events.map((event) => [event.action, event.actor_id, JSON.parse(event.details_json) as unknown])).toEqual([
      ['counseling.breakGlass', c.secondPsychologistId, { clientId, hours: 4, expiresAt: opened.expiresAt }],
      ['counseling.read', c.secondPsychologistId, { via: 'counseling.getSession', access: 'emergency', emergencyAccessId: opened.id }],
    ]);
    expect(JSON.stringify(events)).not.toContain('crisis at night');

    const listed = await c.supervisor.invoke('counseling.listEmergencyAccess', {});
    expect(listed.items).toEqual([{ id: opened.id, clientId, client: clientName, psychologistId: c.secondPsychologistId, psychologistName: 'Second Psychologist', reason: REASON, openedAt: clock.toISOString(), expiresAt: opened.expiresAt, isActive: true }]);

    await advanceMinutes(4 * 60 - 1);
    expect(await c.secondPsychologist.invoke('counseling.getSession', { id: sessionId })).toMatchObject({ access: 'emergency' });
    await advanceMinutes(2);
    expect(await rejection(c.secondPsychologist.invoke('counseling.getSession', { id: sessionId }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notAssignedToClient' } });
    // Expired, still on the list until a supervisor reviews it.
    expect((await c.supervisor.invoke('counseling.listEmergencyAccess', {})).items).toEqual([expect.objectContaining({ id: opened.id, isActive: false })]);
    await c.supervisor.invoke('counseling.reviewEmergencyAccess', { id: opened.id });
    expect(await rejection(c.supervisor.invoke('counseling.reviewEmergencyAccess', { id: opened.id }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'alreadyReviewed' } });
    expect((await c.supervisor.invoke('counseling.listEmergencyAccess', {})).items).toEqual([]);
  });

  it('lasts what the center\'s setting says', async () => {
    await c.t.as.administrator.invoke('center.updateSettings', { emergencyAccessHours: 1 });
    const opened = await c.secondPsychologist.invoke('counseling.breakGlass', { clientId, reason: REASON });
    expect(opened.expiresAt).toBe('2026-11-25T06:00:00.000Z');
    await advanceMinutes(61);
    expect(await rejection(c.secondPsychologist.invoke('counseling.getSession', { id: sessionId }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
