import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the clients domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const CLIENTS_ERRORS = defineErrorReasons({
  CONFLICT: ['version', 'merged', 'clientMerged', 'alreadyMerged', 'alreadyUnmerged', 'alreadyUploaded', 'changedSinceMerge', 'notDemonstrationCenter', 'importUnderWay'],
  NOT_FOUND: ['client', 'clientMerge', 'importJob'],
});

/** @example throw clientsError('CONFLICT', 'version'); */
export const clientsError = domainErrors(CLIENTS_ERRORS);
