import { defineMethod } from '../api/method';
import { requireClient } from '../cases/care-guards';
import { consentOverview } from './consents.repository';
import { listConsentsInput, recordConsentInput } from './consents.schema';
import { recordConsent } from './consents.service';

/** `consents.record`: one decision (given, refused, withdrawn) for one purpose. */
export const record = defineMethod({
  name: 'consents.record',
  input: recordConsentInput,
  access: 'consents.write',
  handler: (ctx, input) => recordConsent(ctx, input),
});

/** `consents.list`: current state per purpose and the full history. Anyone who may see the client may see this. */
export const list = defineMethod({
  name: 'consents.list',
  input: listConsentsInput,
  access: 'clients.read',
  handler: async (ctx, input) => {
    const { db } = ctx.core.store.require();
    await requireClient(db, input.clientId);
    return consentOverview(db, input.clientId);
  },
});

export const consentsMethods = [record, list] as const;
