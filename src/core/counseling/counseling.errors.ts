import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the counseling domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const COUNSELING_ERRORS = defineErrorReasons({
  CONFLICT: [
    'sessionSigned',
    'sessionVoided',
    'sessionNotSigned',
    'sessionChangedMeanwhile',
    'sessionExists',
    'noteEmpty',
    'alreadyCountersigned',
    'countersignOwnSession',
    'signatureMismatch',
    'clientListedTwice',
    'notAPsychologist',
    'alreadyAssigned',
    'notAssigned',
    'alreadyHasAccess',
    'alreadyReviewed',
    'alreadyResolved',
    'unknownInstrument',
    'incompleteAnswers',
  ],
  NOT_FOUND: ['session', 'emergencyAccess', 'attention', 'riskAssessment'],
  FORBIDDEN: ['notAssignedToClient', 'restrictedSession', 'notSessionAuthor', 'recordUnreadable'],
});

/** @example throw counselingError('CONFLICT', 'sessionSigned'); */
export const counselingError = domainErrors(COUNSELING_ERRORS);
