import { defineMethod } from '../api/method';
import { requireClient } from '../cases/care-guards';
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
export const catalog = defineMethod({
  name: 'services.catalog',
  input: catalogInput,
  access: 'signedIn',
  handler: async (ctx, input) => ({ items: await listCatalog(ctx.core.store.require().db, input) }),
});

export const addCatalogEntry = defineMethod({
  name: 'services.addCatalogEntry',
  input: addCatalogEntryInput,
  access: 'services.manageCatalog',
  handler: (ctx, input) => addEntry(ctx, input),
});

export const updateCatalogEntry = defineMethod({
  name: 'services.updateCatalogEntry',
  input: updateCatalogEntryInput,
  access: 'services.manageCatalog',
  handler: (ctx, input) => updateEntry(ctx, input),
});

export const record = defineMethod({
  name: 'services.record',
  input: recordServiceInput,
  access: 'services.write',
  handler: (ctx, input) => recordService(ctx, input),
});

/** A client's deliveries, newest first. */
export const listForClient = defineMethod({
  name: 'services.listForClient',
  input: listServicesForClientInput,
  access: 'cases.read',
  handler: async (ctx, input) => {
    const { db } = ctx.core.store.require();
    await requireClient(db, input.clientId);
    return { items: await listDeliveriesForClient(db, input.clientId) };
  },
});

export const createReferralMethod = defineMethod({
  name: 'referrals.create',
  input: createReferralInput,
  access: 'services.write',
  handler: (ctx, input) => createReferral(ctx, input),
});

export const listReferrals = defineMethod({
  name: 'referrals.listForClient',
  input: listReferralsForClientInput,
  access: 'cases.read',
  handler: async (ctx, input) => {
    const { db } = ctx.core.store.require();
    await requireClient(db, input.clientId);
    return { items: await listReferralsForClient(db, input.clientId) };
  },
});

export const servicesMethods = [catalog, addCatalogEntry, updateCatalogEntry, record, listForClient, createReferralMethod, listReferrals] as const;
