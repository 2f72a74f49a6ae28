import { z } from 'zod';
import {
  CONCERN_CODES,
  INTERVENTION_CODES,
  RISK_LEVELS,
  SENSITIVITY_TIERS,
  SESSION_FORMS,
  SESSION_KINDS,
  sessionContentSchema,
  type SessionContent,
} from '../../../core/counseling/counseling.schema';
import type { SessionView } from '../../../core/counseling/session-records.service';

/**
 * The record-a-session form as a person fills it (days, times and minutes as typed text) and how
 * it becomes the core's `SessionContent`. Pure, so the autosave and the sign button agree on what
 * a valid draft is, and a unit test can say so.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant of a local day and time on this PC's clock, or null when either is not one. */
export function localInstant(day: string, time: string): string | null {
  if (!DAY.test(day) || !TIME.test(time)) return null;
  const date = new Date(`${day}T${time}:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The local day (`YYYY-MM-DD`) and time (`hh:mm`) of an instant on this PC's clock. */
export function localDayAndTime(instant: string): { readonly day: string; readonly time: string } {
  const date = new Date(instant);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { day: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, time: `${pad(date.getHours())}:${pad(date.getMinutes())}` };
}

export const sessionFormSchema = z
  .object({
    startedOn: z.string().regex(DAY, { message: 'day' }),
    startedTime: z.string().regex(TIME, { message: 'time' }),
    kind: z.enum(SESSION_KINDS),
    form: z.enum(SESSION_FORMS),
    durationMinutes: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, { message: 'minutes' })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: 'minutes' }).max(600, { message: 'minutes' })),
    concerns: z.array(z.enum(CONCERN_CODES)),
    interventions: z.array(z.enum(INTERVENTION_CODES)),
    progress: z.string(),
    nextOn: z.string().refine((day) => day === '' || DAY.test(day), { message: 'day' }),
    nextTime: z.string().refine((time) => time === '' || TIME.test(time), { message: 'time' }),
    sensitivity: z.enum(SENSITIVITY_TIERS),
    riskLevel: z.enum(['', ...RISK_LEVELS]),
    otherClientIds: z.array(z.string().min(1)),
    note: z.string(),
  })
  .superRefine((values, context) => {
    if (values.nextTime !== '' && values.nextOn === '') context.addIssue({ code: 'custom', path: ['nextOn'], message: 'nextDayMissing' });
  });

export type SessionFormValues = z.input<typeof sessionFormSchema>;
export type SessionFormOutput = z.output<typeof sessionFormSchema>;

/** A new session's form: today, now, an individual in-person session of 50 minutes. */
export function emptySessionForm(now: Date = new Date()): SessionFormValues {
  const { day, time } = localDayAndTime(now.toISOString());
  return {
    startedOn: day,
    startedTime: time,
    kind: 'individual',
    form: 'inPerson',
    durationMinutes: '50',
    concerns: [],
    interventions: [],
    progress: '',
    nextOn: '',
    nextTime: '',
    sensitivity: 'standard',
    riskLevel: '',
    otherClientIds: [],
    note: '',
  };
}

/** A saved draft's form values (its other clients are those the reader may see). */
export function sessionFormOf(session: SessionView, clientId: string): SessionFormValues {
  const started = localDayAndTime(session.startedAt);
  const next = session.nextAppointmentAt === null ? { day: '', time: '' } : localDayAndTime(session.nextAppointmentAt);
  return {
    startedOn: started.day,
    startedTime: started.time,
    kind: session.kind,
    form: session.form,
    durationMinutes: String(session.durationMinutes),
    concerns: [...session.concerns],
    interventions: [...session.interventions],
    progress: session.progress,
    nextOn: next.day,
    nextTime: next.time,
    sensitivity: session.sensitivity,
    riskLevel: session.riskLevel ?? '',
    otherClientIds: session.clientIds.filter((id) => id !== clientId),
    note: session.note,
  };
}

/** The core's input of a valid form, before the core's own schema (a next appointment without a time is at 09:00). */
function contentInputOf(values: SessionFormOutput, clientId: string) {
  return {
    clientId,
    otherClientIds: values.otherClientIds,
    startedAt: localInstant(values.startedOn, values.startedTime),
    kind: values.kind,
    form: values.form,
    durationMinutes: values.durationMinutes,
    note: values.note,
    progress: values.progress,
    concerns: values.concerns,
    interventions: values.interventions,
    nextAppointmentAt: values.nextOn === '' ? null : localInstant(values.nextOn, values.nextTime === '' ? '09:00' : values.nextTime),
    sensitivity: values.sensitivity,
    riskLevel: values.riskLevel === '' ? null : values.riskLevel,
  };
}

/** The core's content of a valid form; throws when the core's schema refuses it. */
export function sessionContentOf(values: SessionFormOutput, clientId: string): SessionContent {
  return sessionContentSchema.parse(contentInputOf(values, clientId));
}

/** What the autosave may send now: the content of the form as it stands, or null while it is not a valid draft. */
export function draftContentOf(values: SessionFormValues, clientId: string): SessionContent | null {
  const parsed = sessionFormSchema.safeParse(values);
  if (!parsed.success) return null;
  const content = sessionContentSchema.safeParse(contentInputOf(parsed.data, clientId));
  return content.success ? content.data : null;
}
