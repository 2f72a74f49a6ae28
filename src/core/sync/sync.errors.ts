import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the upload gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const SYNC_ERRORS = defineErrorReasons({
  CONFLICT: ['syncNotEnrolled', 'syncAlreadyEnrolled', 'syncNoRegistryKey', 'syncEnrollmentRefused', 'syncRegistryUnreachable', 'syncNotARegistry', 'syncFileNotOurs', 'syncFileDamaged', 'syncNothingToExport', 'syncFingerprintMismatch', 'syncFileNotWritable', 'syncKeyRefused'],
});

/** @example throw syncError('CONFLICT', 'syncNotEnrolled'); */
export const syncError = domainErrors(SYNC_ERRORS);
