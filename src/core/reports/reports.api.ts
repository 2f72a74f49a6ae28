import { z } from 'zod';
import { actorOf } from '../api/context';
import type { JobStatus as GenericJobStatus } from '../api/jobs';
import { defineCoreMethod, definePublic, defineRead, defineWrite } from '../api/method';
import type { ReadDb } from '../db/handles';
import { reportsError } from './reports.errors';
import { suppressExport } from './reports.export';
import type { FactIndicatorId } from './reports.facts';
import { cellSubjects, computeIndicator, disabilityYouth, indicatorDefinition, INDICATORS } from './reports.indicators';
import {
  CELL_PERSONS_LIMIT,
  cellPersonsInput,
  computeInput,
  jobInput,
  setThresholdInput,
  startExportInput,
  SUPPRESSION_THRESHOLD_DEFAULT,
  type CellPerson,
  type ExportResult,
  type IndicatorDefinitionView,
  type IndicatorTable,
  type JobStatus,
} from './reports.schema';

const THRESHOLD_SETTING = 'reports.smallCellThreshold';

async function readThreshold(db: ReadDb): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', THRESHOLD_SETTING).executeTakeFirst();
  const parsed = row === undefined ? null : z.number().int().min(2).max(20).safeParse(JSON.parse(row.value));
  return parsed?.success === true ? parsed.data : SUPPRESSION_THRESHOLD_DEFAULT;
}

/** `reports.indicators`: what can be counted, and the center's small-cell threshold. */
export const indicators = defineRead({
  name: 'reports.indicators',
  input: z.object({}),
  access: 'reports.view',
  handler: async (ctx): Promise<{ readonly indicators: readonly IndicatorDefinitionView[]; readonly threshold: number }> => ({
    indicators: INDICATORS.map((definition) => ({
      id: definition.id,
      unit: definition.unit,
      rowDimension: definition.rowDimension,
      columnDimension: definition.columnDimension,
      listPermission: definition.listPermission,
      isFiltered: definition.isFiltered,
    })),
    threshold: await readThreshold(ctx.db),
  }),
});

/** `reports.compute`: one indicator's table, as the center sees it (no suppression: it does not leave the center). */
export const compute = defineRead({
  name: 'reports.compute',
  input: computeInput,
  access: 'reports.view',
  handler: (ctx, input): Promise<IndicatorTable> => computeIndicator(ctx.db, input.indicatorId, input.filters),
});

/** `reports.targets`: the youth share among persons with disabilities trained, and the program's targets. */
export const targets = defineRead({
  name: 'reports.targets',
  input: z.object({}),
  access: 'reports.view',
  handler: (ctx) => disabilityYouth(ctx.db),
});

/** `reports.cellPersons`: the persons behind one number, for roles that may see the client list (never for counseling). */
export const cellPersons = defineRead({
  name: 'reports.cellPersons',
  input: cellPersonsInput,
  access: 'reports.view',
  handler: async (ctx, input): Promise<{ readonly persons: readonly CellPerson[]; readonly isTruncated: boolean }> => {
    const definition = indicatorDefinition(input.indicatorId);
    if (definition.listPermission === null || input.indicatorId === 'training.disabilityTargets') throw reportsError('BAD_REQUEST', 'noListBehind');
    if (!ctx.actor.permissions.includes(definition.listPermission)) throw reportsError('FORBIDDEN', 'listNotAllowed', { permission: definition.listPermission });
    const ids = await cellSubjects(ctx.db, input.indicatorId as FactIndicatorId, input.filters, input.row, input.column, CELL_PERSONS_LIMIT + 1);
    const page = ids.slice(0, CELL_PERSONS_LIMIT);
    const rows = page.length === 0 ? [] : await ctx.db.selectFrom('clients').select(['id', 'last_name', 'first_name', 'birth_year']).where('id', 'in', page).orderBy('last_name').orderBy('first_name').execute();
    return { persons: rows.map((row) => ({ clientId: row.id, lastName: row.last_name, firstName: row.first_name, birthYear: row.birth_year })), isTruncated: ids.length > CELL_PERSONS_LIMIT };
  },
});

/** `reports.settings` and `reports.setThreshold`: the small-cell threshold of exports that leave the center. */
export const settings = defineRead({
  name: 'reports.settings',
  input: z.object({}),
  access: 'reports.view',
  handler: async (ctx) => ({ threshold: await readThreshold(ctx.db) }),
});

export const setThreshold = defineWrite({
  name: 'reports.setThreshold',
  input: setThresholdInput,
  access: 'reports.manageSettings',
  handler: async (w, input) => {
    const at = w.now.toISOString();
    const value = JSON.stringify(input.threshold);
    await w.trx
      .insertInto('settings')
      .values({ key: THRESHOLD_SETTING, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
    await w.audit({ action: 'reports.setThreshold', entityType: 'settings', entityId: THRESHOLD_SETTING, details: { threshold: input.threshold } });
    return { threshold: input.threshold };
  },
});

/** The export's background jobs in the core's job runner (src/core/api/jobs.ts). */
const EXPORT_JOB = 'reports.export';
/** Two exports at once per staff member: one more while a long one runs, not a queue of them. */
const MAX_EXPORTS_PER_OWNER = 2;

/** The runner's status of an export, as the window reads it; another person's job, or a forgotten one, is NOT_FOUND. */
function exportJobStatus(status: GenericJobStatus<string, unknown> | null): JobStatus<ExportResult> {
  if (status === null) throw reportsError('NOT_FOUND', 'job');
  return { jobId: status.jobId, state: status.state, done: status.done, total: status.total, result: status.state === 'done' ? (status.result as ExportResult) : null };
}

/**
 * `reports.startExport`: computes the chosen indicators in the background (one step each, so the
 * window shows progress and may cancel between two), suppresses small cells over the whole export
 * unless told it stays in the center, and writes one audit event when done (who, what, the
 * filters, the format, suppression on or off). The window renders the file from the result.
 */
export const startExport = defineCoreMethod({
  name: 'reports.startExport',
  input: startExportInput,
  access: 'reports.export',
  handler: (ctx, input): { readonly jobId: string } => {
    const actor = actorOf(ctx.session, ctx.core.permissions);
    const core = ctx.core;
    const ids = [...new Set(input.indicatorIds)];
    const total = ids.length + 1;
    let jobId = '';
    jobId = core.jobs.start(
      { kind: EXPORT_JOB, ownerId: actor.userId, firstPhase: 'computing' as 'computing' | 'suppressing', busyError: () => reportsError('CONFLICT', 'tooManyJobs'), maxRunningPerOwner: MAX_EXPORTS_PER_OWNER },
      async ({ report, pause }): Promise<ExportResult> => {
        const db = core.store.require().db;
        const tables: IndicatorTable[] = [];
        for (const [index, id] of ids.entries()) {
          tables.push(await computeIndicator(db, id, input.filters));
          report('computing', index + 1, total);
          await pause();
        }
        const threshold = await readThreshold(db);
        const published = input.isSuppressed ? suppressExport(tables, threshold) : { tables, hiddenCells: 0 };
        report('suppressing', total, total);
        await pause();
        const generatedAt = core.now().toISOString();
        await core.write(actor.userId, async (w) => {
          await w.audit({
            action: 'reports.export',
            entityType: 'reportExport',
            entityId: jobId,
            details: { format: input.format, language: input.language, indicators: ids.join(','), ...input.filters, isSuppressed: input.isSuppressed, threshold, hiddenCells: published.hiddenCells },
          });
        });
        return { tables: published.tables, isSuppressed: input.isSuppressed, threshold, hiddenCells: published.hiddenCells, filters: input.filters, format: input.format, language: input.language, generatedAt };
      },
    );
    return { jobId };
  },
});

export const exportStatus = defineCoreMethod({
  name: 'reports.exportStatus',
  input: jobInput,
  access: 'reports.export',
  handler: (ctx, input): JobStatus<ExportResult> => exportJobStatus(ctx.core.jobs.status(EXPORT_JOB, input.jobId, ctx.session.userId)),
});

export const cancelExport = defineCoreMethod({
  name: 'reports.cancelExport',
  input: jobInput,
  access: 'reports.export',
  handler: (ctx, input): JobStatus<never> => ({ ...exportJobStatus(ctx.core.jobs.cancel(EXPORT_JOB, input.jobId, ctx.session.userId)), result: null }),
});

/**
 * The browser harness's fixture (never in the app's method table): waits between the steps of
 * background jobs, so an end-to-end test can watch an export's progress and cancel it.
 */
export const devPaceJobsMethod = definePublic({
  name: 'dev.paceReportJobs',
  input: z.object({ stepDelayMs: z.number().int().min(0).max(10_000) }),
  handler: (ctx, input) => {
    ctx.core.jobs.paceSteps(input.stepDelayMs);
    return { stepDelayMs: input.stepDelayMs };
  },
});
