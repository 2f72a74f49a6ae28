import { describe, expect, it } from 'vitest';
import { draftContentOf, emptySessionForm, localDayAndTime, localInstant } from './session-form';

describe('the session form', () => {
  it('turns a typed day and time into the instant on this PC\'s clock and back', () => {
    const instant = localInstant('2026-11-24', '14:30');
    expect(instant).not.toBeNull();
    expect(localDayAndTime(instant ?? '')).toEqual({ day: '2026-11-24', time: '14:30' });
    expect(localInstant('2026-11-24', '25:00')).toBeNull();
    expect(localInstant('24.11.2026', '14:30')).toBeNull();
  });

  it('gives the autosave content only for a valid draft; an empty note is still a draft', () => {
    const form = emptySessionForm(new Date(2026, 10, 24, 9, 5));
    expect(draftContentOf(form, 'client-1')).toMatchObject({ clientId: 'client-1', kind: 'individual', form: 'inPerson', durationMinutes: 50, note: '', riskLevel: null, nextAppointmentAt: null, startedAt: new Date(2026, 10, 24, 9, 5).toISOString() });
    expect(draftContentOf({ ...form, durationMinutes: '' }, 'client-1')).toBeNull();
    expect(draftContentOf({ ...form, durationMinutes: '601' }, 'client-1')).toBeNull();
    expect(draftContentOf({ ...form, startedTime: '9' }, 'client-1')).toBeNull();
    expect(draftContentOf({ ...form, nextTime: '10:00' }, 'client-1')).toBeNull();
    expect(draftContentOf({ ...form, note: 'Bad \u0007 bell' }, 'client-1')).toBeNull();
    expect(draftContentOf({ ...form, riskLevel: 'high', nextOn: '2026-12-01', concerns: ['anxiety'], otherClientIds: ['client-2'] }, 'client-1')).toMatchObject({
      riskLevel: 'high',
      nextAppointmentAt: new Date(2026, 11, 1, 9, 0).toISOString(),
      concerns: ['anxiety'],
      otherClientIds: ['client-2'],
    });
  });
});
