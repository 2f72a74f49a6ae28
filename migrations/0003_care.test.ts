import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKysely, type Database } from '../src/core/db/database';
import { migrateTo, migrateToLatest } from '../src/core/db/migrator';
import { openDatabase } from '../src/core/db/open';

const NOW = '2026-01-15T09:30:00.000Z';

describe('migration 0003_care', () => {
  let dir: string;
  let db: Kysely<Database>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inson-m0003-'));
    db = createKysely(openDatabase(join(dir, 'center.db'), randomBytes(32).toString('hex'), { mode: 'create' }));
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function fillAt0002(): Promise<void> {
    await migrateTo(db, '0002_clients');
    await db.insertInto('staff').values({ id: 's1', username: 'qabul', display_name: 'Qabul', role: 'receptionist', created_at: NOW, updated_at: NOW }).execute();
    await db
      .insertInto('clients')
      .values({
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
      })
      .execute();
  }

  it('adds the care tables to a database with clients, keeps the clients, and seeds the built-in catalog', async () => {
    await fillAt0002();
    expect(await migrateTo(db, '0003_care')).toEqual({ applied: ['0003_care'] });
    await migrateToLatest(db);

    expect(await db.selectFrom('clients').select('id').execute()).toEqual([{ id: 'c1' }]);
    const catalog = await db.selectFrom('service_catalog').selectAll().execute();
    const categories = new Set(catalog.map((entry) => entry.category));
    expect([...categories].sort()).toEqual(['dayCare', 'homeCare', 'legal', 'medical', 'psychological', 'rehabilitation', 'social']);
    for (const entry of catalog) {
      expect(entry.code.startsWith(`${entry.category}.`)).toBe(true);
      expect(entry.is_built_in).toBe(1);
      const names = JSON.parse(entry.names_json) as Record<string, string>;
      expect(Object.keys(names).sort()).toEqual(['en', 'ru', 'uz-Cyrl', 'uz-Latn']);
      expect(names['uz-Cyrl']).toMatch(/[А-Яа-яЎўҚқҒғҲҳ]/);
    }

    // Care rows referencing the client and staff of the older schema.
    await db.insertInto('consents').values({ id: 'k1', client_id: 'c1', purpose: 'services', state: 'given', decided_on: '2026-01-15', form_reference: null, recorded_by: 's1', recorded_at: NOW }).execute();
    await db
      .insertInto('cases')
      .values({ id: 'case1', client_id: 'c1', status: 'open', needs_json: '["housing"]', referral_source: 'mahalla', priority: 'high', household_situation: '', case_worker_id: 's1', opened_on: '2026-01-15', opened_by: 's1', created_at: NOW, updated_at: NOW })
      .execute();
    await db.insertInto('plan_items').values({ id: 'p1', case_id: 'case1', service_code: 'legal.consultation', goal: 'Hujjatlar', due_date: '2026-02-01', status: 'planned', created_at: NOW, created_by: 's1', updated_at: NOW }).execute();
    await db
      .insertInto('service_deliveries')
      .values({ id: 'd1', client_id: 'c1', case_id: 'case1', service_code: 'homeCare.visit', delivered_on: '2026-01-15', duration_minutes: 60, note: null, recorded_by: 's1', recorded_at: NOW })
      .execute();
    await db
      .insertInto('referrals')
      .values({ id: 'r1', client_id: 'c1', case_id: null, direction: 'in', agency: 'Mahalla', reason: 'x', referred_on: '2026-01-14', recorded_by: 's1', recorded_at: NOW })
      .execute();
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM pragma_foreign_key_check`.execute(db)).rows[0]?.n)).toBe(0);
  });

  it('enforces references, states and consent history in the database itself', async () => {
    await fillAt0002();
    await migrateToLatest(db);
    const consent = { id: 'k1', client_id: 'c1', purpose: 'services', state: 'given', decided_on: '2026-01-15', form_reference: null, recorded_by: 's1', recorded_at: NOW } as const;
    await expect(db.insertInto('consents').values({ ...consent, client_id: 'nobody' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await expect(db.insertInto('consents').values({ ...consent, state: 'maybe' as never }).execute()).rejects.toThrow(/CHECK/);
    await expect(db.insertInto('consents').values({ ...consent, decided_on: '15.01.2026' }).execute()).rejects.toThrow(/CHECK/);
    await db.insertInto('consents').values(consent).execute();
    await expect(sql`UPDATE consents SET state = 'refused' WHERE id = 'k1'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM consents WHERE id = 'k1'`.execute(db)).rejects.toThrow(/append-only/);
    // A client merge moves history: client_id alone may change.
    await expect(sql`UPDATE consents SET client_id = 'c1' WHERE id = 'k1'`.execute(db)).resolves.toBeDefined();

    const caseRow = { id: 'case1', client_id: 'c1', status: 'closed', needs_json: '[]', referral_source: 'mahalla', priority: 'low', household_situation: '', case_worker_id: 's1', opened_on: '2026-01-15', opened_by: 's1', created_at: NOW, updated_at: NOW } as const;
    // A closed case needs its closing date, who closed it and why.
    await expect(db.insertInto('cases').values(caseRow).execute()).rejects.toThrow(/CHECK/);
    await expect(db.insertInto('cases').values({ ...caseRow, status: 'open', needs_json: '{"a":1}' }).execute()).rejects.toThrow(/CHECK/);
    await db.insertInto('cases').values({ ...caseRow, status: 'open' }).execute();
    const item = { id: 'p1', case_id: 'case1', service_code: 'legal.consultation', goal: 'g', due_date: '2026-02-01', status: 'planned', created_at: NOW, created_by: 's1', updated_at: NOW } as const;
    await expect(db.insertInto('plan_items').values({ ...item, service_code: 'no.such' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await expect(db.insertInto('plan_items').values({ ...item, status: 'done' }).execute()).rejects.toThrow(/CHECK/);
    await expect(
      db.insertInto('service_deliveries').values({ id: 'd1', client_id: 'c1', case_id: null, service_code: 'homeCare.visit', delivered_on: '2026-01-15', duration_minutes: 0, note: null, recorded_by: 's1', recorded_at: NOW }).execute(),
    ).rejects.toThrow(/CHECK/);
  });
});
