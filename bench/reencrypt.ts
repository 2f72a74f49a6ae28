import { loadavg } from 'node:os';
import type { Session } from '../src/core/api/session';
import { sealConfidential } from '../src/core/auth/key-access';
import type { ConfidentialColumnSpec } from '../src/core/crypto/confidential-columns';
import { confidentialKeyId, decryptField, encryptField } from '../src/core/crypto/field-encryption';
import { createTestCenter } from '../src/core/testing/test-center';

/**
 * `npm run bench -- reencrypt`: the confidential-key rotation's job (src/core/auth/confidential-reencryption.ts)
 * over BENCH_NOTES rows (default 20,000) of two sealed columns, from `staff.rotateConfidentialKey`
 * until the job has moved every value; beside it, the same decrypt-and-encrypt in memory only, so
 * the share the database writes, the audit events and the row digests take is plain to see.
 */
const NOTES = Number(process.env.BENCH_NOTES ?? 20_000);
const SPEC: ConfidentialColumnSpec = { table: 'bench_note', idColumn: 'id', versionColumn: 'version', fields: ['note', 'plan'] };
const log = (line: string) => console.log(line);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const NOTE = 'She described the evening in her own words; we agreed a safety plan and a code word with her sister. '.repeat(4);

export async function benchReencrypt(): Promise<void> {
  log(`INSON Center benchmark: confidential re-encryption of ${NOTES} rows (two sealed columns each)`);
  log(`load average at start: ${load()}`);
  const center = await createTestCenter({ roles: ['administrator', 'psychologist'], coreOptions: { extraConfidentialColumns: [SPEC] } });
  try {
    const psy = center.staff.psychologist;
    await center.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: psy.id, recoveryCode: center.recoveryCode, password: psy.password });
    const api = await center.signedIn(psy.username, psy.password, 'bench-psy');
    const session = center.core.services.sessions.get('bench-psy') as Session;
    const { handle } = center.behindTheApi();
    handle.exec('CREATE TABLE bench_note (id TEXT PRIMARY KEY, version INTEGER NOT NULL, note TEXT, plan TEXT)');
    const insert = handle.prepare('INSERT INTO bench_note (id, version, note, plan) VALUES (?, 1, ?, ?)');
    handle.transaction(() => {
      for (let index = 0; index < NOTES; index += 1) {
        const id = `note-${String(index).padStart(7, '0')}`;
        insert.run(id, sealConfidential(center.core.services, session, { recordId: id, field: 'note', version: 1 }, NOTE), sealConfidential(center.core.services, session, { recordId: id, field: 'plan', version: 1 }, `plan ${index}`));
      }
    })();

    const started = performance.now();
    await api.invoke('staff.rotateConfidentialKey', { actorPassword: psy.password });
    await center.core.services.auth.reencryption?.done;
    const jobMs = performance.now() - started;
    const values = NOTES * 2;
    log(`staff.rotateConfidentialKey until the job finished: ${(jobMs / 1000).toFixed(2)} s, ${Math.round(values / (jobMs / 1000))} values/s (batches of 200 rows, each an audited write)`);

    // The same work on the crypto alone: decrypt under one key, encrypt under another, no database.
    const rows = handle.prepare('SELECT id, note, plan FROM bench_note').all() as { id: string; note: string; plan: string }[];
    const current = center.core.services.auth.confidentialKeyOf(session);
    if (!current) throw new Error('no key');
    const other = Buffer.alloc(32, 7);
    const cryptoStarted = performance.now();
    for (const row of rows) {
      for (const field of ['note', 'plan'] as const) {
        const location = { recordId: row.id, field, version: 1 };
        encryptField(other, location, decryptField(current, location, row[field]));
      }
    }
    const cryptoMs = performance.now() - cryptoStarted;
    log(`the same decrypt + encrypt in memory only: ${(cryptoMs / 1000).toFixed(2)} s, ${Math.round(values / (cryptoMs / 1000))} values/s`);
    log(`every value now under key ${confidentialKeyId(current)}: ${rows.every((row) => row.note.includes(confidentialKeyId(current)))}`);
    log(`load average at end: ${load()}`);
  } finally {
    await center.dispose();
  }
}
