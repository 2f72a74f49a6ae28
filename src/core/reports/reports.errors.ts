import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the reports domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const REPORTS_ERRORS = defineErrorReasons({
  BAD_REQUEST: ['noListBehind'],
  CONFLICT: ['tooManyJobs'],
  NOT_FOUND: ['job'],
  FORBIDDEN: ['listNotAllowed'],
});

/** @example throw reportsError('BAD_REQUEST', 'noListBehind'); */
export const reportsError = domainErrors(REPORTS_ERRORS);
