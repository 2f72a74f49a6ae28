import { defineOutboxType } from '../sync/outbox.spec';

/**
 * What a client record may carry to the registry (DESIGN.md, "What leaves the center").
 * Identity fields travel only while the client's registry-sharing consent is given; otherwise the
 * record carries `needsPseudonym: true` and the upload fills `pseudonym` (a keyed hash of the
 * PINFL under the registry's key). A leaf module: the clients manifest lists it.
 */
export const CLIENT_IDENTITY_FIELDS = ['lastName', 'firstName', 'patronymic', 'pinfl', 'birthDate', 'phone', 'street'] as const;

export const CLIENT_OUTBOX = defineOutboxType({
  type: 'client',
  version: 1,
  fields: [
    ...CLIENT_IDENTITY_FIELDS,
    'pseudonym',
    'needsPseudonym',
    'isIdentityShared',
    'status',
    'mergedIntoId',
    'sex',
    'birthYear',
    'isBirthDateEstimated',
    'categories',
    'disabilityGroup',
    'regionCode',
    'districtCode',
  ],
});

/** A merge of two client records (and, with op `delete`, its reversal before any upload). */
export const CLIENT_MERGE_OUTBOX = defineOutboxType({
  type: 'clientMerge',
  version: 1,
  fields: ['survivorId', 'mergedId'],
});
