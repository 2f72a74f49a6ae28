import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTBOX_ALLOWLIST } from '../app';
import { CONCERN_CODES, INTERVENTION_CODES, SESSION_FORMS, SESSION_KINDS } from './counseling.schema';
import { createCounselingTemplate, type CounselingCenter } from './counseling.test-support';

/**
 * Property test, with a seeded generator (no property-testing library in the project): random
 * sessions with random note text go through every write the API offers, and no outbox record and
 * no audit event may contain any of the text. A failing seed is printed, so a run can be repeated.
 */
const NOW = new Date('2026-11-25T05:00:00.000Z');
const centers = createCounselingTemplate(() => NOW);
let c: CounselingCenter;
beforeEach(async () => {
  c = await centers.copy();
});
afterEach(() => c.t.dispose());
afterAll(() => centers.dispose());

/** mulberry32: small, fast, good enough to vary test data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Latin, Uzbek Latin modifier letters, Cyrillic (Uzbek and Russian) and digits: notes are written in all of them.
const LETTERS = [...'abcdefghijklmnopqrstuvwxyzʻʼабвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ'];

function generator(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const word = () => Array.from({ length: 9 + Math.floor(random() * 6) }, () => pick(LETTERS)).join('');
  const text = () => Array.from({ length: 3 + Math.floor(random() * 12) }, word).join(pick([' ', ', ', '.\n', ' — ']));
  const subset = <T>(list: readonly T[]): T[] => list.filter(() => random() < 0.25);
  return { random, pick, text, subset };
}

describe('counseling text never leaves in the outbox or the audit log', () => {
  it('allow-lists session metadata only', () => {
    expect(OUTBOX_ALLOWLIST.get('counselingSession')?.fields).toEqual(['clientIds', 'startedOn', 'kind', 'form', 'durationMinutes', 'riskLevel', 'concerns']);
  });

  it.each([20261125, 7, 424242])('random sessions, addenda, voids and emergency reasons (seed %i)', async (seed) => {
    const gen = generator(seed);
    const clients = [(await c.t.registerClient('a')).id, (await c.t.registerClient('b')).id, (await c.t.registerClient('c')).id];
    for (const clientId of clients) await c.supervisor.invoke('counseling.assign', { clientId, psychologistId: c.t.staffId.psychologist });
    const secrets: string[] = [];
    const secret = () => {
      const value = gen.text();
      secrets.push(value);
      return value;
    };
    for (let index = 0; index < 8; index += 1) {
      const clientId = gen.pick(clients);
      const { id, version } = await c.psychologist.invoke('counseling.recordSession', {
        clientId,
        otherClientIds: gen.random() < 0.3 ? clients.filter((other) => other !== clientId).slice(0, 1) : [],
        startedAt: new Date(NOW.getTime() - Math.floor(gen.random() * 30) * 86_400_000).toISOString(),
        kind: gen.pick(SESSION_KINDS),
        form: gen.pick(SESSION_FORMS),
        durationMinutes: 10 + Math.floor(gen.random() * 110),
        note: secret(),
        progress: secret(),
        concerns: gen.subset(CONCERN_CODES),
        interventions: gen.subset(INTERVENTION_CODES),
        sensitivity: gen.random() < 0.3 ? 'restricted' : 'standard',
      });
      const saved = await c.psychologist.invoke('counseling.saveDraft', { clientId, startedAt: NOW.toISOString(), kind: 'individual', form: 'phone', durationMinutes: 30, note: secret(), id, expectedVersion: version });
      if (gen.random() < 0.8) {
        const signed = await c.psychologist.invoke('counseling.sign', { id, expectedVersion: saved.version });
        if (gen.random() < 0.5) await c.psychologist.invoke('counseling.addAddendum', { sessionId: id, text: secret() });
        if (gen.random() < 0.5) await c.supervisor.invoke('counseling.countersign', { id, expectedVersion: signed.version });
      }
      if (gen.random() < 0.3) await c.supervisor.invoke('counseling.void', { id, reason: secret() });
      await c.supervisor.invoke('counseling.getSession', { id });
    }
    const unassigned = (await c.t.registerClient('d')).id;
    await c.secondPsychologist.invoke('counseling.breakGlass', { clientId: unassigned, reason: secret() });
    await c.supervisor.invoke('counseling.listEmergencyAccess', {});
    await c.t.core.services.readAudit.flush();

    const outbox = await c.t.db().selectFrom('outbox').select(['type', 'data_json']).execute();
    const audit = await c.t.db().selectFrom('audit_log').select(['details_json', 'rows_json', 'entity_id']).execute();
    expect(outbox.some((row) => row.type === 'counselingSession')).toBe(true);
    const leaving = JSON.stringify(outbox);
    const audited = JSON.stringify(audit);
    for (const text of secrets) {
      for (const word of text.split(/[\s,.—]+/).filter((part) => part.length >= 9)) {
        expect(leaving.includes(word), `seed ${seed}: outbox holds "${word}"`).toBe(false);
        expect(audited.includes(word), `seed ${seed}: audit log holds "${word}"`).toBe(false);
      }
    }
  });
});
