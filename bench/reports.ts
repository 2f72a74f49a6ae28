import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWritePath } from '../src/core/audit/run-write';
import { clientColumns, type NewClientColumns } from '../src/core/clients/clients.repository';
import { clientFieldsSchema } from '../src/core/clients/clients.schema';
import { createRandom, syntheticClient } from '../src/core/clients/clients.seed-data';
import { newId } from '../src/core/db/ids';
import { INDICATOR_IDS } from '../src/core/reports/reports.schema';
import { clientOf, createTestCenter, startTestCore, type TestClient } from '../src/core/testing/test-center';

/**
 * `npm run bench -- reports`: every indicator's time over a center of 200,000 clients (the
 * registration seed's synthetic people, written in bulk through the write path) and 1,000,000
 * service deliveries over two years, with cases, consents, counseling sessions (metadata) and
 * training enrollments in proportion; each indicator computed through the API as the manager,
 * for the last twelve months, then with a district and sex filter. The target: under 1 s each.
 * Environment: BENCH_CLIENTS (default 200000), BENCH_DELIVERIES (default 1000000).
 */

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200_000);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
const TODAY = '2026-11-30';
const NOW = new Date(`${TODAY}T07:00:00.000Z`);
const log = (line: string) => console.log(line);
const SERVICES = ['social.consultation', 'social.benefitsAssistance', 'psychological.individualCounseling', 'legal.consultation', 'legal.representation', 'medical.examination', 'homeCare.visit', 'dayCare.attendance', 'rehabilitation.physical'];
const DISTRICTS = ['1726262', '1726264', '1726266', '1726269', '1726273'];

function dayBefore(days: number): string {
  const date = new Date(`${TODAY}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** Bump when `build` writes something else. */
const CENTER_VERSION = 1;

/** The built center is cached under bench/.data, keyed by its version and the indexes' migration: change either and it is built again. */
function cacheKey(): string {
  const hash = createHash('sha256').update(readFileSync(join(__dirname, '../migrations/0014_report_indexes.ts')));
  return `reports-v${String(CENTER_VERSION)}-${String(CLIENTS)}-${String(DELIVERIES)}-${hash.digest('hex').slice(0, 12)}`;
}

async function build(dir: string): Promise<{ readonly password: string; readonly username: string }> {
  const started = performance.now();
  const center = await createTestCenter({ roles: ['manager'], now: () => NOW, isDemonstration: true });
  try {
    const store = center.behindTheApi();
    const staffId = center.staffId.manager;
    const random = createRandom(13);
    const ids: string[] = [];
    const at = NOW.toISOString();
    const { handle } = store;
    // Written behind the write path, with the registration's own derived columns (clientColumns) and
    // name vocabulary: the write path's row digests look rows up by a cast key, which is quadratic
    // over a bulk insert of this size (noted in the report of issue 13), and nothing here is audited
    // history anyway (a demonstration center's synthetic people).
    const forget = () => handle.exec('DELETE FROM temp.inson_touched_rows');
    let insertClient: ReturnType<typeof handle.prepare> | null = null;
    const words = handle.prepare('INSERT OR IGNORE INTO client_name_words (word) VALUES (?)');
    for (let start = 0; start < CLIENTS; start += 10_000) {
      handle.transaction(() => {
        for (let serial = start; serial < Math.min(CLIENTS, start + 10_000); serial += 1) {
          const fields = clientFieldsSchema.parse(syntheticClient(random, serial, TODAY).input);
          const id = newId(NOW.getTime());
          ids.push(id);
          const row: NewClientColumns = { ...clientColumns(fields, TODAY, 60), district_code: DISTRICTS[serial % DISTRICTS.length] ?? null, region_code: '1726', id, version: 1, status: 'active', merged_into_id: null, created_at: at, created_by: staffId, updated_at: at, updated_by: staffId, is_synthetic: 1 };
          const columns = Object.keys(row);
          insertClient ??= handle.prepare(`INSERT INTO clients (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
          insertClient.run(row);
          for (const word of `${row.name_key_loose} ${row.patronymic_key ?? ''}`.split(' ')) if (word !== '') words.run(word);
        }
      })();
      forget();
    }
    await runWritePath(store, staffId, async (w) => {
      await w.audit({ action: 'bench.seedReports', entityType: 'bench', entityId: 'clients', details: { clients: CLIENTS } });
    }, { allowList: center.core.services.outboxAllowList, now: NOW });
    log(`  clients written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const client = () => ids[Math.floor(random() ** 1.6 * ids.length)] ?? '';
    const inBulk = (sqlText: string, count: number, values: (index: number) => unknown[]) => {
      const statement = handle.prepare(sqlText);
      for (let start = 0; start < count; start += 50_000) {
        handle.transaction(() => {
          for (let index = start; index < Math.min(count, start + 50_000); index += 1) statement.run(...values(index));
        })();
        forget();
      }
    };
    inBulk('INSERT INTO service_deliveries (id, client_id, case_id, service_code, delivered_on, duration_minutes, note, recorded_by, recorded_at) VALUES (?, ?, NULL, ?, ?, 30, NULL, ?, ?)', DELIVERIES, (index) => [
      `d${String(index)}`,
      client(),
      pick(SERVICES),
      dayBefore(Math.floor(random() * 730)),
      staffId,
      at,
    ]);
    const cases = Math.floor(CLIENTS / 4);
    const reasons = ['goalsAchieved', 'referredElsewhere', 'clientDeclined', 'lostContact', 'movedAway'];
    inBulk(
      `INSERT INTO cases (id, client_id, status, needs_json, referral_source, priority, household_situation, case_worker_id, opened_on, opened_by, created_at, updated_at, closed_on, closed_by, close_reason, close_note)
       VALUES (?, ?, ?, '["documents"]', 'selfReferral', 'medium', '', ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      cases,
      (index) => {
        const opened = Math.floor(random() * 700);
        const isClosed = random() < 0.6;
        const closed = isClosed ? dayBefore(Math.max(0, opened - Math.floor(random() * 200))) : null;
        return [`k${String(index)}`, ids[index * 4] ?? '', isClosed ? 'closed' : 'open', staffId, dayBefore(opened), staffId, at, at, closed, isClosed ? staffId : null, isClosed ? pick(reasons) : null];
      },
    );
    const consents = CLIENTS * 2;
    const purposes = ['services', 'registrySharing', 'referral', 'photographs'];
    inBulk('INSERT INTO consents (id, client_id, purpose, state, decided_on, form_reference, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)', consents, (index) => [
      `c${String(index)}`,
      ids[Math.floor(index / 2)] ?? '',
      purposes[(index % 2) + (random() < 0.3 ? 2 : 0)] ?? 'services',
      random() < 0.85 ? 'given' : 'refused',
      dayBefore(Math.floor(random() * 700)),
      staffId,
      at,
    ]);
    const sessions = Math.floor(CLIENTS / 10);
    const kinds = ['individual', 'family', 'group', 'crisis'];
    const risks = ['low', 'medium', 'high', 'severe', null];
    inBulk(
      `INSERT INTO counseling_sessions (id, psychologist_id, started_at, kind, form, duration_minutes, concerns_json, interventions_json, next_appointment_at, sensitivity, risk_level, status,
         note, progress, signature_salt, void_reason, signature_hash, signed_by, signed_at, version, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, 'inPerson', 50, '[]', '[]', NULL, 'standard', ?, 'signed', 'cf2.x', 'cf2.x', 'cf2.x', 'cf2.x', 'h', ?, ?, 1, ?, ?, ?)`,
      sessions,
      (index) => {
        const startedAt = `${dayBefore(Math.floor(random() * 700))}T09:00:00.000Z`;
        return [`s${String(index)}`, staffId, startedAt, pick(kinds), pick(risks), staffId, startedAt, startedAt, staffId, startedAt];
      },
    );
    inBulk('INSERT INTO counseling_session_clients (id, session_id, client_id) VALUES (?, ?, ?)', sessions, (index) => [`sc${String(index)}`, `s${String(index)}`, client()]);
    handle.prepare(`INSERT INTO training_courses (id, names_json, kind, trade, hours, min_attendance_percent, pass_mark, target_groups_json, accessibility_json, is_active, version, created_at, created_by, updated_at)
      VALUES ('T1', '{"uz-Latn":"K","uz-Cyrl":"К","ru":"К","en":"C"}', 'computerLiteracy', NULL, 20, 80, NULL, '[]', '[]', 1, 1, ?, ?, ?)`).run(at, staffId, at);
    handle.prepare(`INSERT INTO training_cohorts (id, course_id, place, capacity, starts_on, ends_on, weekdays_json, start_time, duration_minutes, created_at, created_by, updated_at)
      VALUES ('H1', 'T1', 'Xona', 30, '2025-01-06', '2026-11-30', '[1]', '10:00', 60, ?, ?, ?)`).run(at, staffId, at);
    const enrollments = Math.floor(CLIENTS / 40);
    inBulk(
      `INSERT INTO training_enrollments (id, cohort_id, client_id, stage, withdrawal_reason, joined_on, age_at_enrollment, applied_at, stage_changed_at, completed_on, version, created_by, updated_at)
       VALUES (?, 'H1', ?, ?, NULL, ?, ?, ?, ?, ?, 1, ?, ?)`,
      enrollments,
      (index) => {
        const joined = dayBefore(Math.floor(random() * 700));
        const isCompleted = random() < 0.6;
        return [`e${String(index)}`, ids[index * 40 + 1] ?? '', isCompleted ? 'completed' : 'active', joined, 15 + Math.floor(random() * 40), `${joined}T05:00:00.000Z`, at, isCompleted ? joined : null, staffId, at];
      },
    );
    inBulk(`INSERT INTO training_outcomes (id, enrollment_id, checkpoint_months, status, recorded_on, recorded_by, updated_at) VALUES (?, ?, 3, ?, ?, ?, ?)`, Math.floor(enrollments / 2), (index) => [
      `o${String(index)}`,
      `e${String(index * 2)}`,
      random() < 0.5 ? 'notEmployed' : 'employed',
      TODAY,
      staffId,
      at,
    ]);
    handle.exec('ANALYZE');
    log(`  center built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await center.close();
    cpSync(center.dataDir, dir, { recursive: true });
    return { username: center.staff.manager.username, password: center.staff.manager.password };
  } finally {
    await center.dispose();
  }
}

export async function benchReports(): Promise<void> {
  log(`INSON Center benchmark: reports (${CLIENTS} clients, ${DELIVERIES} service deliveries); load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const cacheDir = join(__dirname, '.data', cacheKey());
  if (!existsSync(join(cacheDir, 'manager.json'))) {
    log(`Building the reports center (cached under bench/.data for later runs)…`);
    mkdirSync(join(__dirname, '.data'), { recursive: true });
    const building = `${cacheDir}.building`;
    rmSync(building, { recursive: true, force: true });
    const manager = await build(building);
    writeFileSync(join(building, 'manager.json'), JSON.stringify(manager));
    renameSync(building, cacheDir);
  }
  const manager = JSON.parse(readFileSync(join(cacheDir, 'manager.json'), 'utf8')) as { readonly username: string; readonly password: string };
  const workDir = mkdtempSync(join(tmpdir(), 'inson-bench-reports-'));
  cpSync(cacheDir, workDir, { recursive: true });
  const core = await startTestCore(workDir, { now: () => NOW });
  const api: TestClient = clientOf(core, 'bench-manager');
  await api.invoke('auth.signIn', manager);
  try {

    const year = { from: dayBefore(364), to: TODAY };
    const filtered = { ...year, districtCode: '1726264', sex: 'female' as const };
    let worst = 0;
    let worstCpu = 0;
    // The first pass reads the indexes cold (just opened); the second as the dashboard does, after other indicators.
    for (const [label, filters] of [['last 12 months, first', year], ['last 12 months, again', year], ['12 months, one district, women', filtered]] as const) {
      log(`indicator (${label})`.padEnd(52) + 'wall      cpu');
      for (const indicatorId of INDICATOR_IDS) {
        const cpuBefore = process.cpuUsage();
        const t0 = performance.now();
        await api.invoke('reports.compute', { indicatorId, filters });
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpuBefore);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        worst = Math.max(worst, ms);
        worstCpu = Math.max(worstCpu, cpuMs);
        log(`  ${indicatorId.padEnd(50)}${ms.toFixed(0).padStart(5)} ms ${cpuMs.toFixed(0).padStart(5)} ms${ms > 1000 ? '   OVER 1 s' : ''}`);
      }
    }
    log(`slowest indicator: ${worst.toFixed(0)} ms wall, ${worstCpu.toFixed(0)} ms cpu (target under 1000 ms); load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  } finally {
    await core.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
