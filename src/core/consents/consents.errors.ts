import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the consents domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const CONSENTS_ERRORS = defineErrorReasons({
  CONFLICT: ['consentNotGiven'],
});

/** @example throw consentsError('CONFLICT', 'consentNotGiven'); */
export const consentsError = domainErrors(CONSENTS_ERRORS);
