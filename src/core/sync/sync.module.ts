import { defineModule } from '../api/module';
import { definePermissions } from '../api/permissions';
import { enroll, exportFile, importReceiptsMethod, preview, rotateKey, seal, status, uploadNow } from './sync.api';
import { SYNC_ERRORS } from './sync.errors';

export const SYNC_PERMISSIONS = definePermissions({
  'sync.enroll': ['administrator'],
  'sync.read': ['administrator', 'manager'],
  'sync.manage': ['administrator', 'manager'],
});

export const syncModule = defineModule({ name: 'sync', methods: [enroll, status, preview, seal, uploadNow, exportFile, importReceiptsMethod, rotateKey], permissions: SYNC_PERMISSIONS, errors: SYNC_ERRORS });
