import { defineRead } from '../api/method';
import { localCalendarDate } from '../calendar/calendar';
import { canBeCaseWorker } from '../cases/cases.policy';
import { countCenterActivity, listOpenCasesOf, listStaffAwaiting, listTodaysVisitors } from './home.repository';
import { homeOverviewInput, type HomeOverview } from './home.schema';

/**
 * `home.overview`: the work each role's home page shows, only the parts the role may see:
 * today's visitors (who registers clients), my open cases (who can be a case worker), the center's
 * counts and staff awaiting a password change or a key (managers and administrators).
 */
export const overview = defineRead({
  name: 'home.overview',
  input: homeOverviewInput,
  access: 'signedIn',
  handler: async (ctx): Promise<HomeOverview> => {
    const today = localCalendarDate(ctx.now);
    const can = (permission: string) => ctx.actor.permissions.some((held) => held === permission);
    return {
      today,
      ...(can('clients.write') ? { todaysVisitors: await listTodaysVisitors(ctx.db, today) } : {}),
      ...(canBeCaseWorker(ctx.actor.role) ? { myOpenCases: await listOpenCasesOf(ctx.db, ctx.actor.userId) } : {}),
      ...(can('home.centerOverview')
        ? { centerCounts: await countCenterActivity(ctx.db, today), staffAwaiting: await listStaffAwaiting(ctx.db) }
        : {}),
    };
  },
});
