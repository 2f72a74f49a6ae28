import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyStore } from '../audit/verify-store';
import { decryptField } from '../crypto/field-encryption';
import { unlockUserSlot, type Keyring } from '../crypto/keyring';
import { nodeCryptoPrimitives } from '../crypto/primitives';
import { rejection } from '../testing/test-center';
import { createCounselingTemplate, sessionInput, type CounselingCenter } from './counseling.test-support';

let clock = new Date('2026-11-25T05:00:00.000Z');
const centers = createCounselingTemplate(() => clock);
let c: CounselingCenter;
let clientId: string;

beforeEach(async () => {
  clock = new Date('2026-11-25T05:00:00.000Z');
  c = await centers.copy();
  clientId = (await c.t.registerClient('a')).id;
  await c.supervisor.invoke('counseling.assign', { clientId, psychologistId: c.t.staffId.psychologist });
});
afterEach(() => c.t.dispose());
afterAll(() => centers.dispose());

const NOTE = 'She described the night of 12 November: her husband locked the door and took her phone.';

async function auditRows() {
  return c.t.db().selectFrom('audit_log').select(['action', 'actor_id', 'entity_type', 'entity_id', 'details_json']).orderBy('seq').execute();
}

describe('counseling sessions: the content is the psychologists\' and supervisors\' only', () => {
  it('stores ciphertext only; a receptionist\'s or administrator\'s slot opens the database but no note, and every route to content is refused', async () => {
    const { id, version } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE, { progress: 'Calmer than last week.' }));
    expect(version).toBe(1);
    await c.psychologist.invoke('counseling.sign', { id, expectedVersion: 1 });
    await c.psychologist.invoke('counseling.addAddendum', { sessionId: id, text: 'Addendum: the date was 11 November.' });

    // Everything stored, read behind the API with the database key any staff slot unwraps.
    const handle = c.t.behindTheApi().handle;
    const row = handle.prepare('SELECT * FROM counseling_sessions WHERE id = ?').get(id) as Record<string, unknown>;
    for (const column of ['note', 'progress', 'signature_salt', 'void_reason']) expect(String(row[column])).toMatch(/^cf2\.[0-9a-f]{16}\./);
    const everything = JSON.stringify(handle.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((table) => handle.prepare(`SELECT * FROM "${(table as { name: string }).name}"`).all()));
    for (const secret of ['husband locked the door', 'Calmer than last week', '11 November']) expect(everything).not.toContain(secret);

    // The receptionist's and administrator's slots hold no confidential key: nothing decrypts the note.
    const keyring = JSON.parse(readFileSync(c.t.core.services.auth.keyring.path, 'utf8')) as Keyring;
    for (const role of ['receptionist', 'administrator'] as const) {
      const slot = await unlockUserSlot(nodeCryptoPrimitives, keyring, c.t.staff[role].username, c.t.staff[role].password);
      expect(slot?.databaseKey.length).toBe(32);
      expect(slot?.confidentialKey ?? null).toBeNull();
      expect(() => decryptField(slot?.databaseKey ?? Buffer.alloc(32), { recordId: id, field: 'note', version: 2 }, String(row['note']))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }

    for (const role of ['receptionist', 'administrator', 'manager', 'trainer'] as const) {
      const api = c.t.as[role];
      for (const [method, input] of [
        ['counseling.getSession', { id }],
        ['counseling.saveDraft', { ...sessionInput(clientId, 'x'), id, expectedVersion: 2 }],
        ['counseling.recordSession', sessionInput(clientId, 'x')],
        ['counseling.sign', { id, expectedVersion: 2 }],
        ['counseling.addAddendum', { sessionId: id, text: 'x' }],
        ['counseling.countersign', { id, expectedVersion: 2 }],
        ['counseling.void', { id, reason: 'x' }],
        ['counseling.breakGlass', { clientId, reason: 'I want to read it anyway' }],
        ['counseling.listEmergencyAccess', {}],
        ['counseling.verify', {}],
      ] as const) {
        expect(await rejection(api.sendUntyped(method, input)), `${role} ${method}`).toMatchObject({ code: 'FORBIDDEN' });
      }
      // That a session took place, when, and with whom: nothing more.
      const { items } = await api.invoke('counseling.listForClient', { clientId });
      expect(items).toEqual([{ isReadable: false, date: '2026-11-24', psychologistId: c.t.staffId.psychologist, psychologistName: 'Test psychologist' }]);
    }
  });

  it('a psychologist reads her assigned client\'s sessions, every read audited without content; an unassigned one is refused', async () => {
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE));
    const session = await c.psychologist.invoke('counseling.getSession', { id });
    expect(session).toMatchObject({ note: NOTE, status: 'draft', access: 'author', clientIds: [clientId], signatureValid: null });
    expect(await rejection(c.secondPsychologist.invoke('counseling.getSession', { id }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notAssignedToClient' } });
    expect((await c.secondPsychologist.invoke('counseling.listForClient', { clientId })).items).toEqual([expect.objectContaining({ isReadable: false })]);
    expect(await c.supervisor.invoke('counseling.getSession', { id })).toMatchObject({ note: NOTE, access: 'supervisor' });
    const reads = (await auditRows()).filter((row) => row.action === 'counseling.read');
    expect(reads).toEqual([
      expect.objectContaining({ actor_id: c.t.staffId.psychologist, entity_type: 'counselingSession', entity_id: id }),
      expect.objectContaining({ actor_id: c.t.staffId.supervisor, entity_id: id }),
    ]);
    expect(JSON.stringify(await auditRows())).not.toContain('husband');
  });

  it('a case worker of an open case reads too; a psychologist without the key reads nothing', async () => {
    const other = (await c.t.registerClient('b')).id;
    await c.t.as.receptionist.invoke('cases.open', {
      clientId: other,
      intake: { needs: ['safety'], referralSource: 'mahalla', priority: 'high', householdSituation: '' },
      caseWorkerId: c.secondPsychologistId,
    });
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(other, NOTE));
    expect(await c.secondPsychologist.invoke('counseling.getSession', { id })).toMatchObject({ note: NOTE, access: 'assigned' });
    // A locked session drops its key: the same call is refused until the password is typed again.
    await c.secondPsychologist.invoke('auth.lock', {});
    expect(await rejection(c.secondPsychologist.invoke('counseling.getSession', { id }))).toMatchObject({ code: 'LOCKED' });
  });

  it('a changed byte, a ciphertext moved to another session or field: refused and audited, never garbled', async () => {
    const first = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE));
    const second = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'A different note about another day.'));
    const db = c.t.behindTheApi().handle;
    const noteOf = (id: string) => (db.prepare('SELECT note FROM counseling_sessions WHERE id = ?').get(id) as { note: string }).note;
    const original = noteOf(first.id);

    const body = Buffer.from(original.slice(original.lastIndexOf('.') + 1), 'base64');
    body[20] = (body[20] ?? 0) ^ 0x01;
    db.prepare('UPDATE counseling_sessions SET note = ? WHERE id = ?').run(`${original.slice(0, original.lastIndexOf('.') + 1)}${body.toString('base64')}`, first.id);
    expect(await rejection(c.psychologist.invoke('counseling.getSession', { id: first.id }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'recordUnreadable', field: 'note' } });

    db.prepare('UPDATE counseling_sessions SET note = ? WHERE id = ?').run(original, second.id);
    expect(await rejection(c.psychologist.invoke('counseling.getSession', { id: second.id }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'recordUnreadable' } });

    db.prepare('UPDATE counseling_sessions SET note = ?, progress = ? WHERE id = ?').run(original, original, first.id);
    expect(await rejection(c.psychologist.invoke('counseling.getSession', { id: first.id }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'recordUnreadable', field: 'progress' } });

    const unreadable = (await auditRows()).filter((row) => row.action === 'counseling.recordUnreadable');
    expect(unreadable.map((row) => row.entity_id)).toEqual([first.id, second.id, first.id]);
  });
});

describe('counseling sessions: clinical record rules', () => {
  it('signs once; a signed session cannot change through the API; addenda and a countersignature follow', async () => {
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE));
    const saved = await c.psychologist.invoke('counseling.saveDraft', { ...sessionInput(clientId, `${NOTE} Second paragraph.`), id, expectedVersion: 1 });
    expect(saved).toEqual({ id, version: 2 });
    expect(await rejection(c.psychologist.invoke('counseling.sign', { id, expectedVersion: 1 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'sessionChangedMeanwhile' } });
    expect(await rejection(c.supervisor.invoke('counseling.sign', { id, expectedVersion: 2 }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notSessionAuthor' } });
    const signed = await c.psychologist.invoke('counseling.sign', { id, expectedVersion: 2 });
    expect(signed).toMatchObject({ id, version: 3, signedAt: clock.toISOString() });

    expect(await rejection(c.psychologist.invoke('counseling.saveDraft', { ...sessionInput(clientId, 'rewritten'), id, expectedVersion: 3 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'sessionSigned' } });
    expect(await rejection(c.psychologist.invoke('counseling.sign', { id, expectedVersion: 3 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'sessionSigned' } });
    expect(await rejection(c.psychologist.invoke('counseling.recordSession', { ...sessionInput(clientId, 'rewritten'), id }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'sessionExists' } });

    clock = new Date('2026-11-25T05:03:00.000Z');
    const addendum = await c.psychologist.invoke('counseling.addAddendum', { sessionId: id, text: 'Correction: the incident was on 11 November.' });
    expect(await rejection(c.psychologist.invoke('counseling.countersign', { id, expectedVersion: 3 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await c.supervisor.invoke('counseling.countersign', { id, expectedVersion: 3 })).toEqual({ id, version: 4 });
    expect(await rejection(c.supervisor.invoke('counseling.countersign', { id, expectedVersion: 4 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'alreadyCountersigned' } });

    const read = await c.psychologist.invoke('counseling.getSession', { id });
    expect(read).toMatchObject({
      status: 'signed',
      note: `${NOTE} Second paragraph.`,
      signedBy: c.t.staffId.psychologist,
      signatureValid: true,
      countersignedBy: c.t.staffId.supervisor,
      addenda: [{ id: addendum.id, authorId: c.t.staffId.psychologist, createdAt: '2026-11-25T05:03:00.000Z', text: 'Correction: the incident was on 11 November.', signatureValid: true }],
    });
    expect(await c.supervisor.invoke('counseling.verify', {})).toEqual({ ok: true, sessionsChecked: 1, addendaChecked: 1, findings: [] });
    // The signature is over plaintext and a sealed salt: the stored hash is not the hash of the note.
    const stored = c.t.behindTheApi().handle.prepare('SELECT signature_hash FROM counseling_sessions WHERE id = ?').get(id) as { signature_hash: string };
    expect(stored.signature_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a direct database edit of a signed session: the signature check and verify name it', async () => {
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE));
    await c.psychologist.invoke('counseling.sign', { id, expectedVersion: 1 });
    const untouched = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'Another session.'));
    await c.psychologist.invoke('counseling.sign', { id: untouched.id, expectedVersion: 1 });
    expect(verifyStore(c.t.behindTheApi().handle).ok).toBe(true);

    c.t.behindTheApi().handle.prepare('UPDATE counseling_sessions SET duration_minutes = 5 WHERE id = ?').run(id);
    expect(await c.psychologist.invoke('counseling.getSession', { id })).toMatchObject({ durationMinutes: 5, signatureValid: false });
    expect(await c.supervisor.invoke('counseling.verify', {})).toEqual({ ok: false, sessionsChecked: 2, addendaChecked: 0, findings: [{ entityType: 'counselingSession', id, problem: 'signatureMismatch' }] });
    expect(await rejection(c.supervisor.invoke('counseling.countersign', { id, expectedVersion: 2 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'signatureMismatch' } });
    // Without the key, the row digests of the audit log name the same row.
    expect(verifyStore(c.t.behindTheApi().handle).rows.changed).toEqual([{ table: 'counseling_sessions', key: id }]);
  });

  it('voids with a reason, keeps the record for supervisors, hides it from others', async () => {
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE));
    await c.psychologist.invoke('counseling.sign', { id, expectedVersion: 1 });
    expect(await rejection(c.secondPsychologist.invoke('counseling.void', { id, reason: 'Wrong client' }))).toMatchObject({ code: 'FORBIDDEN' });
    await c.psychologist.invoke('counseling.void', { id, reason: 'Entered for the wrong client' });
    expect(await rejection(c.psychologist.invoke('counseling.getSession', { id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await c.psychologist.invoke('counseling.listForClient', { clientId })).items).toEqual([]);
    expect((await c.t.as.receptionist.invoke('counseling.listForClient', { clientId })).items).toEqual([]);
    expect((await c.supervisor.invoke('counseling.listForClient', { clientId })).items).toEqual([expect.objectContaining({ id, status: 'voided', isReadable: true })]);
    expect(await c.supervisor.invoke('counseling.getSession', { id })).toMatchObject({ status: 'voided', voidReason: 'Entered for the wrong client', signatureValid: true, voidedBy: c.t.staffId.psychologist });
    const outbox = await c.t.db().selectFrom('outbox').select(['type', 'op', 'data_json']).where('type', '=', 'counselingSession').orderBy('seq').execute();
    expect(outbox.map((row) => row.op)).toEqual(['upsert', 'delete']);
    expect(JSON.parse(outbox[0]?.data_json ?? '{}')).toEqual({ clientIds: [clientId], startedOn: '2026-11-24', kind: 'individual', form: 'inPerson', durationMinutes: 50, riskLevel: 'medium', concerns: ['domesticViolence', 'anxiety'] });
  });

  it('a restricted session is its author\'s and the supervisors\'; a group session shows each reader only her clients', async () => {
    const other = (await c.t.registerClient('b')).id;
    await c.supervisor.invoke('counseling.assign', { clientId, psychologistId: c.secondPsychologistId });
    const restricted = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE, { sensitivity: 'restricted' }));
    expect(await rejection(c.secondPsychologist.invoke('counseling.getSession', { id: restricted.id }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'restrictedSession' } });
    expect(await c.supervisor.invoke('counseling.getSession', { id: restricted.id })).toMatchObject({ note: NOTE });

    const group = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'Group session on coping.', { kind: 'group', otherClientIds: [other] }));
    expect(await c.psychologist.invoke('counseling.getSession', { id: group.id })).toMatchObject({ clientIds: [clientId, other] });
    expect(await c.secondPsychologist.invoke('counseling.getSession', { id: group.id })).toMatchObject({ clientIds: [clientId] });
    expect((await c.t.as.receptionist.invoke('counseling.listForClient', { clientId: other })).items).toHaveLength(1);
  });
});

describe('counseling drafts', () => {
  it('autosave is idempotent and survives a lock: the refused save goes through after unlocking', async () => {
    const id = '0194b0c4-8f2a-7c3e-9d1b-4a5f6e7d8c9b';
    expect(await c.psychologist.invoke('counseling.saveDraft', { ...sessionInput(clientId, 'She came in'), id })).toEqual({ id, version: 1 });
    // A retried save (the answer was lost) writes nothing new.
    expect(await c.psychologist.invoke('counseling.saveDraft', { ...sessionInput(clientId, 'She came in'), id })).toEqual({ id, version: 1 });
    expect(await c.psychologist.invoke('counseling.saveDraft', { ...sessionInput(clientId, 'She came in'), id, expectedVersion: 1 })).toEqual({ id, version: 1 });
    expect(await c.psychologist.invoke('counseling.saveDraft', { ...sessionInput(clientId, 'She came in and sat'), id, expectedVersion: 1 })).toEqual({ id, version: 2 });
    expect(await rejection(c.psychologist.invoke('counseling.saveDraft', { ...sessionInput(clientId, 'A stale window'), id, expectedVersion: 1 }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'sessionChangedMeanwhile' },
    });

    await c.psychologist.invoke('auth.lock', {});
    const typed = { ...sessionInput(clientId, 'She came in and sat down by the window'), id, expectedVersion: 2 };
    expect(await rejection(c.psychologist.invoke('counseling.saveDraft', typed))).toMatchObject({ code: 'LOCKED' });
    await c.psychologist.invoke('auth.unlock', { password: c.t.staff.psychologist.password });
    expect(await c.psychologist.invoke('counseling.saveDraft', typed)).toEqual({ id, version: 3 });
    expect(await c.psychologist.invoke('counseling.getSession', { id })).toMatchObject({ note: 'She came in and sat down by the window', version: 3 });
    expect(await rejection(c.secondPsychologist.invoke('counseling.saveDraft', { ...typed, expectedVersion: 3 }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notSessionAuthor' } });
    expect(await c.psychologist.invoke('counseling.sign', { id, expectedVersion: 3 })).toMatchObject({ version: 4 });
  });
});
