import { defineModule } from '../api/module';
import { definePermissions } from '../api/permissions';
import { get, updateProfile, updateSettings } from './center.api';
import { CENTER_OUTBOX } from './center.outbox';

export const CENTER_PERMISSIONS = definePermissions({ 'center.manage': ['administrator'] });

export const centerModule = defineModule({ name: 'center', methods: [get, updateSettings, updateProfile], permissions: CENTER_PERMISSIONS, outbox: [CENTER_OUTBOX] });
