import { defineModule } from '../api/module';
import { definePermissions } from '../api/permissions';
import { chainHead } from './audit.api';

/** The audit log is written by the write path; the module owns the right to verify it and the chain head's read. */
export const auditModule = defineModule({
  name: 'audit',
  methods: [chainHead],
  permissions: definePermissions({ 'audit.verify': ['administrator', 'manager'] }),
});
