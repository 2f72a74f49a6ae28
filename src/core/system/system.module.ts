import { defineModule } from '../api/module';
import { info } from './system.api';

export const systemModule = defineModule({ name: 'system', methods: [info] });
