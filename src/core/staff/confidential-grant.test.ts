import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_SCRYPT_PARAMS } from '../crypto/key-slots';
import { putUserSlot, sealKeyring, unlockUserSlot, type Keyring } from '../crypto/keyring';
import { nodeCryptoPrimitives as primitives } from '../crypto/primitives';
import { clientOf, createTestCenter, rejection, startTestCore, type TestCenter } from '../testing/test-center';

const centers: TestCenter<'administrator' | 'psychologist' | 'supervisor' | 'receptionist'>[] = [];
async function newCenter() {
  const center = await createTestCenter({ roles: ['administrator', 'psychologist', 'supervisor', 'receptionist'] });
  centers.push(center);
  return center;
}
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

type Center = Awaited<ReturnType<typeof newCenter>>;

async function grantFirstByRecovery(center: Center): Promise<void> {
  await center.as.administrator.invoke('staff.grantConfidentialByRecovery', {
    userId: center.staffId.psychologist,
    recoveryCode: center.recoveryCode,
    password: center.staff.psychologist.password,
  });
}

function readKeyring(center: Center): Keyring {
  return JSON.parse(readFileSync(center.core.services.auth.keyring.path, 'utf8')) as Keyring;
}

async function auditActions(center: Center): Promise<string[]> {
  return (await center.db().selectFrom('audit_log').select('action').orderBy('seq').execute()).map((row) => row.action);
}

describe('confidential key custody', () => {
  it('gives the first key with the recovery code while the recipient types her password, and only while nobody holds it', async () => {
    const center = await newCenter();
    const admin = center.as.administrator;
    const psy = center.staffId.psychologist;
    expect(await rejection(admin.invoke('staff.grantConfidentialByRecovery', { userId: psy, recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA', password: center.staff.psychologist.password }))).toMatchObject({ code: 'WRONG_RECOVERY_CODE' });
    expect(await rejection(admin.invoke('staff.grantConfidentialByRecovery', { userId: center.staffId.receptionist, recoveryCode: center.recoveryCode, password: center.staff.receptionist.password }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'roleHoldsNoConfidentialKey' },
    });
    expect(await rejection(admin.invoke('staff.grantConfidentialByRecovery', { userId: psy, recoveryCode: center.recoveryCode, password: 'not her password' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    await grantFirstByRecovery(center);
    expect(await (await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password)).invoke('auth.me', {})).toMatchObject({ holdsConfidential: true });
    // From now on a holder grants it: the recovery code gives it to nobody else.
    expect(await rejection(admin.invoke('staff.grantConfidentialByRecovery', { userId: center.staffId.supervisor, recoveryCode: center.recoveryCode, password: center.staff.supervisor.password }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'confidentialKeyAlreadyHeld' },
    });
    expect(await auditActions(center)).toContain('staff.grantConfidential');
  });

  it('grants in person from a holder\'s session with the colleague\'s own password; administrators and non-holders cannot', async () => {
    const center = await newCenter();
    await grantFirstByRecovery(center);
    const psyApi = await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password);
    const sup = center.staff.supervisor;
    expect(await rejection(center.as.administrator.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: sup.password }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(center.as.supervisor.invoke('staff.grantConfidentialInPerson', { userId: center.staffId.psychologist, password: center.staff.psychologist.password }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'noConfidentialKey' },
    });
    expect(await rejection(psyApi.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: 'a guess 12345' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await rejection(psyApi.invoke('staff.grantConfidentialInPerson', { userId: center.staffId.psychologist, password: center.staff.psychologist.password }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'grantToSelf' },
    });
    await psyApi.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: sup.password });
    expect(await (await center.signedIn(sup.username, sup.password)).invoke('auth.me', {})).toMatchObject({ holdsConfidential: true });
    // Still held after a restart: the key is in her slot, under her password.
    await center.close();
    const core = await startTestCore(center.dataDir);
    try {
      expect(await clientOf(core, 'sup').invoke('auth.signIn', { username: sup.username, password: sup.password })).toMatchObject({ holdsConfidential: true });
    } finally {
      await core.close();
    }
  });

  it('a password reset drops the key and never lets the resetter receive it; the screens name who reset it', async () => {
    const center = await newCenter();
    await grantFirstByRecovery(center);
    const admin = center.as.administrator;
    const psyApi = await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password);
    const sup = center.staff.supervisor;
    const { temporaryPassword } = await admin.invoke('staff.resetPassword', { userId: sup.id });
    // The administrator knows the temporary password: signing in with it gives no key...
    expect(await (await center.signedIn(sup.username, temporaryPassword)).invoke('auth.me', {})).toMatchObject({ holdsConfidential: false });
    // ...and no holder can grant into a slot whose password someone else set.
    expect(await rejection(psyApi.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: temporaryPassword }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'recipientHasTemporaryPassword' },
    });
    const origin = await psyApi.invoke('staff.accountOrigin', { userId: sup.id });
    expect(origin).toMatchObject({ created: { actorId: center.admin.id, actorDisplayName: expect.any(String) }, lastReset: { actorId: center.admin.id } });
    expect(await rejection(center.as.receptionist.invoke('staff.accountOrigin', { userId: sup.id }))).toMatchObject({ code: 'FORBIDDEN' });
    // The slot the reset made opens no confidential key, whatever is tried with the temporary password.
    const slotKeys = await unlockUserSlot(primitives, readKeyring(center), sup.username, temporaryPassword);
    expect(slotKeys?.confidentialKey).toBeNull();
  });

  it('a receptionist who rewrites the keyring file gains nothing: a changed file fails its MAC, a re-sealed planted slot opens no grant', async () => {
    const center = await newCenter();
    await grantFirstByRecovery(center);
    const path = center.core.services.auth.keyring.path;
    const original = readFileSync(path, 'utf8');
    const psy = center.staff.psychologist;
    const sup = center.staff.supervisor;

    // Someone with the folder but no key: any change (here, the supervisor's slot replaced by the receptionist's) fails the MAC at sign-in.
    const forged = JSON.parse(original) as Keyring;
    const clerkSlot = forged.slots.find((slot) => slot.userId === center.staffId.receptionist);
    forged.slots = forged.slots.map((slot) => (slot.userId === sup.id && clerkSlot ? { ...clerkSlot, userId: sup.id, username: sup.username } : slot));
    writeFileSync(path, JSON.stringify(forged));
    expect(await rejection(center.signedIn(psy.username, psy.password))).toMatchObject({ code: 'KEYRING_TAMPERED' });

    // The receptionist holds the database key (her slot gives it), so she can re-seal a file with a
    // slot of her own making under the supervisor's name. The grant still needs the supervisor's
    // real password, which does not open the planted slot: nothing is wrapped for the receptionist.
    const clerkKeys = await unlockUserSlot(primitives, JSON.parse(original) as Keyring, center.staff.receptionist.username, center.staff.receptionist.password);
    expect(clerkKeys).not.toBeNull();
    const databaseKey = clerkKeys?.databaseKey ?? Buffer.alloc(0);
    const planted = await putUserSlot(primitives, JSON.parse(original) as Keyring, { userId: sup.id, username: sup.username, password: 'planted by clerk 1' }, databaseKey, TEST_SCRYPT_PARAMS);
    writeFileSync(path, JSON.stringify(sealKeyring(primitives, planted, databaseKey)));
    const psyApi = await center.signedIn(psy.username, psy.password);
    expect(await rejection(psyApi.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: sup.password }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    const after = await unlockUserSlot(primitives, readKeyring(center), sup.username, 'planted by clerk 1');
    expect(after?.confidentialKey).toBeNull();
    expect(readFileSync(path, 'utf8')).not.toMatch(/"(boxPublicKey|boxPrivateKey|pendingConfidentialKey)"/);
  });

  it('migrates a format-1 keyring at the first sign-in, audited', async () => {
    const center = await newCenter();
    await grantFirstByRecovery(center);
    await center.close();
    const path = center.core.services.auth.keyring.path;
    const v2 = JSON.parse(readFileSync(path, 'utf8')) as Keyring;
    const box = { iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', ciphertext: 'AAAA' };
    const v1 = {
      format: 'inson-keyring',
      version: 1,
      recovery: v2.recovery,
      retired: v2.retired,
      slots: v2.slots.map((slot) => ({
        userId: slot.userId,
        username: slot.username,
        kdf: slot.kdf,
        databaseKey: slot.databaseKey,
        ...(slot.userId === center.staffId.psychologist ? { confidentialKey: slot.confidentialKey } : {}),
        boxPublicKey: 'AAAA',
        boxPrivateKey: box,
      })),
    };
    writeFileSync(path, JSON.stringify(v1));
    const core = await startTestCore(center.dataDir);
    try {
      const me = await clientOf(core, 'psy').invoke('auth.signIn', { username: center.staff.psychologist.username, password: center.staff.psychologist.password });
      expect(me).toMatchObject({ holdsConfidential: true });
      const migrated = JSON.parse(readFileSync(path, 'utf8')) as Keyring;
      expect(migrated.version).toBe(2);
      expect(migrated.slots.every((slot) => slot.confidentialKey.ciphertext.length === 44)).toBe(true);
      const events = await core.services.store.require().db.selectFrom('audit_log').select('action').where('action', '=', 'keyring.migrated').execute();
      expect(events).toHaveLength(1);
      expect(await clientOf(core, 'clerk').invoke('auth.signIn', { username: center.staff.receptionist.username, password: center.staff.receptionist.password })).toMatchObject({ holdsConfidential: false });
    } finally {
      await core.close();
    }
  });
});
