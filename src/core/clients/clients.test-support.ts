import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../api/permissions';
import { createCore, type Core } from '../app';
import { TEST_SCRYPT_PARAMS } from '../crypto/primitives';
import { silentLogger } from '../log';

/**
 * For tests only: a core over a fresh encrypted database with staff rows and signed-in sessions on
 * connections named after their roles (`receptionist`, `administrator`, `trainer`), so tests call
 * the real router (validation, permissions, runWrite) the way a transport does.
 */
export interface ClientsTestCore {
  readonly core: Core;
  readonly dataDir: string;
  /** Calls a method and returns its result, or throws the AppError JSON the router answered. */
  call<T = unknown>(connection: Role, method: string, input: unknown): Promise<T>;
  dispose(): Promise<void>;
}

export const TEST_ROLES: readonly Role[] = ['receptionist', 'administrator', 'trainer', 'manager'];

export async function createClientsTestCore(options: { readonly now?: () => Date } = {}): Promise<ClientsTestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-clients-'));
  const core = await createCore({
    dataDir,
    appVersion: '0.0.0-test',
    log: silentLogger,
    keySlotParams: TEST_SCRYPT_PARAMS,
    ...(options.now ? { now: options.now } : {}),
  });
  const store = await core.services.store.open(randomBytes(32).toString('hex'), { mode: 'create' });
  const at = new Date().toISOString();
  for (const role of TEST_ROLES) {
    await store.db
      .insertInto('staff')
      .values({ id: `staff-${role}`, username: role, display_name: role, role, created_at: at, updated_at: at })
      .execute();
    core.services.sessions.set(role, {
      userId: `staff-${role}`,
      username: role,
      displayName: role,
      role,
      mustChangePassword: false,
      isLocked: false,
      lastActivityMs: Date.now(),
    });
  }
  return {
    core,
    dataDir,
    async call<T>(connection: Role, method: string, input: unknown): Promise<T> {
      const outcome = await core.call(connection, method, input);
      if (!outcome.ok) throw outcome.error;
      return outcome.result as T;
    },
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
