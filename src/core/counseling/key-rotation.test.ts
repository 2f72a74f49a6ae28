import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_COLUMNS } from '../app';
import { describeStoredField } from '../crypto/field-encryption';
import { createCounselingTemplate, sessionInput, type CounselingCenter } from './counseling.test-support';
import { DEFAULT_RISK_INSTRUMENT } from './risk-instrument';

const NOW = new Date('2026-11-25T05:00:00.000Z');
const centers = createCounselingTemplate(() => NOW);
let c: CounselingCenter;
beforeEach(async () => {
  c = await centers.copy();
});
afterEach(() => c.t.dispose());
afterAll(() => centers.dispose());

const NOTE = 'Session note that must survive the key change.';

describe('counseling records across a confidential-key rotation', () => {
  it('declares every sealed column, and after the re-encryption job every record opens and every signature still holds', async () => {
    const clientId = (await c.t.registerClient('a')).id;
    await c.supervisor.invoke('counseling.assign', { clientId, psychologistId: c.t.staffId.psychologist });
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE));
    await c.psychologist.invoke('counseling.sign', { id, expectedVersion: 1 });
    await c.psychologist.invoke('counseling.addAddendum', { sessionId: id, text: 'An addendum.' });
    await c.psychologist.invoke('counseling.recordRiskAssessment', {
      clientId,
      assessedAt: NOW.toISOString(),
      instrumentId: DEFAULT_RISK_INSTRUMENT.id,
      instrumentVersion: DEFAULT_RISK_INSTRUMENT.version,
      answers: Object.fromEntries(DEFAULT_RISK_INSTRUMENT.items.map((item) => [item.id, item.options[0]?.id ?? ''])),
    });
    await c.psychologist.invoke('counseling.recordSafetyPlan', { clientId, content: { isNeeded: false, isMadeWithClient: false } });
    await c.psychologist.invoke('counseling.recordIntake', { clientId, assessedOn: '2026-11-25', content: { presentingProblem: 'In her words.', needs: { safety: { level: 'none' }, health: { level: 'none' }, psychosocial: { level: 'none' }, legal: { level: 'none' }, material: { level: 'none' } } } });
    await c.secondPsychologist.invoke('counseling.breakGlass', { clientId, reason: 'Her psychologist is away today.' });

    // Every cf2 value in the database sits in a column the manifest declares.
    const handle = c.t.behindTheApi().handle;
    const declared = new Set(CONFIDENTIAL_COLUMNS.flatMap((spec) => spec.fields.map((field) => `${spec.table}.${field}`)));
    const tables = (handle.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'counseling_%'").all() as { name: string }[]).map((row) => row.name);
    const sealedColumns = new Set<string>();
    for (const table of tables) {
      for (const row of handle.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) if (typeof value === 'string' && describeStoredField(value)) sealedColumns.add(`${table}.${column}`);
      }
    }
    expect([...sealedColumns].sort()).toEqual([...declared].filter((name) => name.startsWith('counseling_')).sort());

    const before = handle.prepare('SELECT note, signature_hash, version FROM counseling_sessions WHERE id = ?').get(id) as { note: string; signature_hash: string; version: number };
    await c.psychologist.invoke('staff.rotateConfidentialKey', { actorPassword: c.t.staff.psychologist.password });
    await c.t.core.services.auth.reencryption?.done;
    const after = handle.prepare('SELECT note, signature_hash, version FROM counseling_sessions WHERE id = ?').get(id) as { note: string; signature_hash: string; version: number };
    expect(describeStoredField(after.note)?.keyId).not.toBe(describeStoredField(before.note)?.keyId);
    // Nothing re-signed: the signature is over plaintext and the sealed salt.
    expect(after).toMatchObject({ signature_hash: before.signature_hash, version: before.version });

    const read = await c.psychologist.invoke('counseling.getSession', { id });
    expect(read).toMatchObject({ note: NOTE, signatureValid: true, addenda: [{ text: 'An addendum.', signatureValid: true }] });
    expect(await c.psychologist.invoke('counseling.getSafetyPlan', { clientId })).toMatchObject({ revisions: 1 });
    expect(await c.psychologist.invoke('counseling.getIntake', { clientId })).toMatchObject({ count: 1 });
    // The supervisor receives the new key in person, then checks every signature.
    await c.psychologist.invoke('staff.grantConfidentialInPerson', { userId: c.t.staffId.supervisor, password: c.t.staff.supervisor.password });
    const supervisor = await c.t.signedIn(c.t.staff.supervisor.username, c.t.staff.supervisor.password, 'supervisor-again');
    expect(await supervisor.invoke('counseling.verify', {})).toEqual({ ok: true, sessionsChecked: 1, addendaChecked: 1, findings: [] });
    expect((await supervisor.invoke('counseling.listEmergencyAccess', {})).items).toEqual([expect.objectContaining({ reason: 'Her psychologist is away today.' })]);
  });
});
