import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';

/** One's own display preferences: every signed-in role, own account only, each change audited. */
describe('staff.myPreferences / staff.setMyPreferences', () => {
  let t: TestCenter<'receptionist' | 'psychologist' | 'trainer'>;
  beforeAll(async () => {
    t = await createTestCenter({ roles: ['receptionist', 'psychologist', 'trainer'] });
  });
  afterAll(() => t.dispose());

  const auditOf = async (staffId: string) =>
    (await t.db().selectFrom('audit_log').select(['actor_id', 'entity_type', 'entity_id', 'details_json']).where('action', '=', 'staff.setMyPreferences').where('entity_id', '=', staffId).orderBy('seq').execute()).map((row) => ({
      ...row,
      details: JSON.parse(row.details_json ?? '{}') as unknown,
    }));

  it('starts with names as typed, and any role turns the transliteration on and off for itself', async () => {
    expect(await t.as.trainer.invoke('staff.myPreferences', {})).toEqual({ namesInReaderScript: false });
    expect(await t.as.trainer.invoke('staff.setMyPreferences', { namesInReaderScript: true })).toEqual({ namesInReaderScript: true });
    expect(await t.as.trainer.invoke('staff.myPreferences', {})).toEqual({ namesInReaderScript: true });
    // A new sign-in of the same account (another window, the next day) keeps it: it is on the account, not the session.
    const again = await t.signedIn(t.staff.trainer.username, t.staff.trainer.password);
    expect(await again.invoke('staff.myPreferences', {})).toEqual({ namesInReaderScript: true });
    expect(await t.as.trainer.invoke('staff.setMyPreferences', { namesInReaderScript: false })).toEqual({ namesInReaderScript: false });
    const events = await auditOf(t.staffId.trainer);
    expect(events.map((event) => event.details)).toEqual([{ namesInReaderScript: true }, { namesInReaderScript: false }]);
    expect(events.every((event) => event.actor_id === t.staffId.trainer && event.entity_type === 'staff')).toBe(true);
  });

  it("changes only the caller's own account, whatever id is sent along", async () => {
    await t.as.receptionist.sendUntyped('staff.setMyPreferences', { namesInReaderScript: true, userId: t.staffId.psychologist, staffId: t.staffId.psychologist });
    expect(await t.as.receptionist.invoke('staff.myPreferences', {})).toEqual({ namesInReaderScript: true });
    expect(await t.as.psychologist.invoke('staff.myPreferences', {})).toEqual({ namesInReaderScript: false });
    expect(await auditOf(t.staffId.psychologist)).toEqual([]);
    expect((await auditOf(t.staffId.receptionist)).map((event) => event.actor_id)).toEqual([t.staffId.receptionist]);
  });

  it('refuses callers who are not signed in, and input that is not a yes or no', async () => {
    expect(await rejection(t.client('nobody').invoke('staff.setMyPreferences', { namesInReaderScript: true }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await rejection(t.client('nobody').invoke('staff.myPreferences', {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await rejection(t.as.psychologist.sendUntyped('staff.setMyPreferences', { namesInReaderScript: 'yes' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.as.psychologist.invoke('staff.myPreferences', {})).toEqual({ namesInReaderScript: false });
  });
});
