import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the staff domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const STAFF_ERRORS = defineErrorReasons({
  CONFLICT: ['usernameTaken', 'deactivateSelf', 'lastAdministrator', 'roleHoldsNoConfidentialKey', 'grantToSelf', 'recipientHasTemporaryPassword', 'confidentialKeyAlreadyHeld', 'slotsAwaitingSignIn', 'recoveryCodeHoldsNoConfidentialKey', 'confidentialRotationUnderWay', 'changeOwnRole', 'caseWorkerOfOpenCases', 'alreadyActive'],
  NOT_FOUND: ['staff'],
  FORBIDDEN: ['supervisorOnly'],
  CONFIRMATION_REQUIRED: ['actorPassword'],
});

/** @example throw staffError('CONFLICT', 'usernameTaken'); */
export const staffError = domainErrors(STAFF_ERRORS);
