import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the training domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const TRAINING_ERRORS = defineErrorReasons({
  CONFLICT: [
    'version',
    'courseRetired',
    'unknownTrade',
    'notATrainer',
    'scheduleTooLong',
    'alreadyEnrolled',
    'stageTransition',
    'sessionNotPlanned',
    'sessionInFuture',
    'sessionHasMarks',
    'learnerNotInCohort',
    'learnerNotEnrolled',
    'cohortNotFinished',
    'completionRuleNotMet',
    'notCompleted',
    'outcomeNotDue',
  ],
  NOT_FOUND: ['course', 'cohort', 'trainingSession', 'enrollment', 'holiday', 'certificate'],
  FORBIDDEN: ['notCohortTrainer'],
});

/** @example throw trainingError('NOT_FOUND', 'cohort', { id }); */
export const trainingError = domainErrors(TRAINING_ERRORS);
