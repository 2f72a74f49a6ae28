import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient, type ApiClient } from '../client';
import { createCore, type Core, type CoreOptions } from '../app';
import { TEST_SCRYPT_PARAMS } from '../crypto/primitives';
import { silentLogger } from '../log';

/**
 * For tests only: a real core over a temporary folder with a set-up center (real encrypted
 * database, real keyring at the low test scrypt cost), and API clients bound to connections the
 * way a transport binds them. Calls go straight to the router with a JSON round trip, so nothing
 * a wire could not carry gets through.
 */
export interface TestCenter {
  readonly core: Core;
  readonly dataDir: string;
  readonly recoveryCode: string;
  readonly admin: { readonly username: string; readonly password: string };
  /** An API client on one connection (one window). */
  client(connectionId: string): ApiClient;
  /** A client on a new connection, already signed in. */
  signedIn(username: string, password: string, connectionId?: string): Promise<ApiClient>;
  /** Stops the core (keeps the folder: a test may start another core over it). */
  close(): Promise<void>;
  /** Stops the core and deletes the folder. */
  dispose(): Promise<void>;
}

export const TEST_CENTER = {
  name: 'Test markazi',
  type: 'mahalla',
  regionCode: '1726',
  districtCode: '1726262',
} as const;

export const TEST_ADMIN = { displayName: 'Test Administrator', username: 'admin', password: 'admin-password-42' } as const;

/** A client over an existing core (for a second core started over the same folder). */
export function clientOf(core: Core, connectionId: string): ApiClient {
  return createApiClient({
    async send(method, input) {
      const wire: unknown = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
      return JSON.parse(JSON.stringify(await core.call(connectionId, method, wire))) as Awaited<ReturnType<Core['call']>>;
    },
  });
}

/** Starts a core at the test scrypt cost over `dataDir`. */
export function startTestCore(dataDir: string, options: Partial<CoreOptions> = {}): Promise<Core> {
  return createCore({ dataDir, appVersion: '0.0.0-test', log: silentLogger, keySlotParams: TEST_SCRYPT_PARAMS, ...options });
}

/**
 * @example
 * const center = await createTestCenter();
 * const admin = await center.signedIn('admin', TEST_ADMIN.password);
 * await admin.invoke('staff.add', { displayName: 'Dilnoza', username: 'dilnoza', role: 'receptionist' });
 */
export async function createTestCenter(options: { center?: Partial<typeof TEST_CENTER>; coreOptions?: Partial<CoreOptions> } = {}): Promise<TestCenter> {
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-center-'));
  const core = await startTestCore(dataDir, options.coreOptions);
  const { recoveryCode } = await clientOf(core, 'setup').invoke('setup.createCenter', {
    center: { ...TEST_CENTER, ...options.center },
    admin: TEST_ADMIN,
  });
  let connectionCount = 0;
  const center: TestCenter = {
    core,
    dataDir,
    recoveryCode,
    admin: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
    client: (connectionId) => clientOf(core, connectionId),
    async signedIn(username, password, connectionId) {
      connectionCount += 1;
      const api = clientOf(core, connectionId ?? `test-${connectionCount}`);
      await api.invoke('auth.signIn', { username, password });
      return api;
    },
    close: () => core.close(),
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return center;
}
