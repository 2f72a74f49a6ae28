import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsPathFor, readAnchors } from '../audit/anchors';
import { expectedSchema } from '../audit/expected-schema';
import { verifyStore } from '../audit/verify-store';
import { describeStoredField } from '../crypto/field-encryption';
import { clientOf, createTestCenter, startTestCore } from '../testing/test-center';
import { sessionInput } from './counseling.test-support';

/**
 * Issue 8 item 2's crash test for the confidential key: a real core in a child process rotates
 * the key and re-encrypts every counseling note under it, again and again, and is killed with
 * SIGKILL at random moments (at least 10 kills while a job runs). After every kill a fresh core
 * over the same folder must find `verify` clean, every value under one of at most two keys, and,
 * once the psychologist has signed in (which resumes the job), every note readable, its signature
 * valid, and nothing left under an old key.
 */
const FIXTURE = join(__dirname, 'reencryption-loop.fixture.ts');
const SESSIONS = 600;
const KILLS_DURING_JOB = 10;
const MAX_ROUNDS = 30;
/** Long enough to reach into the job's last batch on a loaded 2-core machine, short enough that most kills land inside it. */
const KILL_WINDOW_MS = 200;
const noteOf = (index: number): string => `Kill-loop note ${index}: she spoke about the evening it happened, and about her sister.`;

/** Starts the loop, waits until a job is under way (a random moment within it), then SIGKILLs it. Returns the lines it printed. */
function runAndKill(dataDir: string, username: string, password: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, username, password], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    let isArmed = false;
    const seen: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) {
        const { op } = JSON.parse(text) as { op: string };
        seen.push(op);
        // A random moment of the first rotation the child begins: its keyring write, or one of the job's batches of 200 rows.
        if (!isArmed && op === 'rotate') {
          isArmed = true;
          setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * KILL_WINDOW_MS));
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`the loop ended by itself: ${stderr}`))));
  });
}

/** The key ids found in the sealed note column, without any key (what a kill left). */
function keyIdsOfNotes(handle: { prepare(sql: string): { all(): unknown[] } }): Set<string | null> {
  const rows = handle.prepare('SELECT note FROM counseling_sessions').all() as { note: string }[];
  return new Set(rows.map((row) => describeStoredField(row.note)?.keyId ?? null));
}

describe('confidential re-encryption after SIGKILL', () => {
  it('leaves every note readable and verify clean after at least 10 kills during the job', async () => {
    const center = await createTestCenter({ roles: ['administrator', 'psychologist', 'supervisor', 'receptionist'] });
    const psy = center.staff.psychologist;
    await center.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: psy.id, recoveryCode: center.recoveryCode, password: psy.password });
    const writer = await center.signedIn(psy.username, psy.password, 'writer');
    const clientId = (await center.registerClient('kill-loop')).id;
    await center.as.supervisor.invoke('counseling.assign', { clientId, psychologistId: psy.id });
    const ids: string[] = [];
    for (let index = 0; index < SESSIONS; index += 1) {
      const { id } = await writer.invoke('counseling.recordSession', sessionInput(clientId, noteOf(index)));
      if (index % 10 === 0) await writer.invoke('counseling.sign', { id, expectedVersion: 1 });
      ids.push(id);
    }
    await center.close();
    try {
      let killsDuringJob = 0;
      let rounds = 0;
      for (let round = 0; round < MAX_ROUNDS && killsDuringJob < KILLS_DURING_JOB; round += 1) {
        rounds += 1;
        const seen = await runAndKill(center.dataDir, psy.username, psy.password);
        expect(seen).toContain('rotate');
        const core = await startTestCore(center.dataDir);
        try {
          // Before anyone signs in, the file says whether the kill cut a job: the rotator's slot still carries the old key.
          expect(core.services.store.isOpen).toBe(false);
          const keyring = core.services.auth.keyring.require();
          if (keyring.slots.some((slot) => slot.previousConfidentialKey !== undefined)) killsDuringJob += 1;
          const api = clientOf(core, 'check');
          await api.invoke('auth.signIn', { username: psy.username, password: psy.password });
          const opened = core.services.store.require();
          // No half-written value, and at most the old key and the new one, while the resumed job runs.
          const idsMeanwhile = keyIdsOfNotes(opened.handle);
          expect(idsMeanwhile.has(null)).toBe(false);
          expect(idsMeanwhile.size).toBeLessThanOrEqual(2);
          await core.services.auth.reencryption?.done;
          expect(keyIdsOfNotes(opened.handle).size).toBe(1);
          const report = verifyStore(opened.handle, { expectedSchema: await expectedSchema(), anchors: readAnchors(anchorsPathFor(opened.databasePath)) });
          expect(report).toMatchObject({ ok: true, integrity: ['ok'], auditChain: { ok: true }, rows: { counts: { changed: 0, unaudited: 0, missing: 0 } } });
          for (const [index, id] of ids.entries()) {
            // A sample of notes each round, and every signed one (its signature covers the plaintext, so it survives the new key).
            if (index % 23 !== round % 23 && index % 10 !== 0) continue;
            expect(await api.invoke('counseling.getSession', { id })).toMatchObject({ note: noteOf(index), ...(index % 10 === 0 ? { signatureValid: true } : {}) });
          }
          expect(core.services.auth.keyring.require().slots.every((slot) => slot.previousConfidentialKey === undefined)).toBe(true);
        } finally {
          await core.close();
        }
      }
      // A kill before the keyring write or after the job leaves one key; the loop goes on until 10 kills cut a job.
      expect(killsDuringJob).toBeGreaterThanOrEqual(KILLS_DURING_JOB);
      console.info(`re-encryption kill loop: ${killsDuringJob} of ${rounds} kills cut a job`);
    } finally {
      rmSync(center.dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});
