import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
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

const NOTE = 'She asked that nobody at the reception desk hears about the visit.';

describe('what the counseling screens are told', () => {
  it('the list says how the reader may open the client: assigned, supervisor, emergency (until when), or not at all', async () => {
    expect(await c.psychologist.invoke('counseling.listForClient', { clientId })).toEqual({ items: [], access: { via: 'assigned' }, holdsKey: true });
    expect(await c.supervisor.invoke('counseling.listForClient', { clientId })).toMatchObject({ access: { via: 'supervisor' }, holdsKey: true });
    expect(await c.secondPsychologist.invoke('counseling.listForClient', { clientId })).toMatchObject({ access: null, holdsKey: true });
    expect(await c.t.as.receptionist.invoke('counseling.listForClient', { clientId })).toEqual({ items: [], access: null, holdsKey: false });
    const opened = await c.secondPsychologist.invoke('counseling.breakGlass', { clientId, reason: 'Crisis call at night; her psychologist is away.' });
    expect(await c.secondPsychologist.invoke('counseling.listForClient', { clientId })).toMatchObject({ access: { via: 'emergency', expiresAt: opened.expiresAt } });
  });

  it('a session read names its psychologist, signer and addenda authors, and shows the signature hash', async () => {
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE));
    expect(await c.psychologist.invoke('counseling.getSession', { id })).toMatchObject({ signatureHash: null, staffNames: { [c.t.staffId.psychologist]: 'Test psychologist' } });
    await c.psychologist.invoke('counseling.sign', { id, expectedVersion: 1 });
    await c.supervisor.invoke('counseling.addAddendum', { sessionId: id, text: 'Discussed in supervision on 26 November.' });
    const session = await c.supervisor.invoke('counseling.getSession', { id });
    expect(session.signatureHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.staffNames[c.t.staffId.supervisor]).toBe('Test supervisor');
    expect(session.addenda).toEqual([expect.objectContaining({ authorId: c.t.staffId.supervisor, authorName: 'Test supervisor', signatureValid: true })]);
  });

  it('the timeline shows every session with its psychologist as author, its kind only to readers, voided ones to supervisors only, and never the note', async () => {
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, NOTE, { kind: 'crisis' }));
    const sessionEvents = async (api: CounselingCenter['psychologist']) => (await api.invoke('timeline.forClient', { clientId })).events.filter((event) => event.kind === 'counselingSession');
    const forReception = await c.t.as.receptionist.invoke('timeline.forClient', { clientId });
    expect(forReception.events.filter((event) => event.kind === 'counselingSession')).toEqual([
      { kind: 'counselingSession', key: `counselingSession:${id}`, date: '2026-11-24', at: clock.toISOString(), byId: c.t.staffId.psychologist, sessionId: id, sessionKind: null, isVoided: false },
    ]);
    expect(forReception.staffNames[c.t.staffId.psychologist]).toBe('Test psychologist');
    expect(JSON.stringify(forReception)).not.toContain('reception desk');
    expect(await sessionEvents(c.psychologist)).toEqual([expect.objectContaining({ sessionKind: 'crisis' })]);
    expect(await sessionEvents(c.secondPsychologist)).toEqual([expect.objectContaining({ sessionKind: null })]);

    await c.psychologist.invoke('counseling.void', { id, reason: 'Recorded for the wrong client.' });
    expect(await sessionEvents(c.psychologist)).toEqual([]);
    expect(await sessionEvents(c.t.as.receptionist)).toEqual([]);
    expect(await sessionEvents(c.supervisor)).toEqual([expect.objectContaining({ isVoided: true, sessionKind: 'crisis' })]);
  });
});
