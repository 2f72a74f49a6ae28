import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/core/db/migrator';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase, type UntypedDb } from './test-support';

const NOW = '2026-01-15T09:30:00.000Z';

describe('migration 0003_care', () => {
  let t: TestDatabase;
  let db: UntypedDb;
  beforeEach(() => {
    t = createTestDatabase('inson-m0003-');
    db = t.db;
  });
  afterEach(() => t.dispose());

  async function fillAt0002(): Promise<void> {
    await updateToVersion(db, '0002_clients');
    await insertData(db, 'staff', [{ id: 's1', username: 'qabul', display_name: 'Qabul', role: 'receptionist', created_at: NOW, updated_at: NOW }]);
    await insertData(db, 'clients', [
      {
        id: 'c1',
        last_name: 'Karimova',
        first_name: 'Dilnoza',
        patronymic: null,
        birth_date: '1985-03-14',
        birth_year: 1985,
        is_birth_date_estimated: 0,
        sex: 'female',
        pinfl: null,
        document_type: null,
        document_number: null,
        phone: null,
        region_code: '1703',
        district_code: '1703202',
        mahalla: null,
        street: null,
        disability_group: null,
        languages_json: '["uz"]',
        remarks: null,
        confirmed_warnings_json: '[]',
        name_key: 'dilnoza karimova',
        name_key_loose: 'dilnaza karimava',
        dup_key: 'dilnaza karimava',
        created_at: NOW,
        created_by: 's1',
        updated_at: NOW,
        updated_by: 's1',
      },
    ]);
  }

  it('adds the care tables to a database with clients, keeps the clients, and seeds the built-in catalog', async () => {
    await fillAt0002();
    expect(await updateToVersion(db, '0003_care')).toEqual({ applied: ['0003_care'] });
    await migrateToLatest(db);

    expect(await getTableData(db, 'clients', { columns: ['id'] })).toEqual([{ id: 'c1' }]);
    const catalog = await getTableData(db, 'service_catalog');
    const categories = new Set(catalog.map((entry) => entry.category));
    expect([...categories].sort()).toEqual(['dayCare', 'homeCare', 'legal', 'medical', 'psychological', 'rehabilitation', 'social']);
    for (const entry of catalog) {
      expect(String(entry.code).startsWith(`${String(entry.category)}.`)).toBe(true);
      expect(entry.is_built_in).toBe(1);
      const names = JSON.parse(String(entry.names_json)) as Record<string, string>;
      expect(Object.keys(names).sort()).toEqual(['en', 'ru', 'uz-Cyrl', 'uz-Latn']);
      expect(names['uz-Cyrl']).toMatch(/[А-Яа-яЎўҚқҒғҲҳ]/);
    }

    // Care rows referencing the client and staff of the older schema.
    await insertData(db, 'consents', [{ id: 'k1', client_id: 'c1', purpose: 'services', state: 'given', decided_on: '2026-01-15', form_reference: null, recorded_by: 's1', recorded_at: NOW }]);
    await insertData(db, 'cases', [
      { id: 'case1', client_id: 'c1', status: 'open', needs_json: '["housing"]', referral_source: 'mahalla', priority: 'high', household_situation: '', case_worker_id: 's1', opened_on: '2026-01-15', opened_by: 's1', created_at: NOW, updated_at: NOW },
    ]);
    await insertData(db, 'plan_items', [{ id: 'p1', case_id: 'case1', service_code: 'legal.consultation', goal: 'Hujjatlar', due_date: '2026-02-01', status: 'planned', created_at: NOW, created_by: 's1', updated_at: NOW }]);
    await insertData(db, 'service_deliveries', [
      { id: 'd1', client_id: 'c1', case_id: 'case1', service_code: 'homeCare.visit', delivered_on: '2026-01-15', duration_minutes: 60, note: null, recorded_by: 's1', recorded_at: NOW },
    ]);
    await insertData(db, 'referrals', [{ id: 'r1', client_id: 'c1', case_id: null, direction: 'in', agency: 'Mahalla', reason: 'x', referred_on: '2026-01-14', recorded_by: 's1', recorded_at: NOW }]);
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM pragma_foreign_key_check`.execute(db)).rows[0]?.n)).toBe(0);
  });

  it('enforces references, states and consent history in the database itself', async () => {
    await fillAt0002();
    await migrateToLatest(db);
    const consent = { id: 'k1', client_id: 'c1', purpose: 'services', state: 'given', decided_on: '2026-01-15', form_reference: null, recorded_by: 's1', recorded_at: NOW } as const;
    await expect(insertData(db, 'consents', [{ ...consent, client_id: 'nobody' }])).rejects.toThrow(/FOREIGN KEY/);
    await expect(insertData(db, 'consents', [{ ...consent, state: 'maybe' }])).rejects.toThrow(/CHECK/);
    await expect(insertData(db, 'consents', [{ ...consent, decided_on: '15.01.2026' }])).rejects.toThrow(/CHECK/);
    await insertData(db, 'consents', [consent]);
    await expect(sql`UPDATE consents SET state = 'refused' WHERE id = 'k1'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM consents WHERE id = 'k1'`.execute(db)).rejects.toThrow(/append-only/);
    // A client merge moves history: client_id alone may change.
    expect((await sql`UPDATE consents SET client_id = 'c1' WHERE id = 'k1'`.execute(db)).numAffectedRows).toBe(1n);

    const caseRow = { id: 'case1', client_id: 'c1', status: 'closed', needs_json: '[]', referral_source: 'mahalla', priority: 'low', household_situation: '', case_worker_id: 's1', opened_on: '2026-01-15', opened_by: 's1', created_at: NOW, updated_at: NOW } as const;
    // A closed case needs its closing date, who closed it and why.
    await expect(insertData(db, 'cases', [caseRow])).rejects.toThrow(/CHECK/);
    await expect(insertData(db, 'cases', [{ ...caseRow, status: 'open', needs_json: '{"a":1}' }])).rejects.toThrow(/CHECK/);
    await insertData(db, 'cases', [{ ...caseRow, status: 'open' }]);
    const item = { id: 'p1', case_id: 'case1', service_code: 'legal.consultation', goal: 'g', due_date: '2026-02-01', status: 'planned', created_at: NOW, created_by: 's1', updated_at: NOW } as const;
    await expect(insertData(db, 'plan_items', [{ ...item, service_code: 'no.such' }])).rejects.toThrow(/FOREIGN KEY/);
    await expect(insertData(db, 'plan_items', [{ ...item, status: 'done' }])).rejects.toThrow(/CHECK/);
    await expect(
      insertData(db, 'service_deliveries', [
        { id: 'd1', client_id: 'c1', case_id: null, service_code: 'homeCare.visit', delivered_on: '2026-01-15', duration_minutes: 0, note: null, recorded_by: 's1', recorded_at: NOW },
      ]),
    ).rejects.toThrow(/CHECK/);
  });
});
