import { defineModule } from '../api/module';
import { definePermissions } from '../api/permissions';
import { info } from './system.api';

export const systemModule = defineModule({
  name: 'system',
  methods: [info],
  // The UI's diagnostics console (any method by name, still checked call by call) is for administrators.
  permissions: definePermissions({ 'system.diagnostics': ['administrator'] }),
});
