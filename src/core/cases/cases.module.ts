import { defineModule } from '../api/module';
import { CASES_ERRORS } from './cases.errors';
import { addPlanItemMethod, assign, caseWorkers, close, get, listForClient, open, overduePlanItems, updatePlanItemMethod } from './cases.api';
import { CASE_OUTBOX, PLAN_ITEM_OUTBOX } from './cases.outbox';
import { CASES_PERMISSIONS } from './cases.permissions';
import { caseSource } from './cases.timeline';

export const casesModule = defineModule({
  name: 'cases',
  methods: [open, get, listForClient, assign, caseWorkers, close, addPlanItemMethod, updatePlanItemMethod, overduePlanItems],
  permissions: CASES_PERMISSIONS,
  outbox: [CASE_OUTBOX, PLAN_ITEM_OUTBOX],
  timeline: [caseSource],
  errors: CASES_ERRORS,
});
