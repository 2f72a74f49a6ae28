import { AppError } from '../api/errors';
import { defineMethod } from '../api/method';
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
import { searchClients } from './clients.search';
import { getClient, registerClient, updateClient } from './clients.service';

export const register = defineMethod({
  name: 'clients.register',
  input: registerClientInput,
  access: 'clients.write',
  handler: (ctx, input) => registerClient(ctx, input),
});

export const update = defineMethod({
  name: 'clients.update',
  input: updateClientInput,
  access: 'clients.write',
  handler: (ctx, input) => updateClient(ctx, input),
});

export const get = defineMethod({
  name: 'clients.get',
  input: getClientInput,
  access: 'clients.read',
  handler: (ctx, input) => getClient(ctx, input.id),
});

export const search = defineMethod({
  name: 'clients.search',
  input: searchClientsInput,
  access: 'clients.read',
  handler: (ctx, input) => searchClients(ctx.core.store.require().db, input),
});

/** The side-by-side check the form runs before saving (register runs it again itself). */
export const findDuplicates = defineMethod({
  name: 'clients.findDuplicates',
  input: findDuplicatesInput,
  access: 'clients.read',
  handler: async (ctx, input) => {
    const birthYear = input.birthDate !== null ? Number(input.birthDate.slice(0, 4)) : input.estimatedBirthYear;
    if (birthYear === null) {
      throw new AppError('INVALID_INPUT', { issues: [{ path: ['birthDate'], code: 'custom', message: 'Give a date or year of birth' }] });
    }
    const { dup_key: dupKey } = clientNameKeys({ lastName: input.lastName, firstName: input.firstName, patronymic: null });
    const items = await findPossibleDuplicates(ctx.core.store.require().db, {
      dupKey,
      birthDate: input.birthDate,
      birthYear,
      excludeId: input.excludeId,
    });
    return { items };
  },
});

export const merge = defineMethod({
  name: 'clients.merge',
  input: mergeClientsInput,
  access: 'clients.merge',
  handler: (ctx, input) => mergeClients(ctx, input),
});

export const unmerge = defineMethod({
  name: 'clients.unmerge',
  input: unmergeClientsInput,
  access: 'clients.merge',
  handler: (ctx, input) => unmergeClients(ctx, input),
});

export const clientsMethods = [register, update, get, search, findDuplicates, merge, unmerge] as const;
