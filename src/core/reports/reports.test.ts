import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';
import { FIXTURE_PERIOD, writeReportsFixture } from './reports.fixture';
import { INDICATOR_IDS, type IndicatorId, type IndicatorTable, type ReportFiltersInput } from './reports.schema';

/**
 * Every indicator against the hand-built center of reports.fixture.ts; each expected table below
 * is worked out by hand from the fixture's comments, not from the code.
 */

const NOW = new Date('2026-04-15T06:00:00.000Z');
const PERIOD: ReportFiltersInput = { ...FIXTURE_PERIOD };

type Expected = Pick<IndicatorTable, 'rows' | 'columns' | 'cells' | 'rowTotals' | 'columnTotals' | 'grandTotal'>;

const EXPECTED: Record<IndicatorId, Expected> = {
  // A is one person however many visits; F was not served in the period; G is merged.
  'peopleServed.byAgeSex': { rows: ['0-14', '15-24', '25-59', '60+'], columns: ['female', 'male'], cells: [[1, 0], [1, 0], [1, 1], [0, 1]], rowTotals: [1, 1, 2, 1], columnTotals: [3, 2], grandTotal: 5 },
  'peopleServed.byCategory': {
    rows: ['olderPerson', 'disabilityI', 'disabilityII', 'disabilityIII', 'disabilityChild', 'child', 'survivorOfViolence', 'lowIncome'],
    columns: ['female', 'male'],
    cells: [[0, 1], [0, 0], [1, 0], [0, 0], [0, 0], [1, 0], [1, 0], [0, 1]],
    rowTotals: [1, 0, 1, 0, 0, 1, 1, 1],
    columnTotals: null,
    grandTotal: null,
  },
  'peopleServed.byDistrict': { rows: ['1726262', '1726264'], columns: ['female', 'male'], cells: [[3, 1], [0, 1]], rowTotals: [4, 1], columnTotals: [3, 2], grandTotal: 5 },
  // January: A, E; February: A, C, E; March: B, D.
  'peopleServed.byMonth': { rows: ['2026-01', '2026-02', '2026-03'], columns: ['female', 'male'], cells: [[2, 0], [2, 1], [1, 1]], rowTotals: [2, 3, 2], columnTotals: null, grandTotal: null },
  'services.byType': {
    rows: ['legal.consultation', 'medical.examination', 'psychological.individualCounseling', 'social.consultation'],
    columns: ['count'],
    cells: [[2], [2], [1], [5]],
    rowTotals: null,
    columnTotals: [10],
    grandTotal: null,
  },
  'cases.openedClosed': { rows: ['opened', 'closed', 'openAtEnd'], columns: ['count'], cells: [[2], [2], [1]], rowTotals: null, columnTotals: null, grandTotal: null },
  'cases.closeReasons': {
    rows: ['goalsAchieved', 'referredElsewhere', 'clientDeclined', 'lostContact', 'movedAway', 'deceased', 'noLongerEligible', 'duplicate', 'other'],
    columns: ['count'],
    cells: [[1], [1], [0], [0], [0], [0], [0], [0], [0]],
    rowTotals: null,
    columnTotals: [2],
    grandTotal: null,
  },
  // Signed sessions only; the draft, the voided one and the one on 1 April are not counted.
  'counseling.sessionsByKindRisk': {
    rows: ['individual', 'family', 'group', 'crisis'],
    columns: ['low', 'medium', 'high', 'severe', 'none'],
    cells: [[1, 0, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 1]],
    rowTotals: [2, 0, 0, 1],
    columnTotals: [1, 0, 1, 0, 1],
    grandTotal: 3,
  },
  // B and C enrolled (A only applied); B completed and was employed at 3 months.
  'training.outcomes': { rows: ['enrolled', 'completed', 'employed3', 'employed6', 'employed12'], columns: ['female', 'male'], cells: [[1, 1], [1, 0], [1, 0], [0, 0], [0, 0]], rowTotals: [2, 1, 1, 0, 0], columnTotals: null, grandTotal: null },
  // Persons with disabilities: only B.
  'training.disabilityTargets': { rows: ['trained', 'completed', 'employed'], columns: ['female', 'male'], cells: [[1, 0], [1, 0], [1, 0]], rowTotals: [1, 1, 1], columnTotals: null, grandTotal: null },
  // Women served: A (social), B (legal), E (psychological, legal, medical).
  'rehabilitation.womenHelped': { rows: ['any', 'legal', 'medical', 'psychological', 'other'], columns: ['count'], cells: [[3], [2], [1], [1], [1]], rowTotals: null, columnTotals: null, grandTotal: null },
  // Six active clients; D's consent is dated after the period; E withdrew registry sharing.
  'consents.rates': {
    rows: ['services', 'registrySharing', 'referral', 'photographs'],
    columns: ['given', 'refused', 'withdrawn', 'notAsked'],
    cells: [[3, 1, 0, 2], [1, 0, 1, 4], [0, 0, 0, 6], [0, 0, 0, 6]],
    rowTotals: [6, 6, 6, 6],
    columnTotals: null,
    grandTotal: null,
  },
  // E and F have no PINFL (G is merged); F was registered over a warning against E, still active.
  'dataQuality.records': { rows: ['missingPinfl', 'duplicatesPending'], columns: ['count'], cells: [[2], [1]], rowTotals: null, columnTotals: null, grandTotal: null },
};

describe('reports: indicators against a hand-built center', () => {
  let t: TestCenter<'manager' | 'administrator' | 'receptionist'>;

  beforeAll(async () => {
    t = await createTestCenter({ roles: ['manager', 'administrator', 'receptionist'], now: () => NOW });
    await writeReportsFixture(t.behindTheApi().db, t.staffId.manager);
  });
  afterAll(() => t.dispose());

  it.each(INDICATOR_IDS)('%s matches the table worked out by hand', async (indicatorId) => {
    const table = await t.as.manager.invoke('reports.compute', { indicatorId, filters: PERIOD });
    const { rows, columns, cells, rowTotals, columnTotals, grandTotal } = table;
    expect({ rows, columns, cells, rowTotals, columnTotals, grandTotal }).toEqual(EXPECTED[indicatorId]);
  });

  it('filters by sex, age band and district', async () => {
    const women = await t.as.manager.invoke('reports.compute', { indicatorId: 'peopleServed.byAgeSex', filters: { ...PERIOD, sex: 'female' } });
    expect(women.cells).toEqual([[1, 0], [1, 0], [1, 0], [0, 0]]);
    const adults = await t.as.manager.invoke('reports.compute', { indicatorId: 'services.byType', filters: { ...PERIOD, ageBand: '25-59' } });
    // C's two visits and E's three.
    expect(adults.rows).toEqual(['legal.consultation', 'medical.examination', 'psychological.individualCounseling', 'social.consultation']);
    expect(adults.cells).toEqual([[1], [1], [1], [2]]);
    const district = await t.as.manager.invoke('reports.compute', { indicatorId: 'peopleServed.byDistrict', filters: { ...PERIOD, districtCode: '1726264' } });
    expect(district.rows).toEqual(['1726264']);
    expect(district.grandTotal).toBe(1);
  });

  it('counts the youth share among persons with disabilities from the training domain’s own figures', async () => {
    expect(await t.as.manager.invoke('reports.targets', {})).toEqual({ trainedYouth: 1, youthSharePercent: 100, targets: { trainedAndEmployedWithDisability: 1200, youthShareMinPercent: 50 } });
  });

  it('opens the persons behind a number, and nothing behind counseling', async () => {
    const cell = await t.as.manager.invoke('reports.cellPersons', { indicatorId: 'peopleServed.byAgeSex', filters: PERIOD, row: '25-59', column: 'male' });
    expect(cell.persons.map((person) => person.clientId)).toEqual(['C']);
    const margin = await t.as.manager.invoke('reports.cellPersons', { indicatorId: 'peopleServed.byAgeSex', filters: PERIOD, row: null, column: 'female' });
    expect(margin.persons.map((person) => person.clientId).sort()).toEqual(['A', 'B', 'E']);
    expect(await rejection(t.as.manager.invoke('reports.cellPersons', { indicatorId: 'counseling.sessionsByKindRisk', filters: PERIOD, row: 'individual', column: 'low' }))).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('is for managers and administrators only', async () => {
    expect(await rejection(t.as.receptionist.invoke('reports.compute', { indicatorId: 'peopleServed.byAgeSex', filters: PERIOD }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.receptionist.invoke('reports.startExport', { filters: PERIOD, indicatorIds: ['peopleServed.byAgeSex'], format: 'csv', language: 'en' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.as.administrator.invoke('reports.compute', { indicatorId: 'dataQuality.records', filters: PERIOD })).cells).toEqual([[2], [1]]);
  });

  async function finished(jobId: string) {
    for (;;) {
      const status = await t.as.manager.invoke('reports.exportStatus', { jobId });
      if (status.state !== 'running') return status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('exports with small cells hidden and audits who exported what, with suppression on', async () => {
    const { jobId } = await t.as.manager.invoke('reports.startExport', { filters: PERIOD, indicatorIds: [...INDICATOR_IDS], format: 'xlsx', language: 'uz-Latn' });
    const status = await finished(jobId);
    expect(status.state).toBe('done');
    const result = status.result;
    if (result === null) throw new Error('no result');
    expect(result.threshold).toBe(5);
    // Every number of this small center is below five or zero, or sits in a line with one that is.
    for (const table of result.tables) {
      for (const value of [...table.cells.flat(), ...(table.rowTotals ?? []), ...(table.columnTotals ?? []), table.grandTotal]) {
        if (value !== null) expect(value === 0 || value >= 5).toBe(true);
      }
    }
    expect(result.hiddenCells).toBeGreaterThan(0);
    const audit = await t.db().selectFrom('audit_log').select(['action', 'actor_id', 'details_json']).where('entity_id', '=', jobId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('reports.export');
    expect(audit[0]?.actor_id).toBe(t.staffId.manager);
    expect(JSON.parse(audit[0]?.details_json ?? '{}')).toMatchObject({ format: 'xlsx', isSuppressed: true, threshold: 5, from: '2026-01-01', to: '2026-03-31' });
  });

  it('exports unsuppressed only when asked, audited as such, with the center’s threshold', async () => {
    await t.as.manager.invoke('reports.setThreshold', { threshold: 3 });
    const { jobId } = await t.as.manager.invoke('reports.startExport', { filters: PERIOD, indicatorIds: ['dataQuality.records'], format: 'csv', language: 'en', isSuppressed: false });
    const status = await finished(jobId);
    expect(status.result?.tables[0]?.cells).toEqual([[2], [1]]);
    expect(status.result?.threshold).toBe(3);
    const audit = await t.db().selectFrom('audit_log').select('details_json').where('entity_id', '=', jobId).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details_json ?? '{}')).toMatchObject({ isSuppressed: false, hiddenCells: 0 });
    await t.as.manager.invoke('reports.setThreshold', { threshold: 5 });
  });

  it('shows a running export’s progress, cancels it between two steps, and audits nothing for it', async () => {
    const jobs = t.core.services.jobs;
    jobs.paceSteps(100);
    try {
      const { jobId } = await t.as.manager.invoke('reports.startExport', { filters: PERIOD, indicatorIds: [...INDICATOR_IDS], format: 'pdf', language: 'ru' });
      let status = await t.as.manager.invoke('reports.exportStatus', { jobId });
      while (status.done === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = await t.as.manager.invoke('reports.exportStatus', { jobId });
      }
      expect(status).toMatchObject({ state: 'running', total: INDICATOR_IDS.length + 1 });
      await t.as.manager.invoke('reports.cancelExport', { jobId });
      const final = await finished(jobId);
      expect(final.state).toBe('cancelled');
      expect(final.done).toBeLessThan(INDICATOR_IDS.length + 1);
      expect(await t.db().selectFrom('audit_log').select('action').where('entity_id', '=', jobId).execute()).toEqual([]);
      // Another staff member cannot see or cancel it.
      expect(await rejection(t.as.administrator.invoke('reports.exportStatus', { jobId }))).toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      jobs.paceSteps(0);
    }
  });
});
