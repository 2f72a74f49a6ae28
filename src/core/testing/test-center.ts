import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, appErrorFromJson, type AppErrorJson } from '../api/errors';
import { ROLES, type Role } from '../api/permissions';
import { createCore, type Core, type CoreOptions } from '../app';
import { createApiClient, type ApiClient } from '../client';
import type { CenterProfileInput } from '../center/center.schema';
import type { ClientRecord, RegisterClientInput } from '../clients/clients.schema';
import { TEST_SCRYPT_PARAMS } from '../crypto/primitives';
import type { ReadDb } from '../db/handles';
import type { OpenStore } from '../db/store';
import { silentLogger } from '../log';

/**
 * For tests only: the one test center. A real core over a temporary folder, set up through the
 * real `setup.createCenter`, with one real staff member per role: added by the administrator
 * through `staff.add`, signed in through the keyring (`auth.signIn`) and past the temporary
 * password through `auth.changePassword`, as a person would. Key slots use the low test scrypt
 * cost. Calls go through the router with a JSON round trip, so nothing a wire could not carry
 * gets through.
 */
export interface TestCenter<R extends Role = Role> {
  readonly core: Core;
  readonly dataDir: string;
  readonly recoveryCode: string;
  /** The setup's administrator (signed in as `as.administrator` unless `roles` leaves it out). */
  readonly admin: TestStaff;
  /** Signed-in, typed API clients by role, each on its own connection named after the role. */
  readonly as: Readonly<Record<R, TestClient>>;
  /** The staff member behind each of `as`, with the password they now sign in with. */
  readonly staff: Readonly<Record<R, TestStaff>>;
  /** Staff ids by role (the same ids as `staff[role].id`). */
  readonly staffId: Readonly<Record<R, string>>;
  /** A read handle on the open database, for assertions. */
  db(): ReadDb;
  /**
   * The open store itself (Kysely that writes, the raw SQLite handle), for tests that act behind
   * the API's back: a careless future feature's SQL, a tampering user, a simulated failure.
   */
  behindTheApi(): OpenStore;
  /** A client on one connection (one window), not signed in. */
  client(connectionId: string): TestClient;
  /** A client on a new connection (or the one named), signed in through `auth.signIn`. */
  signedIn(username: string, password: string, connectionId?: string): Promise<TestClient>;
  /** Registers a client as the receptionist; names vary by `tag` so no duplicate warning fires. */
  registerClient(tag: string, overrides?: Partial<RegisterClientInput>): Promise<ClientRecord>;
  /** Stops the core (keeps the folder: a test may start another core over it). */
  close(): Promise<void>;
  /** Stops the core and deletes the folder. */
  dispose(): Promise<void>;
}

export interface TestStaff {
  readonly id: string;
  readonly username: string;
  readonly password: string;
}

/** A typed API client on one connection. */
export interface TestClient extends ApiClient {
  readonly connectionId: string;
  /**
   * Untyped: only for tests that deliberately send what the types forbid (a wrong field, an
   * unknown method). Resolves with the result or rejects with the AppError, as `invoke` does.
   */
  sendUntyped(method: string, input: unknown): Promise<unknown>;
}

export interface TestCenterOptions<R extends Role> {
  /** The roles to sign in (default: every role). `[]` leaves the center as setup made it: one administrator, nobody signed in. */
  readonly roles?: readonly R[];
  /** The core's clock. */
  readonly now?: () => Date;
  readonly center?: Partial<CenterProfileInput>;
  /** Set the center up as a demonstration center (the only kind `cli seed` fills). */
  readonly isDemonstration?: boolean;
  /** Any other core option (the data folder is the test center's own). */
  readonly coreOptions?: Partial<Omit<CoreOptions, 'dataDir'>>;
}

export const TEST_CENTER = {
  name: 'Test markazi',
  type: 'mahalla',
  regionCode: '1726',
  districtCode: '1726262',
} as const;

export const TEST_ADMIN = { displayName: 'Test Administrator', username: 'admin', password: 'admin-password-42' } as const;

/** Distinct, plausible surnames, so no two test clients look like duplicates of each other. */
const SURNAMES = ['Karimova', 'Toshmatov', 'Yusupova', 'Rahimov', 'Abdullayeva', 'Nazarov', 'Saidova', 'Ergashev', 'Qodirova', 'Mirzayev'];

/** A typed client over a core (for a second core started over the same folder). */
export function clientOf(core: Core, connectionId: string): TestClient {
  const send = async (method: string, input: unknown) => {
    const wire: unknown = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
    return JSON.parse(JSON.stringify(await core.call(connectionId, method, wire))) as Awaited<ReturnType<Core['call']>>;
  };
  const api = createApiClient({ send });
  return {
    connectionId,
    invoke: (method, input) => api.invoke(method, input),
    async sendUntyped(method, input) {
      const outcome = await send(method, input);
      if (!outcome.ok) throw appErrorFromJson(outcome.error);
      return outcome.result;
    },
  };
}

/**
 * Buffered reads are written at sign-out, lock and stop as in the app, but on a slow timer: a
 * test that counts audit events does not depend on whether a 5-second tick fell inside it. The
 * read audit's own tests pass their own window.
 */
const TEST_READ_AUDIT = { flushEveryMs: 10 * 60_000 };

/** Starts a core at the test scrypt cost over `dataDir`, not set up. */
export function startTestCore(dataDir: string, options: Partial<Omit<CoreOptions, 'dataDir'>> = {}): Promise<Core> {
  return createCore({ dataDir, appVersion: '0.0.0-test', log: silentLogger, keySlotParams: TEST_SCRYPT_PARAMS, readAudit: TEST_READ_AUDIT, ...options });
}

/** Signs in on a new connection (or the one named); connection ids count up per core. */
type SignIn = (username: string, password: string, connectionId?: string) => Promise<TestClient>;

function signInTo(core: Core): SignIn {
  let connectionCount = 0;
  return async (username, password, connectionId) => {
    connectionCount += 1;
    const api = clientOf(core, connectionId ?? `test-${connectionCount}`);
    await api.invoke('auth.signIn', { username, password });
    return api;
  };
}

/** What a set-up center holds: who can sign in, with what, and its recovery code. */
interface CenterFacts {
  readonly recoveryCode: string;
  readonly admin: TestStaff;
  /** The staff of the asked-for roles (the administrator only if asked for). */
  readonly staff: Readonly<Partial<Record<Role, TestStaff>>>;
}

/** The real setup, then the administrator adds one staff member per role and each changes the temporary password. */
async function setUpCenter(core: Core, signedIn: SignIn, roles: readonly Role[], center: Partial<CenterProfileInput> | undefined, isDemonstration = false) {
  const { recoveryCode } = await clientOf(core, 'setup').invoke('setup.createCenter', { center: { ...TEST_CENTER, ...center }, admin: TEST_ADMIN, isDemonstration });
  const adminRow = await core.services.store.require().db.selectFrom('staff').select('id').where('username', '=', TEST_ADMIN.username).executeTakeFirstOrThrow();
  const admin: TestStaff = { id: adminRow.id, username: TEST_ADMIN.username, password: TEST_ADMIN.password };
  const as: Partial<Record<Role, TestClient>> = {};
  const staff: Partial<Record<Role, TestStaff>> = {};
  if (roles.length > 0) {
    // The administrator adds the others, so it signs in even when its own role is not asked for.
    const adminApi = await signedIn(admin.username, admin.password, 'administrator');
    if (roles.includes('administrator')) {
      as.administrator = adminApi;
      staff.administrator = admin;
    }
    for (const role of roles) {
      if (role === 'administrator') continue;
      const username = `test-${role}`;
      const { userId, temporaryPassword } = await adminApi.invoke('staff.add', { displayName: `Test ${role}`, username, role });
      const password = `${role}-new-password-2026`;
      const api = await signedIn(username, temporaryPassword, role);
      await api.invoke('auth.changePassword', { currentPassword: temporaryPassword, newPassword: password });
      as[role] = api;
      staff[role] = { id: userId, username, password };
    }
    if (!roles.includes('administrator')) await adminApi.invoke('auth.signOut', {});
  }
  const facts: CenterFacts = { recoveryCode, admin, staff };
  return { facts, as };
}

function assemble<R extends Role>(core: Core, dataDir: string, signedIn: SignIn, facts: CenterFacts, as: Partial<Record<Role, TestClient>>): TestCenter<R> {
  let registered = 0;
  return {
    core,
    dataDir,
    recoveryCode: facts.recoveryCode,
    admin: facts.admin,
    as: as as Record<R, TestClient>,
    staff: facts.staff as Record<R, TestStaff>,
    staffId: Object.fromEntries(Object.entries(facts.staff).map(([role, member]) => [role, member.id])) as Record<R, string>,
    db: () => core.services.store.require().db,
    behindTheApi: () => core.services.store.require(),
    client: (connectionId) => clientOf(core, connectionId),
    signedIn,
    async registerClient(tag, overrides = {}) {
      const receptionist = as.receptionist;
      if (receptionist === undefined) throw new Error('this test center has no receptionist signed in');
      const surname = SURNAMES[registered % SURNAMES.length] ?? 'Karimova';
      registered += 1;
      return receptionist.invoke('clients.register', {
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
      });
    },
    close: () => core.close(),
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function coreOptionsOf(options: TestCenterOptions<Role>): Partial<Omit<CoreOptions, 'dataDir'>> {
  return { ...(options.now ? { now: options.now } : {}), ...options.coreOptions };
}

/** Starts a core over `dataDir` and runs `work`; stops the core and removes the folder if `work` fails. */
async function withNewCore<T>(dataDir: string, options: TestCenterOptions<Role>, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await startTestCore(dataDir, coreOptionsOf(options));
  try {
    return await work(core);
  } catch (error) {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * @example
 * const t = await createTestCenter({ now: () => new Date('2026-11-25T05:00:00Z') });
 * const client = await t.registerClient('a');
 * await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-25' });
 * await t.dispose();
 */
export async function createTestCenter<const R extends Role = Role>(options: TestCenterOptions<R> = {}): Promise<TestCenter<R>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-center-'));
  return withNewCore(dataDir, options, async (core) => {
    const signedIn = signInTo(core);
    const { facts, as } = await setUpCenter(core, signedIn, options.roles ?? ROLES, options.center, options.isDemonstration);
    return assemble<R>(core, dataDir, signedIn, facts, as);
  });
}

export interface TestCenterTemplate<R extends Role> {
  /** A fresh center: a copy of the template's folder, on a new core, every asked-for role signed in. */
  copy(): Promise<TestCenter<R>>;
  /** Removes the template's folder. */
  dispose(): Promise<void>;
}

/**
 * For files that need a fresh center in every test: sets one center up, once and exactly as
 * `createTestCenter` does, then gives each test a copy of its folder on a new core, with every
 * role signed in again through the keyring, as after a restart. A copy costs the sign-ins, not
 * the setup and the staff's slots (about a third of the time; see the commit).
 *
 * @example
 * const centers = createTestCenterTemplate({ now: () => NOW });
 * beforeEach(async () => { t = await centers.copy(); });
 * afterEach(() => t.dispose());
 * afterAll(() => centers.dispose());
 */
export function createTestCenterTemplate<const R extends Role = Role>(
  options: TestCenterOptions<R> = {},
  /** Runs once on the template's center before it is copied (key grants, shared records). */
  prepare?: (center: TestCenter<R>) => Promise<void>,
): TestCenterTemplate<R> {
  let built: Promise<{ readonly dataDir: string; readonly facts: CenterFacts }> | null = null;
  const build = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inson-template-'));
    const facts = await withNewCore(dataDir, options, async (core) => {
      const signedIn = signInTo(core);
      const { facts: made, as } = await setUpCenter(core, signedIn, options.roles ?? ROLES, options.center, options.isDemonstration);
      if (prepare) await prepare(assemble<R>(core, dataDir, signedIn, made, as));
      // Closing checkpoints the WAL, so the folder alone is the center.
      await core.close();
      return made;
    });
    return { dataDir, facts };
  };
  return {
    async copy() {
      built ??= build();
      const template = await built;
      const dataDir = mkdtempSync(join(tmpdir(), 'inson-center-'));
      cpSync(template.dataDir, dataDir, { recursive: true });
      return withNewCore(dataDir, options, async (core) => {
        const signedIn = signInTo(core);
        const as: Partial<Record<Role, TestClient>> = {};
        for (const [role, member] of Object.entries(template.facts.staff) as [Role, TestStaff][]) {
          as[role] = await signedIn(member.username, member.password, role);
        }
        return assemble<R>(core, dataDir, signedIn, template.facts, as);
      });
    },
    async dispose() {
      if (built === null) return;
      const { dataDir } = await built;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The AppError JSON a rejected call carries (what crossed the wire), or a failed test if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<AppErrorJson> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.toJSON();
    throw error;
  }
  throw new Error('expected the call to fail');
}
