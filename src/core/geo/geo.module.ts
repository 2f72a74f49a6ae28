import { defineModule } from '../api/module';
import { regions } from './geo.api';

export const geoModule = defineModule({ name: 'geo', methods: [regions] });
