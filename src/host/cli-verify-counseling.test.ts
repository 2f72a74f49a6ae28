import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCounselingTemplate, sessionInput, type CounselingCenter } from '../core/counseling/counseling.test-support';
import { verifyDataDir } from './cli-verify';

const centers = createCounselingTemplate(() => new Date('2026-11-25T05:00:00.000Z'));
let c: CounselingCenter;
beforeEach(async () => {
  c = await centers.copy();
});
afterEach(() => c.t.dispose());
afterAll(() => centers.dispose());

describe('cli verify without the confidential key', () => {
  it('names a counseling row edited behind the application\'s back and says how many signatures it could not check', async () => {
    const clientId = (await c.t.registerClient('a')).id;
    const { id } = await c.psychologist.invoke('counseling.recordSession', sessionInput(clientId, 'A note.'));
    await c.psychologist.invoke('counseling.sign', { id, expectedVersion: 1 });
    await c.psychologist.invoke('counseling.addAddendum', { sessionId: id, text: 'An addendum.' });
    const manager = { username: c.t.staff.manager.username, password: c.t.staff.manager.password };
    expect(await verifyDataDir(c.t.dataDir, manager)).toMatchObject({ ok: true, counselingSignaturesUnchecked: 2 });

    c.t.behindTheApi().handle.prepare("UPDATE counseling_sessions SET kind = 'crisis' WHERE id = ?").run(id);
    const report = await verifyDataDir(c.t.dataDir, manager);
    expect(report).toMatchObject({ ok: false, counselingSignaturesUnchecked: 2 });
    expect(report.rows?.changed).toEqual([{ table: 'counseling_sessions', key: id }]);
  });
});
