import { createTestCenterTemplate, type TestCenter, type TestClient, type TestStaff } from '../testing/test-center';

/**
 * For counseling tests only: a center whose psychologist and supervisor hold the confidential key
 * (the first by the recovery code, the second in person, as in the app), a second psychologist who
 * holds it too, and a client assigned to nobody yet. Each test gets a copy, everyone signed in
 * again through the keyring (so the holders' sessions unwrap the key).
 */
export type CounselingRole = 'administrator' | 'manager' | 'receptionist' | 'psychologist' | 'supervisor' | 'trainer';

export interface CounselingCenter {
  readonly t: TestCenter<CounselingRole>;
  readonly psychologist: TestClient;
  readonly supervisor: TestClient;
  readonly secondPsychologist: TestClient;
  readonly secondPsychologistId: string;
}

const SECOND = { username: 'test-psychologist-2', password: 'second-psychologist-2026' } as const;

export function createCounselingTemplate(now: () => Date) {
  const template = createTestCenterTemplate<CounselingRole>({ now }, async (t) => {
    const admin = t.as.administrator;
    await admin.invoke('staff.grantConfidentialByRecovery', { userId: t.staffId.psychologist, recoveryCode: t.recoveryCode, password: t.staff.psychologist.password });
    const holder = await t.signedIn(t.staff.psychologist.username, t.staff.psychologist.password);
    await holder.invoke('staff.grantConfidentialInPerson', { userId: t.staffId.supervisor, password: t.staff.supervisor.password });
    const { userId, temporaryPassword } = await admin.invoke('staff.add', { displayName: 'Second Psychologist', username: SECOND.username, role: 'psychologist' });
    const second = await t.signedIn(SECOND.username, temporaryPassword);
    await second.invoke('auth.changePassword', { currentPassword: temporaryPassword, newPassword: SECOND.password });
    await holder.invoke('staff.grantConfidentialInPerson', { userId, password: SECOND.password });
  });
  return {
    async copy(): Promise<CounselingCenter> {
      const t = await template.copy();
      const second: TestStaff = { id: (await t.db().selectFrom('staff').select('id').where('username', '=', SECOND.username).executeTakeFirstOrThrow()).id, ...SECOND };
      return {
        t,
        psychologist: t.as.psychologist,
        supervisor: t.as.supervisor,
        secondPsychologist: await t.signedIn(second.username, second.password, 'psychologist-2'),
        secondPsychologistId: second.id,
      };
    },
    dispose: () => template.dispose(),
  };
}

/** A session's content as the record screen sends it. */
export function sessionInput(clientId: string, note: string, overrides: Record<string, unknown> = {}) {
  return {
    clientId,
    startedAt: '2026-11-24T09:00:00.000Z',
    kind: 'individual' as const,
    form: 'inPerson' as const,
    durationMinutes: 50,
    note,
    concerns: ['domesticViolence' as const, 'anxiety' as const],
    interventions: ['safetyPlanning' as const],
    riskLevel: 'medium' as const,
    ...overrides,
  };
}
