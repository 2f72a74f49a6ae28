/**
 * What the registry accepts, record type by record type: the fields of each major version. This
 * is the registry's own list, a second guard after the center's outbox allow-list: a record with
 * a field not named here is refused (and only that record), so confidential text that slipped
 * past a center's build is never stored. A test checks the center's allow-list against it.
 */
export interface AcceptedType {
  readonly major: number;
  readonly fields: readonly string[];
}

const CLIENT_FIELDS = [
  'lastName', 'firstName', 'patronymic', 'pinfl', 'birthDate', 'phone', 'street',
  'pseudonym', 'needsPseudonym', 'isIdentityShared', 'status', 'mergedIntoId', 'sex', 'birthYear',
  'isBirthDateEstimated', 'categories', 'disabilityGroup', 'regionCode', 'districtCode',
];

export const ACCEPTED_TYPES: ReadonlyMap<string, AcceptedType> = new Map<string, AcceptedType>([
  ['center', { major: 1, fields: ['name', 'type', 'regionCode', 'districtCode'] }],
  ['client', { major: 1, fields: CLIENT_FIELDS }],
  ['clientMerge', { major: 1, fields: ['survivorId', 'mergedId'] }],
  ['consent', { major: 1, fields: ['clientId', 'purpose', 'state', 'decidedOn'] }],
  ['case', { major: 1, fields: ['clientId', 'status', 'priority', 'needs', 'referralSource', 'openedOn', 'closedOn', 'closeReason'] }],
  ['planItem', { major: 1, fields: ['caseId', 'clientId', 'serviceCode', 'serviceCategory', 'dueDate', 'status', 'finishedOn'] }],
  ['serviceDelivery', { major: 1, fields: ['clientId', 'caseId', 'serviceCode', 'serviceCategory', 'deliveredOn', 'durationMinutes'] }],
  // Counseling travels as metadata only: no note text, risk answers or safety plan exist here to accept.
  ['counselingSession', { major: 1, fields: ['clientIds', 'startedOn', 'kind', 'form', 'durationMinutes', 'riskLevel', 'concerns'] }],
  ['counselingAppointment', { major: 1, fields: ['clientId', 'startsOn', 'durationMinutes', 'kind', 'form', 'status'] }],
  ['trainingCourse', { major: 1, fields: ['names', 'kind', 'trade', 'hours', 'minAttendancePercent', 'passMark', 'targetGroups', 'accessibility', 'isActive'] }],
  ['trainingCohort', { major: 1, fields: ['courseId', 'startsOn', 'endsOn', 'capacity', 'sessionCount'] }],
  ['trainingEnrollment', { major: 1, fields: ['cohortId', 'clientId', 'stage', 'joinedOn', 'ageAtEnrollment', 'withdrawalReason'] }],
  ['trainingAttendanceTotals', { major: 1, fields: ['cohortId', 'clientId', 'countedSessions', 'attendedSessions', 'excusedSessions'] }],
  ['trainingCompletion', { major: 1, fields: ['cohortId', 'clientId', 'outcome', 'incompleteReason', 'completedOn', 'certificateNumber', 'countedSessions', 'attendedSessions', 'assessmentScore'] }],
  ['trainingOutcome', { major: 1, fields: ['enrollmentId', 'clientId', 'checkpointMonths', 'status', 'employerType', 'hasFormalContract', 'recordedOn'] }],
]);

/**
 * Why one record is refused, or null when the registry accepts its type, version and fields.
 *
 * @example recordRefusal('client', '1.0', { sex: 'female', note: '…' }) // 'unknownField:note'
 */
export function recordRefusal(type: string, schemaVersion: string | undefined, data: Readonly<Record<string, unknown>>): string | null {
  const accepted = ACCEPTED_TYPES.get(type);
  if (accepted === undefined) return 'unknownType';
  if (schemaVersion === undefined || Number(schemaVersion.split('.')[0]) !== accepted.major) return 'unknownVersion';
  for (const field of Object.keys(data)) if (!accepted.fields.includes(field)) return `unknownField:${field.slice(0, 60)}`;
  return null;
}
