import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';

describe('staff.listAwaitingConfidential and staff.listConfidentialHolders: what the notes-access page explains', () => {
  let center: TestCenter<'administrator' | 'psychologist' | 'supervisor' | 'receptionist'>;
  beforeAll(async () => {
    center = await createTestCenter({ roles: ['administrator', 'psychologist', 'supervisor', 'receptionist'] });
  });
  afterAll(() => center.dispose());

  it('says nobody holds the key before the first grant, and who waits for it', async () => {
    expect(await center.as.psychologist.invoke('staff.listConfidentialHolders', {})).toEqual([]);
    const awaiting = await center.as.supervisor.invoke('staff.listAwaitingConfidential', {});
    expect(awaiting.map((member) => member.id).sort()).toEqual([center.staffId.psychologist, center.staffId.supervisor].sort());
  });

  it('names the holder once the recovery code gave her the key, and she no longer waits', async () => {
    await center.as.administrator.invoke('staff.grantConfidentialByRecovery', {
      userId: center.staffId.psychologist,
      recoveryCode: center.recoveryCode,
      password: center.staff.psychologist.password,
    });
    expect(await center.as.supervisor.invoke('staff.listConfidentialHolders', {})).toEqual([
      { id: center.staffId.psychologist, displayName: 'Test psychologist', role: 'psychologist' },
    ]);
    expect((await center.as.supervisor.invoke('staff.listAwaitingConfidential', {})).map((member) => member.id)).toEqual([center.staffId.supervisor]);
  });

  it('is for psychologists and supervisors only', async () => {
    expect(await rejection(center.as.receptionist.invoke('staff.listConfidentialHolders', {}))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(center.as.administrator.invoke('staff.listConfidentialHolders', {}))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
