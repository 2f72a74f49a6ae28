import { defineModule } from '../api/module';
import { CLIENTS_ERRORS } from './clients.errors';
import { definePermissions, ROLES } from '../api/permissions';
import { findDuplicates, get, merge, register, search, unmerge, update } from './clients.api';
import { CLIENT_MERGE_OUTBOX, CLIENT_OUTBOX } from './clients.outbox';
import { registrationSource } from './clients.timeline';
import { importPreview, importProgress, importReportFile, importStart } from './clients.import.api';

export const CLIENTS_PERMISSIONS = definePermissions({
  'clients.read': ROLES,
  'clients.write': ['receptionist'],
  'clients.merge': ['administrator'],
  'clients.import': ['administrator', 'receptionist'],
});

export const clientsModule = defineModule({
  name: 'clients',
  methods: [register, update, get, search, findDuplicates, merge, unmerge, importPreview, importStart, importProgress, importReportFile],
  permissions: CLIENTS_PERMISSIONS,
  outbox: [CLIENT_OUTBOX, CLIENT_MERGE_OUTBOX],
  timeline: [registrationSource],
  errors: CLIENTS_ERRORS,
});
