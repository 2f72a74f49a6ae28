import { defineModule } from '../api/module';
import { createCenterMethod } from './setup.api';

export const setupModule = defineModule({ name: 'setup', methods: [createCenterMethod], errors: { ALREADY_SET_UP: [] } });
