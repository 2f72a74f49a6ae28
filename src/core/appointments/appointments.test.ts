import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTBOX_ALLOWLIST } from '../app';
import { createCounselingTemplate, sessionInput, type CounselingCenter } from '../counseling/counseling.test-support';
import { rejection } from '../testing/test-center';

const START = new Date('2026-11-25T05:00:00.000Z');
let clock = START;
const centers = createCounselingTemplate(() => clock);
let c: CounselingCenter;
let clientId: string;
let psychologistId: string;

beforeEach(async () => {
  clock = START;
  c = await centers.copy();
  clientId = (await c.t.registerClient('a')).id;
  psychologistId = c.t.staffId.psychologist;
});
afterEach(() => c.t.dispose());
afterAll(() => centers.dispose());

const at = (hhmm: string, day = '2026-11-25') => new Date(`${day}T${hhmm}:00+05:00`).toISOString();
const booking = (overrides: Record<string, unknown> = {}) => ({ clientId, psychologistId, startsAt: at('11:00'), durationMinutes: 50, kind: 'individual' as const, form: 'inPerson' as const, ...overrides });
/** Moves the clock and keeps every session active (the idle lock would otherwise fire). */
async function minutesLater(minutes: number) {
  for (let step = 0; step < minutes; step += 4) {
    clock = new Date(clock.getTime() + Math.min(4, minutes - step) * 60_000);
    for (const api of [c.psychologist, c.secondPsychologist, c.supervisor, c.t.as.receptionist]) await api.invoke('center.get', {});
  }
}
const outboxOf = async (entityId: string) =>
  (await c.t.db().selectFrom('outbox').selectAll().where('type', '=', 'counselingAppointment').where('entity_id', '=', entityId).orderBy('seq').execute()).map((row) => JSON.parse(row.data_json) as Record<string, unknown>);

describe('appointments: booking', () => {
  it('books an appointment; the psychologist, a supervisor and the front desk see it; audit and outbox carry metadata only', async () => {
    const booked = await c.psychologist.invoke('appointments.schedule', booking());
    expect(booked).toMatchObject({ clientId, psychologistId, startsAt: '2026-11-25T06:00:00.000Z', endsAt: '2026-11-25T06:50:00.000Z', status: 'scheduled', version: 1, createdBy: psychologistId });
    expect(booked.clientName).toMatch(/\S+ \S+/);
    const week = { from: at('00:00', '2026-11-23'), to: at('00:00', '2026-11-30') };
    expect((await c.psychologist.invoke('appointments.list', { ...week, psychologistId: null })).items.map((item) => item.id)).toEqual([booked.id]);
    expect((await c.supervisor.invoke('appointments.list', { ...week, psychologistId })).items.map((item) => item.id)).toEqual([booked.id]);
    expect((await c.t.as.receptionist.invoke('appointments.list', { ...week, psychologistId: null })).items.map((item) => item.id)).toEqual([booked.id]);
    expect(await outboxOf(booked.id)).toEqual([{ clientId, startsOn: '2026-11-25', durationMinutes: 50, kind: 'individual', form: 'inPerson', status: 'scheduled' }]);
    const audit = await c.t.db().selectFrom('audit_log').selectAll().where('entity_id', '=', booked.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'appointments.schedule', entity_type: 'counselingAppointment', actor_id: psychologistId });
  });

  it('lets the front desk book for a psychologist; a psychologist books only her own calendar; other roles not at all', async () => {
    const byDesk = await c.t.as.receptionist.invoke('appointments.schedule', booking());
    expect(byDesk.createdBy).toBe(c.t.staffId.receptionist);
    expect(await rejection(c.secondPsychologist.invoke('appointments.schedule', booking({ startsAt: at('14:00') })))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notOwnAppointment' } });
    for (const role of ['manager', 'trainer', 'administrator'] as const) {
      expect(await rejection(c.t.as[role].invoke('appointments.schedule', booking({ startsAt: at('15:00') })))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await rejection(c.t.as[role].invoke('appointments.list', { psychologistId: null, from: at('00:00'), to: at('23:00') }))).toMatchObject({ code: 'FORBIDDEN' });
    }
    // A second psychologist neither lists nor opens another's calendar.
    expect(await rejection(c.secondPsychologist.invoke('appointments.list', { psychologistId, from: at('00:00'), to: at('23:00') }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await c.secondPsychologist.invoke('appointments.list', { psychologistId: null, from: at('00:00'), to: at('23:00') })).items).toEqual([]);
    expect(await rejection(c.secondPsychologist.invoke('appointments.get', { id: byDesk.id }))).toMatchObject({ code: 'NOT_FOUND' });
    // Only counselors can be booked.
    expect(await rejection(c.t.as.receptionist.invoke('appointments.schedule', booking({ psychologistId: c.t.staffId.trainer })))).toMatchObject({ code: 'CONFLICT', details: { reason: 'notACounselor' } });
    expect((await c.t.as.receptionist.invoke('appointments.counselors', {})).items.map((item) => item.role).sort()).toEqual(['psychologist', 'psychologist', 'supervisor']);
  });

  it('refuses an overlap with the same psychologist, not back-to-back sessions nor another psychologist at the same hour; a cancellation frees the time', async () => {
    const first = await c.psychologist.invoke('appointments.schedule', booking());
    expect(await rejection(c.t.as.receptionist.invoke('appointments.schedule', booking({ startsAt: at('11:30') })))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentOverlaps', appointmentId: first.id } });
    expect(await rejection(c.t.as.receptionist.invoke('appointments.schedule', booking({ startsAt: at('10:30'), durationMinutes: 31 })))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentOverlaps' } });
    await c.t.as.receptionist.invoke('appointments.schedule', booking({ startsAt: at('11:50') }));
    await c.t.as.receptionist.invoke('appointments.schedule', booking({ startsAt: at('10:10') }));
    await c.t.as.receptionist.invoke('appointments.schedule', booking({ psychologistId: c.secondPsychologistId }));
    await c.psychologist.invoke('appointments.cancel', { id: first.id, expectedVersion: 1, reason: 'clientRequest' });
    expect((await c.psychologist.invoke('appointments.schedule', booking({ startsAt: at('11:15'), durationMinutes: 30 }))).status).toBe('scheduled');
  });

  it('refuses a start in the past; a retried booking with the same id books once', async () => {
    expect(await rejection(c.psychologist.invoke('appointments.schedule', booking({ startsAt: at('09:00') })))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentInPast' } });
    const id = '01900000-0000-7000-8000-000000000001';
    const first = await c.psychologist.invoke('appointments.schedule', booking({ id }));
    expect(await c.psychologist.invoke('appointments.schedule', booking({ id }))).toEqual(first);
    expect(await rejection(c.psychologist.invoke('appointments.schedule', booking({ id, durationMinutes: 60 })))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentExists' } });
    expect(await outboxOf(id)).toHaveLength(1);
  });

  it('reschedules at the version read, with the same checks as booking', async () => {
    const first = await c.psychologist.invoke('appointments.schedule', booking());
    const other = await c.psychologist.invoke('appointments.schedule', booking({ startsAt: at('14:00') }));
    const moved = await c.t.as.receptionist.invoke('appointments.reschedule', { id: first.id, expectedVersion: 1, startsAt: at('12:00', '2026-11-26'), durationMinutes: 60 });
    expect(moved).toMatchObject({ startsAt: '2026-11-26T07:00:00.000Z', endsAt: '2026-11-26T08:00:00.000Z', durationMinutes: 60, version: 2 });
    expect(await rejection(c.psychologist.invoke('appointments.reschedule', { id: first.id, expectedVersion: 1, startsAt: at('16:00'), durationMinutes: 50 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentChangedMeanwhile' } });
    expect(await rejection(c.psychologist.invoke('appointments.reschedule', { id: first.id, expectedVersion: 2, startsAt: at('14:30'), durationMinutes: 50 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentOverlaps', appointmentId: other.id } });
    expect(await rejection(c.psychologist.invoke('appointments.reschedule', { id: first.id, expectedVersion: 2, startsAt: at('08:00'), durationMinutes: 50 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentInPast' } });
    // Moving within its own old time is no overlap with itself.
    expect((await c.psychologist.invoke('appointments.reschedule', { id: first.id, expectedVersion: 2, startsAt: at('12:30', '2026-11-26'), durationMinutes: 60 })).version).toBe(3);
    expect(await rejection(c.secondPsychologist.invoke('appointments.reschedule', { id: first.id, expectedVersion: 3, startsAt: at('16:00'), durationMinutes: 50 }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('appointments: outcomes', () => {
  it('records a no-show only after the start time, by the psychologist or a supervisor, never the desk; then nothing changes it', async () => {
    const booked = await c.t.as.receptionist.invoke('appointments.schedule', booking());
    expect(await rejection(c.psychologist.invoke('appointments.markNoShow', { id: booked.id, expectedVersion: 1 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentNotStarted' } });
    await minutesLater(59);
    expect(await rejection(c.psychologist.invoke('appointments.markNoShow', { id: booked.id, expectedVersion: 1 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentNotStarted' } });
    await minutesLater(16);
    expect(await rejection(c.t.as.receptionist.invoke('appointments.markNoShow', { id: booked.id, expectedVersion: 1 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(c.secondPsychologist.invoke('appointments.markNoShow', { id: booked.id, expectedVersion: 1 }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notOwnAppointment' } });
    const noShow = await c.psychologist.invoke('appointments.markNoShow', { id: booked.id, expectedVersion: 1 });
    expect(noShow).toMatchObject({ status: 'noShow', outcomeBy: psychologistId, outcomeAt: clock.toISOString(), version: 2 });
    for (const call of [
      c.psychologist.invoke('appointments.markAttended', { id: booked.id, expectedVersion: 2, sessionId: null }),
      c.psychologist.invoke('appointments.cancel', { id: booked.id, expectedVersion: 2, reason: 'other' }),
      c.t.as.receptionist.invoke('appointments.reschedule', { id: booked.id, expectedVersion: 2, startsAt: at('15:00'), durationMinutes: 50 }),
    ]) {
      expect(await rejection(call)).toMatchObject({ code: 'CONFLICT', details: { reason: 'appointmentNotScheduled' } });
    }
    expect((await outboxOf(booked.id)).map((data) => data['status'])).toEqual(['scheduled', 'noShow']);
    // A supervisor records outcomes for anyone.
    const second = await c.t.as.receptionist.invoke('appointments.schedule', booking({ psychologistId: c.secondPsychologistId, startsAt: at('12:00') }));
    await minutesLater(60);
    expect((await c.supervisor.invoke('appointments.markAttended', { id: second.id, expectedVersion: 1, sessionId: null })).status).toBe('attended');
  });

  it('marks attended with the recorded session only when it is the same psychologist\'s and client\'s', async () => {
    await c.supervisor.invoke('counseling.assign', { clientId, psychologistId });
    const otherClientId = (await c.t.registerClient('b')).id;
    await c.supervisor.invoke('counseling.assign', { clientId: otherClientId, psychologistId });
    const booked = await c.psychologist.invoke('appointments.schedule', booking());
    await minutesLater(60);
    const session = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'Talked about the week.', { startedAt: clock.toISOString() }));
    const wrongClient = await c.psychologist.invoke('counseling.recordSession', sessionInput(otherClientId, 'Other client.', { startedAt: clock.toISOString() }));
    expect(await rejection(c.psychologist.invoke('appointments.markAttended', { id: booked.id, expectedVersion: 1, sessionId: wrongClient.id }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'sessionNotForAppointment' } });
    expect(await rejection(c.psychologist.invoke('appointments.markAttended', { id: booked.id, expectedVersion: 1, sessionId: '01900000-0000-7000-8000-00000000abcd' }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'sessionNotForAppointment' } });
    const attended = await c.psychologist.invoke('appointments.markAttended', { id: booked.id, expectedVersion: 1, sessionId: session.id });
    expect(attended).toMatchObject({ status: 'attended', sessionId: session.id, version: 2 });
    expect((await outboxOf(booked.id)).at(-1)).toEqual({ clientId, startsOn: '2026-11-25', durationMinutes: 50, kind: 'individual', form: 'inPerson', status: 'attended' });
  });
});

describe('appointments: reminders and the sessions that book them', () => {
  it('reminds the signed-in psychologist of her own appointments starting soon, and of past ones still without an outcome', async () => {
    const soon = await c.t.as.receptionist.invoke('appointments.schedule', booking({ startsAt: at('10:20') }));
    const later = await c.t.as.receptionist.invoke('appointments.schedule', booking({ startsAt: at('13:00') }));
    await c.t.as.receptionist.invoke('appointments.schedule', booking({ psychologistId: c.secondPsychologistId, startsAt: at('10:10') }));
    const cancelled = await c.t.as.receptionist.invoke('appointments.schedule', booking({ startsAt: at('11:30') }));
    await c.t.as.receptionist.invoke('appointments.cancel', { id: cancelled.id, expectedVersion: 1, reason: 'psychologistUnavailable' });

    const now = await c.psychologist.invoke('appointments.reminders', { withinMinutes: 60 });
    expect(now.upcoming.map((item) => [item.id, item.minutesUntilStart])).toEqual([[soon.id, 20]]);
    expect(now.awaitingOutcome).toEqual([]);
    expect((await c.psychologist.invoke('appointments.reminders', { withinMinutes: 240 })).upcoming.map((item) => item.id)).toEqual([soon.id, later.id]);

    await minutesLater(25);
    const after = await c.psychologist.invoke('appointments.reminders', { withinMinutes: 60 });
    expect(after.upcoming).toEqual([]);
    expect(after.awaitingOutcome.map((item) => item.id)).toEqual([soon.id]);
    await c.psychologist.invoke('appointments.markNoShow', { id: soon.id, expectedVersion: 1 });
    expect((await c.psychologist.invoke('appointments.reminders', { withinMinutes: 60 })).awaitingOutcome).toEqual([]);
    expect(await rejection(c.t.as.receptionist.invoke('appointments.reminders', { withinMinutes: 60 }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it("books a signed session's next appointment once, and skips it when that time is taken", async () => {
    await c.supervisor.invoke('counseling.assign', { clientId, psychologistId });
    const next = at('10:00', '2026-12-02');
    const first = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'First.', { nextAppointmentAt: next, form: 'phone', durationMinutes: 45 }));
    await c.psychologist.invoke('counseling.sign', { id: first.id, expectedVersion: first.version });
    const week = { psychologistId, from: at('00:00', '2026-11-30'), to: at('00:00', '2026-12-07') };
    const booked = (await c.psychologist.invoke('appointments.list', week)).items;
    expect(booked).toMatchObject([{ clientId, startsAt: next, durationMinutes: 45, form: 'phone', kind: 'individual', status: 'scheduled', bookedFromSessionId: first.id }]);

    // A second session naming the same time: the slot is taken, the session still signs, nothing is double-booked.
    const second = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'Second.', { nextAppointmentAt: next }));
    await c.psychologist.invoke('counseling.sign', { id: second.id, expectedVersion: second.version });
    // A next appointment already in the past books nothing.
    const third = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'Third.', { nextAppointmentAt: at('08:00') }));
    await c.psychologist.invoke('counseling.sign', { id: third.id, expectedVersion: third.version });
    expect((await c.psychologist.invoke('appointments.list', { ...week, from: at('00:00', '2026-11-24') })).items.map((item) => item.id)).toEqual([booked[0]?.id]);
  });

  it('allow-lists appointment metadata only', () => {
    expect(OUTBOX_ALLOWLIST.get('counselingAppointment')?.fields).toEqual(['clientId', 'startsOn', 'durationMinutes', 'kind', 'form', 'status']);
  });
});
