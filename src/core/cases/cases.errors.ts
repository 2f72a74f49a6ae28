import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the cases domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const CASES_ERRORS = defineErrorReasons({
  CONFLICT: ['caseAlreadyOpen', 'caseClosed', 'caseWorkerInactive', 'caseWorkerRoleCannotReadCases'],
  NOT_FOUND: ['case', 'planItem', 'staff'],
  FORBIDDEN: ['notCaseWorker'],
});

/** @example throw casesError('CONFLICT', 'caseAlreadyOpen'); */
export const casesError = domainErrors(CASES_ERRORS);
