import { afterEach, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, TEST_ADMIN, type TestCenter } from '../testing/test-center';

/**
 * An account's life after it is added (issue 9 item 7): a new name, a new role (the confidential
 * key follows the role rules), and a deactivated account given back its access.
 */

type Roles = 'administrator' | 'psychologist' | 'supervisor' | 'receptionist' | 'trainer';
const centers: TestCenter<Roles>[] = [];
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

async function newCenter(): Promise<TestCenter<Roles>> {
  const center = await createTestCenter({ roles: ['administrator', 'psychologist', 'supervisor', 'receptionist', 'trainer'] });
  centers.push(center);
  return center;
}

async function auditOf(center: TestCenter<Roles>, action: string): Promise<Record<string, unknown>[]> {
  const rows = await center.db().selectFrom('audit_log').select('details_json').where('action', '=', action).orderBy('seq').execute();
  return rows.map((row) => JSON.parse(row.details_json ?? '{}') as Record<string, unknown>);
}

describe('staff lifecycle', () => {
  it('renames an account without ending its sessions, and audits it', async () => {
    const center = await newCenter();
    const admin = center.as.administrator;
    const updated = await admin.invoke('staff.update', { userId: center.staffId.trainer, displayName: 'Dilnoza Yusupova', role: 'trainer' });
    expect(updated).toMatchObject({ displayName: 'Dilnoza Yusupova', role: 'trainer', confidentialKeyRevoked: false });
    expect(await auditOf(center, 'staff.rename')).toHaveLength(1);
    expect(await auditOf(center, 'staff.changeRole')).toHaveLength(0);
    expect(await center.as.trainer.invoke('auth.me', {})).toMatchObject({ role: 'trainer' });
    // The same text rules as every stored text: a bidi override is refused.
    expect(await rejection(admin.invoke('staff.update', { userId: center.staffId.trainer, displayName: 'Dilnoza\u202EavoksuY', role: 'trainer' }))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('changes a role: the account\'s sessions end, an administrator needs the actor\'s password, nobody changes their own', async () => {
    const center = await newCenter();
    const admin = center.as.administrator;
    await admin.invoke('staff.update', { userId: center.staffId.receptionist, displayName: 'Reception', role: 'trainer' });
    expect(await center.as.receptionist.invoke('auth.me', {})).toBeNull();
    expect(await (await center.signedIn(center.staff.receptionist.username, center.staff.receptionist.password)).invoke('auth.me', {})).toMatchObject({ role: 'trainer' });
    expect(await auditOf(center, 'staff.changeRole')).toEqual([expect.objectContaining({ from: 'receptionist', to: 'trainer', heldConfidential: false })]);

    expect(await rejection(admin.invoke('staff.update', { userId: center.staffId.trainer, displayName: 'T', role: 'administrator' }))).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(await rejection(admin.invoke('staff.update', { userId: center.staffId.trainer, displayName: 'T', role: 'administrator', actorPassword: 'wrong password 12' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await rejection(admin.invoke('staff.update', { userId: center.admin.id, displayName: TEST_ADMIN.displayName, role: 'manager' }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'changeOwnRole' },
    });
    expect(await rejection(center.as.receptionist.invoke('staff.update', { userId: center.staffId.trainer, displayName: 'T', role: 'manager' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await rejection(center.as.trainer.invoke('staff.update', { userId: center.staffId.psychologist, displayName: 'T', role: 'manager' }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps the case worker of open cases in a role that may be one', async () => {
    const center = await newCenter();
    const client = await center.registerClient('caseworker');
    await center.as.receptionist.invoke('cases.open', {
      clientId: client.id,
      intake: { needs: ['housing'], referralSource: 'mahalla', priority: 'high', householdSituation: 'Lives alone.' },
      caseWorkerId: center.staffId.receptionist,
    });
    expect(await rejection(center.as.administrator.invoke('staff.update', { userId: center.staffId.receptionist, displayName: 'R', role: 'trainer' }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'caseWorkerOfOpenCases', count: 1 },
    });
    expect(await center.db().selectFrom('staff').select('role').where('id', '=', center.staffId.receptionist).executeTakeFirstOrThrow()).toEqual({ role: 'receptionist' });
  });

  it('takes the confidential key from a role that does not hold it, and the next holder to sign in rotates it', async () => {
    const center = await newCenter();
    const psy = center.staff.psychologist;
    const sup = center.staff.supervisor;
    await center.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: psy.id, recoveryCode: center.recoveryCode, password: psy.password });
    const psyApi = await center.signedIn(psy.username, psy.password, 'psy');
    await psyApi.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: sup.password });

    const updated = await center.as.administrator.invoke('staff.update', { userId: psy.id, displayName: 'Former psychologist', role: 'receptionist' });
    expect(updated).toMatchObject({ role: 'receptionist', holdsConfidential: false, confidentialKeyRevoked: true });
    // Her password still opens her slot, but the slot no longer opens the confidential key.
    const again = await center.signedIn(psy.username, psy.password, 'psy2');
    expect(await again.invoke('auth.me', {})).toMatchObject({ role: 'receptionist', holdsConfidential: false });
    expect(center.core.services.auth.keyring.require().intents ?? []).toHaveLength(0);
    expect(await auditOf(center, 'staff.changeRole')).toEqual([expect.objectContaining({ heldConfidential: true })]);

    // Made a psychologist again, she waits for an in-person grant like anyone new to the key.
    await center.as.administrator.invoke('staff.update', { userId: psy.id, displayName: 'Psychologist again', role: 'psychologist' });
    expect(await (await center.signedIn(psy.username, psy.password, 'psy3')).invoke('auth.me', {})).toMatchObject({ holdsConfidential: false });

    await center.signedIn(sup.username, sup.password, 'sup');
    await center.core.services.auth.reencryption?.done;
    expect(await auditOf(center, 'staff.rotateConfidentialKey')).toEqual([expect.objectContaining({ reason: 'holderLeft' })]);
  });

  it('reactivates a deactivated account with a new temporary password', async () => {
    const center = await newCenter();
    const admin = center.as.administrator;
    const trainer = center.staff.trainer;
    expect(await rejection(admin.invoke('staff.reactivate', { userId: trainer.id }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'alreadyActive' } });
    await admin.invoke('staff.deactivate', { userId: trainer.id });
    expect((await rejection(center.signedIn(trainer.username, trainer.password))).code).toMatch(/^(WRONG_PASSWORD|ACCOUNT_INACTIVE)$/);
    const { temporaryPassword } = await admin.invoke('staff.reactivate', { userId: trainer.id });
    // The old password opens nothing; the temporary one must be replaced at once.
    expect(await rejection(center.signedIn(trainer.username, trainer.password))).toMatchObject({ code: 'WRONG_PASSWORD' });
    const back = await center.signedIn(trainer.username, temporaryPassword);
    expect(await back.invoke('auth.me', {})).toMatchObject({ mustChangePassword: true, role: 'trainer' });
    expect((await admin.invoke('staff.list', {})).find((member) => member.id === trainer.id)).toMatchObject({ isActive: true });
    expect(await auditOf(center, 'staff.reactivate')).toHaveLength(1);
    expect(center.core.services.auth.keyring.require().retired.some((entry) => entry.userId === trainer.id)).toBe(false);
  });
});
