import { defineModule } from '../api/module';
import { definePermissions } from '../api/permissions';
import { damage, restore, runNow, status, updateSettings } from './backup.api';
import { BACKUP_ERRORS } from './backup.errors';

export const BACKUP_PERMISSIONS = definePermissions({ 'backup.manage': ['administrator'] });

export const backupModule = defineModule({
  name: 'backup',
  methods: [status, updateSettings, runNow, damage, restore],
  permissions: BACKUP_PERMISSIONS,
  errors: BACKUP_ERRORS,
});
