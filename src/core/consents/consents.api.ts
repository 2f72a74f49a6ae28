import { defineRead, defineWrite } from '../api/method';
import { requireClient } from '../clients/clients.guards';
import { consentOverview } from './consents.repository';
import { listConsentsInput, recordConsentInput } from './consents.schema';
import { recordConsent } from './consents.service';

/** `consents.record`: one decision (given, refused, withdrawn) for one purpose. */
export const record = defineWrite({
  name: 'consents.record',
  input: recordConsentInput,
  access: 'consents.write',
  invalidates: ['timeline.*'],
  handler: (w, input) => recordConsent(w, input),
});

/** `consents.list`: current state per purpose and the full history, for those who hold `consents.read`. */
export const list = defineRead({
  name: 'consents.list',
  input: listConsentsInput,
  access: 'consents.read',
  handler: async (ctx, input) => {
    await requireClient(ctx.db, input.clientId);
    return consentOverview(ctx.db, input.clientId);
  },
});
