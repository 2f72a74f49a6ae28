import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadDb } from '../db/handles';
import type { Role } from '../api/permissions';
import { createTestCenter, startTestCore, type TestCenter } from '../testing/test-center';
import { READ_AUDIT_ACTION } from './read-audit';
import { verifyStore } from './verify-store';

/**
 * The read audit on a real core and the real encrypted database: reads of a client record are
 * buffered, then written as audit events (who, which record, through which method, when) through
 * the one write path, and the chain and row digests stay verify-clean.
 */

interface ReadEvent {
  readonly actorId: string | null;
  readonly entityId: string | null;
  readonly details: Record<string, unknown>;
  readonly detailsJson: string;
}

async function readEvents(db: ReadDb): Promise<ReadEvent[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('action', '=', READ_AUDIT_ACTION).orderBy('seq').execute();
  return rows.map((row) => ({ actorId: row.actor_id, entityId: row.entity_id, details: JSON.parse(row.details_json) as Record<string, unknown>, detailsJson: row.details_json }));
}

async function eventually<T>(probe: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (isDone(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('read audit', () => {
  const open: { dispose(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const center of open.splice(0)) await center.dispose();
  });
  /** A test center disposed after the test. */
  async function center<R extends Role>(options: Parameters<typeof createTestCenter<R>>[0]): Promise<TestCenter<R>> {
    const made = await createTestCenter<R>(options);
    open.push(made);
    return made;
  }

  it('writes who read which client, through which method and when, at sign-out; a search is not a read', async () => {
    const t = await center({ roles: ['receptionist', 'trainer'] });
    const client = await t.registerClient('read', { pinfl: '32505900123459', birthDate: '1990-05-25', sex: 'male', phone: '90 123 45 67', remarks: 'Keldi' });
    const trainer = t.as.trainer;
    await trainer.invoke('clients.search', { query: client.lastName });
    await trainer.invoke('clients.get', { id: client.id });
    await trainer.invoke('clients.get', { id: client.id });
    await trainer.invoke('timeline.forClient', { clientId: client.id });
    // Buffered: the reads' answers did not wait for a write.
    expect(await readEvents(t.db())).toEqual([]);
    expect(t.core.services.readAudit.pendingCount).toBe(2);

    await trainer.invoke('auth.signOut', {});
    const events = await readEvents(t.db());
    expect(events.map((event) => [event.actorId, event.entityId, event.details['via'], event.details['count']])).toEqual([
      [t.staffId.trainer, client.id, 'clients.get', 2],
      [t.staffId.trainer, client.id, 'timeline.forClient', 1],
    ]);
    for (const event of events) {
      expect(event.details['firstAt']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // Ids, method names and instants only: nothing of the person.
      for (const personal of [client.lastName, client.firstName, '32505900123459', '+998901234567', '1990-05-25', 'Keldi']) expect(event.detailsJson).not.toContain(personal);
    }
    const sequence = await t.db().selectFrom('audit_log').select('action').orderBy('seq', 'desc').limit(3).execute();
    expect(sequence.map((row) => row.action)).toEqual(['auth.signOut', READ_AUDIT_ACTION, READ_AUDIT_ACTION]);
    expect(verifyStore(t.behindTheApi().handle)).toMatchObject({ ok: true });
  });

  it('writes the buffer when it holds N reads, and at lock', async () => {
    const t = await center({ roles: ['receptionist', 'psychologist'], coreOptions: { readAudit: { flushAtEntries: 3, flushEveryMs: 60 * 60_000 } } });
    const clients = [await t.registerClient('a'), await t.registerClient('b'), await t.registerClient('c'), await t.registerClient('d')];
    const psychologist = t.as.psychologist;
    for (const client of clients.slice(0, 3)) await psychologist.invoke('clients.get', { id: client.id });
    const db = t.db();
    const afterThree = await eventually(() => readEvents(db), (events) => events.length === 3);
    expect(afterThree.map((event) => event.entityId)).toEqual(clients.slice(0, 3).map((client) => client.id));

    const fourth = clients[3];
    if (fourth === undefined) throw new Error('four clients');
    await psychologist.invoke('clients.get', { id: fourth.id });
    expect(await readEvents(db)).toHaveLength(3);
    await psychologist.invoke('auth.lock', {});
    expect((await readEvents(db)).map((event) => event.entityId).at(-1)).toBe(fourth.id);
    expect(verifyStore(t.behindTheApi().handle)).toMatchObject({ ok: true });
  });

  it('writes on a timer while everyone stays signed in', async () => {
    const t = await center({ roles: ['receptionist'], coreOptions: { readAudit: { flushEveryMs: 100 } } });
    const client = await t.registerClient('timer');
    await t.as.receptionist.invoke('timeline.forClient', { clientId: client.id });
    const db = t.db();
    const events = await eventually(() => readEvents(db), (found) => found.length === 1);
    expect(events.map((event) => [event.actorId, event.details['via']])).toEqual([[t.staffId.receptionist, 'timeline.forClient']]);
  });

  it('writes what is buffered when the core stops', async () => {
    const t = await center({ roles: ['receptionist'] });
    const client = await t.registerClient('stop');
    await t.as.receptionist.invoke('clients.get', { id: client.id });
    const { dataDir, admin } = t;
    open.splice(open.indexOf(t), 1);
    await t.close();
    const core = await startTestCore(dataDir);
    try {
      const signIn = await core.call('after', 'auth.signIn', { username: admin.username, password: admin.password });
      expect(signIn.ok).toBe(true);
      const events = await readEvents(core.services.store.require().db);
      expect(events.map((event) => event.entityId)).toEqual([client.id]);
      expect(verifyStore(core.services.store.require().handle)).toMatchObject({ ok: true });
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
