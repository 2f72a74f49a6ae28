import { defineModule } from '../api/module';
import { definePermissions } from '../api/permissions';

/** The audit log has no methods of its own (the write path writes it); it owns the right to verify it. */
export const auditModule = defineModule({
  name: 'audit',
  methods: [],
  permissions: definePermissions({ 'audit.verify': ['administrator', 'manager'] }),
});
