import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTBOX_ALLOWLIST } from '../app';
import { verifyStore } from '../audit/verify-store';
import { createTestCenter, type TestCenter } from '../testing/test-center';
import { isValidPinfl, parsePinfl } from '../uz/pinfl';
import { searchClients } from './clients.search';
import { createRandom, russianCyrillic, russianLatin, syntheticClient } from './clients.seed-data';
import { seedClients } from './clients.seed';

describe('seedClients', () => {
  // The seed works on a set-up center's open store, as `npm run cli -- seed --user <receptionist>` does.
  let t: TestCenter<'receptionist'>;
  beforeEach(async () => {
    t = await createTestCenter({ roles: ['receptionist'], isDemonstration: true });
  });
  afterEach(() => t.dispose());
  const rowsIn = async (table: 'audit_log' | 'outbox') => Number((await t.db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('fills the center with valid, searchable clients, care records and an unbroken audit chain', async () => {
    const store = t.behindTheApi();
    const setUp = { audit: await rowsIn('audit_log'), outbox: await rowsIn('outbox') };
    const result = await seedClients(store, t.staffId.receptionist, { allowList: OUTBOX_ALLOWLIST, clients: 300, chunkSize: 100 });
    expect(result.clients).toBe(300);
    expect(result.consents).toBeGreaterThan(300);
    expect(result.cases).toBeGreaterThan(30);
    const rows = await t.db().selectFrom('clients').select(['last_name', 'pinfl', 'birth_date', 'sex', 'region_code']).execute();
    expect(rows).toHaveLength(300);
    for (const row of rows.filter((r) => r.pinfl !== null)) {
      expect(isValidPinfl(row.pinfl ?? '')).toBe(true);
      expect(parsePinfl(row.pinfl ?? '')).toMatchObject({ birthDate: row.birth_date, sex: row.sex });
    }
    expect(rows.some((row) => /[\u0400-\u04FF]/.test(row.last_name))).toBe(true);
    expect(rows.some((row) => /^[A-Za-zʻ]+$/.test(row.last_name))).toBe(true);
    expect(new Set(rows.map((row) => row.region_code)).size).toBeGreaterThan(10);
    // Synthetic, every one, and nothing of them (nor of the center) waits to go to the registry.
    expect(await t.db().selectFrom('clients').select('id').where('is_synthetic', '=', 0).execute()).toEqual([]);
    expect(setUp.outbox).toBe(0);
    expect(await rowsIn('outbox')).toBe(0);
    expect(verifyStore(store.handle)).toMatchObject({ ok: true, foreignKeys: [], auditChain: { ok: true, count: setUp.audit + 300 } });

    // A second run adds new people rather than colliding on PINFLs.
    const again = await seedClients(store, t.staffId.receptionist, { allowList: OUTBOX_ALLOWLIST, clients: 50 });
    expect(again.clients + again.skipped).toBe(50);
    expect(again.clients).toBeGreaterThan(40);

    const [first] = rows;
    const { items, total } = await searchClients(t.db(), { query: first?.last_name ?? '', limit: 5 });
    expect(items.length).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(items.length);
  });
});

describe('seedClients outside a demonstration center', () => {
  it('refuses a real center, empty or holding real records, and writes nothing', async () => {
    const t = await createTestCenter({ roles: ['receptionist'] });
    try {
      const store = t.behindTheApi();
      const count = async (table: 'clients' | 'audit_log' | 'outbox') => Number((await t.db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const refusal = { code: 'CONFLICT', details: { reason: 'notDemonstrationCenter' } };
      const seed = () => seedClients(store, t.staffId.receptionist, { allowList: OUTBOX_ALLOWLIST, clients: 20 });
      await expect(seed()).rejects.toMatchObject(refusal);
      const real = await t.registerClient('real');
      const before = { clients: await count('clients'), audit: await count('audit_log'), outbox: await count('outbox') };
      // A real center's registrations do go to the outbox, as always.
      expect(before.outbox).toBeGreaterThan(0);
      await expect(seed()).rejects.toMatchObject(refusal);
      expect({ clients: await count('clients'), audit: await count('audit_log'), outbox: await count('outbox') }).toEqual(before);
      expect(await t.db().selectFrom('clients').select(['id', 'is_synthetic']).execute()).toEqual([{ id: real.id, is_synthetic: 0 }]);
    } finally {
      await t.dispose();
    }
  });
});

describe('a demonstration center', () => {
  it('queues nothing for the registry, even for a client registered by hand', async () => {
    const t = await createTestCenter({ roles: ['receptionist'], isDemonstration: true });
    try {
      const client = await t.registerClient('demo');
      await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'registrySharing', state: 'given', decidedOn: '2026-11-20' });
      expect(await t.db().selectFrom('outbox').select('id').execute()).toEqual([]);
      expect(await t.db().selectFrom('center').select('is_demonstration').execute()).toEqual([{ is_demonstration: 1 }]);
      expect(verifyStore(t.behindTheApi().handle)).toMatchObject({ ok: true });
    } finally {
      await t.dispose();
    }
  });
});

describe('synthetic names', () => {
  it('spells names the Russian way in both scripts', () => {
    expect(russianLatin('Joʻrayev', () => 0)).toBe('Djuraev');
    expect(russianLatin('Xoʻjayev', () => 0.9)).toBe('Khuzhaev');
    expect(russianLatin('Rashid Shermatov', () => 0)).toBe('Rashid Shermatov');
    expect(russianLatin('Ibrohim', () => 0)).toBe('Ibrokhim');
    expect(russianCyrillic('Joʻrayev')).toBe('Джураев');
    expect(russianCyrillic('Qodirova')).toBe('Кодирова');
  });

  it('is deterministic for a seed', () => {
    const a = syntheticClient(createRandom(5), 1, '2026-11-25');
    const b = syntheticClient(createRandom(5), 1, '2026-11-25');
    expect(a).toEqual(b);
  });
});
