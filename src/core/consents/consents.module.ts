import { defineModule } from '../api/module';
import { CONSENTS_ERRORS } from './consents.errors';
import { definePermissions } from '../api/permissions';
import { list, record } from './consents.api';
import { CONSENT_OUTBOX } from './consents.outbox';
import { consentSource } from './consents.timeline';

export const CONSENTS_PERMISSIONS = definePermissions({
  'consents.write': ['receptionist'],
  /** A consent's purposes, dates and form references: everyone but trainers (docs/security.md, "Who and what"). */
  'consents.read': ['administrator', 'manager', 'receptionist', 'psychologist', 'supervisor'],
});

export const consentsModule = defineModule({
  name: 'consents',
  methods: [record, list],
  permissions: CONSENTS_PERMISSIONS,
  outbox: [CONSENT_OUTBOX],
  timeline: [consentSource],
  errors: CONSENTS_ERRORS,
});
