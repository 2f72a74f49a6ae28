import { defineModule } from '../api/module';
import { definePermissions } from '../api/permissions';
import { cancelExport, cellPersons, compute, exportStatus, indicators, setThreshold, settings, startExport, targets } from './reports.api';
import { REPORTS_ERRORS } from './reports.errors';

/** The center's indicators, the manager's dashboard and exports that may leave the center (issue 13). */
export const reportsModule = defineModule({
  name: 'reports',
  methods: [indicators, compute, targets, cellPersons, settings, setThreshold, startExport, exportStatus, cancelExport],
  permissions: definePermissions({
    'reports.view': ['manager', 'administrator'],
    'reports.export': ['manager', 'administrator'],
    'reports.manageSettings': ['manager', 'administrator'],
  }),
  errors: REPORTS_ERRORS,
});
