import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../api/session';
import { confidentialKeyId } from '../crypto/field-encryption';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';

/**
 * The clinical recovery code (issue 10 item 8): a supervisor prints it, apart from the
 * administrator's recovery code, so the notes key can be given again when every holder has left;
 * a new confidential key makes it void; the screens can say plainly when nothing opens the notes.
 */

type Roles = 'administrator' | 'psychologist' | 'supervisor';
const centers: TestCenter<Roles>[] = [];
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

async function newCenter(): Promise<TestCenter<Roles>> {
  const center = await createTestCenter({ roles: ['administrator', 'psychologist', 'supervisor'] });
  centers.push(center);
  const psy = center.staff.psychologist;
  await center.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: psy.id, recoveryCode: center.recoveryCode, password: psy.password });
  const psyApi = await center.signedIn(psy.username, psy.password, 'psy');
  await psyApi.invoke('staff.grantConfidentialInPerson', { userId: center.staffId.supervisor, password: center.staff.supervisor.password });
  await center.signedIn(center.staff.supervisor.username, center.staff.supervisor.password, 'sup');
  return center;
}

function keyIdOf(center: TestCenter<Roles>, connectionId: string): string | null {
  const session = center.core.services.sessions.get(connectionId) as Session | null;
  const key = session ? center.core.services.auth.confidentialKeyOf(session) : null;
  return key ? confidentialKeyId(key) : null;
}

/** A new psychologist with her own password, waiting for the key. */
async function newPsychologist(center: TestCenter<Roles>, username: string): Promise<{ id: string; password: string }> {
  const { userId, temporaryPassword } = await center.as.administrator.invoke('staff.add', { displayName: `Psychologist ${username}`, username, role: 'psychologist' });
  const password = `${username}-own-password-2026`;
  const api = await center.signedIn(username, temporaryPassword, `${username}-first`);
  await api.invoke('auth.changePassword', { currentPassword: temporaryPassword, newPassword: password });
  await api.invoke('auth.signOut', {});
  return { id: userId, password };
}

describe('clinical recovery code', () => {
  it('is made by a supervisor who holds the key, with her password, and gives the key again when every holder has left', async () => {
    const center = await newCenter();
    const sup = center.client('sup');
    expect(await rejection(center.client('psy').invoke('staff.createClinicalRecoveryCode', { actorPassword: center.staff.psychologist.password }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'supervisorOnly' },
    });
    expect(await rejection(sup.invoke('staff.createClinicalRecoveryCode', { actorPassword: 'not her password 1' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await sup.invoke('staff.confidentialKeyStatus', {})).toEqual({ holders: 2, eligible: 2, clinicalRecoveryCreatedAt: null, administratorCodeOpensNotes: true });
    const { recoveryCode, keyId } = await sup.invoke('staff.createClinicalRecoveryCode', { actorPassword: center.staff.supervisor.password });
    expect(keyId).toBe(keyIdOf(center, 'sup'));
    const events = await center.db().selectFrom('audit_log').select('details_json').where('action', '=', 'staff.createClinicalRecoveryCode').execute();
    expect(events.map((event) => event.details_json ?? '').join()).not.toContain(recoveryCode);

    // Both holders leave; nobody holds the key, and the status says so.
    await center.as.administrator.invoke('staff.deactivate', { userId: center.staffId.psychologist });
    await center.as.administrator.invoke('staff.deactivate', { userId: center.staffId.supervisor });
    expect(await center.as.administrator.invoke('staff.confidentialKeyStatus', {})).toMatchObject({ holders: 0, clinicalRecoveryCreatedAt: expect.any(String) });
    const next = await newPsychologist(center, 'yangi');
    expect(await rejection(center.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: next.id, recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA', password: next.password }))).toMatchObject({
      code: 'WRONG_RECOVERY_CODE',
    });
    await center.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: next.id, recoveryCode: recoveryCode.toLowerCase(), password: next.password });
    // She received the old key; holders left, so her first sign-in with it also rotates it (and the code goes void).
    await center.signedIn('yangi', next.password, 'yangi');
    const rotation = await center.db().selectFrom('audit_log').select('details_json').where('action', '=', 'staff.rotateConfidentialKey').executeTakeFirstOrThrow();
    expect(JSON.parse(rotation.details_json ?? '{}')).toMatchObject({ previousKeyId: keyId, keyId: keyIdOf(center, 'yangi'), reason: 'holderLeft' });
    const grant = await center.db().selectFrom('audit_log').select('details_json').where('action', '=', 'staff.grantConfidential').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(grant.details_json ?? '{}')).toMatchObject({ source: 'clinicalRecoveryCode' });
  });

  it('is void after a new confidential key, like the administrator\'s code for the notes', async () => {
    const center = await newCenter();
    const sup = center.client('sup');
    const { recoveryCode } = await sup.invoke('staff.createClinicalRecoveryCode', { actorPassword: center.staff.supervisor.password });
    await sup.invoke('staff.rotateConfidentialKey', { actorPassword: center.staff.supervisor.password });
    await center.core.services.auth.reencryption?.done;
    expect(await sup.invoke('staff.confidentialKeyStatus', {})).toEqual({ holders: 1, eligible: 2, clinicalRecoveryCreatedAt: null, administratorCodeOpensNotes: false });
    expect(center.core.services.auth.keyring.require().clinicalRecovery).toBeUndefined();
    await center.as.administrator.invoke('staff.deactivate', { userId: center.staffId.supervisor });
    const next = await newPsychologist(center, 'keyingi');
    // The old clinical code is not a code any more; the administrator's opens the database only.
    expect(await rejection(center.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: next.id, recoveryCode, password: next.password }))).toMatchObject({ code: 'WRONG_RECOVERY_CODE' });
    expect(await rejection(center.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: next.id, recoveryCode: center.recoveryCode, password: next.password }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'recoveryCodeHoldsNoConfidentialKey' },
    });
  });
});
