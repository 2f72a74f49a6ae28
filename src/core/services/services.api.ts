import { defineRead, defineWrite } from '../api/method';
import { requireClient } from '../clients/clients.guards';
import { createReferral, addCatalogEntry as addEntry, recordService, updateCatalogEntry as updateEntry } from './services.service';
import { listCatalog, listDeliveriesForClient, listReferralsForClient } from './services.repository';
import {
  addCatalogEntryInput,
  catalogInput,
  createReferralInput,
  updateCatalogEntryInput,
  listReferralsForClientInput,
  listServicesForClientInput,
  recordServiceInput,
} from './services.schema';

/** The catalog with names in all four languages; every signed-in role picks services from it. */
export const catalog = defineRead({
  name: 'services.catalog',
  input: catalogInput,
  access: 'signedIn',
  handler: async (ctx, input) => ({ items: await listCatalog(ctx.db, input) }),
});

export const addCatalogEntry = defineWrite({
  name: 'services.addCatalogEntry',
  input: addCatalogEntryInput,
  access: 'services.manageCatalog',
  handler: (w, input) => addEntry(w, input),
});

export const updateCatalogEntry = defineWrite({
  name: 'services.updateCatalogEntry',
  input: updateCatalogEntryInput,
  access: 'services.manageCatalog',
  handler: (w, input) => updateEntry(w, input),
});

export const record = defineWrite({
  name: 'services.record',
  input: recordServiceInput,
  access: 'services.write',
  invalidates: ['timeline.*'],
  handler: (w, input) => recordService(w, input),
});

/** A client's deliveries, newest first. */
export const listForClient = defineRead({
  name: 'services.listForClient',
  input: listServicesForClientInput,
  access: 'cases.read',
  handler: async (ctx, input) => {
    await requireClient(ctx.db, input.clientId);
    return { items: await listDeliveriesForClient(ctx.db, input.clientId) };
  },
});

export const createReferralMethod = defineWrite({
  name: 'services.createReferral',
  input: createReferralInput,
  access: 'services.write',
  invalidates: ['timeline.*'],
  handler: (w, input) => createReferral(w, input),
});

export const listReferrals = defineRead({
  name: 'services.listReferrals',
  input: listReferralsForClientInput,
  access: 'cases.read',
  handler: async (ctx, input) => {
    await requireClient(ctx.db, input.clientId);
    return { items: await listReferralsForClient(ctx.db, input.clientId) };
  },
});
