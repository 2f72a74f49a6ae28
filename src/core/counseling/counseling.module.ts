import { defineModule } from '../api/module';
import { ASSESSMENT_METHODS } from './assessments.api';
import { SESSION_METHODS } from './counseling.api';
import { COUNSELING_ERRORS } from './counseling.errors';
import { COUNSELING_SESSION_OUTBOX } from './counseling.outbox';
import { COUNSELING_PERMISSIONS } from './counseling.permissions';
import { COUNSELING_CONFIDENTIAL_COLUMNS } from './counseling.sealed';
import { counselingSessionSource } from './counseling.timeline';

export const counselingModule = defineModule({
  name: 'counseling',
  methods: [...SESSION_METHODS, ...ASSESSMENT_METHODS],
  permissions: COUNSELING_PERMISSIONS,
  outbox: [COUNSELING_SESSION_OUTBOX],
  errors: COUNSELING_ERRORS,
  confidentialColumns: COUNSELING_CONFIDENTIAL_COLUMNS,
  timeline: [counselingSessionSource],
});
