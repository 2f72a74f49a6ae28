import { defineModule } from '../api/module';
import { SERVICES_ERRORS } from './services.errors';
import { definePermissions } from '../api/permissions';
import { addCatalogEntry, catalog, createReferralMethod, listForClient, listReferrals, record, updateCatalogEntry } from './services.api';
import { SERVICE_DELIVERY_OUTBOX } from './services.outbox';
import { deliverySource, referralSource } from './services.timeline';

export const SERVICES_PERMISSIONS = definePermissions({
  'services.write': ['receptionist', 'psychologist'],
  /** Adding the center's own entries to the service catalog. */
  'services.manageCatalog': ['administrator', 'manager'],
});

export const servicesModule = defineModule({
  name: 'services',
  methods: [catalog, addCatalogEntry, updateCatalogEntry, record, listForClient, createReferralMethod, listReferrals],
  permissions: SERVICES_PERMISSIONS,
  outbox: [SERVICE_DELIVERY_OUTBOX],
  timeline: [deliverySource, referralSource],
  errors: SERVICES_ERRORS,
});
