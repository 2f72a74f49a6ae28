import { defineModule } from '../api/module';
import { definePermissions } from '../api/permissions';
import { overview } from './home.api';

export const homeModule = defineModule({
  name: 'home',
  methods: [overview],
  permissions: definePermissions({ 'home.centerOverview': ['manager', 'administrator'] }),
});
