import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { nodeCryptoPrimitives as crypto } from '../core/crypto/primitives';
import { createTestCenter, createTestCenterTemplate, rejection, type TestCenter } from '../core/testing/test-center';
import { endorseKey, keyIdOf } from '../core/sync/protocol/keys';
import { postCenterKey } from '../core/sync/registry-client';
import { startTestRegistry, type TestRegistry } from './registry.fixture';

/**
 * The center's signing key at the registry: rotation (issue 12, item 2) and the registry root's
 * statements that let any center, or an employer with the registry's root key, check a training
 * certificate offline (issue 11, item 5). A real center core and the real registry over loopback.
 */

type Roles = 'administrator' | 'manager' | 'receptionist' | 'trainer';
const TODAY = '2026-12-04';
const NAMES = { 'uz-Latn': 'Kompyuter savodxonligi', 'uz-Cyrl': 'Компьютер саводхонлиги', ru: 'Компьютерная грамотность', en: 'Computer literacy' };
let registry: TestRegistry;
const centers = createTestCenterTemplate({ roles: ['administrator', 'manager', 'receptionist', 'trainer'], coreOptions: { sync: { intervalMs: 0, backoff: { baseMs: 1, capMs: 5 } } } });

beforeAll(async () => {
  registry = await startTestRegistry();
}, 120_000);
afterAll(async () => {
  await registry.close();
  await centers.dispose();
});

async function enroll(t: TestCenter<Roles>, url = registry.url): Promise<string> {
  const { centerId } = await t.as.administrator.invoke('sync.enroll', { registryUrl: url, code: await registry.issueCode() });
  return centerId;
}

async function servedClient(t: TestCenter<Roles>, tag: string) {
  const client = await t.registerClient(tag);
  await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
  await t.as.receptionist.invoke('services.record', { clientId: client.id, serviceCode: 'medical.examination', deliveredOn: TODAY, durationMinutes: 30 });
  return client;
}

/** One learner through a finished four-session course in October: the certificate's QR text. */
async function certificateOf(t: TestCenter<Roles>, tag: string): Promise<string> {
  const trainer = t.as.trainer;
  const course = await trainer.invoke('training.createCourse', { names: NAMES, kind: 'computerLiteracy', trade: null, hours: 8, passMark: null });
  const cohort = await trainer.invoke('training.createCohort', {
    courseId: course.id,
    trainerIds: [t.staffId.trainer],
    place: 'Xona 1',
    capacity: 20,
    schedule: { startsOn: '2026-10-05', weekdays: [1], startTime: '10:00', durationMinutes: 120 },
  });
  const client = await t.registerClient(tag);
  const enrollment = await trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: client.id, joinedOn: '2026-10-05' });
  for (const session of cohort.sessions) await trainer.invoke('training.recordAttendance', { sessionId: session.id, marks: [{ enrollmentId: enrollment.id, mark: 'present' }] });
  const result = await trainer.invoke('training.complete', { cohortId: cohort.id, decisions: [{ enrollmentId: enrollment.id, outcome: 'completed' }] });
  const certificate = result.completed[0];
  if (certificate === undefined) throw new Error('no certificate');
  return certificate.qrText;
}

async function signingKidOfNewestBatch(t: TestCenter<Roles>): Promise<string> {
  const batch = await t.db().selectFrom('sync_batches').select('envelope').orderBy('seq', 'desc').executeTakeFirstOrThrow();
  return (JSON.parse(Buffer.from(batch.envelope).toString('utf8')) as { signer: { kid: string } }).signer.kid;
}

/** Changes one character of a base64url part of the QR text (a different letter, still base64url). */
function withChangedPart(qrText: string, part: number, at = 10): string {
  const parts = qrText.split('.');
  const text = parts[part] ?? '';
  const changed = text[at] === 'A' ? 'B' : 'A';
  parts[part] = `${text.slice(0, at)}${changed}${text.slice(at + 1)}`;
  return parts.join('.');
}

describe('the center’s signing key at the registry', () => {
  let t: TestCenter<Roles>;
  beforeEach(async () => {
    t = await centers.copy();
  }, 60_000);
  afterEach(() => t.dispose());

  it('rotates: the registry takes the new key before it signs, later batches are signed with it and acknowledged, and only the administrator may', async () => {
    expect(await t.as.manager.invoke('system.info', {})).toMatchObject({ registryCenterId: null });
    const centerId = await enroll(t);
    // The updater's staged rollout is decided by this number (electron/main.ts asks system.info).
    expect(await t.as.manager.invoke('system.info', {})).toMatchObject({ registryCenterId: centerId });
    await servedClient(t, 'a');
    expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done', acknowledged: 1 });
    const first = await t.db().selectFrom('sync_registry').select('signing_kid').executeTakeFirstOrThrow();
    expect(await signingKidOfNewestBatch(t)).toBe(first.signing_kid);

    expect(await rejection(t.as.manager.invoke('sync.rotateKey', {}))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.receptionist.invoke('sync.rotateKey', {}))).toMatchObject({ code: 'FORBIDDEN' });
    const rotated = await t.as.administrator.invoke('sync.rotateKey', {});
    expect(rotated.previousKid).toBe(first.signing_kid);
    expect(rotated.kid).not.toBe(first.signing_kid);
    expect(await t.db().selectFrom('sync_registry').select('signing_kid').executeTakeFirstOrThrow()).toEqual({ signing_kid: rotated.kid });
    const atRegistry = await registry.db.selectFrom('center_keys').select('kid').where('center_id', '=', centerId).orderBy('created_at').execute();
    expect(atRegistry.map((row) => row.kid)).toEqual([first.signing_kid, rotated.kid]);
    // The registry's word about both keys is kept: the enrollment's and the rotation's.
    expect((await t.db().selectFrom('center_key_statements').select('key_id').execute()).map((row) => row.key_id).sort()).toEqual([first.signing_kid, rotated.kid].sort());

    await servedClient(t, 'b');
    expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done', acknowledged: 1, refused: 0 });
    expect(await signingKidOfNewestBatch(t)).toBe(rotated.kid);
    expect((await t.as.manager.invoke('sync.status', {})).pendingRecords).toBe(0);
    const actions = await t.db().selectFrom('audit_log').select('action').where('action', '=', 'sync.rotateKey').execute();
    expect(actions).toHaveLength(1);
  });

  it('changes nothing when the registry cannot be reached or refuses the key, and the registry takes no key its center did not endorse', async () => {
    const instance = await registry.secondInstance();
    const centerId = await enroll(t, instance.url);
    const before = await t.db().selectFrom('center_signing_keys').select('key_id').execute();
    await instance.close();
    expect(await rejection(t.as.administrator.invoke('sync.rotateKey', {}))).toMatchObject({ code: 'CONFLICT', details: { reason: 'syncRegistryUnreachable' } });
    expect(await t.db().selectFrom('center_signing_keys').select('key_id').execute()).toEqual(before);

    // A key endorsed by a stranger's key, and a key posted for another center, are refused.
    const stranger = crypto.ed25519PublicKey(Buffer.alloc(32, 7));
    const strangerKid = keyIdOf(stranger);
    const intruder = endorseKey(crypto, { use: 'sig', publicKey: crypto.ed25519PublicKey(Buffer.alloc(32, 9)), createdAt: new Date().toISOString() }, { kid: strangerKid, seed: Buffer.alloc(32, 7) });
    expect(await postCenterKey({ baseUrl: registry.url }, centerId, intruder)).toEqual({ kind: 'refused', reason: 'badEndorsement' });
    const unendorsed = { ...intruder, endorsement: null };
    expect(await postCenterKey({ baseUrl: registry.url }, centerId, unendorsed)).toEqual({ kind: 'refused', reason: 'badEndorsement' });
    expect(await registry.db.selectFrom('center_keys').select('kid').where('center_id', '=', centerId).execute()).toHaveLength(1);
  });

  it('checks a certificate from another center offline through the registry root’s statement, and refuses a changed letter, a forged statement or a stranger’s key', async () => {
    const other = await centers.copy();
    const stranger = await centers.copy();
    try {
      await enroll(t);
      await enroll(other);
      const qrText = await certificateOf(t, 'cert');
      expect(qrText.split('.')).toHaveLength(4);
      expect(await t.as.trainer.invoke('training.verifyCertificate', { qrText })).toMatchObject({ status: 'valid', isIssuedHere: true, vouchedBy: 'thisCenter' });
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText })).toMatchObject({ status: 'valid', isIssuedHere: false, vouchedBy: 'registry', payload: { h: 8, c: NAMES['uz-Latn'] } });

      // A changed letter in the payload, in the center's signature, in the registry's statement.
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText: withChangedPart(qrText, 1) })).toMatchObject({ status: expect.stringMatching(/^(forged|malformed)$/) });
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText: withChangedPart(qrText, 2) })).toMatchObject({ status: 'forged' });
      const statement = JSON.parse(Buffer.from(qrText.split('.')[3] ?? '', 'base64url').toString('utf8')) as { k: string; t: string; b: string; s: string };
      const reSigned = (value: object) => [...qrText.split('.').slice(0, 3), Buffer.from(JSON.stringify(value)).toString('base64url')].join('.');
      const badSignature = Buffer.from(statement.s, 'base64');
      badSignature[5] = (badSignature[5] ?? 0) ^ 1;
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText: reSigned({ ...statement, s: badSignature.toString('base64') }) })).toMatchObject({ status: 'forged' });
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText: reSigned({ ...statement, t: '2020-01-01T00:00:00.000Z' }) })).toMatchObject({ status: 'forged' });

      // A certificate made by someone with a key of their own, vouched for by a "registry" of their own.
      const forger = Buffer.alloc(32, 3);
      const forgerRoot = Buffer.alloc(32, 4);
      const payload = Buffer.from(qrText.split('.')[1] ?? '', 'base64url');
      const forgedPayload = Buffer.from(payload.toString('utf8').replace(/"kid":"[0-9a-f]{16}"/, `"kid":"${keyIdOf(crypto.ed25519PublicKey(forger))}"`), 'utf8');
      const selfVouched = endorseKey(crypto, { use: 'sig', publicKey: crypto.ed25519PublicKey(forger), createdAt: statement.t }, { kid: statement.b, seed: forgerRoot });
      const forgedQr = [
        'INSON1',
        forgedPayload.toString('base64url'),
        crypto.ed25519Sign(forger, forgedPayload).toString('base64url'),
        Buffer.from(JSON.stringify({ k: selfVouched.publicKey, t: selfVouched.createdAt, b: selfVouched.endorsement?.by, s: selfVouched.endorsement?.sig })).toString('base64url'),
      ].join('.');
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText: forgedQr })).toMatchObject({ status: 'forged' });
      const otherRoot = endorseKey(crypto, { use: 'sig', publicKey: crypto.ed25519PublicKey(forger), createdAt: statement.t }, { kid: keyIdOf(crypto.ed25519PublicKey(forgerRoot)), seed: forgerRoot });
      const strangerRootQr = [...forgedQr.split('.').slice(0, 3), Buffer.from(JSON.stringify({ k: otherRoot.publicKey, t: otherRoot.createdAt, b: otherRoot.endorsement?.by, s: otherRoot.endorsement?.sig })).toString('base64url')].join('.');
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText: strangerRootQr })).toMatchObject({ status: 'unknownKey' });

      // A center never enrolled knows no registry: it cannot vouch for another center's key.
      expect(await stranger.as.trainer.invoke('training.verifyCertificate', { qrText })).toMatchObject({ status: 'unknownKey' });

      // After a rotation, the old certificate still checks here and there; a new one carries the new key's statement.
      const rotated = await t.as.administrator.invoke('sync.rotateKey', {});
      expect(await t.as.trainer.invoke('training.verifyCertificate', { qrText })).toMatchObject({ status: 'valid', vouchedBy: 'thisCenter' });
      const later = await certificateOf(t, 'late');
      expect((JSON.parse(Buffer.from(later.split('.')[1] ?? '', 'base64url').toString('utf8')) as { kid: string }).kid).toBe(rotated.kid);
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText: later })).toMatchObject({ status: 'valid', vouchedBy: 'registry' });
      expect(await other.as.trainer.invoke('training.verifyCertificate', { qrText })).toMatchObject({ status: 'valid', vouchedBy: 'registry' });
    } finally {
      await other.dispose();
      await stranger.dispose();
    }
  });
});

describe('a center enrolled before the registry gave statements', () => {
  it('asks for its key’s statement at the next upload, and its certificates carry it from then on', async () => {
    // The enrollment's answer loses its statement on the way (an older registry gave none).
    const stripping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith('/v1/centers/enroll')) return response;
      const body = (await response.json()) as Record<string, unknown>;
      delete body.centerKey;
      return new Response(JSON.stringify(body), { status: response.status, headers: { 'content-type': 'application/json' } });
    };
    const t = await createTestCenter({ roles: ['administrator', 'manager', 'receptionist', 'trainer'], coreOptions: { sync: { intervalMs: 0, fetch: stripping, backoff: { baseMs: 1, capMs: 5 } } } });
    try {
      await enroll(t);
      const before = await certificateOf(t, 'before');
      expect(before.split('.')).toHaveLength(3);
      expect(await t.db().selectFrom('center_key_statements').selectAll().execute()).toEqual([]);
      expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done' });
      const kid = (await t.db().selectFrom('sync_registry').select('signing_kid').executeTakeFirstOrThrow()).signing_kid;
      expect((await t.db().selectFrom('center_key_statements').select('key_id').execute()).map((row) => row.key_id)).toEqual([kid]);
      const again = await t.as.trainer.invoke('training.getCertificate', { number: (JSON.parse(Buffer.from(before.split('.')[1] ?? '', 'base64url').toString('utf8')) as { n: string }).n });
      expect(again.qrText.split('.')).toHaveLength(4);
      expect(again.qrText.startsWith(before)).toBe(true);
    } finally {
      await t.dispose();
    }
  });
});
