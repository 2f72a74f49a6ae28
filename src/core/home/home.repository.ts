import { sql } from 'kysely';
import type { ReadDb } from '../db/handles';
import { listStaff, toStaffMember } from '../staff/staff.repository';
import { TODAYS_VISITORS_LIMIT, type CenterCounts, type MyOpenCase, type StaffAwaiting, type TodaysVisitor } from './home.schema';

/**
 * The local day's bounds as ISO instants: records carry UTC instants, staff count by their own day.
 *
 * @example dayBounds('2026-11-25') // { from: '2026-11-24T19:00:00.000Z', to: '2026-11-25T19:00:00.000Z' } in Tashkent
 */
function localBounds(fromDay: string, toDayExclusive: string): { readonly from: string; readonly to: string } {
  const at = (day: string) => {
    const [year, month, date] = day.split('-').map(Number);
    return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1).toISOString();
  };
  return { from: at(fromDay), to: at(toDayExclusive) };
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function firstOfNextMonth(day: string): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Active clients registered on `today` (the center's local day) or given a service dated `today`,
 * most recent first.
 *
 * @example const visitors = await listTodaysVisitors(db, '2026-11-25');
 */
export async function listTodaysVisitors(db: ReadDb, today: string): Promise<TodaysVisitor[]> {
  const { from, to } = localBounds(today, nextDay(today));
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'last_name', 'first_name', 'patronymic', 'created_at'])
    .select((eb) => [
      eb.and([eb('created_at', '>=', from), eb('created_at', '<', to)]).as('is_registered_today'),
      eb
        .exists(eb.selectFrom('service_deliveries').select('id').whereRef('service_deliveries.client_id', '=', 'clients.id').where('delivered_on', '=', today))
        .as('is_served_today'),
    ])
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([eb('created_at', '>=', from), eb('created_at', '<', to)]),
        eb.exists(eb.selectFrom('service_deliveries').select('id').whereRef('service_deliveries.client_id', '=', 'clients.id').where('delivered_on', '=', today)),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(TODAYS_VISITORS_LIMIT)
    .execute();
  return rows.map((row) => ({
    clientId: row.id,
    lastName: row.last_name,
    firstName: row.first_name,
    patronymic: row.patronymic,
    isRegisteredToday: Number(row.is_registered_today) === 1,
    isServedToday: Number(row.is_served_today) === 1,
  }));
}

/**
 * The open cases whose case worker is `staffId`, highest priority first, then oldest.
 *
 * @example const mine = await listOpenCasesOf(db, actor.userId);
 */
export async function listOpenCasesOf(db: ReadDb, staffId: string): Promise<MyOpenCase[]> {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('clients', 'clients.id', 'cases.client_id')
    .select(['cases.id as case_id', 'cases.client_id', 'cases.priority', 'cases.opened_on', 'clients.last_name', 'clients.first_name', 'clients.patronymic'])
    .where('cases.case_worker_id', '=', staffId)
    .where('cases.status', '=', 'open')
    .orderBy(sql`CASE cases.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`)
    .orderBy('cases.opened_on')
    .execute();
  return rows.map((row) => ({
    caseId: row.case_id,
    clientId: row.client_id,
    lastName: row.last_name,
    firstName: row.first_name,
    patronymic: row.patronymic,
    priority: row.priority,
    openedOn: row.opened_on,
  }));
}

/**
 * Registrations and deliveries today and this month (calendar month of `today`).
 *
 * @example const counts = await countCenterActivity(db, '2026-11-25');
 */
export async function countCenterActivity(db: ReadDb, today: string): Promise<CenterCounts> {
  const monthStart = `${today.slice(0, 7)}-01`;
  const day = localBounds(today, nextDay(today));
  const month = localBounds(monthStart, firstOfNextMonth(today));
  const registered = async (bounds: { readonly from: string; readonly to: string }) =>
    Number(
      (
        await db
          .selectFrom('clients')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'active')
          .where('created_at', '>=', bounds.from)
          .where('created_at', '<', bounds.to)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const delivered = async (from: string, toExclusive: string) =>
    Number(
      (
        await db
          .selectFrom('service_deliveries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('delivered_on', '>=', from)
          .where('delivered_on', '<', toExclusive)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    clientsRegistered: { today: await registered(day), thisMonth: await registered(month) },
    servicesDelivered: { today: await delivered(today, nextDay(today)), thisMonth: await delivered(monthStart, firstOfNextMonth(today)) },
  };
}

/**
 * Active staff who still have to change their temporary password, or who still lack the key to
 * counseling notes their role should hold.
 *
 * @example const waiting = await listStaffAwaiting(db);
 */
export async function listStaffAwaiting(db: ReadDb): Promise<StaffAwaiting[]> {
  return (await listStaff(db))
    .map(toStaffMember)
    .filter((member) => member.isActive && (member.mustChangePassword || member.needsConfidentialGrant))
    .map(({ id, displayName, role, mustChangePassword, needsConfidentialGrant }) => ({ id, displayName, role, mustChangePassword, needsConfidentialGrant }));
}
