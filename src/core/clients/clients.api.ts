import { invalidInput } from '../api/errors';
import { defineRead, defineWrite } from '../api/method';
import { clientNameKeys, findPossibleDuplicates } from './clients.repository';
import { mergeClients, unmergeClients } from './clients.merge';
import {
  findDuplicatesInput,
  getClientInput,
  mergeClientsInput,
  registerClientInput,
  searchClientsInput,
  unmergeClientsInput,
  updateClientInput,
} from './clients.schema';
import { clientSearchItemView, clientView, possibleDuplicateView, seesClientField } from './clients.policy';
import { searchClients } from './clients.search';
import { getClient, registerClient, updateClient } from './clients.service';

export const register = defineWrite({
  name: 'clients.register',
  input: registerClientInput,
  access: 'clients.write',
  handler: (w, input) => registerClient(w, input),
});

export const update = defineWrite({
  name: 'clients.update',
  input: updateClientInput,
  access: 'clients.write',
  handler: (w, input) => updateClient(w, input),
});

export const get = defineRead({
  name: 'clients.get',
  input: getClientInput,
  access: 'clients.read',
  handler: async (ctx, input) => {
    const record = await getClient(ctx.db, input.id, ctx.now);
    ctx.noteRead({ entityType: 'client', entityId: record.id });
    return clientView(ctx.actor.role, record);
  },
});

/**
 * The list itself is not a read of each record (opening one is, through `clients.get`). A role
 * finds people only by what its view shows: a trainer's digits never match a PINFL, nor her
 * typed date a date of birth, so the search cannot be asked what the answer would not show.
 */
export const search = defineRead({
  name: 'clients.search',
  input: searchClientsInput,
  access: 'clients.read',
  handler: async (ctx, input) => {
    const role = ctx.actor.role;
    const sees = (field: Parameters<typeof seesClientField>[1]) => seesClientField(role, field);
    if (!sees('name')) return { items: [], total: 0 };
    const result = await searchClients(ctx.db, {
      ...input,
      birthDate: sees('birthDate') ? input.birthDate : undefined,
      matchOn: { pinfl: sees('pinfl'), phone: sees('phone'), birthDate: sees('birthDate'), birthYear: sees('birthYear') },
    });
    return { items: result.items.map((item) => clientSearchItemView(role, item)), total: result.total };
  },
});

/** The side-by-side check the form runs before saving (register runs it again itself). */
export const findDuplicates = defineRead({
  name: 'clients.findDuplicates',
  input: findDuplicatesInput,
  access: 'clients.write',
  handler: async (ctx, input) => {
    const birthYear = input.birthDate !== null ? Number(input.birthDate.slice(0, 4)) : input.estimatedBirthYear;
    if (birthYear === null) {
      throw invalidInput(['birthDate'], 'custom', 'Give a date or year of birth');
    }
    const { dup_key: dupKey } = clientNameKeys({ lastName: input.lastName, firstName: input.firstName, patronymic: null });
    const items = await findPossibleDuplicates(ctx.db, {
      dupKey,
      birthDate: input.birthDate,
      birthYear,
      excludeId: input.excludeId,
    });
    return { items: items.map((item) => possibleDuplicateView(ctx.actor.role, item)) };
  },
});

export const merge = defineWrite({
  name: 'clients.merge',
  input: mergeClientsInput,
  access: 'clients.merge',
  invalidates: ['timeline.*', 'cases.*', 'services.*', 'consents.*'],
  handler: (w, input) => mergeClients(w, input),
});

export const unmerge = defineWrite({
  name: 'clients.unmerge',
  input: unmergeClientsInput,
  access: 'clients.merge',
  invalidates: ['timeline.*', 'cases.*', 'services.*', 'consents.*'],
  handler: (w, input) => unmergeClients(w, input),
});
