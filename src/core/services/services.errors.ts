import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the services domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const SERVICES_ERRORS = defineErrorReasons({
  NOT_FOUND: ['serviceCatalogEntry', 'case'],
  CONSENT_REQUIRED: ['referral', 'services'],
});

/** @example throw servicesError('NOT_FOUND', 'serviceCatalogEntry'); */
export const servicesError = domainErrors(SERVICES_ERRORS);
