import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../core/db/ids';
import { SERVICE_DELIVERY_OUTBOX } from '../core/services/services.outbox';
import { createTestCenter, type TestCenter } from '../core/testing/test-center';
import { startTestRegistry, type TestRegistry } from './registry.fixture';

/**
 * Record versions when many edits of a few records are sealed at once, across batch boundaries and
 * the sealer's read chunks (2,000 rows): every edit travels with its own version, one more than the
 * last, and the registry stores each exactly once.
 */

let registry: TestRegistry;
let t: TestCenter<'administrator' | 'manager'>;

beforeAll(async () => {
  registry = await startTestRegistry();
  t = await createTestCenter({ roles: ['administrator', 'manager'], coreOptions: { sync: { intervalMs: 0, maxBatchPlainBytes: 48 * 1024, inFlight: 2 } } });
  await t.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code: await registry.issueCode() });
}, 120_000);
afterAll(async () => {
  await t.dispose();
  await registry.close();
});

describe('sealing many edits of the same records', () => {
  it('gives each edit the next version, across batches and read chunks, and the registry stores each once', async () => {
    const entities = [newId(), newId(), newId()];
    const edits = 2600;
    await t.core.services.write(null, async (w) => {
      await w.outboxMany(
        Array.from({ length: edits }, (_, index) => ({
          spec: SERVICE_DELIVERY_OUTBOX,
          entityId: entities[index % entities.length] ?? '',
          op: 'upsert' as const,
          data: { clientId: 'client-1', caseId: null, serviceCode: 'legal.advice', serviceCategory: 'legal', deliveredOn: '2026-11-20', durationMinutes: 10 + (index % 50) },
        })),
      );
      await w.audit({ action: 'test.fill', entityType: 'test', entityId: null });
    });
    const round = await t.as.manager.invoke('sync.uploadNow', {});
    expect(round).toMatchObject({ state: 'done', refused: 0 });
    expect(round.sealed).toBeGreaterThan(3);

    const rows = await t.db().selectFrom('outbox').select(['entity_id', 'record_version', 'seq']).where('type', '=', 'serviceDelivery').orderBy('seq').execute();
    for (const entity of entities) {
      const versions = rows.filter((row) => row.entity_id === entity).map((row) => row.record_version);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, index) => index + 1));
    }
    const stored = await registry.db.selectFrom('records').select(['record_id', 'version']).where('type', '=', 'serviceDelivery').execute();
    expect(new Set(stored.map((row) => `${row.record_id}:${row.version}`)).size).toBe(edits);
  });
});
