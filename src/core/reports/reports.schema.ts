import { z } from 'zod';
import type { CountTable } from './count-table';

/**
 * The reports domain's shapes, shared by the core and the manager's dashboard (pure: zod only).
 * An indicator's answer is one table: rows by one dimension, columns by another, counts in the
 * cells, and the margins the indicator publishes (only where they are true sums: a person counted
 * in exactly one row and one column).
 */

export const AGE_BANDS = ['0-14', '15-24', '25-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const SEXES = ['female', 'male'] as const;

export const INDICATOR_IDS = [
  'peopleServed.byAgeSex',
  'peopleServed.byCategory',
  'peopleServed.byDistrict',
  'peopleServed.byMonth',
  'services.byType',
  'cases.openedClosed',
  'cases.closeReasons',
  'counseling.sessionsByKindRisk',
  'training.outcomes',
  'training.disabilityTargets',
  'rehabilitation.womenHelped',
  'consents.rates',
  'dataQuality.records',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** What a row or a column of a table is: its keys are worded by the UI (`reports:dimension.<name>.<key>`), or, for districts and services, by the name lists. */
export const DIMENSIONS = [
  'ageBand',
  'sex',
  'category',
  'district',
  'month',
  'service',
  'caseFlow',
  'closeReason',
  'sessionKind',
  'riskLevel',
  'trainingStep',
  'disabilityTarget',
  'helpKind',
  'consentPurpose',
  'consentState',
  'dataQuality',
  'count',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What the cells count. */
export const UNITS = ['persons', 'deliveries', 'cases', 'sessions'] as const;
export type Unit = (typeof UNITS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const reportFiltersSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    regionCode: z.string().regex(/^\d{4}$/).nullable().default(null),
    districtCode: z.string().regex(/^\d{7}$/).nullable().default(null),
    sex: z.enum(SEXES).nullable().default(null),
    ageBand: z.enum(AGE_BANDS).nullable().default(null),
  })
  .refine((filters) => filters.from <= filters.to, { path: ['to'], message: 'The period ends before it starts' });
export type ReportFilters = z.output<typeof reportFiltersSchema>;
export type ReportFiltersInput = z.input<typeof reportFiltersSchema>;

export interface IndicatorTable extends CountTable {
  readonly indicatorId: IndicatorId;
  readonly unit: Unit;
  readonly rowDimension: Dimension;
  readonly columnDimension: Dimension;
}

export type { HiddenMark } from './count-table';

export interface IndicatorDefinitionView {
  readonly id: IndicatorId;
  readonly unit: Unit;
  readonly rowDimension: Dimension;
  readonly columnDimension: Dimension;
  /** The permission that opens the list of persons behind a cell; null when the indicator has none (counseling: counts only). */
  readonly listPermission: string | null;
  /** Whether the period and person filters apply (the program-to-date training targets take none). */
  readonly isFiltered: boolean;
}

export const computeInput = z.object({ indicatorId: z.enum(INDICATOR_IDS), filters: reportFiltersSchema });

export const dashboardInput = z.object({ filters: reportFiltersSchema });

export const cellPersonsInput = z.object({
  indicatorId: z.enum(INDICATOR_IDS),
  filters: reportFiltersSchema,
  /** Null for a column total. */
  row: z.string().max(40).nullable(),
  /** Null for a row total. */
  column: z.string().max(40).nullable(),
});

export interface CellPerson {
  readonly clientId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly birthYear: number;
}

export const CELL_PERSONS_LIMIT = 500;

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const startExportInput = z.object({
  filters: reportFiltersSchema,
  indicatorIds: z.array(z.enum(INDICATOR_IDS)).min(1).max(INDICATOR_IDS.length),
  format: z.enum(EXPORT_FORMATS),
  /** Off only for a copy that stays in the center; the audit log records which. */
  isSuppressed: z.boolean().default(true),
  language: z.enum(['uz-Latn', 'uz-Cyrl', 'ru', 'en']),
});
export type StartExportInput = z.output<typeof startExportInput>;

export const jobInput = z.object({ jobId: z.string().min(1).max(60) });

export const JOB_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface ExportResult {
  readonly tables: readonly IndicatorTable[];
  readonly isSuppressed: boolean;
  readonly threshold: number;
  /** How many cells (margins included) the export hides. */
  readonly hiddenCells: number;
  readonly filters: ReportFilters;
  readonly format: ExportFormat;
  readonly language: StartExportInput['language'];
  readonly generatedAt: string;
}

export interface JobStatus<R> {
  readonly jobId: string;
  readonly state: JobState;
  readonly done: number;
  readonly total: number;
  readonly result: R | null;
}

export const SUPPRESSION_THRESHOLD_DEFAULT = 5;
export const setThresholdInput = z.object({ threshold: z.number().int().min(2).max(20) });

/**
 * The period of the same number of days just before this one (the dashboard's comparison).
 *
 * @example previousPeriod({ ...filters, from: '2026-04-01', to: '2026-06-30' }) // from 2025-12-31 to 2026-03-31
 */
export function previousPeriod(filters: ReportFilters): ReportFilters {
  const day = 86_400_000;
  const from = Date.parse(`${filters.from}T00:00:00Z`);
  const to = Date.parse(`${filters.to}T00:00:00Z`);
  const length = Math.round((to - from) / day) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { ...filters, from: iso(from - length * day), to: iso(from - day) };
}
