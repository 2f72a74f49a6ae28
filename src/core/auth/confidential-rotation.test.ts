import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../api/session';
import type { ConfidentialColumnSpec } from '../crypto/confidential-columns';
import { confidentialKeyId, decryptField, describeStoredField } from '../crypto/field-encryption';
import { unlockRecoverySlot, type Keyring } from '../crypto/keyring';
import { nodeCryptoPrimitives as primitives } from '../crypto/primitives';
import { clientOf, createTestCenter, rejection, startTestCore, type TestCenter } from '../testing/test-center';
import { openConfidential, sealConfidential } from './key-access';

/**
 * A new confidential key and the job that moves every confidential value under it, over a table
 * of the test's own (the manifests' tables are walked the same way: `confidentialColumns`).
 */

const SPEC: ConfidentialColumnSpec = { table: 'fixture_note', idColumn: 'id', versionColumn: 'version', fields: ['note', 'plan'] };
const ROWS = 450;

type Roles = 'administrator' | 'psychologist' | 'supervisor' | 'receptionist';
const centers: TestCenter<Roles>[] = [];
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

async function newCenter(): Promise<TestCenter<Roles>> {
  const center = await createTestCenter({ roles: ['administrator', 'psychologist', 'supervisor', 'receptionist'], coreOptions: { extraConfidentialColumns: [SPEC] } });
  centers.push(center);
  await center.as.administrator.invoke('staff.grantConfidentialByRecovery', {
    userId: center.staffId.psychologist,
    recoveryCode: center.recoveryCode,
    password: center.staff.psychologist.password,
  });
  return center;
}

function sessionOf(center: TestCenter<Roles>, connectionId: string): Session {
  const session = center.core.services.sessions.get(connectionId);
  if (!session) throw new Error(`no session on ${connectionId}`);
  return session;
}

const noteText = (index: number): string => `Izoh ${index}: mijoz bilan suhbat, xavfsizlik rejasi koʻrib chiqildi`;

/** Writes the fixture rows with the psychologist's key, as a domain would (sealConfidential). */
function writeNotes(center: TestCenter<Roles>, session: Session): void {
  const { handle } = center.behindTheApi();
  handle.exec('CREATE TABLE fixture_note (id TEXT PRIMARY KEY, version INTEGER NOT NULL, note TEXT, plan TEXT)');
  const insert = handle.prepare('INSERT INTO fixture_note (id, version, note, plan) VALUES (?, ?, ?, ?)');
  for (let index = 0; index < ROWS; index += 1) {
    const id = `n${String(index).padStart(4, '0')}`;
    const version = 1 + (index % 3);
    const plan = index % 4 === 0 ? null : sealConfidential(center.core.services, session, { recordId: id, field: 'plan', version }, `reja ${index}`);
    insert.run(id, version, sealConfidential(center.core.services, session, { recordId: id, field: 'note', version }, noteText(index)), plan);
  }
}

function rows(center: TestCenter<Roles>): { id: string; version: number; note: string; plan: string | null }[] {
  return center.behindTheApi().handle.prepare('SELECT id, version, note, plan FROM fixture_note ORDER BY id').all() as { id: string; version: number; note: string; plan: string | null }[];
}

function keyringOf(center: TestCenter<Roles>): Keyring {
  return JSON.parse(readFileSync(center.core.services.auth.keyring.path, 'utf8')) as Keyring;
}

async function jobDone(center: TestCenter<Roles>): Promise<void> {
  await center.core.services.auth.reencryption?.done;
}

describe('confidential-key rotation', () => {
  it('moves every value to a new key, keeps it readable meanwhile, and leaves colleagues and the recovery code without it', async () => {
    const center = await newCenter();
    const psy = await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password, 'psy');
    const sup = center.staff.supervisor;
    await psy.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: sup.password });
    const supApi = await center.signedIn(sup.username, sup.password, 'sup');
    const session = sessionOf(center, 'psy');
    writeNotes(center, session);
    const oldKey = Buffer.from(center.core.services.auth.confidentialKeyOf(session) ?? Buffer.alloc(32));
    // One value altered behind the app's back: neither key opens it, the job leaves it and counts it.
    center.behindTheApi().handle.prepare("UPDATE fixture_note SET note = substr(note, 1, 40) || 'AAAA' || substr(note, 45) WHERE id = 'n0007'").run();

    expect(await rejection(center.as.receptionist.invoke('staff.rotateConfidentialKey', { actorPassword: center.staff.receptionist.password }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(psy.invoke('staff.rotateConfidentialKey', { actorPassword: 'not my password 1' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    const result = await psy.invoke('staff.rotateConfidentialKey', { actorPassword: center.staff.psychologist.password });
    expect(result.holdersToRegrant).toBe(1);
    // While the job runs every value opens, whichever key it is under.
    for (const row of rows(center).filter((entry) => entry.id !== 'n0007').slice(0, 50)) {
      expect(openConfidential(center.core.services, session, { recordId: row.id, field: 'note', version: row.version }, row.note)).toBe(noteText(Number(row.id.slice(1))));
    }
    await jobDone(center);

    const newKeyId = confidentialKeyId(center.core.services.auth.confidentialKeyOf(session) ?? Buffer.alloc(32));
    expect(newKeyId).toBe(result.keyId);
    for (const row of rows(center)) {
      const index = Number(row.id.slice(1));
      if (row.id === 'n0007') {
        expect(describeStoredField(row.note)?.keyId).toBe(confidentialKeyId(oldKey));
        continue;
      }
      expect(describeStoredField(row.note)?.keyId).toBe(newKeyId);
      expect(openConfidential(center.core.services, session, { recordId: row.id, field: 'note', version: row.version }, row.note)).toBe(noteText(index));
      // The old key (a leaver's copy) opens nothing the job rewrote.
      expect(() => decryptField(oldKey, { recordId: row.id, field: 'note', version: row.version }, row.note)).toThrow();
      if (row.plan !== null) expect(openConfidential(center.core.services, session, { recordId: row.id, field: 'plan', version: row.version }, row.plan)).toBe(`reja ${index}`);
    }
    expect(keyringOf(center).slots.every((slot) => slot.previousConfidentialKey === undefined)).toBe(true);
    expect(center.core.services.auth.previousConfidentialKeyOf(session)).toBeNull();
    const events = await center.db().selectFrom('audit_log').select(['action', 'details_json']).orderBy('seq').execute();
    const finished = events.find((event) => event.action === 'confidential.rotationFinished');
    expect(JSON.parse(finished?.details_json ?? '{}')).toMatchObject({ keyId: newKeyId, rewritten: ROWS * 2 - Math.ceil(ROWS / 4) - 1, unreadable: 1 });
    expect(events.filter((event) => event.action === 'confidential.reencrypted').length).toBeGreaterThanOrEqual(3);
    // No plaintext in any audit detail.
    expect(events.some((event) => (event.details_json ?? '').includes('Izoh'))).toBe(false);

    // The colleague lost the key at once (her open session too) and needs an in-person grant.
    expect(await supApi.invoke('auth.me', {})).toMatchObject({ holdsConfidential: false });
    const supAgain = await center.signedIn(sup.username, sup.password, 'sup2');
    expect(await supAgain.invoke('auth.me', {})).toMatchObject({ holdsConfidential: false });
    expect(await center.db().selectFrom('staff').select('holds_confidential').where('id', '=', sup.id).executeTakeFirstOrThrow()).toEqual({ holds_confidential: 0 });
    await psy.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: sup.password });
    await supAgain.invoke('auth.signOut', {});
    await center.signedIn(sup.username, sup.password, 'sup3');
    const supSession = sessionOf(center, 'sup3');
    const first = rows(center)[1];
    if (!first) throw new Error('no rows');
    expect(openConfidential(center.core.services, supSession, { recordId: first.id, field: 'note', version: first.version }, first.note)).toBe(noteText(1));

    // The recovery slot still opens the database, but not the new confidential key.
    const recovered = await unlockRecoverySlot(primitives, keyringOf(center), center.recoveryCode);
    expect(recovered?.databaseKey).toBeTruthy();
    expect(recovered?.confidentialKey).toBeNull();
    oldKey.fill(0);
  });

  it('resumes at the holder\'s next sign-in when she signed out (or the app stopped) before the job finished', async () => {
    const center = await newCenter();
    const psy = await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password, 'psy');
    writeNotes(center, sessionOf(center, 'psy'));
    await psy.invoke('staff.rotateConfidentialKey', { actorPassword: center.staff.psychologist.password });
    // Stopped before the first batch: nothing has moved yet, and the slot keeps both keys.
    center.core.services.auth.reencryption?.stop();
    await jobDone(center);
    await psy.invoke('auth.signOut', {});
    await center.close();
    const core = await startTestCore(center.dataDir, { extraConfidentialColumns: [SPEC] });
    try {
      const keyring = JSON.parse(readFileSync(core.services.auth.keyring.path, 'utf8')) as Keyring;
      expect(keyring.slots.filter((slot) => slot.previousConfidentialKey !== undefined)).toHaveLength(1);
      const again = clientOf(core, 'psy');
      await again.invoke('auth.signIn', { username: center.staff.psychologist.username, password: center.staff.psychologist.password });
      await core.services.auth.reencryption?.done;
      const session = core.services.sessions.get('psy');
      if (!session) throw new Error('not signed in');
      const keyId = confidentialKeyId(core.services.auth.confidentialKeyOf(session) ?? Buffer.alloc(32));
      const stored = core.services.store.require().handle.prepare('SELECT id, version, note FROM fixture_note ORDER BY id').all() as { id: string; version: number; note: string }[];
      expect(stored.every((row) => describeStoredField(row.note)?.keyId === keyId)).toBe(true);
      expect(stored.map((row) => openConfidential(core.services, session, { recordId: row.id, field: 'note', version: row.version }, row.note))).toEqual(stored.map((row) => noteText(Number(row.id.slice(1)))));
      const after = JSON.parse(readFileSync(core.services.auth.keyring.path, 'utf8')) as Keyring;
      expect(after.slots.every((slot) => slot.previousConfidentialKey === undefined)).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('rotates at the next holder\'s sign-in after a holder is deactivated', async () => {
    const center = await newCenter();
    const psy = await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password, 'psy');
    const sup = center.staff.supervisor;
    await psy.invoke('staff.grantConfidentialInPerson', { userId: sup.id, password: sup.password });
    const before = confidentialKeyId(center.core.services.auth.confidentialKeyOf(sessionOf(center, 'psy')) ?? Buffer.alloc(32));
    // The administrator's screen is told that the notes key will change (she cannot change it herself).
    expect(await center.as.administrator.invoke('staff.deactivate', { userId: sup.id })).toMatchObject({ keysRotated: true, notesKeyChangeDue: true });
    await psy.invoke('auth.signOut', {});
    await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password, 'psy');
    await jobDone(center);
    const after = confidentialKeyId(center.core.services.auth.confidentialKeyOf(sessionOf(center, 'psy')) ?? Buffer.alloc(32));
    expect(after).not.toBe(before);
    const rotation = await center.db().selectFrom('audit_log').select('details_json').where('action', '=', 'staff.rotateConfidentialKey').executeTakeFirstOrThrow();
    expect(JSON.parse(rotation.details_json ?? '{}')).toMatchObject({ reason: 'holderLeft', keyId: after, previousKeyId: before });
    // Once rotated it is not due again.
    await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password, 'psy');
    expect(await center.db().selectFrom('audit_log').select('seq').where('action', '=', 'staff.rotateConfidentialKey').execute()).toHaveLength(1);
  });

  it('refuses a second rotation while the first one\'s notes are still moving', async () => {
    const center = await newCenter();
    const psy = await center.signedIn(center.staff.psychologist.username, center.staff.psychologist.password, 'psy');
    writeNotes(center, sessionOf(center, 'psy'));
    await psy.invoke('staff.rotateConfidentialKey', { actorPassword: center.staff.psychologist.password });
    center.core.services.auth.reencryption?.stop();
    await jobDone(center);
    expect(await rejection(psy.invoke('staff.rotateConfidentialKey', { actorPassword: center.staff.psychologist.password }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'confidentialRotationUnderWay' },
    });
  });
});
