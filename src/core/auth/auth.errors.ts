import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the auth domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const AUTH_ERRORS = defineErrorReasons({
  NOT_FOUND: ['administrator'],
  FORBIDDEN: ['noConfidentialKey', 'temporaryPasswordExpired'],
});

/** @example throw authError('NOT_FOUND', 'administrator'); */
export const authError = domainErrors(AUTH_ERRORS);
