import type { Kysely } from 'kysely';
import type { ApiClient } from '../client';
import type { AppErrorJson } from '../api/errors';
import type { Role } from '../api/permissions';
import { createTestCenter, type TestCenter } from '../center/test-center';
import type { ClientRecord, RegisterClientInput } from '../clients/clients.schema';
import type { Database } from '../db/database';

/**
 * For tests only: a set-up center (real encrypted database, real keyring at the test scrypt
 * cost) with one signed-in staff member per role, each an API client on its own connection that
 * goes through the router exactly as a transport does (validation, permissions, runWrite).
 */
export interface CareTestCenter {
  readonly center: TestCenter;
  /** Signed-in API clients by role. */
  readonly as: Readonly<Record<CareTestRole, ApiClient>>;
  /** Staff ids by role. */
  readonly staffId: Readonly<Record<CareTestRole, string>>;
  db(): Kysely<Database>;
  /** Registers a client as the receptionist; names vary by `tag` so no duplicate warning fires. */
  registerClient(tag: string, overrides?: Partial<RegisterClientInput>): Promise<ClientRecord>;
  dispose(): Promise<void>;
}

export type CareTestRole = Exclude<Role, 'supervisor'>;
const ROLES_TO_ADD: readonly Exclude<CareTestRole, 'administrator'>[] = ['receptionist', 'psychologist', 'trainer', 'manager'];

/** Distinct, plausible surnames, so no two test clients look like duplicates of each other. */
const SURNAMES = ['Karimova', 'Toshmatov', 'Yusupova', 'Rahimov', 'Abdullayeva', 'Nazarov', 'Saidova', 'Ergashev', 'Qodirova', 'Mirzayev'];

/**
 * @example
 * const t = await createCareTestCenter({ now: () => new Date('2026-11-25T05:00:00Z') });
 * const client = await t.registerClient('a');
 * await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-25' });
 */
export async function createCareTestCenter(options: { readonly now?: () => Date } = {}): Promise<CareTestCenter> {
  const center = await createTestCenter({ coreOptions: options.now ? { now: options.now } : {} });
  const admin = await center.signedIn(center.admin.username, center.admin.password, 'administrator');
  const as: Partial<Record<CareTestRole, ApiClient>> = { administrator: admin };
  const staffId: Partial<Record<CareTestRole, string>> = {};
  for (const role of ROLES_TO_ADD) {
    const { userId, temporaryPassword } = await admin.invoke('staff.add', { displayName: `Test ${role}`, username: `test-${role}`, role });
    const api = await center.signedIn(`test-${role}`, temporaryPassword, role);
    await api.invoke('auth.changePassword', { currentPassword: temporaryPassword, newPassword: `${role}-new-password-2026` });
    as[role] = api;
    staffId[role] = userId;
  }
  const me = await admin.invoke('auth.me', {});
  if (me === null) throw new Error('the administrator is not signed in');
  staffId.administrator = me.id;
  let registered = 0;
  return {
    center,
    as: as as Record<CareTestRole, ApiClient>,
    staffId: staffId as Record<CareTestRole, string>,
    db: () => center.core.services.store.require().db,
    async registerClient(tag, overrides = {}) {
      const surname = SURNAMES[registered % SURNAMES.length] ?? 'Karimova';
      registered += 1;
      const receptionist = as.receptionist;
      if (receptionist === undefined) throw new Error('no receptionist');
      const input: RegisterClientInput = {
        lastName: `${surname}${tag.replace(/[^a-z]/gi, '')}`,
        firstName: 'Dilnoza',
        patronymic: null,
        birthDate: '1985-03-14',
        sex: 'female',
        pinfl: null,
        phone: null,
        address: { regionCode: '1703', districtCode: '1703202', mahalla: null, street: null },
        categories: [],
        languages: ['uz'],
        identityDocument: null,
        remarks: null,
        ...overrides,
      };
      return receptionist.invoke('clients.register', input);
    },
    dispose: () => center.dispose(),
  };
}

/** The AppError JSON a rejected call carries (the client rethrows it as an AppError). */
export async function rejection(promise: Promise<unknown>): Promise<AppErrorJson> {
  try {
    await promise;
  } catch (error) {
    return error as AppErrorJson;
  }
  throw new Error('expected the call to fail');
}
