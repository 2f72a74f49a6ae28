import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the backup domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const BACKUP_ERRORS = defineErrorReasons({
  CONFLICT: ['backupCheckFailed', 'backupKeyringChanged', 'backupExists', 'backupRunning', 'backupFolderNotSet', 'restoreTargetNotEmpty'],
  BAD_REQUEST: ['backupUnreadable', 'backupTampered', 'backupFolderMissing'],
  NOT_FOUND: ['backup'],
});

/** @example throw backupError('CONFLICT', 'backupRunning'); */
export const backupError = domainErrors(BACKUP_ERRORS);
